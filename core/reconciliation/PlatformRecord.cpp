#include "core/reconciliation/PlatformRecord.h"

namespace paydesk {

PlatformStatus platformStatusOf(PaymentStatus status)
{
    if (PaymentStates::hasBeenPaid(status))
        return PlatformStatus::Succeeded; // a later refund is its own record
    if (status == PaymentStatus::Created || status == PaymentStatus::Paying)
        return PlatformStatus::Pending;
    return PlatformStatus::Failed;
}

PlatformStatus platformStatusOf(PaymentRefundStatus status)
{
    switch (status) {
    case PaymentRefundStatus::Succeeded:
        return PlatformStatus::Succeeded;
    case PaymentRefundStatus::Requested:
    case PaymentRefundStatus::Processing:
        return PlatformStatus::Pending;
    case PaymentRefundStatus::Failed:
        break;
    }
    return PlatformStatus::Failed;
}

} // namespace paydesk
