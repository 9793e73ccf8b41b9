#include "core/reconciliation/RecordChecks.h"

namespace paydesk::RecordChecks {

namespace {
Status checkMoney(const Money &amount, const Money &fee, Currency currency)
{
    if (amount.currency() != currency || fee.currency() != currency)
        return Error(ErrorCode::CurrencyMismatch, currency.code());
    if (!amount.isPositive())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount %1").arg(amount.toString()));
    if (fee.isNegative())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("fee %1").arg(fee.toString()));
    return {};
}
} // namespace

Status check(const ChannelRecord &record, Currency currency)
{
    return checkMoney(record.amount, record.fee, currency);
}

Status check(const PlatformRecord &record, Currency currency)
{
    Status checked = checkMoney(record.amount, record.channelFee, currency);
    if (checked && record.orderNo.isEmpty())
        checked = Error(ErrorCode::InvalidArgument, QStringLiteral("no order number"));
    if (checked && record.type == RecordType::Refund && record.refundNo.isEmpty())
        checked = Error(ErrorCode::InvalidArgument, QStringLiteral("no refund number"));
    return checked;
}

} // namespace paydesk::RecordChecks
