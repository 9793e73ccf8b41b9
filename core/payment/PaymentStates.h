#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {

// The life of a payment order and of a refund (DESIGN §7):
//   order:  created → paying → succeeded | failed | closed; succeeded → partially_refunded → refunded
//           (created may also close or fail at once: expiry before the payer scans, a refused prepay)
//   refund: requested → processing → succeeded | failed
enum class PaymentStatus
{
    Created,
    Paying,
    Succeeded,
    Failed,
    Closed,
    PartiallyRefunded,
    Refunded
};
enum class PaymentRefundStatus
{
    Requested,
    Processing,
    Succeeded,
    Failed
};

namespace PaymentStates {

QString name(PaymentStatus status); // "created", "paying", …, "partially_refunded"
bool fromName(const QString &name, PaymentStatus *status);
QString name(PaymentRefundStatus status); // "requested", "processing", "succeeded", "failed"
bool fromName(const QString &name, PaymentRefundStatus *status);

// Whether the order's status may move from → to; a refund moves a succeeded or partially
// refunded order to partially_refunded (again) or refunded.
bool allows(PaymentStatus from, PaymentStatus to);
bool allows(PaymentRefundStatus from, PaymentRefundStatus to);
// PaymentTransitionRefused naming both statuses, or success.
Status check(PaymentStatus from, PaymentStatus to);
Status check(PaymentRefundStatus from, PaymentRefundStatus to);

// Final: nothing can happen to the order any more.
bool isFinal(PaymentStatus status);
// Money was received (and is not all refunded): refunds may be asked for.
bool isRefundable(PaymentStatus status);
// The order was paid at some point (succeeded, partly or fully refunded): it has a paid_at.
bool hasBeenPaid(PaymentStatus status);

} // namespace PaymentStates
} // namespace paydesk
