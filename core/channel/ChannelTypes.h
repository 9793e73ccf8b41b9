#pragma once

#include "money/Money.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace paydesk {

enum class ChannelKind { WeChatPay, Alipay, UnionPay };

// How the payer will pay: a QR code to scan (WeChat NATIVE, Alipay precreate), WeChat in-app
// JSAPI with a known openid, or UnionPay's front (browser) payment.
enum class PayMethod { WeChatNative, WeChatJsapi, AlipayPrecreate, UnionPayFront };

struct PrepayRequest
{
    PayMethod method = PayMethod::WeChatNative;
    QString outTradeNo;   // our order number, the channel's 商户订单号: the idempotency key
    Money amount;
    QString description;  // subject / 商品描述
    QString notifyUrl;    // where the channel posts the result
    QDateTime expiresAt;  // invalid: the channel's default
    QString payerId;      // WeChat JSAPI openid
    QString attach;
    QString returnUrl;    // UnionPay front payment: where the browser returns
    QDateTime createdAt;  // when the order is sent (UnionPay txnTime); invalid: now
};

struct PrepayResult
{
    QString codeUrl;      // QR content (WeChat native code_url, Alipay qr_code)
    QString prepayId;     // WeChat JSAPI prepay_id
    QUrl formAction;      // UnionPay: the browser posts `formFields` here
    QHash<QString, QString> formFields;
};

enum class OrderState { NotPaid, Paying, Paid, Refunded, Closed, Failed };

struct OrderStatus
{
    QString outTradeNo;
    QString channelTransactionId;
    OrderState state = OrderState::NotPaid;
    QString channelState;  // the channel's own word, e.g. SUCCESS, TRADE_SUCCESS, respCode 00
    Money amount;          // paid (or ordered) amount
    QDateTime paidAt;
    QString payerId;       // openid / buyer_logon_id / masked account
};

enum class RefundState { Processing, Succeeded, Failed };

struct RefundRequest
{
    QString outTradeNo;
    QString channelTransactionId;   // UnionPay needs the original queryId
    QString outRefundNo;            // our refund number: the idempotency key
    Money refundAmount;
    Money totalAmount;              // the order's paid amount
    QString reason;
    QString notifyUrl;
    QDateTime requestedAt;          // UnionPay txnTime of the refund; invalid: now
};

struct RefundStatus
{
    QString outTradeNo;
    QString outRefundNo;
    QString channelRefundId;
    RefundState state = RefundState::Processing;
    QString channelState;
    Money amount;          // this refund's amount; zero when the channel does not say (Alipay notifications)
    Money totalRefunded;   // all refunds of the trade so far, when the channel says (Alipay notifications)
    QDateTime succeededAt;
};

// An inbound HTTP request from a channel, as received.
struct CallbackRequest
{
    QByteArray method = "POST";
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// A verified callback, and what to answer the channel so it stops retrying.
struct CallbackEvent
{
    enum class Kind { Payment, Refund } kind = Kind::Payment;
    QString eventId;     // the channel's id of this notification (duplicates share it)
    OrderStatus order;
    RefundStatus refund;
    int replyStatus = 200;
    QByteArray replyContentType = "text/plain";
    QByteArray replyBody;
};

} // namespace paydesk
