#include "core/reconciliation/ReconciliationRunStore.h"

#include "core/reconciliation/DiscrepancyStore.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <array>

namespace paydesk::ReconciliationRunStore {

namespace {
const QString kRunSelect = QStringLiteral(
    "SELECT id, channel_account_id, bill_date, statement_file_id, status, superseded_by_run_id, started_at, "
    "heartbeat_at, finished_at, started_by, summary, settings, error FROM recon_run ");

const QString kItemColumns = QStringLiteral(
    "id, run_id, category, record_type, match_key, order_no, refund_no, channel_transaction_id, channel_refund_no, "
    "channel_amount, platform_amount, channel_fee, platform_fee, currency, channel_status, platform_status, "
    "trade_time, platform_time, statement_file, line_number, platform_row_id, first_listed_line, carried");

// What a run's item is written with: the same columns, in the same order, less the id.
const QStringList kItemInsertColumns = kItemColumns.split(QStringLiteral(", ")).mid(1);

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QDate dateOf(const QVariant &value)
{
    return QDate::fromString(value.toString().left(10), Qt::ISODate);
}

QJsonObject jsonOf(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> optionalOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

Result<ReconciliationRun> readRun(const QSqlQuery &q)
{
    ReconciliationRun run;
    int c = 0;
    run.id = q.value(c++).toLongLong();
    run.channelAccountId = q.value(c++).toLongLong();
    run.billDate = dateOf(q.value(c++));
    run.statementFileId = q.value(c++).toLongLong();
    auto status = StoredName::read<ReconciliationRunStatus>(q.value(c++), ReconciliationNames::runStatusFromName,
                                                            "recon_run.status");
    if (!status)
        return status.error();
    run.status = *status;
    run.supersededByRunId = q.value(c++).toLongLong();
    run.startedAt = StoreSql::instant(q.value(c++));
    run.heartbeatAt = StoreSql::instant(q.value(c++));
    run.finishedAt = StoreSql::instant(q.value(c++));
    run.startedBy = q.value(c++).toString();
    run.summary = jsonOf(q.value(c++));
    run.settings = jsonOf(q.value(c++));
    run.error = q.value(c++).toString();
    return run;
}

// The names an item row repeats, made once per completion rather than once per row.
struct ItemNames
{
    std::array<QString, kDiscrepancyCategoryCount> categories;
    QString payment = ReconciliationNames::recordType(RecordType::Payment);
    QString refund = ReconciliationNames::recordType(RecordType::Refund);
    ItemNames()
    {
        for (int c = 0; c < kDiscrepancyCategoryCount; ++c)
            categories[c] = ReconciliationNames::category(DiscrepancyCategory(c));
    }
};

void appendItem(QVariantList &values, qint64 runId, const ReconciliationItem &item, const ItemNames &names)
{
    const QString key = item.matchKey.isEmpty() ? matchKeyOf(item) : item.matchKey;
    values << runId << names.categories[int(item.category)]
           << (item.type == RecordType::Refund ? names.refund : names.payment) << key << StoreSql::text(item.orderNo)
           << StoreSql::text(item.refundNo) << StoreSql::text(item.channelTransactionId)
           << StoreSql::text(item.channelRefundNo) << optionalValue(item.channelAmount)
           << optionalValue(item.platformAmount) << optionalValue(item.channelFee) << optionalValue(item.platformFee)
           << item.currency.code()
           << (item.channelStatus ? statementLineStatusName(*item.channelStatus) : QStringLiteral(""))
           << (item.platformStatus ? ReconciliationNames::platformStatus(*item.platformStatus) : QStringLiteral(""))
           << StoreSql::instantValue(item.tradeTime) << StoreSql::instantValue(item.platformTime)
           << StoreSql::text(item.statementFile) << item.lineNumber << idOrNull(item.platformRowId)
           << idOrNull(item.firstListedLine) << (item.carried ? 1 : 0);
}

// All of a run's items, a slice at a time so that the bound values never hold more than a slice.
Status insertItems(Database &database, qint64 runId, const QList<ReconciliationItem> &items)
{
    constexpr qsizetype kSlice = 4096;
    const ItemNames names;
    QVariantList values;
    values.reserve(qMin(items.size(), kSlice) * kItemInsertColumns.size());
    for (qsizetype start = 0; start < items.size(); start += kSlice) {
        values.clear();
        const qsizetype end = qMin(items.size(), start + kSlice);
        for (qsizetype i = start; i < end; ++i)
            appendItem(values, runId, items.at(i), names);
        const Status inserted =
            BatchSql::insertRows(database, QStringLiteral("recon_item"), kItemInsertColumns, values);
        if (!inserted)
            return inserted;
    }
    return {};
}

Error notRunning(qint64 runId)
{
    return Error(ErrorCode::ReconciliationRunNotRunning, QStringLiteral("run %1").arg(runId));
}

// Who holds the lock of the account and date: the detail of the refusal.
Error lockHeld(const QSqlDatabase &db, const ReconciliationRunStart &start, std::chrono::seconds lease)
{
    const QString day =
        QStringLiteral("channel account %1, %2").arg(start.channelAccountId).arg(isoDate(start.billDate));
    auto holder = Sql::run(db,
                           QStringLiteral("SELECT id, started_by, started_at, heartbeat_at FROM recon_run WHERE "
                                          "channel_account_id = ? AND bill_date = ? AND status = 'running'"),
                           {start.channelAccountId, isoDate(start.billDate)});
    if (!holder || !holder->next())
        return Error(ErrorCode::ReconciliationRunning, day);
    // A holder that died (kill -9, a crash) stops beating: say when its lock lapses.
    const QDateTime heartbeat = StoreSql::instant(holder->value(3)).toUTC();
    return Error(ErrorCode::ReconciliationRunning,
                 QStringLiteral("%1: run %2 started by %3 at %4, last heartbeat at %5; if its process has died, "
                                "the lock lapses at %6")
                     .arg(day, holder->value(0).toString(), holder->value(1).toString(),
                          StoreSql::instant(holder->value(2)).toUTC().toString(Qt::ISODate),
                          heartbeat.toString(Qt::ISODate), heartbeat.addSecs(lease.count()).toString(Qt::ISODate)));
}

Result<QList<ReconciliationItem>> readItems(Result<SqlRows> rows)
{
    return Sql::readAll<ReconciliationItem>(std::move(rows), [](const QSqlQuery &q) { return readItem(q, 0); });
}
} // namespace

Result<qint64> begin(const QSqlDatabase &db, const ReconciliationRunStart &start, const QDateTime &now,
                     std::chrono::seconds lease)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 staleBefore = nowMs - qint64(lease.count()) * 1000;
    const Status abandoned = Sql::exec(
        db,
        QStringLiteral("UPDATE recon_run SET status = 'abandoned', finished_at = ?, error = ? WHERE "
                       "channel_account_id = ? AND bill_date = ? AND status = 'running' AND heartbeat_at < ?"),
        {nowMs, QStringLiteral("no heartbeat for longer than %1 s: taken over").arg(lease.count()),
         start.channelAccountId, isoDate(start.billDate), staleBefore});
    if (!abandoned)
        return abandoned.error();
    // ON CONFLICT DO NOTHING: on PostgreSQL a refused insert would doom the transaction, and the
    // refusal must still be able to say who holds the lock.
    auto id = StoreSql::insertReturningId(
        db,
        QStringLiteral("INSERT INTO recon_run (channel_account_id, bill_date, statement_file_id, status, started_at, "
                       "heartbeat_at, started_by, settings) VALUES (?, ?, ?, 'running', ?, ?, ?, ?) "
                       "ON CONFLICT DO NOTHING"),
        {start.channelAccountId, isoDate(start.billDate), idOrNull(start.statementFileId), nowMs, nowMs,
         StoreSql::text(start.startedBy), jsonText(start.settings)});
    if (!id)
        return id.error();
    if (!*id)
        return lockHeld(db, start, lease);
    return *id;
}

Status heartbeat(const QSqlDatabase &db, qint64 runId, const QDateTime &now)
{
    auto changed = StoreSql::changedRows(
        db, QStringLiteral("UPDATE recon_run SET heartbeat_at = ? WHERE id = ? AND status = 'running'"),
        {now.toMSecsSinceEpoch(), runId});
    if (!changed)
        return changed.error();
    return *changed == 1 ? Status() : Status(notRunning(runId));
}

Status setStatementFile(const QSqlDatabase &db, qint64 runId, qint64 statementFileId)
{
    auto changed = StoreSql::changedRows(
        db, QStringLiteral("UPDATE recon_run SET statement_file_id = ? WHERE id = ? AND status = 'running'"),
        {statementFileId, runId});
    if (!changed)
        return changed.error();
    return *changed == 1 ? Status() : Status(notRunning(runId));
}

Status finish(Database &database, qint64 runId, const QJsonObject &summary, const QList<ReconciliationItem> &items,
              const QDateTime &now)
{
    UnitOfWork work(database);
    if (!work.isActive())
        return work.error();
    const QSqlDatabase &db = work.connection();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    auto completed = StoreSql::changedRows(db,
                                           QStringLiteral("UPDATE recon_run SET status = 'completed', summary = ?, "
                                                          "heartbeat_at = ?, finished_at = ? WHERE id = ? AND status "
                                                          "= 'running'"),
                                           {jsonText(summary), nowMs, nowMs, runId});
    if (!completed)
        return completed.error();
    if (*completed != 1)
        return notRunning(runId);
    auto run = byId(db, runId);
    if (!run)
        return run.error();

    Status step = insertItems(database, runId, items);
    if (!step)
        return step;
    step =
        Sql::exec(db,
                  QStringLiteral("UPDATE recon_run SET superseded_by_run_id = ? WHERE channel_account_id = ? AND "
                                 "bill_date = ? AND status = 'completed' AND superseded_by_run_id IS NULL AND id <> ?"),
                  {runId, run->channelAccountId, isoDate(run->billDate), runId});
    if (!step)
        return step;
    step = DiscrepancyStore::recordRun(db, *run, now);
    if (!step)
        return step;
    return work.commit();
}

Status stop(const QSqlDatabase &db, qint64 runId, ReconciliationRunStatus status, const QString &why,
            const QDateTime &now)
{
    if (status != ReconciliationRunStatus::Failed && status != ReconciliationRunStatus::Cancelled)
        return Error(ErrorCode::InvalidArgument, ReconciliationNames::runStatus(status));
    const qint64 nowMs = now.toMSecsSinceEpoch();
    auto changed =
        StoreSql::changedRows(db,
                              QStringLiteral("UPDATE recon_run SET status = ?, error = ?, heartbeat_at = ?, "
                                             "finished_at = ? WHERE id = ? AND status = 'running'"),
                              {ReconciliationNames::runStatus(status), StoreSql::text(why), nowMs, nowMs, runId});
    if (!changed)
        return changed.error();
    return *changed == 1 ? Status() : Status(notRunning(runId));
}

Result<ReconciliationRun> byId(const QSqlDatabase &db, qint64 runId)
{
    auto q = Sql::run(db, kRunSelect + QStringLiteral("WHERE id = ?"), {runId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::ReconciliationRunUnknown, QString::number(runId));
    return readRun(*q);
}

Result<QList<ReconciliationRun>> list(const QSqlDatabase &db, const ReconciliationRunFilter &filter)
{
    QStringList where;
    QVariantList values;
    if (filter.channelAccountId) {
        where << QStringLiteral("channel_account_id = ?");
        values << filter.channelAccountId;
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("bill_date >= ?");
        values << isoDate(filter.from);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("bill_date <= ?");
        values << isoDate(filter.to);
    }
    if (filter.status) {
        where << QStringLiteral("status = ?");
        values << ReconciliationNames::runStatus(*filter.status);
    }
    if (filter.beforeId) {
        where << QStringLiteral("id < ?");
        values << filter.beforeId;
    }
    values << qMax(1, filter.limit);
    const QString condition =
        where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    return Sql::readAll<ReconciliationRun>(
        Sql::run(db, kRunSelect + condition + QStringLiteral(" ORDER BY id DESC LIMIT ?"), values), readRun);
}

Result<std::optional<ReconciliationRun>> current(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate)
{
    auto runs = Sql::readAll<ReconciliationRun>(
        Sql::run(db,
                 kRunSelect + QStringLiteral("WHERE channel_account_id = ? AND bill_date = ? AND status = 'completed' "
                                             "AND superseded_by_run_id IS NULL ORDER BY id DESC LIMIT 1"),
                 {channelAccountId, isoDate(billDate)}),
        readRun);
    if (!runs)
        return runs.error();
    if (runs->isEmpty())
        return std::optional<ReconciliationRun>();
    return std::optional<ReconciliationRun>(runs->first());
}

Result<QList<std::pair<ReconciliationRunStatus, qint64>>> countByStatus(const QSqlDatabase &db)
{
    using Count = std::pair<ReconciliationRunStatus, qint64>;
    return Sql::readAll<Count>(
        Sql::run(db, QStringLiteral("SELECT status, count(*) FROM recon_run GROUP BY status ORDER BY status")),
        [](const QSqlQuery &q) -> Result<Count> {
            auto status = StoredName::read<ReconciliationRunStatus>(q.value(0), ReconciliationNames::runStatusFromName,
                                                                    "recon_run.status");
            if (!status)
                return status.error();
            return Count{*status, q.value(1).toLongLong()};
        });
}

Result<QList<ReconciliationItem>> items(const QSqlDatabase &db, qint64 runId, qint64 afterId, int limit)
{
    return readItems(Sql::run(db,
                              QStringLiteral("SELECT ") + kItemColumns +
                                  QStringLiteral(" FROM recon_item WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?"),
                              {runId, afterId, qMax(1, limit)}));
}

Result<QList<ReconciliationItem>> carriedOver(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate)
{
    auto run = current(db, channelAccountId, billDate);
    if (!run)
        return run.error();
    if (!*run)
        return QList<ReconciliationItem>();
    return readItems(Sql::run(db,
                              QStringLiteral("SELECT ") + kItemColumns +
                                  QStringLiteral(" FROM recon_item WHERE run_id = ? AND category = 'carried_over' "
                                                 "ORDER BY id"),
                              {(*run)->id}));
}

Result<QList<ReconciliationItem>> itemsOfOrder(const QSqlDatabase &db, const QString &orderNo)
{
    return readItems(Sql::run(db,
                              QStringLiteral("SELECT ") + kItemColumns +
                                  QStringLiteral(" FROM recon_item WHERE order_no = ? ORDER BY id"),
                              {orderNo}));
}

QString itemColumns(const QString &alias)
{
    QStringList columns = kItemColumns.split(QStringLiteral(", "));
    for (QString &column : columns)
        column.prepend(alias);
    return columns.join(QStringLiteral(", "));
}

Result<ReconciliationItem> readItem(const QSqlQuery &q, int first)
{
    ReconciliationItem item;
    int c = first;
    item.id = q.value(c++).toLongLong();
    item.runId = q.value(c++).toLongLong();
    auto category = StoredName::read<DiscrepancyCategory>(q.value(c++), ReconciliationNames::categoryFromName,
                                                          "recon_item.category");
    if (!category)
        return category.error();
    item.category = *category;
    auto type =
        StoredName::read<RecordType>(q.value(c++), ReconciliationNames::recordTypeFromName, "recon_item.record_type");
    if (!type)
        return type.error();
    item.type = *type;
    item.matchKey = q.value(c++).toString();
    item.orderNo = q.value(c++).toString();
    item.refundNo = q.value(c++).toString();
    item.channelTransactionId = q.value(c++).toString();
    item.channelRefundNo = q.value(c++).toString();
    item.channelAmount = optionalOf(q.value(c++));
    item.platformAmount = optionalOf(q.value(c++));
    item.channelFee = optionalOf(q.value(c++));
    item.platformFee = optionalOf(q.value(c++));
    auto currency = Currency::fromCode(q.value(c++).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("recon_item.currency"));
    item.currency = *currency;
    const QVariant channelStatus = q.value(c++);
    if (!channelStatus.toString().isEmpty()) {
        auto status = StoredName::read<StatementLineStatus>(channelStatus, ReconciliationNames::lineStatusFromName,
                                                            "recon_item.channel_status");
        if (!status)
            return status.error();
        item.channelStatus = *status;
    }
    const QVariant platformStatus = q.value(c++);
    if (!platformStatus.toString().isEmpty()) {
        auto status = StoredName::read<PlatformStatus>(platformStatus, ReconciliationNames::platformStatusFromName,
                                                       "recon_item.platform_status");
        if (!status)
            return status.error();
        item.platformStatus = *status;
    }
    item.tradeTime = StoreSql::instant(q.value(c++));
    item.platformTime = StoreSql::instant(q.value(c++));
    item.statementFile = q.value(c++).toString();
    item.lineNumber = q.value(c++).toLongLong();
    item.platformRowId = q.value(c++).toLongLong();
    item.firstListedLine = q.value(c++).toLongLong();
    item.carried = q.value(c++).toInt() != 0;
    return item;
}

} // namespace paydesk::ReconciliationRunStore
