#include "core/reconciliation/StatementIntake.h"

#include "core/channel/statement/StatementDetector.h"
#include "core/util/Clock.h"

#include <QFile>
#include <QFileInfo>

namespace paydesk {

StatementExpectation StatementExpectation::of(const ChannelAccount &account, const QDate &billDate, const QString &file)
{
    StatementExpectation expected;
    expected.file = file;
    expected.billDate = billDate;
    expected.timeZone = Clock::platformTimeZone();
    expected.dayStartMs = QDateTime(billDate, QTime(0, 0), expected.timeZone).toMSecsSinceEpoch();
    expected.dayEndMs = QDateTime(billDate.addDays(1), QTime(0, 0), expected.timeZone).toMSecsSinceEpoch();
    if (account.channel != ChannelKind::Alipay) {
        expected.merchantIds << account.channelMerchantId;
        if (!account.subMerchantId.isEmpty())
            expected.merchantIds << account.subMerchantId;
        expected.appId = account.channelAppId;
    }
    return expected;
}

namespace StatementIntake {

QString detectedFormat(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    using Kind = StatementDetector::Kind;
    switch (StatementDetector::detect(file.read(StatementDetector::kHeadSize)).kind) {
    case Kind::WeChatBill:
        return QStringLiteral("wechat");
    case Kind::AlipayDetail:
        return QStringLiteral("alipay-detail");
    case Kind::AlipaySummary:
        return QStringLiteral("alipay-summary");
    case Kind::UnionPayZm:
        return QStringLiteral("unionpay-zm");
    case Kind::Zip:
        return QStringLiteral("zip");
    case Kind::UnionPayFileContent:
        return QStringLiteral("unionpay-file-content");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

Status check(const StatementLine &line, const StatementExpectation &expected)
{
    const auto refused = [&](const QString &reason) {
        return Error(ErrorCode::StatementWrongAccount, reason)
            .within(QStringLiteral("%1: line %2")
                        .arg(line.file.isEmpty() ? expected.file : line.file)
                        .arg(line.lineNumber));
    };
    if (!expected.merchantIds.isEmpty() && !expected.merchantIds.contains(line.merchantId))
        return refused(QStringLiteral("merchant id %1, the account's is %2")
                           .arg(line.merchantId, expected.merchantIds.join(QStringLiteral(" or "))));
    if (!expected.appId.isEmpty() && !line.appId.isEmpty() && line.appId != expected.appId)
        return refused(QStringLiteral("app id %1, the account's is %2").arg(line.appId, expected.appId));
    // Channels list a transaction on the day it completed; a refund's line also carries the day it
    // was asked for, which may be earlier. Either on the bill date will do, neither will not.
    const auto onBillDate = [&](const QDateTime &time) {
        if (!time.isValid())
            return false;
        const qint64 ms = time.toMSecsSinceEpoch();
        return ms >= expected.dayStartMs && ms < expected.dayEndMs;
    };
    if (!onBillDate(line.tradeTime) && !onBillDate(line.completeTime))
        return refused(QStringLiteral("traded on %1, the statement is for %2")
                           .arg(line.tradeTime.toTimeZone(expected.timeZone).date().toString(Qt::ISODate),
                                expected.billDate.toString(Qt::ISODate)));
    return {};
}

Result<StatementSummary> read(const QString &path, const StatementExpectation &expected,
                              const std::function<bool(const ChannelRecord &)> &onRecord)
{
    Status refused;
    bool stopped = false;
    StatementParseOptions options;
    options.settlementDate = expected.billDate; // UnionPay prints times without a year
    auto summary = StatementParser::parseFile(
        path,
        [&](const StatementLine &line) {
            refused = check(line, expected);
            if (!refused)
                return false;
            if (!onRecord(ChannelRecord::fromStatementLine(line))) {
                stopped = true;
                return false;
            }
            return true;
        },
        options);
    if (!refused)
        return refused.error();
    if (!summary && stopped)
        return Error(ErrorCode::Cancelled).within(expected.file);
    return summary;
}

} // namespace StatementIntake
} // namespace paydesk
