#pragma once

#include "core/payment/PaymentStates.h"

#include <QString>

namespace paydesk::PaymentText {

// How the console names an order's status, a line of its story and its outcome (translated).
QString orderStatus(PaymentStatus status);
QString refundStatus(PaymentRefundStatus status);
QString storyKind(const QString &source, const QString &kind);
QString storyResult(const QString &kind, const QString &result);
// An operator's refund request: waiting for approval, approved, rejected, made at once, failed.
QString refundRequestStatus(const QString &status);
// A notification as a whole: pending (being retried), delivered, gave up.
QString notificationStatus(const QString &status);
// One delivery attempt of a notification: delivered, refused by the application, unreachable.
QString notificationOutcome(const QString &outcome);
// Which id the search text matched ("channel transaction id", …).
QString matchedBy(const QString &kind);
// A refund's status by its stored name (requested, processing, …).
QString refundStatus(const QString &status);
// The channel's last word on a refund (PaymentRefund::channelAnswer): what it said of the
// refund, or, for a call that got no usable answer, why (the error code's text) — never the
// transport's own message, which stays in the record for those who need it.
QString channelAnswer(const QString &answer);
// How long ago, roughly: "3 d 4 h", "5 h 12 min", "7 min".
QString age(qint64 seconds);

} // namespace paydesk::PaymentText
