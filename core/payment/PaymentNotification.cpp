#include "core/payment/PaymentNotification.h"

#include "core/util/NameTable.h"

namespace paydesk::NotificationNames {

namespace {
constexpr NameTable::Table<NotificationKind, 2> kKinds{{
    {NotificationKind::Payment, "payment"},
    {NotificationKind::Refund, "refund"},
}};
constexpr NameTable::Table<NotificationStatus, 3> kStatuses{{
    {NotificationStatus::Pending, "pending"},
    {NotificationStatus::Delivered, "delivered"},
    {NotificationStatus::Failed, "failed"},
}};
constexpr NameTable::Table<AttemptOutcome, 3> kOutcomes{{
    {AttemptOutcome::Delivered, "delivered"},
    {AttemptOutcome::Rejected, "rejected"},
    {AttemptOutcome::Unreachable, "unreachable"},
}};
} // namespace

PAYDESK_NAME_PAIR(kind, kindFromName, NotificationKind, kKinds)
PAYDESK_NAME_PAIR(status, statusFromName, NotificationStatus, kStatuses)
PAYDESK_NAME_PAIR(outcome, outcomeFromName, AttemptOutcome, kOutcomes)

} // namespace paydesk::NotificationNames
