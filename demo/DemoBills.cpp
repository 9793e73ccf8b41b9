#include "demo/DemoBills.h"

#include "core/payment/ReconciliationSourceStore.h"
#include "core/util/Clock.h"
#include "sandbox/SandboxMerchants.h"
#include "sandbox/statement/AlipayBillZipWriter.h"
#include "sandbox/statement/UnionPayFileContentWriter.h"
#include "sandbox/statement/WeChatBillWriter.h"

#include <QFile>

#include <algorithm>

namespace paydesk::DemoBills {

namespace {
QString paymentTradeType(ChannelKind channel)
{
    switch (channel) {
    case ChannelKind::WeChatPay:
        return QStringLiteral("NATIVE");
    case ChannelKind::Alipay:
        return QStringLiteral("交易");
    case ChannelKind::UnionPay:
        return QStringLiteral("FRONT");
    }
    return {};
}

StatementLine lineOf(const PlatformRecord &record, const ChannelAccount &account, const QString &merchantId)
{
    StatementLine line;
    line.type = record.type == RecordType::Refund ? StatementLineType::Refund : StatementLineType::Payment;
    line.channelTransactionId = record.channelTransactionId;
    line.merchantOrderNo = record.orderNo;
    line.channelRefundNo = record.channelRefundNo;
    line.merchantRefundNo = record.refundNo;
    line.amount = record.amount;
    line.fee = record.channelFee;
    line.status = StatementLineStatus::Succeeded;
    const bool refund = line.type == StatementLineType::Refund;
    line.channelStatus =
        refund && account.channel == ChannelKind::WeChatPay ? QStringLiteral("REFUND") : QStringLiteral("SUCCESS");
    line.merchantId = merchantId;
    line.appId = account.channelAppId;
    line.tradeType = refund && account.channel == ChannelKind::UnionPay ? QStringLiteral("S30")
                     : refund && account.channel == ChannelKind::Alipay ? QStringLiteral("退款")
                                                                        : paymentTradeType(account.channel);
    line.tradeTime = record.time;
    line.completeTime = record.time;
    return line;
}
} // namespace

QString statementMerchantId(const ChannelAccount &account)
{
    return account.channel == ChannelKind::Alipay
               ? sandbox::SandboxMerchants::statementMerchantId(sandbox::SandboxChannel::Alipay)
               : account.channelMerchantId;
}

Result<QMap<QDate, QList<StatementLine>>> linesByDay(Database &database, const ChannelAccount &account,
                                                     const QDate &firstDay, const QDate &lastDay)
{
    const QTimeZone &zone = Clock::platformTimeZone();
    const qint64 from = QDateTime(firstDay, QTime(0, 0), zone).toMSecsSinceEpoch();
    const qint64 to = QDateTime(lastDay.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    const QString merchantId = statementMerchantId(account);
    QMap<QDate, QList<StatementLine>> days;
    const auto add = [&](const PlatformRecord &record) {
        days[record.time.toTimeZone(zone).date()] << lineOf(record, account, merchantId);
        return true;
    };
    if (auto paid = ReconciliationSourceStore::forEachPaidOrder(database, account.id, from, to, add); !paid)
        return paid.error();
    if (auto refunded = ReconciliationSourceStore::forEachSucceededRefund(database, account.id, from, to, add);
        !refunded)
        return refunded.error();
    for (QList<StatementLine> &lines : days) {
        std::stable_sort(lines.begin(), lines.end(),
                         [](const StatementLine &a, const StatementLine &b) { return a.tradeTime < b.tradeTime; });
    }
    return days;
}

Status write(const QString &path, const ChannelAccount &account, const QDate &date, const QList<StatementLine> &lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(ErrorCode::FileUnwritable, path);
    Status written;
    switch (account.channel) {
    case ChannelKind::WeChatPay:
        written = WeChatBillWriter::writeAll(file, StatementFormat::WeChatAll, lines);
        break;
    case ChannelKind::Alipay: {
        AlipayBillWriter::Options options;
        options.account = statementMerchantId(account) + QStringLiteral("0156");
        options.billDate = date;
        written = AlipayBillZipWriter::writeAll(file, options, lines);
        break;
    }
    case ChannelKind::UnionPay: {
        UnionPayFileContentWriter content(file, date, account.channelMerchantId);
        for (const StatementLine &line : lines) {
            if (written = content.write(line); !written)
                break;
        }
        if (written)
            written = content.finish();
        break;
    }
    }
    if (!written)
        return written.error().within(path);
    if (!file.flush())
        return Error(ErrorCode::FileUnwritable, path);
    return {};
}

} // namespace paydesk::DemoBills
