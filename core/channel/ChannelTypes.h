#pragma once

#include "core/money/Money.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

namespace paydesk {

enum class ChannelKind
{
    WeChatPay,
    Alipay,
    UnionPay
};

// How the payer will pay: a QR code to scan (WeChat NATIVE, Alipay precreate), WeChat in-app
// JSAPI with a known openid, or UnionPay's front (browser) payment.
enum class PayMethod
{
    WeChatNative,
    WeChatJsapi,
    AlipayPrecreate,
    UnionPayFront
};

struct PrepayRequest
{
    PayMethod method = PayMethod::WeChatNative;
    QString outTradeNo; // our order number, the channel's 商户订单号: the idempotency key
    Money amount;
    QString description; // subject / 商品描述
    QString notifyUrl;   // where the channel posts the result
    QDateTime expiresAt; // invalid: the channel's default
    QString payerId;     // WeChat JSAPI openid
    QString attach;
    QString returnUrl;   // UnionPay front payment: where the browser returns
    QDateTime createdAt; // when the order is made: UnionPay's txnTime, part of the order's
                         // identity (required there: a retry must send the same time)
};

struct PrepayResult
{
    QString codeUrl;  // QR content (WeChat native code_url, Alipay qr_code)
    QString prepayId; // WeChat JSAPI prepay_id
    QUrl formAction;  // UnionPay: the browser posts `formFields` here
    QHash<QString, QString> formFields;
};

// Refunded: paid, then refunded in part or in full (the order's amount stays the paid amount).
enum class OrderState
{
    NotPaid,
    Paying,
    Paid,
    Refunded,
    Closed,
    Failed
};

struct OrderStatus
{
    QString outTradeNo;
    QString channelTransactionId;
    OrderState state = OrderState::NotPaid;
    QString channelState; // the channel's own word, e.g. SUCCESS, TRADE_SUCCESS, respCode 00
    Money amount;         // paid (or ordered) amount
    QDateTime paidAt;
    QString payerId; // openid / buyer_logon_id / masked account
};

// NotFound: the channel has no such refund (yet) — it did not happen; retry with the *same*
// refund number, never a new one. Abnormal: the money left the merchant but could not reach
// the payer (WeChat REFUND.ABNORMAL): it needs handling, not another refund.
enum class RefundState
{
    Processing,
    Succeeded,
    Failed,
    NotFound,
    Abnormal
};

struct RefundRequest
{
    QString outTradeNo;
    QString channelTransactionId; // UnionPay needs the original queryId
    QString outRefundNo;          // our refund number: the idempotency key
    Money refundAmount;
    Money totalAmount; // the order's paid amount
    QString reason;
    QString notifyUrl;
    QDateTime requestedAt; // UnionPay: the refund's txnTime, part of its identity (required
                           // there: a retry and a query must use the same time)
};

struct RefundStatus
{
    QString outTradeNo; // empty in UnionPay notifications (they name the payment by its queryId)
    QString outRefundNo;
    QString channelTransactionId; // the refunded payment's channel id, when the answer gives it
    QString channelRefundId;
    RefundState state = RefundState::Processing;
    QString channelState;
    Money amount;        // this refund's amount; zero when the channel does not say (Alipay notifications)
    Money totalRefunded; // all refunds of the trade so far, when the channel says (Alipay notifications)
    QDateTime succeededAt;
};

// An inbound HTTP request from a channel, as received.
struct CallbackRequest
{
    QByteArray method = "POST";
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress peer; // who sent it (rate limits of refused callbacks)
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// A verified callback, and what to answer the channel so it stops retrying.
struct CallbackEvent
{
    enum class Kind
    {
        Payment,
        Refund
    } kind = Kind::Payment;
    QString eventId; // the channel's id of this notification (duplicates share it)
    OrderStatus order;
    RefundStatus refund;
    int replyStatus = 200;
    QByteArray replyContentType = "text/plain";
    QByteArray replyBody;
};

} // namespace paydesk
