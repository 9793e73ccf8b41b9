#include "sandbox/SandboxStatements.h"

#include "sandbox/SandboxFormat.h"
#include "sandbox/statement/AlipayBillZipWriter.h"
#include "sandbox/statement/UnionPayFileContentWriter.h"
#include "sandbox/statement/WeChatBillWriter.h"

#include <QBuffer>

#include <algorithm>

namespace paydesk::sandbox {

namespace {
Money fen(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny());
}

ChannelKind kindOf(SandboxChannel channel)
{
    switch (channel) {
    case SandboxChannel::WeChatPay:
        return ChannelKind::WeChatPay;
    case SandboxChannel::Alipay:
        return ChannelKind::Alipay;
    case SandboxChannel::UnionPay:
        return ChannelKind::UnionPay;
    }
    return ChannelKind::WeChatPay;
}
} // namespace

QList<StatementLine> SandboxStatements::lines(SandboxChannel channel, const QDate &date)
{
    QList<StatementLine> lines;
    const QString merchantId = SandboxMerchants::statementMerchantId(channel);
    for (const SandboxTrade *trade : m_world.store.trades()) {
        if (trade->channel != channel || !trade->isPaid() ||
            m_world.store.isOn(Fault::MissingFromStatement, trade->outTradeNo))
            continue;
        if (beijingDate(trade->paidAt) == date) {
            StatementLine line;
            line.type = StatementLineType::Payment;
            line.channelTransactionId = trade->transactionId;
            line.merchantOrderNo = trade->outTradeNo;
            qint64 extra = 0;
            if (m_world.store.isOn(Fault::StatementAmountDiffers, trade->outTradeNo, &extra) && extra == 0)
                extra = 1; // switched on without a value: a fen more
            line.amount = fen(trade->amount + extra);
            line.fee = fen(trade->fee);
            line.channelStatus = QStringLiteral("SUCCESS");
            line.merchantId = merchantId;
            line.appId =
                channel == SandboxChannel::WeChatPay ? QString::fromLatin1(SandboxKeys::kWeChatAppId) : QString();
            line.tradeType = trade->method == QLatin1String("PRECREATE") ? QStringLiteral("交易") : trade->method;
            line.tradeTime = trade->paidAt;
            line.completeTime = trade->paidAt;
            lines.append(line);
        }
        for (const SandboxRefund &refund : trade->refunds) {
            if (refund.state != QLatin1String("SUCCESS") || beijingDate(refund.succeededAt) != date)
                continue;
            StatementLine line;
            line.type = StatementLineType::Refund;
            line.channelTransactionId = trade->transactionId;
            line.merchantOrderNo = trade->outTradeNo;
            line.channelRefundNo = refund.refundId;
            line.merchantRefundNo = refund.outRefundNo;
            line.amount = fen(refund.amount);
            line.fee = fen(refund.fee);
            line.channelStatus =
                channel == SandboxChannel::WeChatPay ? QStringLiteral("REFUND") : QStringLiteral("SUCCESS");
            line.merchantId = merchantId;
            line.appId =
                channel == SandboxChannel::WeChatPay ? QString::fromLatin1(SandboxKeys::kWeChatAppId) : QString();
            line.tradeType = channel == SandboxChannel::UnionPay           ? QStringLiteral("S30")
                             : trade->method == QLatin1String("PRECREATE") ? QStringLiteral("退款")
                                                                           : trade->method;
            line.tradeTime = refund.createdAt;
            line.completeTime = refund.succeededAt;
            lines.append(line);
        }
    }
    // extra-trade-in-statement: a paid trade the merchant never made, once per switch (its
    // trade number is the switch's trade, or made up).
    int ghost = 0;
    for (const SandboxStore::ActiveFault &fault : m_world.store.faults()) {
        if (fault.fault != Fault::ExtraTradeInStatement)
            continue;
        ++ghost;
        const qint64 amount = fault.setting.value > 0 ? fault.setting.value : 1234;
        StatementLine line;
        line.type = StatementLineType::Payment;
        line.merchantOrderNo = fault.tradeNo.isEmpty() ? QStringLiteral("GHOST%1%2")
                                                             .arg(date.toString(QStringLiteral("yyyyMMdd")))
                                                             .arg(ghost, 3, 10, QLatin1Char('0'))
                                                       : fault.tradeNo;
        // 21 characters: what UnionPay's 查询流水号 holds.
        line.channelTransactionId =
            QStringLiteral("9%1%2").arg(date.toString(QStringLiteral("yyyyMMdd"))).arg(ghost, 12, 10, QLatin1Char('0'));
        line.amount = fen(amount);
        line.fee = fen(m_world.feeOf(channel, amount));
        line.channelStatus = QStringLiteral("SUCCESS");
        line.merchantId = merchantId;
        line.appId = channel == SandboxChannel::WeChatPay ? QString::fromLatin1(SandboxKeys::kWeChatAppId) : QString();
        line.tradeType = channel == SandboxChannel::Alipay     ? QStringLiteral("交易")
                         : channel == SandboxChannel::UnionPay ? QStringLiteral("FRONT")
                                                               : QStringLiteral("NATIVE");
        QDateTime noon(date, QTime(12, 0), beijing());
        line.tradeTime = noon.toUTC();
        line.completeTime = line.tradeTime;
        lines.append(line);
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const StatementLine &a, const StatementLine &b) { return a.tradeTime < b.tradeTime; });
    return lines;
}

QStringList SandboxStatements::plantBillFaults(SandboxChannel channel, const QDate &date, QList<StatementLine> &lines)
{
    const QList<PlantedBillFault> faults = m_world.billFaults.take(channel, date);
    if (faults.isEmpty())
        return {};
    BillFaults::Context context;
    context.channel = kindOf(channel);
    context.date = date;
    context.merchantId = SandboxMerchants::statementMerchantId(channel);
    context.appId = QString::fromLatin1(SandboxKeys::kWeChatAppId);
    context.feeRatePpm = m_world.feeRatePpm(channel);
    return BillFaults::plant(lines, faults, context);
}

Result<QByteArray> SandboxStatements::statement(SandboxChannel channel, const QDate &date, const QString &kind)
{
    QList<StatementLine> all = lines(channel, date);
    plantBillFaults(channel, date, all);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    switch (channel) {
    case SandboxChannel::WeChatPay: {
        StatementFormat layout = StatementFormat::WeChatAll;
        if (kind == QLatin1String("SUCCESS"))
            layout = StatementFormat::WeChatSuccess;
        else if (kind == QLatin1String("REFUND"))
            layout = StatementFormat::WeChatRefund;
        QList<StatementLine> selected;
        for (const StatementLine &line : std::as_const(all)) {
            if (layout == StatementFormat::WeChatAll ||
                (layout == StatementFormat::WeChatSuccess) == (line.type == StatementLineType::Payment))
                selected.append(line);
        }
        const Status written = WeChatBillWriter::writeAll(buffer, layout, selected);
        if (!written)
            return written.error();
        return buffer.data();
    }
    case SandboxChannel::Alipay: {
        AlipayBillWriter::Options options;
        options.account = SandboxMerchants::statementMerchantId(channel) + QStringLiteral("0156");
        options.billDate = date;
        const Status written = AlipayBillZipWriter::writeAll(buffer, options, all);
        if (!written)
            return written.error();
        return buffer.data();
    }
    case SandboxChannel::UnionPay:
        return UnionPayFileContentWriter::payload(date, SandboxMerchants::statementMerchantId(channel), all);
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("channel"));
}

} // namespace paydesk::sandbox
