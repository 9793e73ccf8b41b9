#include "core/security/OperatorService.h"

#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/OperatorStore.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QRegularExpression>

namespace paydesk {

namespace {
QString objectName(const QString &username)
{
    return QStringLiteral("operator:") + username;
}

QJsonObject describe(const Operator &op)
{
    return QJsonObject{{QStringLiteral("username"), op.username},
                       {QStringLiteral("display_name"), op.displayName},
                       {QStringLiteral("roles"), Permissions::rolesText(op.roles)},
                       {QStringLiteral("status"), op.active ? QStringLiteral("active") : QStringLiteral("disabled")}};
}

// What a failed sign-in under a name that is no operator is recorded against: the typed name
// is not kept, because people type their password into the user field.
const QString kUnknownOperator = QStringLiteral("operator:(unknown)");
} // namespace

OperatorService::OperatorService(Database &database, const Clock &clock, AuditLog &audit, PasswordHasher hasher,
                                 PasswordPolicy policy)
    : m_database(database), m_clock(clock), m_audit(audit), m_hasher(hasher), m_policy(policy),
      m_decoy(m_hasher.decoy())
{
}

Status OperatorService::validateUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$"));
    if (!pattern.match(username).hasMatch())
        return Error(ErrorCode::OperatorNameInvalid, username);
    return {};
}

Result<bool> OperatorService::hasOperators()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto count = OperatorStore::count(*connection);
    if (!count)
        return count.error();
    return *count > 0;
}

Result<Operator> OperatorService::load(qint64 id)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return OperatorStore::byId(*connection, id);
}

Result<Operator> OperatorService::loadByName(const QString &username)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return OperatorStore::byName(*connection, username);
}

Result<QString> OperatorService::storedHash(qint64 id)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return OperatorStore::passwordHash(*connection, id);
}

Status OperatorService::checkNewPassword(const QString &username, qint64 operatorId, const QString &password)
{
    if (password.toUcs4().size() < m_policy.minimumLength)
        return Error(ErrorCode::PasswordTooShort);
    if (!username.isEmpty() && password.contains(username, Qt::CaseInsensitive))
        return Error(ErrorCode::PasswordContainsName);
    if (operatorId == 0)
        return {};
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto history = OperatorStore::recentPasswordHashes(*connection, operatorId, m_policy.historyDepth);
    if (!history)
        return history.error();
    for (const QString &earlier : std::as_const(*history)) {
        if (m_hasher.verify(password, earlier))
            return Error(ErrorCode::PasswordReused);
    }
    return {};
}

Status OperatorService::storePassword(qint64 id, const QString &password, bool mustChange)
{
    auto hash = m_hasher.hash(password);
    if (!hash)
        return hash.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto stored = OperatorStore::setPassword(work.connection(), id, *hash, mustChange, m_clock.nowUtc());
    if (!stored)
        return stored;
    return work.commit();
}

Result<Operator> OperatorService::insertOperator(const Actor &actor, const QString &username,
                                                 const QString &displayName, const QSet<Role> &roles,
                                                 const QString &hash, bool mustChangePassword)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto id = OperatorStore::insert(
        work.connection(), {username, displayName, roles, hash, mustChangePassword, actor.name()}, m_clock.nowUtc());
    if (!id)
        return id.error();
    auto created = OperatorStore::byId(work.connection(), *id);
    if (!created)
        return created.error();
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("operator.create"), objectName(username), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), describe(*created)}}});
    if (!done)
        return done.error();
    return created;
}

Result<Operator> OperatorService::createFirstAdmin(const QString &username, const QString &password,
                                                   const QString &source)
{
    auto before = hasOperators();
    if (!before)
        return before.error();
    if (*before)
        return Error(ErrorCode::FirstAdminExists);
    auto valid = validateUsername(username);
    if (!valid)
        return valid.error();
    auto strong = checkNewPassword(username, 0, password);
    if (!strong)
        return strong.error();
    auto hash = m_hasher.hash(password);
    if (!hash)
        return hash.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto existing = hasOperators();
    if (!existing)
        return existing.error();
    if (*existing)
        return Error(ErrorCode::FirstAdminExists);
    const Actor firstRun = Actor::system(QStringLiteral("first-run"), {}, source);
    auto created = insertOperator(firstRun, username, username, {Role::Admin}, *hash, false);
    if (!created)
        return created.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return created;
}

Result<Actor> OperatorService::recordFailure(const Operator &op, const QString &source, const QString &reason)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto failures = OperatorStore::countFailure(work.connection(), op.id);
    if (!failures)
        return failures.error();
    const Actor anonymous = Actor::anonymous(source);
    auto audited = m_audit.append(
        anonymous, {QStringLiteral("login.failed"), objectName(op.username), AuditResult::Failed,
                    QJsonObject{{QStringLiteral("reason"), reason}, {QStringLiteral("failures"), *failures}}});
    if (!audited)
        return audited.error();
    const bool locks = *failures >= m_policy.maximumFailures;
    const QDateTime until = m_clock.nowUtc().addSecs(m_policy.lockoutSeconds);
    if (locks) {
        auto locked = OperatorStore::lock(work.connection(), op.id, until);
        if (!locked)
            return locked.error();
        audited =
            m_audit.append(anonymous, {QStringLiteral("operator.locked"), objectName(op.username), AuditResult::Ok,
                                       QJsonObject{{QStringLiteral("until"), until.toString(Qt::ISODate)}}});
        if (!audited)
            return audited.error();
    }
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    if (locks)
        return Error(ErrorCode::OperatorLocked, until.toString(Qt::ISODate));
    return Error(ErrorCode::AuthenticationFailed);
}

