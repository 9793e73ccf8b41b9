#pragma once

#include "core/money/Money.h"
#include "core/payment/PaymentStates.h"
#include "core/reconciliation/ReconciliationKinds.h"

#include <QDateTime>

namespace paydesk {

// One of our payments or refunds as the matcher sees it: the keys, what we hold and what we
// posted, and our row id so that the caller can find the row again.
struct PlatformRecord
{
    RecordType type = RecordType::Payment;
    qint64 rowId = 0; // the payment order's or the refund's id
    QString orderNo;
    QString refundNo;             // refunds
    QString channelTransactionId; // empty when the channel's callback never reached us
    QString channelRefundNo;      // refunds: the channel's refund number, when it answered
    Money amount;                 // paid or refunded, > 0
    Money channelFee;             // the channel fee we posted (charged or returned), >= 0
    PlatformStatus status = PlatformStatus::Succeeded;
    QDateTime time; // UTC: paid at (payments), succeeded at (refunds)
    // Left over from the previous day's match (日切) and fed in again: matched like any record,
    // but never carried a second time.
    bool carried = false;
};

// How the matcher reads our order and refund statuses.
PlatformStatus platformStatusOf(PaymentStatus status);
PlatformStatus platformStatusOf(PaymentRefundStatus status);

} // namespace paydesk
