#include "core/channel/account/CredentialChange.h"

#include "core/util/NameTable.h"

#include <array>

namespace paydesk {

namespace {
constexpr NameTable::Table<CredentialChange::Status, 6> kStatuses{{
    {CredentialChange::Status::Pending, "pending"},
    {CredentialChange::Status::Approved, "approved"},
    {CredentialChange::Status::Rejected, "rejected"},
    {CredentialChange::Status::Withdrawn, "withdrawn"},
    {CredentialChange::Status::Expired, "expired"},
    {CredentialChange::Status::Applied, "applied"},
}};
} // namespace

QString CredentialChange::statusName(Status status)
{
    return NameTable::name(kStatuses, status);
}

bool CredentialChange::statusFromName(const QString &name, Status *status)
{
    return NameTable::fromName(kStatuses, name, status);
}

} // namespace paydesk