Result<Login> OperatorService::authenticate(const QString &username, const QString &password, const QString &source)
{
    // Every answer below costs one password verification, whether the name is unknown, the
    // operator locked or disabled, or the password wrong: the time taken tells nothing.
    auto op = loadByName(username);
    if (!op) {
        if (op.error().code() != ErrorCode::OperatorUnknown)
            return op.error();
        (void)m_hasher.verify(password, m_decoy);
        auto audited = m_audit.append(Actor::anonymous(source),
                                      {QStringLiteral("login.failed"), kUnknownOperator, AuditResult::Failed,
                                       QJsonObject{{QStringLiteral("reason"), QStringLiteral("unknown operator")}}});
        if (!audited)
            return audited.error();
        return Error(ErrorCode::AuthenticationFailed);
    }
    auto hash = storedHash(op->id);
    if (!hash)
        return hash.error();
    // Verified before the state is looked at; a right password does not open a locked account.
    const bool passwordMatches = m_hasher.verify(password, *hash);
    const QDateTime now = m_clock.nowUtc();
    if (!op->active || op->isLocked(now)) {
        const bool locked = op->active;
        auto audited = m_audit.append(
            Actor::anonymous(source),
            {QStringLiteral("login.failed"), objectName(op->username), AuditResult::Failed,
             QJsonObject{{QStringLiteral("reason"), locked ? QStringLiteral("locked") : QStringLiteral("disabled")}}});
        if (!audited)
            return audited.error();
        if (locked)
            return Error(ErrorCode::OperatorLocked, op->lockedUntil.toString(Qt::ISODate));
        return Error(ErrorCode::OperatorDisabled);
    }
    if (!passwordMatches) {
        auto failure = recordFailure(*op, source, QStringLiteral("wrong password"));
        return failure.error();
    }
    const Actor actor = Actor::operatorSession(op->id, op->username, op->roles, source);
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto updated = OperatorStore::recordSignIn(work.connection(), op->id, now);
    if (!updated)
        return updated.error();
    auto done =
        auditAndCommit(work, m_audit, actor, {QStringLiteral("login"), objectName(op->username), AuditResult::Ok, {}});
    if (!done)
        return done.error();
    return Login{actor, op->mustChangePassword};
}

Status OperatorService::confirmPassword(const Actor &actor, const QString &password)
{
    auto op = load(actor.operatorId());
    if (!op)
        return op.error();
    auto hash = storedHash(op->id);
    if (!hash)
        return hash.error();
    const bool passwordMatches = m_hasher.verify(password, *hash); // before the state, as at sign-in
    if (!op->active)
        return Error(ErrorCode::OperatorDisabled);
    if (op->isLocked(m_clock.nowUtc()))
        return Error(ErrorCode::OperatorLocked, op->lockedUntil.toString(Qt::ISODate));
    if (!passwordMatches)
        return recordFailure(*op, actor.source(), QStringLiteral("wrong password at the idle lock")).error();
    return m_audit.append(actor, {QStringLiteral("session.unlock"), objectName(op->username), AuditResult::Ok, {}});
}

Result<QList<Operator>> OperatorService::list(const Actor &actor)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::OperatorView, QStringLiteral("operators"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return OperatorStore::all(*connection);
}

Result<Operator> OperatorService::find(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::OperatorView, QStringLiteral("operator:%1").arg(id));
    if (!allowed)
        return allowed.error();
    return load(id);
}

Result<Operator> OperatorService::findByName(const Actor &actor, const QString &username)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::OperatorView, objectName(username));
    if (!allowed)
        return allowed.error();
    return loadByName(username);
}

Result<Operator> OperatorService::create(const Actor &actor, const QString &username, const QString &displayName,
                                         const QSet<Role> &roles, const QString &initialPassword,
                                         bool mustChangePassword)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::OperatorManage, objectName(username));
    if (!allowed)
        return allowed.error();
    auto valid = validateUsername(username);
    if (!valid)
        return valid.error();
    if (roles.isEmpty())
        return Error(ErrorCode::RoleUnknown, QStringLiteral("an operator needs at least one role"));
    auto strong = checkNewPassword(username, 0, initialPassword);
    if (!strong)
        return strong.error();
    auto hash = m_hasher.hash(initialPassword);
    if (!hash)
        return hash.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto existing = loadByName(username);
    if (existing)
        return Error(ErrorCode::OperatorExists, username);
    if (existing.error().code() != ErrorCode::OperatorUnknown)
        return existing.error();
    auto created = insertOperator(actor, username, displayName, roles, *hash, mustChangePassword);
    if (!created)
        return created.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return created;
}

