#pragma once

#include "core/security/Permission.h"

#include <QSet>
#include <QString>

namespace paydesk {

// Who is asking the core to do something, and from where: an authenticated operator in the
// console or the cli, or the system itself (demo generation, migrations). Services check
// the actor's permissions and write its name into the audit log.
class Actor
{
public:
    Actor() = default;
    static Actor operatorSession(qint64 operatorId, const QString &username, const QSet<Role> &roles,
                                 const QString &source);
    // Someone not (yet) signed in, e.g. a failed login attempt; has no permissions.
    static Actor anonymous(const QString &source);
    // The platform acting on its own behalf, with exactly the permissions given.
    static Actor system(const QString &name, const QSet<Permission> &permissions, const QString &source);

    bool isValid() const { return !m_name.isEmpty(); }
    qint64 operatorId() const { return m_operatorId; }
    const QString &name() const { return m_name; }
    const QString &source() const { return m_source; }
    const QSet<Role> &roles() const { return m_roles; }
    bool has(Role role) const { return m_roles.contains(role); }
    bool can(Permission permission) const { return m_permissions.contains(permission); }

private:
    qint64 m_operatorId = 0;
    QString m_name;
    QString m_source;
    QSet<Role> m_roles;
    QSet<Permission> m_permissions;
};

} // namespace paydesk
