#pragma once

#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QJsonObject>

#include <functional>

namespace paydesk {

// The shape of every service entry point that changes one thing:
// authorise → unit of work → load before → write → load after → audit → commit.
// An entry point states only what differs; the order, the error handling and the rule that
// nothing is written without its audit record live here.
template <typename T> struct AuditedChange
{
    Permission permission;
    QString refusedObject; // what a refusal is audited against
    // Reads the thing (locked where the store can); used before the write and after it.
    std::function<Result<T>(const QSqlDatabase &)> load;
    // Checks and writes, in the unit of work; false when there is nothing to change (then
    // nothing is audited and `before` is the answer).
    std::function<Result<bool>(const QSqlDatabase &, const T &before)> write;
    // The audit record of the change.
    std::function<AuditEvent(const T &before, const T &after)> audit;
};

// {"before": …, "after": …}: the detail most changes are audited with.
inline QJsonObject beforeAndAfter(const QJsonObject &before, const QJsonObject &after)
{
    return QJsonObject{{QStringLiteral("before"), before}, {QStringLiteral("after"), after}};
}

// The last two steps of every change: its audit record, then the commit (nothing is written
// without its record).
inline Status auditAndCommit(UnitOfWork &work, AuditLog &audit, const Actor &actor, const AuditEvent &event)
{
    auto audited = audit.append(actor, event);
    if (!audited)
        return audited;
    return work.commit();
}

template <typename T>
Result<T> applyAudited(Database &database, AuditLog &audit, const Actor &actor, const AuditedChange<T> &change)
{
    auto allowed = Authorizer(audit).require(actor, change.permission, change.refusedObject);
    if (!allowed)
        return allowed.error();
    UnitOfWork work(database);
    if (!work.isActive())
        return work.error();
    auto before = change.load(work.connection());
    if (!before)
        return before.error();
    auto changed = change.write(work.connection(), *before);
    if (!changed)
        return changed.error();
    if (!*changed)
        return before;
    auto after = change.load(work.connection());
    if (!after)
        return after.error();
    auto done = auditAndCommit(work, audit, actor, change.audit(*before, *after));
    if (!done)
        return done.error();
    return after;
}

} // namespace paydesk
