#include "core/security/Authorizer.h"

#include "core/security/AuditLog.h"
#include "core/security/OperatorStore.h"
#include "core/storage/Database.h"

namespace paydesk {

Result<bool> Authorizer::holds(Database &database, const Actor &actor, Permission permission)
{
    if (!actor.isValid() || !actor.can(permission))
        return false;
    if (actor.operatorId() <= 0)
        return true; // the system and applications: their permissions are fixed
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    // Read afresh: a role taken away or an operator disabled counts at once, not at sign-out.
    auto standing = OperatorStore::standing(*connection, actor.operatorId());
    if (!standing)
        return standing.error();
    return *standing && (*standing)->active && Permissions::grantedTo((*standing)->roles).contains(permission);
}

Status Authorizer::require(const Actor &actor, Permission permission, const QString &object)
{
    auto granted = holds(m_audit.database(), actor, permission);
    if (!granted)
        return granted.error();
    if (*granted)
        return {};
    const QString name = Permissions::name(permission);
    AuditEvent event{QStringLiteral("permission.denied"), object, AuditResult::Denied,
                     QJsonObject{{QStringLiteral("permission"), name}}};
    auto recorded = m_audit.append(actor, event);
    if (!recorded)
        return recorded;
    return Error(ErrorCode::PermissionDenied, name);
}

} // namespace paydesk
