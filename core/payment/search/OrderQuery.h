#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Money.h"
#include "core/payment/PaymentStates.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace paydesk {

// What support asks the order search for. Every part is optional and they combine with AND.
// Names, not row ids, so the console and scripts say what the operator sees.
struct OrderFilter
{
    QString anyId;      // our order/refund no, merchant order/refund no, channel transaction/refund id, payer id
    QString merchantNo; // M1001
    QString appId;      // the application's app_id
    std::optional<ChannelKind> channel;
    QString channelAccount; // its name
    std::optional<PayMethod> method;
    std::optional<PaymentStatus> status;
    std::optional<qint64> minAmount; // fen, inclusive
    std::optional<qint64> maxAmount; // fen, inclusive
    QDate createdFrom;               // business days in the platform's time zone, inclusive; null = open
    QDate createdTo;
    QDate paidFrom;
    QDate paidTo;
    std::optional<bool> hasRefund; // any refund, whatever its state

    bool isEmpty() const;
};

// Where the next page starts: the last row of the page before (newest first).
struct OrderCursor
{
    qint64 createdAtMs = 0;
    qint64 id = 0;
};

// One order as a result line.
struct OrderSummary
{
    qint64 id = 0;
    QString orderNo;
    QString merchantNo;
    QString merchantName;
    QString appId;
    QString merchantOrderNo;
    ChannelKind channel = ChannelKind::WeChatPay;
    QString channelAccount;
    PayMethod method = PayMethod::WeChatNative;
    Money amount;
    Money refundedAmount;
    Money merchantFee;
    Money channelFee;
    PaymentStatus status = PaymentStatus::Created;
    QDateTime createdAt;
    QDateTime paidAt;
    QString channelTransactionId;
    QString payerId; // masked unless the operator may see personal data
    QString subject;
    QString matchedBy; // which id the any-id text matched: order_no, merchant_order_no, …; empty without one
};

struct OrderPage
{
    QList<OrderSummary> rows;
    std::optional<OrderCursor> next; // absent on the last page
};

} // namespace paydesk
