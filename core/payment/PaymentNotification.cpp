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

QString kind(NotificationKind kind)
{
    return NameTable::name(kKinds, kind);
}

bool kindFromName(const QString &name, NotificationKind *kind)
{
    return NameTable::fromName(kKinds, name, kind);
}

QString status(NotificationStatus status)
{
    return NameTable::name(kStatuses, status);
}

bool statusFromName(const QString &name, NotificationStatus *status)
{
    return NameTable::fromName(kStatuses, name, status);
}

QString outcome(AttemptOutcome outcome)
{
    return NameTable::name(kOutcomes, outcome);
}

bool outcomeFromName(const QString &name, AttemptOutcome *outcome)
{
    return NameTable::fromName(kOutcomes, name, outcome);
}

} // namespace paydesk::NotificationNames
