#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

// Which discrepancies of the pool to list: every field left empty matches all; newest first, the
// next page by beforeId.
struct DiscrepancyFilter
{
    bool unresolvedOnly = false; // open or proposed (the operator's "--open")
    std::optional<DiscrepancyStatus> status;
    std::optional<DiscrepancyCategory> category;
    qint64 channelAccountId = 0;
    qint64 merchantId = 0;
    QDate from; // bill dates, inclusive
    QDate to;
    qint64 beforeId = 0;
    int limit = 100;
};

// How many discrepancies of one category (and bill date) there are, and since when the oldest.
struct DiscrepancyTally
{
    QDate billDate; // invalid when counted over all dates
    DiscrepancyCategory category = DiscrepancyCategory::ChannelOnly;
    qint64 count = 0;
    QDateTime oldestFoundAt;
};

// The recon_discrepancy table, the pool of problems that stay open across runs until someone
// resolves them: the only place that holds its SQL. The reconciliation service holds the rules
// (which resolution fits which category, maker-checker), the ledger entries and the audit.
namespace DiscrepancyStore {

// Brings the pool up to date with a run being completed, inside its transaction
// (ReconciliationRunStore::finish): every discrepancy item of the run (not carried_over) is found
// again by its natural key or added; one found again takes the run's item and category, and is
// open again if it had gone; those of the same account and date still open or proposed that this
// run no longer has are gone. Resolved ones stay resolved.
Status recordRun(const QSqlDatabase &db, const ReconciliationRun &run, const QDateTime &now);

// DiscrepancyUnknown when there is none; QueryFailed for a status, category or resolution this
// version does not know.
Result<PoolDiscrepancy> byId(const QSqlDatabase &db, qint64 id);
Result<QList<PoolDiscrepancy>> list(const QSqlDatabase &db, const DiscrepancyFilter &filter);
// Every discrepancy that names the order (the order's story), oldest first.
Result<QList<PoolDiscrepancy>> ofOrder(const QSqlDatabase &db, const QString &orderNo);

// The changes of a discrepancy, each checked against the version the operator saw:
// DiscrepancyUnknown, DiscrepancyChangedMeanwhile (another change came first: reload), or
// DiscrepancyStateConflict (the status does not allow it). One conditional update each, so of two
// operators acting at once exactly one succeeds.
// open (or resolved with its money parked in suspense) → proposed
Status propose(const QSqlDatabase &db, qint64 id, int expectedVersion, DiscrepancyResolution resolution,
               const QString &by, const QDateTime &at, const QString &note, const QString &assignMerchantNo);
// proposed → resolved, with the ledger entry that settled it (0: none); a park entry is kept as
// the parked entry too
Status approve(const QSqlDatabase &db, qint64 id, int expectedVersion, const QString &by, const QDateTime &at,
               qint64 ledgerEntryId);
// proposed → open again, with why (or back to parked, for a follow-up of parked money)
Status reject(const QSqlDatabase &db, qint64 id, int expectedVersion, const QString &by, const QDateTime &at,
              const QString &reason);

// The unresolved (open or proposed) discrepancies by category, whatever the date: paydeskd's
// /metrics (how many, and the age of the oldest).
Result<QList<DiscrepancyTally>> unresolvedByCategory(const QSqlDatabase &db);
// The discrepancies found per bill date and category in [from, to], resolved or not (gone ones,
// which a later run no longer found, are not counted): the panel's chart. By date, then category.
Result<QList<DiscrepancyTally>> perDayAndCategory(const QSqlDatabase &db, const QDate &from, const QDate &to);

// Clearing's question (DESIGN §9): the merchant's orders paid on that business date (paid_at, Asia/
// Shanghai: the run's bill date) that are not reconciled, sorted. An order is reconciled when its channel account has a
// current (completed, not superseded) run for the order's business date, the order is in no open or proposed
// discrepancy (of its payment or of any of its refunds, whatever the run), and, when that run carried it over to the
// next date, the next date has a current run too (which then matched it or put it in the pool).
Result<QStringList> unreconciledOrderNumbers(const QSqlDatabase &db, qint64 merchantId, const QDate &businessDate);

} // namespace DiscrepancyStore
} // namespace paydesk
