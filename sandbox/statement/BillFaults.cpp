#include "sandbox/statement/BillFaults.h"

#include "core/channel/ChannelTime.h"

#include <QSet>

#include <array>

namespace paydesk {

namespace {
constexpr std::array<std::pair<BillFault, const char *>, 6> kNames{{
    {BillFault::MissingLine, "bill-missing-line"},
    {BillFault::ExtraLine, "bill-extra-line"},
    {BillFault::WrongAmount, "bill-wrong-amount"},
    {BillFault::WrongFee, "bill-wrong-fee"},
    {BillFault::RefundedAtChannel, "bill-refunded-at-channel"},
    {BillFault::DuplicateLine, "bill-duplicate-line"},
}};

Money fen(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny());
}

bool isPayment(const StatementLine &line)
{
    return line.type == StatementLineType::Payment && line.status == StatementLineStatus::Succeeded;
}

class Planter
{
public:
    Planter(QList<StatementLine> &lines, const BillFaults::Context &context)
        : m_lines(lines), m_context(context), m_day(context.date.toString(QStringLiteral("yyyyMMdd")))
    {
    }

    QString plant(const PlantedBillFault &fault, int position)
    {
        if (fault.fault == BillFault::ExtraLine)
            return addExtraLine(fault, position);
        const qsizetype at = target(fault.orderNo);
        if (at < 0)
            return {};
        StatementLine &line = m_lines[at];
        const QString orderNo = line.merchantOrderNo;
        const qint64 change = fault.value != 0 ? fault.value : 1;
        switch (fault.fault) {
        case BillFault::MissingLine:
            m_lines.removeAt(at);
            break;
        case BillFault::WrongAmount:
            if (line.amount.minor() + change <= 0)
                return {};
            line.amount = fen(line.amount.minor() + change);
            break;
        case BillFault::WrongFee:
            if (line.fee.minor() + change < 0)
                return {};
            line.fee = fen(line.fee.minor() + change);
            break;
        case BillFault::DuplicateLine:
            m_lines.insert(at + 1, StatementLine(line));
            break;
        case BillFault::RefundedAtChannel:
            insertInTimeOrder(refundOf(line, fault.value, position));
            break;
        case BillFault::ExtraLine:
            break;
        }
        m_taken.insert(orderNo);
        return orderNo;
    }

private:
    // The payment line a fault changes: the named order's, else the first not yet taken, one
    // without a refund on the day when there is one (its discrepancy then stands alone).
    qsizetype target(const QString &orderNo) const
    {
        if (!orderNo.isEmpty()) {
            for (qsizetype i = 0; i < m_lines.size(); ++i) {
                if (isPayment(m_lines.at(i)) && m_lines.at(i).merchantOrderNo == orderNo)
                    return i;
            }
            return -1;
        }
        QSet<QString> refunded;
        for (const StatementLine &line : std::as_const(m_lines)) {
            if (line.type == StatementLineType::Refund)
                refunded.insert(line.merchantOrderNo);
        }
        qsizetype fallback = -1;
        for (qsizetype i = 0; i < m_lines.size(); ++i) {
            const StatementLine &line = m_lines.at(i);
            if (!isPayment(line) || m_taken.contains(line.merchantOrderNo))
                continue;
            if (!refunded.contains(line.merchantOrderNo))
                return i;
            if (fallback < 0)
                fallback = i;
        }
        return fallback;
    }

    // A minute after the payment, and never past the day's last second: it stays on this bill.
    QDateTime refundTime(const QDateTime &paid) const
    {
        const QDateTime last = QDateTime(m_context.date, QTime(23, 59, 59), ChannelTime::china()).toUTC();
        return qMin(paid.addSecs(60), last);
    }

