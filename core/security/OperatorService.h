#pragma once

#include "core/security/Actor.h"
#include "core/security/Operator.h"
#include "core/security/PasswordHasher.h"
#include "core/util/Clock.h"

#include <QList>

namespace paydesk {

class AuditLog;
class Database;

struct Login
{
    Actor actor;
    bool mustChangePassword = false;
};

// Operators, their roles and passwords, and signing in. Every change is permission-checked
// (operator.manage) and audited with before/after; logins, failures and lockouts are audited.
class OperatorService
{
public:
    OperatorService(Database &database, const Clock &clock, AuditLog &audit, PasswordHasher hasher = PasswordHasher(),
                    PasswordPolicy policy = PasswordPolicy());

    const PasswordPolicy &policy() const { return m_policy; }

    Result<bool> hasOperators();
    // Only on a database without operators: the first administrator.
    Result<Operator> createFirstAdmin(const QString &username, const QString &password, const QString &source);

    Result<Login> authenticate(const QString &username, const QString &password, const QString &source);
    // Asks the signed-in operator for the password again (idle lock); failures count as failed logins.
    Status confirmPassword(const Actor &actor, const QString &password);

    Result<QList<Operator>> list(const Actor &actor);
    Result<Operator> find(const Actor &actor, qint64 id);
    Result<Operator> findByName(const Actor &actor, const QString &username);
    // With mustChangePassword the operator has to choose a new password at the first sign-in.
    Result<Operator> create(const Actor &actor, const QString &username, const QString &displayName,
                            const QSet<Role> &roles, const QString &initialPassword, bool mustChangePassword = true);
    Status setActive(const Actor &actor, qint64 id, bool active);
    Status setRoles(const Actor &actor, qint64 id, const QSet<Role> &roles);
    // Sets a temporary password the operator must change at the next sign-in; clears a lockout.
    Status resetPassword(const Actor &actor, qint64 id, const QString &temporaryPassword);
    // Lifts a lockout after failed sign-ins (the count starts again from zero); the password stays.
    Status unlock(const Actor &actor, qint64 id);
    Status changeOwnPassword(const Actor &actor, const QString &current, const QString &next);

    static Status validateUsername(const QString &username);

private:
    Result<Operator> load(qint64 id);
    Result<Operator> loadByName(const QString &username);
    // Inserts an operator, the first entry of its password history and the audit record
    // (joins the caller's unit of work).
    Result<Operator> insertOperator(const Actor &actor, const QString &username, const QString &displayName,
                                    const QSet<Role> &roles, const QString &hash, bool mustChangePassword);
    Result<QString> storedHash(qint64 id);
    Status checkNewPassword(const QString &username, qint64 operatorId, const QString &password);
    Status storePassword(qint64 id, const QString &password, bool mustChange);
    Status keepAnAdministrator(qint64 changedId, bool stillActiveAdmin);
    Result<Actor> recordFailure(const Operator &op, const QString &source, const QString &reason);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    PasswordHasher m_hasher;
    PasswordPolicy m_policy;
    QString m_decoy; // verified for names that are no operator (PasswordHasher::decoy)
};

} // namespace paydesk
