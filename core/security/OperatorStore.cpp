#include "core/security/OperatorStore.h"

#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

#include <QSqlQuery>

namespace paydesk::OperatorStore {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT id, username, display_name, roles, status, must_change_password, failed_logins, locked_until, "
    "last_login_at, password_changed_at, created_at, created_by FROM operator ");

QDateTime instant(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Result<QSet<Role>> roles(const QVariant &value)
{
    return StoredName::read<QSet<Role>>(value, Permissions::rolesFromText, "operator.roles");
}

Result<bool> active(const QVariant &value)
{
    return StoredName::flag(value, "active", "disabled", "operator.status");
}

Result<Operator> read(const QSqlQuery &q)
{
    Operator op;
    op.id = q.value(0).toLongLong();
    op.username = q.value(1).toString();
    op.displayName = q.value(2).toString();
    auto held = roles(q.value(3));
    if (!held)
        return held.error();
    op.roles = *held;
    auto isActive = active(q.value(4));
    if (!isActive)
        return isActive.error();
    op.active = *isActive;
    op.mustChangePassword = q.value(5).toInt() != 0;
    op.failedLogins = q.value(6).toInt();
    op.lockedUntil = instant(q.value(7));
    op.lastLoginAt = instant(q.value(8));
    op.passwordChangedAt = instant(q.value(9));
    op.createdAt = instant(q.value(10));
    op.createdBy = q.value(11).toString();
    return op;
}

Result<Operator> one(const QSqlDatabase &db, const QString &where, const QVariant &value)
{
    auto q = Sql::run(db, kSelect + where, {value});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::OperatorUnknown, value.toString());
    return read(*q);
}

Status rememberPassword(const QSqlDatabase &db, qint64 id, const QString &hash, const QDateTime &at)
{
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO operator_password_history (operator_id, password_hash, set_at) VALUES (?, ?, ?)"),
        {id, hash, at.toMSecsSinceEpoch()});
}
} // namespace

