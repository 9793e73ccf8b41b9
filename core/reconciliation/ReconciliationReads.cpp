// The run history and the pool as the panel, the cli and paydeskd read them: thin wrappers over the
// stores behind recon.view. Runs, items and pool entries hold ids, amounts and statuses of
// transactions, never a payer's id or other personal data, so there is nothing to mask here;
// what a person needs beyond them (the order's payer) comes from the order's story, masked there.

#include "core/reconciliation/ReconciliationService.h"

#include "core/security/Authorizer.h"
#include "core/storage/Database.h"

namespace paydesk {

namespace {
// The connection for an actor allowed to read reconciliation.
Result<QSqlDatabase> readable(Database &database, AuditLog &audit, const Actor &actor, const QString &object)
{
    const Status allowed = Authorizer(audit).require(actor, Permission::ReconcileView, object);
    if (!allowed)
        return allowed.error();
    return database.connection();
}
} // namespace

Result<QList<ReconciliationRun>> ReconciliationService::runs(const Actor &actor, const ReconciliationRunFilter &filter)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_runs"));
    if (!db)
        return db.error();
    return ReconciliationRunStore::list(*db, filter);
}

Result<ReconciliationRun> ReconciliationService::findRun(const Actor &actor, qint64 runId)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_run:%1").arg(runId));
    if (!db)
        return db.error();
    return ReconciliationRunStore::byId(*db, runId);
}

Result<QList<ReconciliationItem>> ReconciliationService::items(const Actor &actor, qint64 runId, qint64 afterId,
                                                               int limit)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_run:%1").arg(runId));
    if (!db)
        return db.error();
    return ReconciliationRunStore::items(*db, runId, afterId, limit);
}

Result<QList<PoolDiscrepancy>> ReconciliationService::discrepancies(const Actor &actor, const DiscrepancyFilter &filter)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_discrepancies"));
    if (!db)
        return db.error();
    return DiscrepancyStore::list(*db, filter);
}

Result<PoolDiscrepancy> ReconciliationService::discrepancy(const Actor &actor, qint64 id)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_discrepancy:%1").arg(id));
    if (!db)
        return db.error();
    return DiscrepancyStore::byId(*db, id);
}

Result<QList<DiscrepancyTally>> ReconciliationService::discrepanciesPerDay(const Actor &actor, const QDate &from,
                                                                           const QDate &to)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_discrepancies"));
    if (!db)
        return db.error();
    if (!from.isValid() || !to.isValid() || from > to)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("from %1 to %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    return DiscrepancyStore::perDayAndCategory(*db, from, to);
}

Result<QList<DiscrepancyTally>> ReconciliationService::unresolvedByCategory(const Actor &actor)
{
    auto db = readable(m_database, m_audit, actor, QStringLiteral("recon_discrepancies"));
    if (!db)
        return db.error();
    return DiscrepancyStore::unresolvedByCategory(*db);
}

} // namespace paydesk
