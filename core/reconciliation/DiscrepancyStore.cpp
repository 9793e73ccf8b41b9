#include "core/reconciliation/DiscrepancyStore.h"

#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QSqlQuery>
#include <QTimeZone>

namespace paydesk::DiscrepancyStore {

namespace {
QString selectPool()
{
    return QStringLiteral(
               "SELECT d.id, d.channel_account_id, d.bill_date, d.record_type, d.category, d.match_key, "
               "d.order_no, d.refund_no, d.channel_transaction_id, d.first_run_id, d.latest_run_id, "
               "d.merchant_id, d.status, d.resolution, d.proposed_by, d.proposed_at, d.note, d.decided_by, "
               "d.decided_at, d.reject_reason, d.ledger_entry_id, d.parked_entry_id, d.assign_merchant_no, d.found_at, "
               "d.version, ") +
           ReconciliationRunStore::itemColumns(QStringLiteral("i.")) +
           QStringLiteral(" FROM recon_discrepancy d JOIN recon_item i ON i.id = d.latest_item_id ");
}
constexpr int kPoolColumns = 25; // before the item's

Result<PoolDiscrepancy> read(const QSqlQuery &q)
{
    PoolDiscrepancy d;
    int c = 0;
    d.id = q.value(c++).toLongLong();
    d.channelAccountId = q.value(c++).toLongLong();
    d.billDate = QDate::fromString(q.value(c++).toString().left(10), Qt::ISODate);
    auto type = StoredName::read<RecordType>(q.value(c++), ReconciliationNames::recordTypeFromName,
                                             "recon_discrepancy.record_type");
    if (!type)
        return type.error();
    d.type = *type;
    auto category = StoredName::read<DiscrepancyCategory>(q.value(c++), ReconciliationNames::categoryFromName,
                                                          "recon_discrepancy.category");
    if (!category)
        return category.error();
    d.category = *category;
    d.matchKey = q.value(c++).toString();
    d.orderNo = q.value(c++).toString();
    d.refundNo = q.value(c++).toString();
    d.channelTransactionId = q.value(c++).toString();
    d.firstRunId = q.value(c++).toLongLong();
    d.latestRunId = q.value(c++).toLongLong();
    d.merchantId = q.value(c++).toLongLong();
    auto status = StoredName::read<DiscrepancyStatus>(q.value(c++), ReconciliationNames::discrepancyStatusFromName,
                                                      "recon_discrepancy.status");
    if (!status)
        return status.error();
    d.status = *status;
    const QVariant resolution = q.value(c++);
    if (!resolution.isNull()) {
        auto known = StoredName::read<DiscrepancyResolution>(resolution, ReconciliationNames::resolutionFromName,
                                                             "recon_discrepancy.resolution");
        if (!known)
            return known.error();
        d.resolution = *known;
    }
    d.proposedBy = q.value(c++).toString();
    d.proposedAt = StoreSql::instant(q.value(c++));
    d.note = q.value(c++).toString();
    d.decidedBy = q.value(c++).toString();
    d.decidedAt = StoreSql::instant(q.value(c++));
    d.rejectReason = q.value(c++).toString();
    d.ledgerEntryId = q.value(c++).toLongLong();
    d.parkedEntryId = q.value(c++).toLongLong();
    d.assignMerchantNo = q.value(c++).toString();
    d.foundAt = StoreSql::instant(q.value(c++));
    d.version = q.value(c++).toInt();
    Q_ASSERT(c == kPoolColumns);
    auto item = ReconciliationRunStore::readItem(q, kPoolColumns);
    if (!item)
        return item.error();
    d.item = std::move(*item);
    return d;
}

// Why a checked change changed nothing.
Error refusal(const QSqlDatabase &db, qint64 id, int expectedVersion)
{
    auto row = Sql::run(db, QStringLiteral("SELECT status, version FROM recon_discrepancy WHERE id = ?"), {id});
    if (!row)
        return row.error();
    if (!row->next())
        return Error(ErrorCode::DiscrepancyUnknown, QString::number(id));
    const int version = row->value(1).toInt();
    if (version != expectedVersion) {
        return Error(
            ErrorCode::DiscrepancyChangedMeanwhile,
            QStringLiteral("discrepancy %1: version %2 seen, now %3").arg(id).arg(expectedVersion).arg(version));
    }
    return Error(ErrorCode::DiscrepancyStateConflict,
                 QStringLiteral("discrepancy %1 is %2").arg(id).arg(row->value(0).toString()));
}

// `condition` says which statuses allow the change.
Status checkedChange(const QSqlDatabase &db, const QString &set, const QString &condition, QVariantList values,
                     qint64 id, int expectedVersion)
{
    values << id << expectedVersion;
    auto changed = StoreSql::changedRows(db,
                                         QStringLiteral("UPDATE recon_discrepancy SET ") + set +
                                             QStringLiteral(", version = version + 1 WHERE id = ? AND version = ? "
                                                            "AND ") +
                                             condition,
                                         values);
    if (!changed)
        return changed.error();
    return *changed == 1 ? Status() : Status(refusal(db, id, expectedVersion));
}

QVariant entryOrNull(qint64 entryId)
{
    return entryId ? QVariant(entryId) : QVariant(QMetaType(QMetaType::LongLong));
}
} // namespace

Status recordRun(const QSqlDatabase &db, const ReconciliationRun &run, const QDateTime &now)
{
    // One row per key even when the run has several items under it (a transaction listed three
    // times has two duplicate items): the newest item stands for them. PostgreSQL refuses an
    // upsert that would change one row twice. (The cast: PostgreSQL would take a bare parameter
    // in a select list for text.)
    const Status found = Sql::exec(
        db,
        QStringLiteral(
            "INSERT INTO recon_discrepancy (channel_account_id, bill_date, record_type, match_key, category, order_no, "
            "refund_no, channel_transaction_id, first_run_id, latest_run_id, latest_item_id, merchant_id, status, "
            "found_at, version) "
            "SELECT r.channel_account_id, r.bill_date, i.record_type, i.match_key, i.category, i.order_no, "
            "i.refund_no, i.channel_transaction_id, r.id, r.id, i.id, o.merchant_id, 'open', CAST(? AS BIGINT), 1 "
            "FROM recon_item i JOIN recon_run r ON r.id = i.run_id "
            "LEFT JOIN payment_order o ON o.order_no = i.order_no AND i.order_no <> '' "
            "WHERE i.id IN (SELECT max(id) FROM recon_item WHERE run_id = ? AND category <> 'carried_over' "
            "GROUP BY record_type, match_key) "
            "ON CONFLICT (channel_account_id, bill_date, record_type, match_key) DO UPDATE SET "
            "category = excluded.category, order_no = excluded.order_no, refund_no = excluded.refund_no, "
            "channel_transaction_id = excluded.channel_transaction_id, latest_run_id = excluded.latest_run_id, "
            "latest_item_id = excluded.latest_item_id, "
            "merchant_id = COALESCE(excluded.merchant_id, recon_discrepancy.merchant_id), "
            "status = CASE WHEN recon_discrepancy.status = 'gone' THEN 'open' ELSE recon_discrepancy.status END, "
            "version = recon_discrepancy.version + 1"),
        {now.toMSecsSinceEpoch(), run.id});
    if (!found)
        return found;
    return Sql::exec(db,
                     QStringLiteral("UPDATE recon_discrepancy SET status = 'gone', version = version + 1 WHERE "
                                    "channel_account_id = ? AND bill_date = ? AND status IN ('open', 'proposed') AND "
                                    "latest_run_id <> ?"),
                     {run.channelAccountId, run.billDate.toString(Qt::ISODate), run.id});
}

Result<PoolDiscrepancy> byId(const QSqlDatabase &db, qint64 id)
{
    auto q = Sql::run(db, selectPool() + QStringLiteral("WHERE d.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::DiscrepancyUnknown, QString::number(id));
    return read(*q);
}

Result<QList<PoolDiscrepancy>> list(const QSqlDatabase &db, const DiscrepancyFilter &filter)
{
    QStringList where;
    QVariantList values;
    if (filter.unresolvedOnly)
        where << QStringLiteral("d.status IN ('open', 'proposed')");
    if (filter.status) {
        where << QStringLiteral("d.status = ?");
        values << ReconciliationNames::discrepancyStatus(*filter.status);
    }
    if (filter.category) {
        where << QStringLiteral("d.category = ?");
        values << ReconciliationNames::category(*filter.category);
    }
    if (filter.channelAccountId) {
        where << QStringLiteral("d.channel_account_id = ?");
        values << filter.channelAccountId;
    }
    if (filter.merchantId) {
        where << QStringLiteral("d.merchant_id = ?");
        values << filter.merchantId;
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("d.bill_date >= ?");
        values << filter.from.toString(Qt::ISODate);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("d.bill_date <= ?");
        values << filter.to.toString(Qt::ISODate);
    }
    if (filter.beforeId) {
        where << QStringLiteral("d.id < ?");
        values << filter.beforeId;
    }
    values << qMax(1, filter.limit);
    const QString condition =
        where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    return Sql::readAll<PoolDiscrepancy>(
        Sql::run(db, selectPool() + condition + QStringLiteral(" ORDER BY d.id DESC LIMIT ?"), values), read);
}

Result<QList<PoolDiscrepancy>> ofOrder(const QSqlDatabase &db, const QString &orderNo)
{
    return Sql::readAll<PoolDiscrepancy>(
        Sql::run(db, selectPool() + QStringLiteral("WHERE d.order_no = ? ORDER BY d.id"), {orderNo}), read);
}

Status propose(const QSqlDatabase &db, qint64 id, int expectedVersion, DiscrepancyResolution resolution,
               const QString &by, const QDateTime &at, const QString &note, const QString &assignMerchantNo)
{
    return checkedChange(
        db,
        QStringLiteral("status = 'proposed', resolution = ?, proposed_by = ?, proposed_at = ?, note = ?, "
                       "assign_merchant_no = ?, decided_by = '', decided_at = NULL, reject_reason = ''"),
        QStringLiteral("(status = 'open' OR (status = 'resolved' AND resolution = 'park_in_suspense' AND "
                       "parked_entry_id IS NOT NULL))"),
        {ReconciliationNames::resolution(resolution), StoreSql::text(by), at.toMSecsSinceEpoch(), StoreSql::text(note),
         StoreSql::text(assignMerchantNo)},
        id, expectedVersion);
}

Status approve(const QSqlDatabase &db, qint64 id, int expectedVersion, const QString &by, const QDateTime &at,
               qint64 ledgerEntryId)
{
    // Every SET expression reads the row as it was: `resolution` is the one being approved.
    return checkedChange(
        db,
        QStringLiteral("status = 'resolved', decided_by = ?, decided_at = ?, ledger_entry_id = ?, "
                       "parked_entry_id = CASE WHEN resolution = 'park_in_suspense' THEN ? ELSE "
                       "parked_entry_id END"),
        QStringLiteral("status = 'proposed'"),
        {StoreSql::text(by), at.toMSecsSinceEpoch(), entryOrNull(ledgerEntryId), entryOrNull(ledgerEntryId)}, id,
        expectedVersion);
}

Status reject(const QSqlDatabase &db, qint64 id, int expectedVersion, const QString &by, const QDateTime &at,
              const QString &reason)
{
    // A rejected follow-up of parked money leaves it parked; anything else is open again.
    return checkedChange(db,
                         QStringLiteral("status = CASE WHEN parked_entry_id IS NULL THEN 'open' ELSE 'resolved' END, "
                                        "resolution = CASE WHEN parked_entry_id IS NULL THEN NULL ELSE "
                                        "'park_in_suspense' END, ledger_entry_id = parked_entry_id, "
                                        "assign_merchant_no = '', decided_by = ?, decided_at = ?, reject_reason = ?"),
                         QStringLiteral("status = 'proposed'"),
                         {StoreSql::text(by), at.toMSecsSinceEpoch(), StoreSql::text(reason)}, id, expectedVersion);
}

namespace {
Result<QList<DiscrepancyTally>> readTallies(Result<SqlRows> rows, bool withDate)
{
    return Sql::readAll<DiscrepancyTally>(std::move(rows), [withDate](const QSqlQuery &q) -> Result<DiscrepancyTally> {
        DiscrepancyTally tally;
        int c = 0;
        if (withDate)
            tally.billDate = QDate::fromString(q.value(c++).toString().left(10), Qt::ISODate);
        auto category = StoredName::read<DiscrepancyCategory>(q.value(c++), ReconciliationNames::categoryFromName,
                                                              "recon_discrepancy.category");
        if (!category)
            return category.error();
        tally.category = *category;
        tally.count = q.value(c++).toLongLong();
        tally.oldestFoundAt = StoreSql::instant(q.value(c++));
        return tally;
    });
}
} // namespace

Result<QList<DiscrepancyTally>> unresolvedByCategory(const QSqlDatabase &db)
{
    return readTallies(Sql::run(db, QStringLiteral("SELECT category, count(*), min(found_at) FROM recon_discrepancy "
                                                   "WHERE status IN ('open', 'proposed') GROUP BY category "
                                                   "ORDER BY category")),
                       false);
}

Result<QList<DiscrepancyTally>> perDayAndCategory(const QSqlDatabase &db, const QDate &from, const QDate &to)
{
    return readTallies(Sql::run(db,
                                QStringLiteral("SELECT bill_date, category, count(*), min(found_at) FROM "
                                               "recon_discrepancy WHERE bill_date >= ? AND bill_date <= ? AND status "
                                               "<> 'gone' GROUP BY bill_date, category ORDER BY bill_date, category"),
                                {from.toString(Qt::ISODate), to.toString(Qt::ISODate)}),
                       true);
}

Result<QStringList> unreconciledOrderNumbers(const QSqlDatabase &db, qint64 merchantId, const QDate &businessDate)
{
    // The business date of a payment is the day it was paid (Asia/Shanghai): the day its entry is
    // booked and the bill date of the run that reconciles it.
    const QTimeZone zone("Asia/Shanghai");
    const qint64 dayStart = QDateTime(businessDate, QTime(0, 0), zone).toMSecsSinceEpoch();
    const qint64 dayEnd = QDateTime(businessDate.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    const QString day = businessDate.toString(Qt::ISODate);
    const QString current = QStringLiteral(
        "r.channel_account_id = o.channel_account_id AND r.status = 'completed' AND r.superseded_by_run_id IS NULL");
    auto rows = Sql::run(
        db,
        QStringLiteral("SELECT o.order_no FROM payment_order o "
                       "WHERE o.merchant_id = ? AND o.paid_at >= ? AND o.paid_at < ? "
                       "AND o.status IN ('succeeded', 'partially_refunded', 'refunded') AND ("
                       "NOT EXISTS (SELECT 1 FROM recon_run r WHERE r.bill_date = ? AND ") +
            current +
            QStringLiteral(") OR EXISTS (SELECT 1 FROM recon_discrepancy d WHERE d.order_no = o.order_no "
                           "AND d.status IN ('open', 'proposed')) "
                           "OR (EXISTS (SELECT 1 FROM recon_item i JOIN recon_run r ON r.id = i.run_id "
                           "WHERE i.order_no = o.order_no AND i.category = 'carried_over' AND r.bill_date = ? "
                           "AND ") +
            current + QStringLiteral(") AND NOT EXISTS (SELECT 1 FROM recon_run r WHERE r.bill_date = ? AND ") +
            current + QStringLiteral("))) ORDER BY o.order_no"),
        {merchantId, dayStart, dayEnd, day, day, businessDate.addDays(1).toString(Qt::ISODate)});
    if (!rows)
        return rows.error();
    QStringList numbers;
    while (rows->next())
        numbers << rows->value(0).toString();
    return numbers;
}

} // namespace paydesk::DiscrepancyStore
