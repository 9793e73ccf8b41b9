#include "core/payment/PaymentStates.h"

#include "core/util/Error.h"
#include "core/util/NameTable.h"

#include <utility>

namespace paydesk::PaymentStates {

namespace {
constexpr NameTable::Table<PaymentStatus, 7> kPaymentNames{{
    {PaymentStatus::Created, "created"},
    {PaymentStatus::Paying, "paying"},
    {PaymentStatus::Succeeded, "succeeded"},
    {PaymentStatus::Failed, "failed"},
    {PaymentStatus::Closed, "closed"},
    {PaymentStatus::PartiallyRefunded, "partially_refunded"},
    {PaymentStatus::Refunded, "refunded"},
}};
constexpr NameTable::Table<PaymentRefundStatus, 4> kRefundNames{{
    {PaymentRefundStatus::Requested, "requested"},
    {PaymentRefundStatus::Processing, "processing"},
    {PaymentRefundStatus::Succeeded, "succeeded"},
    {PaymentRefundStatus::Failed, "failed"},
}};
const std::pair<PaymentStatus, PaymentStatus> kPaymentSteps[] = {
    {PaymentStatus::Created, PaymentStatus::Paying},
    {PaymentStatus::Created, PaymentStatus::Succeeded}, // the callback can beat the prepay answer
    {PaymentStatus::Created, PaymentStatus::Failed},
    {PaymentStatus::Created, PaymentStatus::Closed},
    {PaymentStatus::Paying, PaymentStatus::Succeeded},
    {PaymentStatus::Paying, PaymentStatus::Failed},
    {PaymentStatus::Paying, PaymentStatus::Closed},
    {PaymentStatus::Succeeded, PaymentStatus::PartiallyRefunded},
    {PaymentStatus::Succeeded, PaymentStatus::Refunded},
    {PaymentStatus::PartiallyRefunded, PaymentStatus::PartiallyRefunded},
    {PaymentStatus::PartiallyRefunded, PaymentStatus::Refunded},
};
const std::pair<PaymentRefundStatus, PaymentRefundStatus> kRefundSteps[] = {
    {PaymentRefundStatus::Requested, PaymentRefundStatus::Processing},
    {PaymentRefundStatus::Requested, PaymentRefundStatus::Succeeded}, // some channels answer a refund at once
    {PaymentRefundStatus::Requested, PaymentRefundStatus::Failed},
    {PaymentRefundStatus::Processing, PaymentRefundStatus::Succeeded},
    {PaymentRefundStatus::Processing, PaymentRefundStatus::Failed},
};

template <typename Status, size_t N> bool stepIn(const std::pair<Status, Status> (&steps)[N], Status from, Status to)
{
    for (const auto &[a, b] : steps) {
        if (a == from && b == to)
            return true;
    }
    return false;
}
} // namespace

PAYDESK_NAME_PAIR(name, fromName, PaymentStatus, kPaymentNames)
PAYDESK_NAME_PAIR(name, fromName, PaymentRefundStatus, kRefundNames)

bool allows(PaymentStatus from, PaymentStatus to)
{
    return stepIn(kPaymentSteps, from, to);
}
bool allows(PaymentRefundStatus from, PaymentRefundStatus to)
{
    return stepIn(kRefundSteps, from, to);
}

Status check(PaymentStatus from, PaymentStatus to)
{
    if (allows(from, to))
        return {};
    return Error(ErrorCode::PaymentTransitionRefused, QStringLiteral("order: %1 → %2").arg(name(from), name(to)));
}

Status check(PaymentRefundStatus from, PaymentRefundStatus to)
{
    if (allows(from, to))
        return {};
    return Error(ErrorCode::PaymentTransitionRefused, QStringLiteral("refund: %1 → %2").arg(name(from), name(to)));
}

bool isFinal(PaymentStatus status)
{
    return status == PaymentStatus::Failed || status == PaymentStatus::Closed || status == PaymentStatus::Refunded;
}

bool hasBeenPaid(PaymentStatus status)
{
    return status == PaymentStatus::Succeeded || status == PaymentStatus::PartiallyRefunded ||
           status == PaymentStatus::Refunded;
}

bool isRefundable(PaymentStatus status)
{
    return status == PaymentStatus::Succeeded || status == PaymentStatus::PartiallyRefunded;
}

} // namespace paydesk::PaymentStates
