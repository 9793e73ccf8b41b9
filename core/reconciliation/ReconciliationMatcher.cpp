#include "core/reconciliation/ReconciliationMatcher.h"

#include "core/reconciliation/PartitionMatcher.h"
#include "core/reconciliation/PartitionSpill.h"
#include "core/reconciliation/RecordChecks.h"
#include "core/reconciliation/RecordCodec.h"
#include "core/reconciliation/SpilledMatch.h"

#include <algorithm>

namespace paydesk {

namespace {
constexpr qint64 kMinimumBudgetBytes = qint64(4) << 10;
constexpr std::chrono::hours kMaxCutOffWindow{24};
constexpr int kMaxMatchThreads = 64;

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}
} // namespace

ReconciliationMatcher::ReconciliationMatcher(ReconciliationOptions options)
    : m_options(std::move(options)), m_plan(std::make_unique<SpillPlan>(m_options))
{
    m_summary.currency = m_options.currency;
    m_summary.partitions = 0;
    const DayCutOff cutOff(m_options.businessDate, m_options.timeZone, m_options.cutOffWindow);
    if (!m_options.businessDate.isValid())
        m_state = Error(ErrorCode::InvalidArgument, QStringLiteral("business date"));
    else if (!cutOff.isValid() || m_options.cutOffWindow > kMaxCutOffWindow)
        m_state = Error(ErrorCode::InvalidArgument, QStringLiteral("cut-off window"));
    else if (!m_options.currency.isValid())
        m_state = Error(ErrorCode::CurrencyUnknown);
    else if (m_options.memoryBudgetBytes < kMinimumBudgetBytes)
        m_state = Error(ErrorCode::InvalidArgument, QStringLiteral("memory budget"));
    else if (m_options.matchThreads < 1 || m_options.matchThreads > kMaxMatchThreads)
        m_state = Error(ErrorCode::InvalidArgument, QStringLiteral("match threads"));
}

ReconciliationMatcher::~ReconciliationMatcher() = default;

Status ReconciliationMatcher::usable() const
{
    if (!m_state)
        return m_state;
    if (m_finished)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the match has finished"));
    if (cancelled(m_options.cancel))
        return Error(ErrorCode::Cancelled);
    return {};
}

Status ReconciliationMatcher::fail(Status status)
{
    if (!status)
        m_state = status;
    return status;
}

quint32 ReconciliationMatcher::fileIndex(const QString &file)
{
    // Lines come file after file: the last one is nearly always the one.
    if (!m_files.isEmpty() && m_files.constLast() == file)
        return quint32(m_files.size() - 1);
    const auto known = m_fileIndexes.constFind(file);
    if (known != m_fileIndexes.constEnd())
        return *known;
    m_files.append(file);
    m_fileIndexes.insert(file, quint32(m_files.size() - 1));
    return quint32(m_files.size() - 1);
}

// Errors name the line or the row (built only then: adding is the hot path).
Status ReconciliationMatcher::addChannel(const ChannelRecord &record)
{
    if (auto ok = usable(); !ok)
        return ok;
    Status kept = keepChannel(record);
    if (!kept)
        kept.error().within(QStringLiteral("%1: line %2").arg(record.file).arg(record.lineNumber));
    return fail(kept);
}

Status ReconciliationMatcher::addPlatform(const PlatformRecord &record)
{
    if (auto ok = usable(); !ok)
        return ok;
    Status kept = keepPlatform(record);
    if (!kept)
        kept.error().within(QStringLiteral("row %1").arg(record.rowId));
    return fail(kept);
}

Status ReconciliationMatcher::keepChannel(const ChannelRecord &record)
{
    if (auto checked = RecordChecks::check(record, m_options.currency); !checked)
        return checked;
    SideTally &side = m_summary.channel[size_t(ReconciliationSummary::index(record.type))];
    if (auto added = side.add(record.amount.minor(), record.fee.minor()); !added)
        return added;
    m_summary.channelCarriedIn += record.carried ? 1 : 0;
    const quint32 file = fileIndex(record.file);
    m_encoded.resize(0); // keeps its capacity
    return keep(RecordCodec::appendChannel(m_spill ? m_encoded : m_memory, record, file));
}

Status ReconciliationMatcher::keepPlatform(const PlatformRecord &record)
{
    if (auto checked = RecordChecks::check(record, m_options.currency); !checked)
        return checked;
    SideTally &side = m_summary.platform[size_t(ReconciliationSummary::index(record.type))];
    if (auto added = side.add(record.amount.minor(), record.channelFee.minor()); !added)
        return added;
    m_summary.platformCarriedIn += record.carried ? 1 : 0;
    m_encoded.resize(0);
    return keep(RecordCodec::appendPlatform(m_spill ? m_encoded : m_memory, record));
}

// The record just encoded goes to the spill, or stays in memory until the day outgrows the budget.
Status ReconciliationMatcher::keep(bool encoded)
{
    if (!encoded)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("id too long"));
    if (m_spill)
        return m_spill->add(m_encoded);
    ++m_memoryRecords;
    const qint64 expected = m_options.expectedRecords;
    if (m_memoryRecords == 1 && expected > 0 &&
        SpillPlan::memoryFor(m_memory.size() * expected, expected) > m_options.memoryBudgetBytes)
        return startSpilling(); // the day will not fit: straight to the files
    if (SpillPlan::memoryFor(m_memory.capacity(), m_memoryRecords) > m_options.memoryBudgetBytes)
        return startSpilling();
    return {};
}

Status ReconciliationMatcher::startSpilling()
{
    int partitions = m_plan->unknownDayFanOut();
    if (m_options.expectedRecords > 0) {
        const qint64 bytesPerRecord = m_memory.size() / m_memoryRecords;
        const qint64 expected = std::max(m_options.expectedRecords, m_memoryRecords);
        partitions = m_plan->fanOutFor(SpillPlan::memoryFor(bytesPerRecord * expected, expected));
    }
    m_spill = m_plan->newSpill(partitions, 0);
    if (auto opened = m_spill->open(); !opened)
        return opened;
    qsizetype at = 0;
    quint32 size = 0;
    quint32 orderHash = 0;
    while (RecordCodec::peek(QByteArrayView(m_memory).sliced(at), &size, &orderHash)) {
        if (auto spilled = m_spill->add(QByteArrayView(m_memory).sliced(at, size)); !spilled)
            return spilled;
        at += size;
    }
    m_memory = QByteArray();
    m_memoryRecords = 0;
    return {};
}

Result<ReconciliationSummary> ReconciliationMatcher::finish(const DiscrepancyHandler &onDiscrepancy)
{
    if (auto ok = usable(); !ok)
        return ok.error();
    m_finished = true;
    const PartitionContext context{DayCutOff(m_options.businessDate, m_options.timeZone, m_options.cutOffWindow),
                                   m_options.currency, &m_files, m_options.cancel, &onDiscrepancy};
    Status matched;
    if (!m_spill) {
        m_summary.partitions = 1;
        matched = PartitionMatcher(context, m_summary).match(m_memory);
        m_memory = QByteArray();
    } else {
        matched = m_spill->flush();
        m_summary.spilledBytes = m_spill->bytesWritten();
        if (matched)
            matched = SpilledMatch(context, *m_plan).run(*m_spill, m_summary);
        m_spill.reset();
    }
    if (!matched)
        return fail(matched).error();
    return m_summary;
}

} // namespace paydesk
