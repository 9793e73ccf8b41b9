#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Money.h"
#include "core/payment/PaymentEventKind.h"
#include "core/payment/PaymentStates.h"

#include <QDateTime>
#include <QJsonObject>

namespace paydesk {

// What an application asks for when it creates an order (the gateway's create request).
struct CreateOrderRequest
{
    QString merchantOrderNo; // the application's own number: the idempotency key, per application
    Money amount;
    PayMethod method = PayMethod::WeChatNative;
    QString subject;
    QString notifyUrl;      // empty: the application's
    int expireMinutes = 30; // 1–1440
    QString payerId;        // WeChat JSAPI: the payer's openid
    QString returnUrl;      // UnionPay front payments: where the payer's browser returns (frontUrl)
};

// A payment order as the core keeps it.
struct PaymentOrder
{
    qint64 id = 0;
    QString orderNo; // ours: P + local time to the millisecond + 5 random digits
    qint64 applicationId = 0;
    qint64 merchantId = 0;
    QString merchantNo;
    QString merchantOrderNo;
    QString requestHash; // SHA-256 of the create request's fields
    PayMethod method = PayMethod::WeChatNative;
    Money amount;
    QString subject;
    QString notifyUrl;
    QDateTime expiresAt;
    PaymentStatus status = PaymentStatus::Created;
    qint64 channelAccountId = 0;
    QString channelAccount; // its name
    QString channelTransactionId;
    QString payerId;
    QJsonObject prepay; // code_url / prepay_id / form_action + form_fields
    qint64 merchantRatePpm = 0;
    Money merchantFee;
    qint64 channelRatePpm = 0;
    Money channelFee;
    Money refundedAmount;
    QDate businessDate;
    QDateTime paidAt;
    qint64 entryId = 0; // the payment's journal entry, once succeeded
    QDateTime createdAt;
    QDateTime updatedAt;
    int version = 0;
};

// One line of an order's story.
struct PaymentEvent
{
    qint64 id = 0;
    qint64 orderId = 0;
    qint64 refundId = 0;
    QDateTime at;
    PaymentEventKind kind = PaymentEventKind::Create;
    QString result; // ok, failed, duplicate, refused, a status name, …
    QJsonObject detail;

    // A call to the channel that failed (the result every service writes for one).
    bool failed() const { return result == failedResult(); }
    static QString failedResult() { return QStringLiteral("failed"); }
};

} // namespace paydesk

namespace paydesk {

// What an application asks for when it refunds (part of) an order.
struct CreateRefundRequest
{
    QString merchantRefundNo; // the application's own number: the idempotency key, per application
    Money amount;
    QString reason;
};

// A refund as the core keeps it.
struct PaymentRefund
{
    qint64 id = 0;
    QString refundNo; // ours: R + local time to the millisecond + 5 random digits
    qint64 orderId = 0;
    QString orderNo;
    qint64 applicationId = 0;
    QString merchantRefundNo;
    QString requestHash;
    Money amount;
    Money merchantFee; // returned to the merchant, set when the refund succeeds
    Money channelFee;  // returned by the channel, set when the refund succeeds
    QString reason;
    PaymentRefundStatus status = PaymentRefundStatus::Requested;
    QString channelRefundId;
    QDateTime requestedAt;
    QDateTime succeededAt;
    qint64 entryId = 0;
    QDateTime updatedAt;
    int version = 0;
    int asks = 0;          // times the refund was sent to the channel, always under refundNo
    QDateTime askedAt;     // when it was last sent
    QDateTime checkedAt;   // when the channel last answered or failed to
    QString channelAnswer; // its last word: a refund state name, or the error code name of a call without answer
    QString channelText;   // the channel's (or the transport's) own text with it
};

} // namespace paydesk
