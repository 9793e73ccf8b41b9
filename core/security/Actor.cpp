#include "core/security/Actor.h"

namespace paydesk {

Actor Actor::operatorSession(qint64 operatorId, const QString &username, const QSet<Role> &roles, const QString &source)
{
    Actor actor;
    actor.m_operatorId = operatorId;
    actor.m_name = username;
    actor.m_roles = roles;
    actor.m_permissions = Permissions::grantedTo(roles);
    actor.m_source = source;
    return actor;
}

Actor Actor::anonymous(const QString &source)
{
    Actor actor;
    actor.m_name = QStringLiteral("anonymous");
    actor.m_source = source;
    return actor;
}

Actor Actor::system(const QString &name, const QSet<Permission> &permissions, const QString &source)
{
    Actor actor;
    actor.m_name = QStringLiteral("system:") + name;
    actor.m_permissions = permissions;
    actor.m_source = source;
    return actor;
}

} // namespace paydesk