Result<qint64> count(const QSqlDatabase &db)
{
    auto n = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM operator"));
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<Operator> byId(const QSqlDatabase &db, qint64 id)
{
    return one(db, QStringLiteral("WHERE id = ?"), id);
}

Result<Operator> byName(const QSqlDatabase &db, const QString &username)
{
    return one(db, QStringLiteral("WHERE username = ?"), username);
}

Result<QList<Operator>> all(const QSqlDatabase &db)
{
    return Sql::readAll<Operator>(Sql::run(db, kSelect + QStringLiteral("ORDER BY username")), read);
}

Result<std::optional<Standing>> standing(const QSqlDatabase &db, qint64 id)
{
    auto q = Sql::run(db, QStringLiteral("SELECT roles, status FROM operator WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Standing>();
    auto held = roles(q->value(0));
    if (!held)
        return held.error();
    auto isActive = active(q->value(1));
    if (!isActive)
        return isActive.error();
    q->finish(); // the connection is often needed again at once (the audit record)
    return std::optional<Standing>(Standing{*held, *isActive});
}

Result<bool> anotherActiveAdministrator(const QSqlDatabase &db, qint64 exceptId)
{
    auto q = Sql::run(db, QStringLiteral("SELECT roles FROM operator WHERE status = 'active' AND id <> ?"), {exceptId});
    if (!q)
        return q.error();
    while (q->next()) {
        auto held = roles(q->value(0));
        if (!held)
            return held.error();
        if (held->contains(Role::Admin))
            return true;
    }
    return false;
}

Result<QString> passwordHash(const QSqlDatabase &db, qint64 id)
{
    auto hash = Sql::scalar(db, QStringLiteral("SELECT password_hash FROM operator WHERE id = ?"), {id});
    if (!hash)
        return hash.error();
    return hash->toString();
}

Result<QStringList> recentPasswordHashes(const QSqlDatabase &db, qint64 id, int depth)
{
    auto q = Sql::run(db,
                      QStringLiteral("SELECT password_hash FROM operator_password_history WHERE operator_id = ? "
                                     "ORDER BY id DESC LIMIT %1")
                          .arg(qMax(0, depth)),
                      {id});
    if (!q)
        return q.error();
    QStringList hashes;
    while (q->next())
        hashes << q->value(0).toString();
    return hashes;
}

Result<qint64> insert(const QSqlDatabase &db, const NewOperator &op, const QDateTime &at)
{
    const qint64 now = at.toMSecsSinceEpoch();
    auto inserted = Sql::exec(
        db,
        QStringLiteral("INSERT INTO operator (username, display_name, roles, status, password_hash, "
                       "password_changed_at, must_change_password, created_at, created_by) "
                       "VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)"),
        {op.username, op.displayName.isNull() ? QStringLiteral("") : op.displayName, Permissions::rolesText(op.roles),
         op.passwordHash, now, op.mustChangePassword ? 1 : 0, now, op.createdBy});
    if (!inserted)
        return inserted.error();
    auto id = Sql::scalar(db, QStringLiteral("SELECT id FROM operator WHERE username = ?"), {op.username});
    if (!id)
        return id.error();
    auto remembered = rememberPassword(db, id->toLongLong(), op.passwordHash, at);
    if (!remembered)
        return remembered.error();
    return id->toLongLong();
}

Status setPassword(const QSqlDatabase &db, qint64 id, const QString &hash, bool mustChange, const QDateTime &at)
{
    auto updated =
        Sql::exec(db,
                  QStringLiteral("UPDATE operator SET password_hash = ?, password_changed_at = ?, "
                                 "must_change_password = ?, failed_logins = 0, locked_until = NULL WHERE id = ?"),
                  {hash, at.toMSecsSinceEpoch(), mustChange ? 1 : 0, id});
    if (!updated)
        return updated;
    return rememberPassword(db, id, hash, at);
}

Result<int> countFailure(const QSqlDatabase &db, qint64 id)
{
    auto counted =
        Sql::exec(db, QStringLiteral("UPDATE operator SET failed_logins = failed_logins + 1 WHERE id = ?"), {id});
    if (!counted)
        return counted.error();
    auto failures = Sql::scalar(db, QStringLiteral("SELECT failed_logins FROM operator WHERE id = ?"), {id});
    if (!failures)
        return failures.error();
    return failures->toInt();
}

Status lock(const QSqlDatabase &db, qint64 id, const QDateTime &until)
{
    return Sql::exec(db, QStringLiteral("UPDATE operator SET failed_logins = 0, locked_until = ? WHERE id = ?"),
                     {until.toMSecsSinceEpoch(), id});
}

Status clearLock(const QSqlDatabase &db, qint64 id)
{
    return Sql::exec(db, QStringLiteral("UPDATE operator SET failed_logins = 0, locked_until = NULL WHERE id = ?"),
                     {id});
}

Status recordSignIn(const QSqlDatabase &db, qint64 id, const QDateTime &at)
{
    return Sql::exec(
        db,
        QStringLiteral("UPDATE operator SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?"),
        {at.toMSecsSinceEpoch(), id});
}

Status setActive(const QSqlDatabase &db, qint64 id, bool active)
{
    return Sql::exec(
        db,
        active ? QStringLiteral(
                     "UPDATE operator SET status = 'active', failed_logins = 0, locked_until = NULL WHERE id = ?")
               : QStringLiteral("UPDATE operator SET status = 'disabled' WHERE id = ?"),
        {id});
}

Status setRoles(const QSqlDatabase &db, qint64 id, const QSet<Role> &roles)
{
    return Sql::exec(db, QStringLiteral("UPDATE operator SET roles = ? WHERE id = ?"),
                     {Permissions::rolesText(roles), id});
}

} // namespace paydesk::OperatorStore
