#include "core/payment/CallbackConfirmation.h"

#include "core/channel/ChannelAdapter.h"
#include "core/payment/PaymentService.h"
#include "core/payment/RefundService.h"

namespace paydesk::CallbackConfirmation {

namespace {
bool paid(OrderState state)
{
    return state == OrderState::Paid || state == OrderState::Refunded;
}

Error contradicted(const QString &what, const QString &claimed, const QString &queried)
{
    return Error(ErrorCode::CallbackNotConfirmed,
                 QStringLiteral("%1: the callback says %2, the channel's query says %3").arg(what, claimed, queried));
}
} // namespace

Outcome payment(ChannelAdapter &adapter, PaymentService &payments, const PaymentOrder &order, const OrderStatus &claim)
{
    auto queried = adapter.queryOrder(order.orderNo, order.createdAt);
    if (!queried)
        return {queried.error(), true};
    // The channel's own word is applied whatever the callback said: it is what a query would do.
    auto applied = payments.applyChannelStatus(order.orderNo, *queried, PaymentEventKind::CallbackChecked);
    if (!applied)
        return {applied.error(), false};
    const bool confirmed = paid(claim.state) ? paid(queried->state) : claim.state == queried->state;
    if (!confirmed)
        return {contradicted(order.orderNo, claim.channelState, queried->channelState), false};
    return {};
}

Outcome refund(ChannelAdapter &adapter, RefundService &refunds, const PaymentOrder &order, const PaymentRefund &refund,
               const RefundStatus &claim)
{
    auto queried = adapter.queryRefund(order.orderNo, refund.refundNo, refund.requestedAt);
    if (!queried)
        return {queried.error(), true};
    auto applied = refunds.applyChannelStatus(refund.refundNo, *queried, PaymentEventKind::RefundCallbackChecked);
    if (!applied)
        return {applied.error(), false};
    if (claim.state != queried->state)
        return {contradicted(refund.refundNo, claim.channelState, queried->channelState), false};
    return {};
}

} // namespace paydesk::CallbackConfirmation
