#include "core/channel/account/CredentialChange.h"

#include <array>

namespace paydesk {

namespace {
constexpr std::array<std::pair<CredentialChange::Status, const char *>, 6> kStatuses{{
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
    for (const auto &[value, name] : kStatuses) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    return {};
}

bool CredentialChange::statusFromName(const QString &name, Status *status)
{
    for (const auto &[value, text] : kStatuses) {
        if (name == QLatin1String(text)) {
            *status = value;
            return true;
        }
    }
    return false;
}

} // namespace paydesk
