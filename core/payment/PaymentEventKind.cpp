#include "core/payment/PaymentEventKind.h"

#include "core/util/NameTable.h"

namespace paydesk::PaymentEventNames {

namespace {
constexpr NameTable::Table<PaymentEventKind, 13> kKinds{{
    {PaymentEventKind::Create, "create"},
    {PaymentEventKind::Prepay, "prepay"},
    {PaymentEventKind::Query, "query"},
    {PaymentEventKind::Callback, "callback"},
    {PaymentEventKind::CallbackChecked, "callback_checked"},
    {PaymentEventKind::Close, "close"},
    {PaymentEventKind::Expire, "expire"},
    {PaymentEventKind::Refund, "refund"},
    {PaymentEventKind::RefundQuery, "refund_query"},
    {PaymentEventKind::RefundCallbackChecked, "refund_callback_checked"},
    {PaymentEventKind::RefundRequest, "refund_request"},
    {PaymentEventKind::Notify, "notify"},
    {PaymentEventKind::Import, "import"},
}};
} // namespace

PAYDESK_NAME_PAIR(kind, kindFromName, PaymentEventKind, kKinds)

} // namespace paydesk::PaymentEventNames
