#pragma once

#include "core/reconciliation/Discrepancy.h"
#include "core/reconciliation/ReconciliationOptions.h"
#include "core/reconciliation/ReconciliationSummary.h"

#include <QByteArray>
#include <QHash>
#include <QStringList>

#include <memory>

namespace paydesk {

class PartitionSpill;
class SpillPlan;

// The heart of reconciliation (对账): matches a channel's statement against our payments and
// refunds of one business day, channel-neutral, with no database.
//
// Both sides stream in, in any order and interleaved: the statement's lines as ChannelRecords
// (ChannelRecord::fromStatementLine), our payments paid and refunds succeeded that day as
// PlatformRecords, and the items the previous day carried over (record.carried set). finish()
// then counts what matched and hands every other item to the caller as a Discrepancy.
//
// Memory stays within options.memoryBudgetBytes whatever the day's size (a partitioned, "Grace",
// hash join): a day that fits is matched in memory; a larger one is spread over temporary files
// by a hash of the order number (a refund's: its payment's transaction id) and matched one partition at a time, a
// partition still too large being split again. Only a single order number with more records than the budget holds
// exceeds it. Partitions are matched on options.matchThreads threads; discrepancies still reach the handler on the
// calling thread, partition by partition, and within one in the order the records came.
//
// Not thread-safe; the cancel flag may be set from any thread. After an error, or finish(), the
// matcher is spent: every further call fails.
class ReconciliationMatcher
{
public:
    explicit ReconciliationMatcher(ReconciliationOptions options);
    ~ReconciliationMatcher();
    ReconciliationMatcher(const ReconciliationMatcher &) = delete;
    ReconciliationMatcher &operator=(const ReconciliationMatcher &) = delete;

    // InvalidArgument or CurrencyMismatch for a record RecordChecks refuses (or invalid options),
    // ArithmeticOverflow when a side's totals would overflow, FileUnwritable, Cancelled.
    Status addChannel(const ChannelRecord &record);
    Status addPlatform(const PlatformRecord &record);

    // Matches everything added. `onDiscrepancy` returning false stops it with Cancelled.
    // Errors as above, and FileUnreadable.
    Result<ReconciliationSummary> finish(const DiscrepancyHandler &onDiscrepancy);

private:
    Status usable() const;
    Status fail(Status status);
    Status keepChannel(const ChannelRecord &record);
    Status keepPlatform(const PlatformRecord &record);
    Status keep(bool encoded);
    Status startSpilling();
    quint32 fileIndex(const QString &file);

    ReconciliationOptions m_options;
    std::unique_ptr<SpillPlan> m_plan;
    Status m_state; // the first error, which every later call returns
    bool m_finished = false;
    ReconciliationSummary m_summary;
    // Until the day outgrows the budget, its records in one buffer (one partition, no files).
    QByteArray m_memory;
    qint64 m_memoryRecords = 0;
    std::unique_ptr<PartitionSpill> m_spill;
    QByteArray m_encoded; // one record on its way to the spill
    QStringList m_files;  // the statement files the lines came from, by index
    QHash<QString, quint32> m_fileIndexes;
};

} // namespace paydesk
