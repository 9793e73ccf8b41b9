#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/payment/PaymentOrder.h"
#include "core/util/Result.h"

namespace paydesk {

class ChannelAdapter;
class PaymentService;
class RefundService;

// A verified callback of an account whose trust material changed lately
// (ChannelAccount::confirmsCallbacksByQuery) is not taken at its word: a key approved by mistake
// would verify forged ones. The channel is asked about the order or refund with the account's
// adapter; what the channel answers is applied (the story says "callback_checked" or
// "refund_callback_checked"), and the callback is accepted only when that answer confirms what
// it claims. Nothing the channel does not confirm is posted.
namespace CallbackConfirmation {

struct Outcome
{
    Status status;            // ok: confirmed and applied; CallbackNotConfirmed: the query says otherwise
    bool queryFailed = false; // the channel could not be asked (or its answer did not verify): retry later
};

Outcome payment(ChannelAdapter &adapter, PaymentService &payments, const PaymentOrder &order, const OrderStatus &claim);
Outcome refund(ChannelAdapter &adapter, RefundService &refunds, const PaymentOrder &order, const PaymentRefund &refund,
               const RefundStatus &claim);

} // namespace CallbackConfirmation
} // namespace paydesk
