#include "widgets/operators/RoleText.h"

#include <QCoreApplication>
#include <QStringList>

namespace paydesk::RoleText {

QString name(Role role)
{
    switch (role) {
    case Role::Admin:
        return QCoreApplication::translate("RoleText", "Administrator");
    case Role::Onboarding:
        return QCoreApplication::translate("RoleText", "Onboarding");
    case Role::Support:
        return QCoreApplication::translate("RoleText", "Support");
    case Role::Finance:
        return QCoreApplication::translate("RoleText", "Finance");
    case Role::Approver:
        return QCoreApplication::translate("RoleText", "Approver");
    case Role::Auditor:
        return QCoreApplication::translate("RoleText", "Auditor");
    }
    return {};
}

QString names(const QSet<Role> &roles)
{
    QStringList list;
    for (Role role : Permissions::allRoles()) {
        if (roles.contains(role))
            list << name(role);
    }
    return list.join(QStringLiteral(", "));
}

} // namespace paydesk::RoleText
