#pragma once

#include "core/reconciliation/DayCutOff.h"
#include "core/reconciliation/Discrepancy.h"
#include "core/reconciliation/KeyChains.h"
#include "core/reconciliation/MatchOutcome.h"
#include "core/reconciliation/ReconciliationSummary.h"
#include "core/reconciliation/RecordCodec.h"

#include <atomic>
#include <optional>
#include <vector>

namespace paydesk {

// What every partition of one match shares.
struct PartitionContext
{
    DayCutOff cutOff;
    Currency currency;
    const QStringList *files = nullptr; // the statement files channel records name by index
    const std::atomic<bool> *cancel = nullptr;
    const DiscrepancyHandler *onDiscrepancy = nullptr;
};

// Matches one partition in memory: every record of both sides whose order numbers hash alike, in
// arrival order, a bucket at a time. Counts each outcome into the summary and hands every
// discrepancy on. One matcher serves all partitions of a match, reusing its buffers.
//
// Keys (DESIGN §8), always within one order number, so that a partition holds all a record can
// match: payments by the channel's transaction id, then by the order number when one side lacks
// the id (our side does when the callback never came); refunds by our refund number, then by the
// channel's refund number when one side lacks ours. Two different ids never match.
class PartitionMatcher
{
public:
    PartitionMatcher(const PartitionContext &context, ReconciliationSummary &summary);

    // InvalidArgument for bytes that are not whole records, ArithmeticOverflow, Cancelled.
    Status match(QByteArrayView records);

    // What matching takes per record beside the record itself, for the memory budget: the
    // record's place before and after sorting into buckets, and its bucket.
    static constexpr qint64 kIndexBytesPerRecord = 24;
    // Records per bucket, about: a bucket's indexes fit in the processor's cache.
    static constexpr qsizetype kBucketRecords = 4096;

private:
    using View = RecordCodec::View;
    struct Ids;
    struct HashedIds;

    Status matchBucket(const char *const *records, qsizetype recordCount);
    bool decode(const char *const *records, qsizetype recordCount);
    void indexPlatform();
    Status matchLine(qint32 line);
    qint32 partnerOf(const View &line, const HashedIds &ids) const;
    qint32 earlierListing(qint32 line, const HashedIds &ids);
    Status count(MatchOutcome::Outcome outcome, RecordType type, const View *line, const View *record,
                 const View *firstListing = nullptr);
    Status checkCancel();

    const PartitionContext &m_context;
    ReconciliationSummary &m_summary;
    // The partition's records in arrival order, their buckets, and sorted by bucket: kept from one
    // partition to the next so that their memory is reused.
    std::vector<const char *> m_arrived;
    std::vector<quint32> m_bucketOf;
    std::vector<size_t> m_starts;
    std::vector<size_t> m_next;
    std::vector<const char *> m_sorted;
    qint64 m_done = 0;           // records looked at, for checking the cancel flag now and then
    std::vector<View> m_lines;   // the bucket's channel side
    std::vector<View> m_records; // our side
    std::vector<bool> m_recordMatched;
    std::optional<KeyChains> m_byPrimaryId;   // payments: transaction id; refunds: our refund number
    std::optional<KeyChains> m_bySecondaryId; // payments: order number; refunds: channel refund number
    std::optional<KeyChains> m_listed;        // lines seen so far, for duplicates
};

} // namespace paydesk
