#pragma once

#include "core/security/Permission.h"

#include <QString>

namespace paydesk::RoleText {

// Translated name of a role ("Finance", "财务").
QString name(Role role);
QString names(const QSet<Role> &roles);

} // namespace paydesk::RoleText