    StatementLine refundOf(const StatementLine &payment, qint64 value, int position) const
    {
        const qint64 paid = payment.amount.minor();
        const qint64 amount = value > 0 ? qMin(value, paid) : paid;
        StatementLine refund = payment;
        refund.type = StatementLineType::Refund;
        refund.channelRefundNo = QStringLiteral("50%1%2").arg(m_day).arg(position, 8, 10, QLatin1Char('0'));
        refund.merchantRefundNo = QStringLiteral("CHANNEL%1%2").arg(m_day).arg(position, 3, 10, QLatin1Char('0'));
        refund.amount = fen(amount);
        // The fee goes back in proportion, rounded half up; all of it with a full refund.
        refund.fee = fen(amount == paid ? payment.fee.minor() : (payment.fee.minor() * amount + paid / 2) / paid);
        refund.status = StatementLineStatus::Succeeded;
        refund.channelStatus =
            m_context.channel == ChannelKind::WeChatPay ? QStringLiteral("REFUND") : QStringLiteral("SUCCESS");
        if (m_context.channel == ChannelKind::UnionPay)
            refund.tradeType = QStringLiteral("S30");
        else if (m_context.channel == ChannelKind::Alipay)
            refund.tradeType = QStringLiteral("退款");
        refund.tradeTime = refundTime(payment.tradeTime);
        refund.completeTime = refund.tradeTime;
        return refund;
    }

    QString addExtraLine(const PlantedBillFault &fault, int position)
    {
        const qint64 amount = fault.value > 0 ? fault.value : 1234;
        StatementLine line;
        line.type = StatementLineType::Payment;
        line.merchantOrderNo = fault.orderNo.isEmpty()
                                   ? QStringLiteral("GHOST%1%2").arg(m_day).arg(position, 3, 10, QLatin1Char('0'))
                                   : fault.orderNo;
        // 21 characters: what UnionPay's 查询流水号 holds.
        line.channelTransactionId = QStringLiteral("9%1%2").arg(m_day).arg(position, 12, 10, QLatin1Char('0'));
        line.amount = fen(amount);
        line.fee = fen((amount * m_context.feeRatePpm + 500000) / 1000000);
        line.status = StatementLineStatus::Succeeded;
        line.channelStatus = QStringLiteral("SUCCESS");
        line.merchantId = m_context.merchantId;
        if (m_context.channel == ChannelKind::WeChatPay)
            line.appId = m_context.appId;
        line.tradeType = m_context.channel == ChannelKind::Alipay     ? QStringLiteral("交易")
                         : m_context.channel == ChannelKind::UnionPay ? QStringLiteral("FRONT")
                                                                      : QStringLiteral("NATIVE");
        line.tradeTime = QDateTime(m_context.date, QTime(12, 0), ChannelTime::china()).toUTC();
        line.completeTime = line.tradeTime;
        insertInTimeOrder(line);
        m_taken.insert(line.merchantOrderNo);
        return line.merchantOrderNo;
    }

    void insertInTimeOrder(const StatementLine &line)
    {
        qsizetype at = m_lines.size();
        while (at > 0 && m_lines.at(at - 1).tradeTime > line.tradeTime)
            --at;
        m_lines.insert(at, line);
    }

    QList<StatementLine> &m_lines;
    const BillFaults::Context &m_context;
    const QString m_day;
    QSet<QString> m_taken;
};
} // namespace

QString billFaultName(BillFault fault)
{
    for (const auto &[f, name] : kNames) {
        if (f == fault)
            return QString::fromLatin1(name);
    }
    return {};
}

bool billFaultFromName(const QString &name, BillFault *fault)
{
    for (const auto &[f, text] : kNames) {
        if (name == QLatin1String(text)) {
            *fault = f;
            return true;
        }
    }
    return false;
}

QList<BillFault> allBillFaults()
{
    QList<BillFault> all;
    for (const auto &[fault, name] : kNames)
        all << fault;
    return all;
}

namespace BillFaults {

QStringList plant(QList<StatementLine> &lines, const QList<PlantedBillFault> &faults, const Context &context)
{
    Planter planter(lines, context);
    QStringList hits;
    for (qsizetype i = 0; i < faults.size(); ++i)
        hits << planter.plant(faults.at(i), int(i + 1));
    return hits;
}

} // namespace BillFaults
} // namespace paydesk
