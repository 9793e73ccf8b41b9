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

PAYDESK_NAME_PAIR(CredentialChange::statusName, CredentialChange::statusFromName, Status, kStatuses)

} // namespace paydesk
