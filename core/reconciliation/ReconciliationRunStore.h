#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

#include <chrono>

class QSqlQuery;

namespace paydesk {

class Database;

struct ReconciliationRunStart
{
    qint64 channelAccountId = 0;
    QDate billDate;
    qint64 statementFileId = 0; // 0: none yet (setStatementFile later)
    QString startedBy;
    QJsonObject settings; // cut-off window, currency, … as the run service writes them
};

// Which runs to list: every field left empty matches all; newest first, the next page by beforeId.
struct ReconciliationRunFilter
{
    qint64 channelAccountId = 0;
    QDate from; // bill dates, inclusive
    QDate to;
    std::optional<ReconciliationRunStatus> status;
    qint64 beforeId = 0; // keyset paging: runs with a smaller id
    int limit = 100;
};

// The recon_run and recon_item tables: the only place that holds their SQL (the pool's is in
// DiscrepancyStore). The run service holds the rules, authorisation and audit.
//
// The run lock (DESIGN §11) is the run's row: begin() inserts it 'running' and the caller commits
// that at once, before matching starts; a unique index admits one running run per account and
// date across all processes. The holder calls heartbeat() while it works; a running run whose
// heartbeat is older than the lease is taken to be dead and marked abandoned by the next begin().
namespace ReconciliationRunStore {

constexpr std::chrono::seconds kDefaultLease{120};

// A new running run; its id. ReconciliationRunning naming who started the running one and when
// if there is one (and its heartbeat is younger than `lease`). Run it in a unit of work of its own
// and commit at once: the committed row is the lock.
Result<qint64> begin(const QSqlDatabase &db, const ReconciliationRunStart &start, const QDateTime &now,
                     std::chrono::seconds lease = kDefaultLease);
// ReconciliationRunNotRunning when the run is no longer running (taken over after the lease, or
// cancelled): its process must stop.
Status heartbeat(const QSqlDatabase &db, qint64 runId, const QDateTime &now);
Status setStatementFile(const QSqlDatabase &db, qint64 runId, qint64 statementFileId);
// Completes the run in ONE transaction (a unit of work of its own, or the caller's): its summary,
// all its items, the pool (DiscrepancyStore::recordRun) and the superseding of the account and
// date's previous completed run. A failure anywhere leaves none of it written.
// ReconciliationRunNotRunning when the run is no longer running.
Status finish(Database &database, qint64 runId, const QJsonObject &summary, const QList<ReconciliationItem> &items,
              const QDateTime &now);
// Ends a running run as failed or cancelled, with why. ReconciliationRunNotRunning as above.
Status stop(const QSqlDatabase &db, qint64 runId, ReconciliationRunStatus status, const QString &why,
            const QDateTime &now);

// ReconciliationRunUnknown when there is none.
Result<ReconciliationRun> byId(const QSqlDatabase &db, qint64 runId);
Result<QList<ReconciliationRun>> list(const QSqlDatabase &db, const ReconciliationRunFilter &filter);
// The completed run of the account and date no later one superseded; nullopt when there is none.
Result<std::optional<ReconciliationRun>> current(const QSqlDatabase &db, qint64 channelAccountId,
                                                 const QDate &billDate);

// How many runs there are in each status (statuses with none are left out): paydeskd's /metrics.
Result<QList<std::pair<ReconciliationRunStatus, qint64>>> countByStatus(const QSqlDatabase &db);

// A run's items by id, the next page after afterId.
Result<QList<ReconciliationItem>> items(const QSqlDatabase &db, qint64 runId, qint64 afterId, int limit);
// The carried_over items of the account and date's current run: the next date's run feeds them in
// (ReconciliationItem::channelRecord / platformRecord). Empty when the date has no current run.
Result<QList<ReconciliationItem>> carriedOver(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate);
// Every item of every run that names the order (the order's story), oldest first.
Result<QList<ReconciliationItem>> itemsOfOrder(const QSqlDatabase &db, const QString &orderNo);

// The item columns prefixed by `alias` ("i.") and their reader from column `first` on, for the
// pool's queries that show each discrepancy's latest item.
QString itemColumns(const QString &alias);
Result<ReconciliationItem> readItem(const QSqlQuery &q, int first);

} // namespace ReconciliationRunStore
} // namespace paydesk
