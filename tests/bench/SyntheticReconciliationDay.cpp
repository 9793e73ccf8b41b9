#include "tests/bench/SyntheticReconciliationDay.h"

#include <QTimeZone>

namespace paydesk::bench {

namespace {
constexpr qint64 kDayMs = 86400000;
constexpr qint64 kLateMs = 9 * 60000; // within the default ten-minute window before midnight

bool isRefund(qint64 n)
{
    return n % 8 == 7;
}

qint64 amountOf(qint64 n)
{
    return 1 + (n * 7919) % 500000; // 0.01 to 5 000.00
}

qint64 feeOf(qint64 amount)
{
    return amount * 6 / 1000; // 0.6 %
}

QString idTemplate(const char *prefix, int digits)
{
    return QString::fromLatin1(prefix) + QString(digits, QLatin1Char('0'));
}
} // namespace

SyntheticReconciliationDay::SyntheticReconciliationDay(qint64 transactions) : m_transactions(transactions)
{
    m_dayStartMs = QDateTime(businessDate(), QTime(0, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
    const Money zero = Money::zero(Currency::cny());
    for (ChannelRecord *line : {&m_paymentLine, &m_refundLine}) {
        line->orderNo = idTemplate("P20261102", 12);
        line->channelTransactionId = idTemplate("42000020261102", 14);
        line->amount = line->fee = zero;
        line->file = QStringLiteral("synthetic.ALL.csv");
    }
    m_refundLine.type = RecordType::Refund;
    m_refundLine.refundNo = idTemplate("R20261102", 12);
    m_refundLine.channelRefundNo = idTemplate("50300020261102", 14);
    for (PlatformRecord *record : {&m_paymentRecord, &m_refundRecord}) {
        record->orderNo = idTemplate("P20261102", 12);
        record->channelTransactionId = idTemplate("42000020261102", 14);
        record->amount = record->channelFee = zero;
    }
    m_refundRecord.type = RecordType::Refund;
    m_refundRecord.refundNo = idTemplate("R20261102", 12);
    m_refundRecord.channelRefundNo = idTemplate("50300020261102", 14);
    m_paymentLineIds = {{{&m_paymentLine.orderNo}, {&m_paymentLine.channelTransactionId}, {nullptr}, {nullptr}}};
    m_refundLineIds = {{{&m_refundLine.orderNo},
                        {&m_refundLine.channelTransactionId},
                        {&m_refundLine.refundNo},
                        {&m_refundLine.channelRefundNo}}};
    m_paymentRecordIds = {{{&m_paymentRecord.orderNo}, {&m_paymentRecord.channelTransactionId}, {nullptr}, {nullptr}}};
    m_refundRecordIds = {{{&m_refundRecord.orderNo},
                          {&m_refundRecord.channelTransactionId},
                          {&m_refundRecord.refundNo},
                          {&m_refundRecord.channelRefundNo}}};
}

SyntheticReconciliationDay::Plant SyntheticReconciliationDay::plantOf(qint64 n)
{
    // By groups of eight, so that payments and refunds alike get 0.1 % of each plant.
    const qint64 bucket = (n / 8) % 1000;
    return bucket < kPlants ? Plant(bucket + 1) : Plant::None;
}

// Only the digits that differ from the number shown are rewritten: consecutive numbers differ in
// one or two. The string is not shared at that point, so nothing is allocated.
void SyntheticReconciliationDay::NumberedId::show(qint64 value)
{
    QChar *digit = text->data() + text->size();
    for (qint64 next = value, shownNow = shown; next != shownNow; next /= 10, shownNow /= 10)
        *--digit = QLatin1Char(char('0' + next % 10));
    shown = value;
}

void SyntheticReconciliationDay::fillIds(qint64 n, Ids &ids)
{
    const qint64 payment = isRefund(n) ? n - 1 : n;
    ids[0].show(payment);
    ids[1].show(payment);
    if (ids[2].text) {
        ids[2].show(n);
        ids[3].show(n);
    }
}

// Through the day, a new second every thousand transactions (making a QDateTime for each would
// cost more than matching it); late ones minutes before midnight.
QDateTime SyntheticReconciliationDay::timeOf(qint64 n, bool late)
{
    if (late)
        return QDateTime::fromMSecsSinceEpoch(m_dayStartMs + kDayMs - kLateMs, Qt::UTC);
    const qint64 second = (n / 1000) % ((kDayMs - 2 * kLateMs) / 1000);
    if (second != m_timeSecond || !m_time.isValid()) {
        m_timeSecond = second;
        m_time = QDateTime::fromMSecsSinceEpoch(m_dayStartMs + second * 1000, Qt::UTC);
    }
    return m_time;
}

bool SyntheticReconciliationDay::forEachLine(const std::function<bool(const ChannelRecord &)> &onLine)
{
    qint64 lineNumber = 1; // the header
    for (qint64 n = 0; n < m_transactions; ++n) {
        const Plant plant = plantOf(n);
        if (plant == Plant::PlatformOnly || plant == Plant::LateRecord)
            continue;
        const bool refund = isRefund(n);
        ChannelRecord &line = refund ? m_refundLine : m_paymentLine;
        fillIds(n, refund ? m_refundLineIds : m_paymentLineIds);
        const qint64 amount = amountOf(n);
        line.amount = Money::fromMinor(amount, Currency::cny());
        line.fee = Money::fromMinor(feeOf(amount), Currency::cny());
        line.status = StatementLineStatus::Succeeded;
        if (plant == Plant::Status)
            line.status = refund ? StatementLineStatus::Closed : StatementLineStatus::Revoked;
        line.tradeTime = timeOf(n, plant == Plant::LateLine);
        for (int copy = plant == Plant::Duplicate ? 2 : 1; copy > 0; --copy) {
            line.lineNumber = ++lineNumber;
            if (!onLine(line))
                return false;
        }
    }
    return true;
}

bool SyntheticReconciliationDay::forEachRecord(const std::function<bool(const PlatformRecord &)> &onRecord)
{
    for (qint64 n = 0; n < m_transactions; ++n) {
        const Plant plant = plantOf(n);
        if (plant == Plant::ChannelOnly || plant == Plant::LateLine)
            continue;
        const bool refund = isRefund(n);
        PlatformRecord &record = refund ? m_refundRecord : m_paymentRecord;
        fillIds(n, refund ? m_refundRecordIds : m_paymentRecordIds);
        if (plant == Plant::MissedCallback && !refund)
            record.channelTransactionId.clear();
        const qint64 amount = amountOf(n) + (plant == Plant::Amount ? 1 : 0);
        record.rowId = n + 1;
        record.amount = Money::fromMinor(amount, Currency::cny());
        record.channelFee = Money::fromMinor(feeOf(amountOf(n)) + (plant == Plant::Fee ? 1 : 0), Currency::cny());
        record.time = timeOf(n, plant == Plant::LateRecord);
        const bool ok = onRecord(record);
        if (plant == Plant::MissedCallback && !refund) {
            record.channelTransactionId = idTemplate("42000020261102", 14);
            m_paymentRecordIds[1].shown = 0;
        }
        if (!ok)
            return false;
    }
    return true;
}

} // namespace paydesk::bench
