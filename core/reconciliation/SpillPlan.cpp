#include "core/reconciliation/SpillPlan.h"

#include "core/reconciliation/PartitionMatcher.h"
#include "core/reconciliation/PartitionSpill.h"

#include <algorithm>

namespace paydesk {

namespace {
constexpr int kUnknownDayFanOut = 64;
constexpr int kMaxFanOut = 256;
// Big enough that spreading a day over the files stays cheap (few write streams at once), small
// enough that the read buffers stay small; matching goes a cache-sized bucket at a time anyway.
constexpr qint64 kPreferredPartitionBytes = qint64(32) << 20;
constexpr qsizetype kMinWriteBufferBytes = qsizetype(4) << 10;
constexpr qsizetype kMaxWriteBufferBytes = qsizetype(1) << 20;
} // namespace

SpillPlan::SpillPlan(const ReconciliationOptions &options)
    : m_budget(options.memoryBudgetBytes), m_threads(std::max(1, options.matchThreads)),
      m_directory(options.spillDirectory)
{
}

qint64 SpillPlan::memoryFor(qint64 bytes, qint64 records)
{
    return bytes + records * PartitionMatcher::kIndexBytesPerRecord;
}

// Half the budget for the partitions being matched, shared by the threads; the rest for write
// buffers and the discrepancies on their way out.
qint64 SpillPlan::partitionTarget() const
{
    return m_budget / (2 * qint64(m_threads));
}

int SpillPlan::fanOutFor(qint64 estimatedMemory) const
{
    const qint64 target = std::min(partitionTarget(), kPreferredPartitionBytes);
    const qint64 wanted = (estimatedMemory + target - 1) / target;
    int partitions = 2;
    while (partitions < wanted && partitions < kMaxFanOut)
        partitions *= 2;
    return partitions;
}

int SpillPlan::unknownDayFanOut() const
{
    return kUnknownDayFanOut;
}

std::unique_ptr<PartitionSpill> SpillPlan::newSpill(int partitions, int level) const
{
    // All buffers together take an eighth of the budget.
    const qint64 each = m_budget / (8 * qint64(partitions));
    const qsizetype bufferBytes = qsizetype(std::clamp<qint64>(each, kMinWriteBufferBytes, kMaxWriteBufferBytes));
    return std::make_unique<PartitionSpill>(partitions, level, m_directory, bufferBytes);
}

} // namespace paydesk
