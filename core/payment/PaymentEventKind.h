#pragma once

#include <QString>

namespace paydesk {

// What a line of an order's story (payment_event) is about.
enum class PaymentEventKind
{
    Create,
    Prepay,
    Query,
    Callback,
    CallbackChecked, // a callback confirmed by a channel query (after a trust change)
    Close,
    Expire,
    Refund,
    RefundQuery,
    RefundCallbackChecked,
    RefundRequest, // an operator's refund request and its decision
    Notify,        // a notification to the application (its attempts, a resend)
    Import         // written by the bulk import
};

// The stable names stored in payment_event.kind and shown in order stories' JSON.
namespace PaymentEventNames {
QString kind(PaymentEventKind kind); // "create", "prepay", …, "refund_request", "import"
bool kindFromName(const QString &name, PaymentEventKind *kind);
} // namespace PaymentEventNames

} // namespace paydesk