Status OperatorService::keepAnAdministrator(qint64 changedId, bool stillActiveAdmin)
{
    if (stillActiveAdmin)
        return {};
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto another = OperatorStore::anotherActiveAdministrator(*connection, changedId);
    if (!another)
        return another.error();
    if (*another)
        return {};
    return Error(ErrorCode::LastAdministrator);
}

Status OperatorService::setActive(const Actor &actor, qint64 id, bool active)
{
    AuditedChange<Operator> change;
    change.permission = Permission::OperatorManage;
    change.refusedObject = QStringLiteral("operator:%1").arg(id);
    change.load = [id](const QSqlDatabase &db) { return OperatorStore::byId(db, id); };
    change.write = [&](const QSqlDatabase &db, const Operator &) -> Result<bool> {
        if (!active && id == actor.operatorId())
            return Error(ErrorCode::SelfChangeRefused);
        if (!active) {
            auto kept = keepAnAdministrator(id, false);
            if (!kept)
                return kept.error();
        }
        auto updated = OperatorStore::setActive(db, id, active);
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [active](const Operator &before, const Operator &after) {
        return AuditEvent{active ? QStringLiteral("operator.enable") : QStringLiteral("operator.disable"),
                          objectName(before.username), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    auto changed = applyAudited(m_database, m_audit, actor, change);
    if (!changed)
        return changed.error();
    return {};
}

Status OperatorService::setRoles(const Actor &actor, qint64 id, const QSet<Role> &roles)
{
    AuditedChange<Operator> change;
    change.permission = Permission::OperatorManage;
    change.refusedObject = QStringLiteral("operator:%1").arg(id);
    change.load = [id](const QSqlDatabase &db) { return OperatorStore::byId(db, id); };
    change.write = [&](const QSqlDatabase &db, const Operator &before) -> Result<bool> {
        if (roles.isEmpty())
            return Error(ErrorCode::RoleUnknown, QStringLiteral("an operator needs at least one role"));
        const bool losesAdmin = before.roles.contains(Role::Admin) && !roles.contains(Role::Admin);
        if (losesAdmin && id == actor.operatorId())
            return Error(ErrorCode::SelfChangeRefused);
        if (losesAdmin && before.active) {
            auto kept = keepAnAdministrator(id, false);
            if (!kept)
                return kept.error();
        }
        auto updated = OperatorStore::setRoles(db, id, roles);
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [](const Operator &before, const Operator &after) {
        return AuditEvent{QStringLiteral("operator.roles"), objectName(before.username), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    auto changed = applyAudited(m_database, m_audit, actor, change);
    if (!changed)
        return changed.error();
    return {};
}

Status OperatorService::resetPassword(const Actor &actor, qint64 id, const QString &temporaryPassword)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::OperatorManage, QStringLiteral("operator:%1").arg(id));
    if (!allowed)
        return allowed;
    auto op = load(id);
    if (!op)
        return op.error();
    auto strong = checkNewPassword(op->username, id, temporaryPassword);
    if (!strong)
        return strong;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto stored = storePassword(id, temporaryPassword, true);
    if (!stored)
        return stored;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("operator.password_reset"), objectName(op->username), AuditResult::Ok,
                           QJsonObject{{QStringLiteral("must_change_password"), true}}});
}

Status OperatorService::unlock(const Actor &actor, qint64 id)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::OperatorManage, QStringLiteral("operator:%1").arg(id));
    if (!allowed)
        return allowed;
    auto op = load(id);
    if (!op)
        return op.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto updated = OperatorStore::clearLock(work.connection(), id);
    if (!updated)
        return updated;
    const bool wasLocked = op->isLocked(m_clock.nowUtc());
    auto audited = m_audit.append(actor, {QStringLiteral("operator.unlock"), objectName(op->username), AuditResult::Ok,
                                          QJsonObject{{QStringLiteral("was_locked"), wasLocked},
                                                      {QStringLiteral("locked_until"),
                                                       wasLocked ? op->lockedUntil.toString(Qt::ISODate) : QString()},
                                                      {QStringLiteral("failed_logins"), op->failedLogins}}});
    if (!audited)
        return audited;
    return work.commit();
}

Status OperatorService::changeOwnPassword(const Actor &actor, const QString &current, const QString &next)
{
    auto op = load(actor.operatorId());
    if (!op)
        return op.error();
    auto hash = storedHash(op->id);
    if (!hash)
        return hash.error();
    if (!m_hasher.verify(current, *hash))
        return recordFailure(*op, actor.source(), QStringLiteral("wrong current password")).error();
    auto strong = checkNewPassword(op->username, op->id, next);
    if (!strong)
        return strong;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto stored = storePassword(op->id, next, false);
    if (!stored)
        return stored;
    auto audited = m_audit.append(
        actor, {QStringLiteral("operator.password_change"), objectName(op->username), AuditResult::Ok, {}});
    if (!audited)
        return audited;
    return work.commit();
}

} // namespace paydesk
