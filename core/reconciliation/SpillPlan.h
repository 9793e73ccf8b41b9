#pragma once

#include "core/reconciliation/ReconciliationOptions.h"

#include <memory>

namespace paydesk {

class PartitionSpill;

// How large the matcher lets things grow once a day leaves memory: into how many files it is
// spread, how large each file's write buffer is, and when a partition is small enough to be
// matched in memory (each matching thread holds one at a time).
class SpillPlan
{
public:
    explicit SpillPlan(const ReconciliationOptions &options);

    // What matching `records` records of `bytes` encoded bytes takes in memory, indexes included.
    static qint64 memoryFor(qint64 bytes, qint64 records);
    bool fits(qint64 bytes, qint64 records) const { return memoryFor(bytes, records) <= partitionTarget(); }
    qint64 partitionTarget() const;
    // Enough partitions for `estimatedMemory` to come out at a few megabytes each when the files
    // allow (a power of two, at most 256).
    int fanOutFor(qint64 estimatedMemory) const;
    // For a day of unknown size.
    int unknownDayFanOut() const;
    std::unique_ptr<PartitionSpill> newSpill(int partitions, int level) const;

    int threads() const { return m_threads; }
    const QString &directory() const { return m_directory; }

    // A partition split this often and still too large is matched as it is.
    static constexpr int kMaxSplitLevel = 4;

private:
    qint64 m_budget = 0;
    int m_threads = 1;
    QString m_directory;
};

} // namespace paydesk
