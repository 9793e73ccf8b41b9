#pragma once

#include "core/security/Operator.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

#include <optional>

namespace paydesk {

// The operator and operator_password_history tables: the only place that holds their SQL.
// OperatorService holds the rules (password policy, lockout, the last administrator),
// authorisation, units of work and audit. Password hashes are read only to be verified.
namespace OperatorStore {

// Every read checks the stored roles and status: a name this version does not know is
// QueryFailed, never a silent default.
Result<qint64> count(const QSqlDatabase &db);
// OperatorUnknown when there is none.
Result<Operator> byId(const QSqlDatabase &db, qint64 id);
Result<Operator> byName(const QSqlDatabase &db, const QString &username);
Result<QList<Operator>> all(const QSqlDatabase &db); // by user name

// What every permission check reads afresh: the operator's roles and whether it is active
// (nullopt when the operator is gone).
struct Standing
{
    QSet<Role> roles;
    bool active = false;
};
Result<std::optional<Standing>> standing(const QSqlDatabase &db, qint64 id);
// Whether an active operator other than `exceptId` holds the administrator role.
Result<bool> anotherActiveAdministrator(const QSqlDatabase &db, qint64 exceptId);

Result<QString> passwordHash(const QSqlDatabase &db, qint64 id);
// The newest `depth` hashes the operator has had, newest first.
Result<QStringList> recentPasswordHashes(const QSqlDatabase &db, qint64 id, int depth);

struct NewOperator
{
    QString username;
    QString displayName;
    QSet<Role> roles;
    QString passwordHash;
    bool mustChangePassword = false;
    QString createdBy;
};
// Inserts an active operator and remembers its first password; returns the new id.
Result<qint64> insert(const QSqlDatabase &db, const NewOperator &op, const QDateTime &at);
// Sets a new password (remembered in the history), clearing failures and any lock.
Status setPassword(const QSqlDatabase &db, qint64 id, const QString &hash, bool mustChange, const QDateTime &at);
// One more failed sign-in; returns the failures in a row now.
Result<int> countFailure(const QSqlDatabase &db, qint64 id);
// Locks until `until` and starts the failure count again.
Status lock(const QSqlDatabase &db, qint64 id, const QDateTime &until);
Status clearLock(const QSqlDatabase &db, qint64 id);
Status recordSignIn(const QSqlDatabase &db, qint64 id, const QDateTime &at);
// Enabling also clears failures and any lock.
Status setActive(const QSqlDatabase &db, qint64 id, bool active);
Status setRoles(const QSqlDatabase &db, qint64 id, const QSet<Role> &roles);

} // namespace OperatorStore
} // namespace paydesk
