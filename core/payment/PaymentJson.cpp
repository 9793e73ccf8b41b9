#include "core/payment/PaymentJson.h"

#include "core/channel/ChannelNames.h"
#include "core/payment/PaymentStates.h"

namespace paydesk::PaymentJson {

QString instant(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject order(const PaymentOrder &order)
{
    return QJsonObject{
        {QStringLiteral("order_no"), order.orderNo},
        {QStringLiteral("merchant_order_no"), order.merchantOrderNo},
        {QStringLiteral("merchant_no"), order.merchantNo},
        {QStringLiteral("status"), PaymentStates::name(order.status)},
        {QStringLiteral("amount"), order.amount.toString()},
        {QStringLiteral("currency"), order.amount.currency().code()},
        {QStringLiteral("refunded_amount"), order.refundedAmount.toString()},
        {QStringLiteral("merchant_fee"), order.merchantFee.toString()},
        {QStringLiteral("method"), ChannelNames::method(order.method)},
        {QStringLiteral("channel"), ChannelNames::channel(ChannelNames::channelOf(order.method))},
        {QStringLiteral("subject"), order.subject},
        {QStringLiteral("channel_transaction_id"), order.channelTransactionId},
        {QStringLiteral("payer_id"), order.payerId},
        {QStringLiteral("prepay"), order.prepay},
        {QStringLiteral("created_at"), instant(order.createdAt)},
        {QStringLiteral("expires_at"), instant(order.expiresAt)},
        {QStringLiteral("paid_at"), instant(order.paidAt)},
    };
}

QJsonObject refund(const PaymentRefund &refund, const QString &merchantOrderNo)
{
    return QJsonObject{
        {QStringLiteral("refund_no"), refund.refundNo},
        {QStringLiteral("merchant_refund_no"), refund.merchantRefundNo},
        {QStringLiteral("order_no"), refund.orderNo},
        {QStringLiteral("merchant_order_no"), merchantOrderNo},
        {QStringLiteral("status"), PaymentStates::name(refund.status)},
        {QStringLiteral("amount"), refund.amount.toString()},
        {QStringLiteral("currency"), refund.amount.currency().code()},
        {QStringLiteral("reason"), refund.reason},
        {QStringLiteral("channel_refund_id"), refund.channelRefundId},
        {QStringLiteral("requested_at"), instant(refund.requestedAt)},
        {QStringLiteral("succeeded_at"), instant(refund.succeededAt)},
    };
}

} // namespace paydesk::PaymentJson
