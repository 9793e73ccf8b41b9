#pragma once

#include "core/security/Permission.h"

#include <QDateTime>
#include <QSet>
#include <QString>

namespace paydesk {

// A person who works in Paydesk, as an administrator sees them (never the password hash).
struct Operator
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QSet<Role> roles;
    bool active = true;
    bool mustChangePassword = false;
    int failedLogins = 0;
    QDateTime lockedUntil; // invalid when not locked
    QDateTime lastLoginAt;
    QDateTime passwordChangedAt;
    QDateTime createdAt;
    QString createdBy;

    bool isLocked(const QDateTime &now) const { return lockedUntil.isValid() && lockedUntil > now; }
};

struct PasswordPolicy
{
    int minimumLength = 12;
    int historyDepth = 4;     // a new password differs from the last four
    int maximumFailures = 10; // failed logins in a row before a lockout
    qint64 lockoutSeconds = 30 * 60;
    qint64 idleLockSeconds = 15 * 60;
};

} // namespace paydesk
