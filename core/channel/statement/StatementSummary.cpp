#include "core/channel/statement/StatementSummary.h"

namespace paydesk {

Status StatementSummary::add(const StatementLine &line)
{
    StatementTotals &totals = line.type == StatementLineType::Refund ? refunds : payments;
    if (addOverflows(totals.amountMinor, line.amount.minor(), &totals.amountMinor) ||
        addOverflows(totals.feeMinor, line.fee.minor(), &totals.feeMinor))
        return Error(ErrorCode::ArithmeticOverflow);
    ++totals.count;
    return {};
}

QString statementFormatName(StatementFormat format)
{
    switch (format) {
    case StatementFormat::WeChatAll:
        return QStringLiteral("wechat-all");
    case StatementFormat::WeChatSuccess:
        return QStringLiteral("wechat-success");
    case StatementFormat::WeChatRefund:
        return QStringLiteral("wechat-refund");
    case StatementFormat::AlipayDetail:
        return QStringLiteral("alipay-detail");
    case StatementFormat::AlipaySummary:
        return QStringLiteral("alipay-summary");
    case StatementFormat::UnionPayZm:
        return QStringLiteral("unionpay-zm");
    case StatementFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString statementLineTypeName(StatementLineType type)
{
    return type == StatementLineType::Refund ? QStringLiteral("refund") : QStringLiteral("payment");
}

} // namespace paydesk
