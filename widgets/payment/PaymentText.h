#pragma once

#include "core/payment/OperatorRefundRequest.h"
#include "core/payment/PaymentNotification.h"
#include "core/payment/PaymentStates.h"

#include <QString>

namespace paydesk::PaymentText {

// How the console names an order's status, a line of its story and its outcome (translated).
QString orderStatus(PaymentStatus status);
QString refundStatus(PaymentRefundStatus status);
QString storyKind(const QString &source, const QString &kind);
QString storyResult(const QString &kind, const QString &result);
// An operator's refund request: waiting for approval, approved, rejected, made at once, failed.
QString refundRequestStatus(RefundRequestStatus status);
// The same by its stored name (a story line's result); the name itself when it is none.
QString refundRequestStatus(const QString &status);
// A notification as a whole: pending (being retried), delivered, gave up.
QString notificationStatus(NotificationStatus status);
QString notificationKind(NotificationKind kind);
// One delivery attempt of a notification: delivered, refused by the application, unreachable.
QString notificationOutcome(AttemptOutcome outcome);
// The same by its stored name (a story line's result); the name itself when it is none.
QString notificationOutcome(const QString &outcome);
// Which id the search text matched ("channel transaction id", …).
QString matchedBy(const QString &kind);
// The channel's last word on a refund (PaymentRefund::channelAnswer): what it said of the
// refund, or, for a call that got no usable answer, why (the error code's text) — never the
// transport's own message, which stays in the record for those who need it.
QString channelAnswer(const QString &answer);
// How long ago, roughly: "3 d 4 h", "5 h 12 min", "7 min".
QString age(qint64 seconds);

} // namespace paydesk::PaymentText
