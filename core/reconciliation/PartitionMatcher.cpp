#include "core/reconciliation/PartitionMatcher.h"

#include "core/reconciliation/IdHash.h"

namespace paydesk {

namespace {
using View = RecordCodec::View;

constexpr qint64 kCancelCheckEvery = 1024;
// Buckets by a hash of their own, unrelated to any partition level's.
constexpr size_t kBucketSeed = 0xC2B2AE3D27D4EB4FULL;

Error malformed()
{
    return Error(ErrorCode::InvalidArgument, QStringLiteral("reconciliation partition malformed"));
}

size_t idHash(QByteArrayView id)
{
    return id.isEmpty() ? 0 : IdHash::of(id);
}

size_t keyHash(RecordType type, quint64 orderHash, size_t idHash)
{
    const size_t seed = type == RecordType::Refund ? 0x5bd1e995U : 0x1b873593U;
    return IdHash::mixed(orderHash ^ IdHash::mixed(idHash, seed), seed);
}
} // namespace

// A record's two ids: payments by transaction id, then by the order number alone (no second id);
// refunds by our refund number, then by the channel's. Hashed only where a key is made.
struct PartitionMatcher::Ids
{
    QByteArrayView primary;
    QByteArrayView secondary;

    explicit Ids(const View &view)
        : primary(view.type() == RecordType::Payment ? view.channelTransactionId() : view.refundNo()),
          secondary(view.type() == RecordType::Payment ? QByteArrayView() : view.channelRefundNo())
    {
    }
};

// A line's ids with their hashes, made once for finding both its earlier listing and its partner.
struct PartitionMatcher::HashedIds : Ids
{
    size_t primaryHash = 0;
    size_t secondaryHash = 0;

