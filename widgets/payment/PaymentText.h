#pragma once

#include "payment/PaymentStates.h"

#include <QString>

namespace paydesk::PaymentText {

// How the console names an order's status, a line of its story and its outcome (translated).
QString orderStatus(PaymentStatus status);
QString refundStatus(PaymentRefundStatus status);
QString storyKind(const QString &source, const QString &kind);
QString storyResult(const QString &kind, const QString &result);
// Which id the search text matched ("channel transaction id", …).
QString matchedBy(const QString &kind);

} // namespace paydesk::PaymentText
