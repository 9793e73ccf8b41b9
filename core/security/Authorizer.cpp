#include "core/security/Authorizer.h"

#include "core/security/AuditLog.h"
#include "core/security/OperatorService.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"

namespace paydesk {

Status Authorizer::require(const Actor &actor, Permission permission, const QString &object)
{
    bool granted = actor.isValid() && actor.can(permission);
    if (granted && actor.operatorId() > 0) {
        auto connection = m_audit.database().connection();
        if (!connection)
            return connection.error();
        auto current = Sql::run(*connection, QStringLiteral("SELECT roles, status FROM operator WHERE id = ?"),
                                {actor.operatorId()});
        if (!current)
            return current.error();
        granted =
            current->next() && current->value(1).toString() == QLatin1String("active") &&
            Permissions::grantedTo(OperatorService::rolesFromText(current->value(0).toString())).contains(permission);
        current->finish(); // the connection is needed again for the audit record
    }
    if (granted)
        return {};
    const QString name = Permissions::name(permission);
    AuditEvent event{QStringLiteral("permission.denied"), object, QStringLiteral("denied"),
                     QJsonObject{{QStringLiteral("permission"), name}}};
    auto recorded = m_audit.append(actor, event);
    if (!recorded)
        return recorded;
    return Error(ErrorCode::PermissionDenied, name);
}

} // namespace paydesk