    explicit HashedIds(const View &view) : Ids(view), primaryHash(idHash(primary)), secondaryHash(idHash(secondary)) {}
};

PartitionMatcher::PartitionMatcher(const PartitionContext &context, ReconciliationSummary &summary)
    : m_context(context), m_summary(summary)
{
}

Status PartitionMatcher::checkCancel()
{
    if (++m_done % kCancelCheckEvery == 0 && m_context.cancel && m_context.cancel->load(std::memory_order_relaxed))
        return Error(ErrorCode::Cancelled);
    return {};
}

// The partition's records, then a stable counting sort of them into buckets of a few thousand by
// another hash of the order number: matched a bucket at a time, the indexes stay in the
// processor's cache however large the partition, and each bucket keeps the arrival order.
Status PartitionMatcher::match(QByteArrayView records)
{
    m_arrived.clear();
    m_bucketOf.clear();
    const size_t buckets = size_t(records.size() / (kBucketRecords * 100)) + 1; // about 100 bytes a record
    qsizetype at = 0;
    quint32 size = 0;
    quint32 orderHash = 0;
    while (at < records.size()) {
        if (!RecordCodec::peek(records.sliced(at), &size, &orderHash))
            return malformed();
        m_arrived.push_back(records.data() + at);
        m_bucketOf.push_back(quint32(IdHash::mixed(orderHash, kBucketSeed) % buckets));
        at += size;
    }
    if (buckets == 1)
        return matchBucket(m_arrived.data(), qsizetype(m_arrived.size()));

    m_starts.assign(buckets + 1, 0);
    for (const quint32 bucket : m_bucketOf)
        ++m_starts[bucket + 1];
    for (size_t bucket = 1; bucket <= buckets; ++bucket)
        m_starts[bucket] += m_starts[bucket - 1];
    m_sorted.resize(m_arrived.size());
    m_next.assign(m_starts.begin(), m_starts.end() - 1);
    for (size_t i = 0; i < m_arrived.size(); ++i)
        m_sorted[m_next[m_bucketOf[i]]++] = m_arrived[i];
    for (size_t bucket = 0; bucket < buckets; ++bucket) {
        const size_t first = m_starts[bucket];
        if (auto matched = matchBucket(m_sorted.data() + first, qsizetype(m_starts[bucket + 1] - first)); !matched)
            return matched;
    }
    return {};
}

Status PartitionMatcher::matchBucket(const char *const *records, qsizetype recordCount)
{
    if (!decode(records, recordCount))
        return malformed();
    indexPlatform();
    m_listed.emplace(qsizetype(m_lines.size()));
    for (qint32 line = 0; line < qint32(m_lines.size()); ++line) {
        if (auto checked = checkCancel(); !checked)
            return checked;
        if (auto matched = matchLine(line); !matched)
            return matched;
    }
    for (qint32 index = 0; index < qint32(m_records.size()); ++index) {
        if (auto checked = checkCancel(); !checked)
            return checked;
        if (m_recordMatched[size_t(index)])
            continue;
        const View &record = m_records[size_t(index)];
        const MatchOutcome::Outcome outcome = MatchOutcome::ofRecordAlone(record, m_context.cutOff);
        if (auto counted = count(outcome, record.type(), nullptr, &record); !counted)
            return counted;
    }
    return {};
}

bool PartitionMatcher::decode(const char *const *records, qsizetype recordCount)
{
    m_lines.clear();
    m_records.clear();
    View view;
    for (qsizetype i = 0; i < recordCount; ++i) {
        if (!RecordCodec::decode(records[i], &view))
            return false;
        (view.header.side == RecordCodec::Side::Channel ? m_lines : m_records).push_back(view);
    }
    m_recordMatched.assign(m_records.size(), false);
    return true;
}

void PartitionMatcher::indexPlatform()
{
    m_byPrimaryId.emplace(qsizetype(m_records.size()));
    m_bySecondaryId.emplace(qsizetype(m_records.size()));
    // Backwards, so that each chain lists records in arrival order.
    for (qint32 index = qint32(m_records.size()) - 1; index >= 0; --index) {
        const View &record = m_records[size_t(index)];
        const Ids ids(record);
        const RecordType type = record.type();
        const quint64 orderHash = record.header.orderHash;
        if (!ids.primary.isEmpty())
            m_byPrimaryId->insert(keyHash(type, orderHash, idHash(ids.primary)), index);
        if (type == RecordType::Payment || !ids.secondary.isEmpty())
            m_bySecondaryId->insert(keyHash(type, orderHash, idHash(ids.secondary)), index);
    }
}

// The first record not matched yet that the line's keys find, or KeyChains::kEnd.
qint32 PartitionMatcher::partnerOf(const View &line, const HashedIds &ids) const
{
    const RecordType type = line.type();
    const quint64 orderHash = line.header.orderHash;
    const auto candidate = [&](qint32 index) {
        const View &record = m_records[size_t(index)];
        return !m_recordMatched[size_t(index)] && record.type() == type && record.header.orderHash == orderHash &&
               record.groupId() == line.groupId();
    };
    if (!ids.primary.isEmpty()) {
        for (qint32 index = m_byPrimaryId->first(keyHash(type, orderHash, ids.primaryHash)); index != KeyChains::kEnd;
             index = m_byPrimaryId->next(index)) {
            if (candidate(index) && Ids(m_records[size_t(index)]).primary == ids.primary)
                return index;
        }
    }
    if (type == RecordType::Refund && ids.secondary.isEmpty())
        return KeyChains::kEnd;
    // The second key only where one side lacks the first: two different first ids never match.
    for (qint32 index = m_bySecondaryId->first(keyHash(type, orderHash, ids.secondaryHash)); index != KeyChains::kEnd;
         index = m_bySecondaryId->next(index)) {
        if (!candidate(index))
            continue;
        const Ids recordIds(m_records[size_t(index)]);
        if ((ids.primary.isEmpty() || recordIds.primary.isEmpty()) && recordIds.secondary == ids.secondary)
            return index;
    }
    return KeyChains::kEnd;
}

// The line that listed the same transaction earlier in this partition, or kEnd (and the line is
// remembered for the lines after it). A line is listed under its first id (a payment without a
// transaction id: under its order number alone), else its second; one with neither id, nor an
// order number, cannot be told apart from another and is never taken for a duplicate.
qint32 PartitionMatcher::earlierListing(qint32 index, const HashedIds &ids)
{
    const View &line = m_lines[size_t(index)];
    const bool payment = line.type() == RecordType::Payment;
    const bool byPrimary = payment || !ids.primary.isEmpty();
    const QByteArrayView id = byPrimary ? ids.primary : ids.secondary;
    if (id.isEmpty() && (!payment || line.orderNo().isEmpty()))
        return KeyChains::kEnd;
    const size_t hash = keyHash(line.type(), line.header.orderHash, byPrimary ? ids.primaryHash : ~ids.secondaryHash);
    for (qint32 earlier = m_listed->first(hash); earlier != KeyChains::kEnd; earlier = m_listed->next(earlier)) {
        const View &other = m_lines[size_t(earlier)];
        const Ids otherIds(other);
        const bool otherByPrimary = payment || !otherIds.primary.isEmpty();
        if (other.type() == line.type() && otherByPrimary == byPrimary &&
            (byPrimary ? otherIds.primary : otherIds.secondary) == id && other.groupId() == line.groupId())
            return earlier;
    }
    m_listed->insert(hash, index);
    return KeyChains::kEnd;
}

Status PartitionMatcher::matchLine(qint32 index)
{
    const View &line = m_lines[size_t(index)];
    const HashedIds ids(line);
    if (const qint32 first = earlierListing(index, ids); first != KeyChains::kEnd)
        return count(DiscrepancyCategory::DuplicateInStatement, line.type(), &line, nullptr, &m_lines[size_t(first)]);
    const qint32 partner = partnerOf(line, ids);
    if (partner == KeyChains::kEnd)
        return count(MatchOutcome::ofLineAlone(line, m_context.cutOff), line.type(), &line, nullptr);
    m_recordMatched[size_t(partner)] = true;
    const View &record = m_records[size_t(partner)];
    return count(MatchOutcome::ofPair(line, record), line.type(), &line, &record);
}

Status PartitionMatcher::count(MatchOutcome::Outcome outcome, RecordType type, const View *line, const View *record,
                               const View *firstListing)
{
    const qint64 lineAmount = line ? line->header.amount : 0;
    const qint64 recordAmount = record ? record->header.amount : 0;
    const int typeIndex = ReconciliationSummary::index(type);
    CategoryTally &tally = outcome ? m_summary.of(*outcome, type) : m_summary.agreedNoMoney[size_t(typeIndex)];
    if (auto added = tally.add(lineAmount, recordAmount); !added)
        return added;
    if (!outcome || *outcome == DiscrepancyCategory::Matched)
        return {};

    Discrepancy discrepancy;
    discrepancy.category = *outcome;
    discrepancy.type = type;
    if (line)
        discrepancy.channel = RecordCodec::toChannelRecord(*line, *m_context.files, m_context.currency);
    if (record)
        discrepancy.platform = RecordCodec::toPlatformRecord(*record, m_context.currency);
    if (firstListing) {
        discrepancy.firstListedAt = StatementLocation{m_context.files->value(qsizetype(firstListing->header.fileIndex)),
                                                      firstListing->header.reference};
    }
    if (!(*m_context.onDiscrepancy)(discrepancy))
        return Error(ErrorCode::Cancelled);
    return {};
}

} // namespace paydesk
