#include "core/security/AuditStore.h"

#include "core/storage/BatchSql.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

namespace paydesk::AuditStore {

namespace {
constexpr qint64 kAuditLockKey = 0x6175646974; // "audit"
const QString kColumns = QStringLiteral("seq, at, actor, source, action, object, result, detail, prev_hash, hash");

// An unknown result (a row edited by hand) is an error: the chain's hash covers the name, so
// the record cannot be shown or verified as anything else.
Result<AuditRecord> readRecord(const QVariantList &row)
{
    auto result = StoredName::read<AuditResult>(row.at(6), AuditNames::resultFromName, "audit_log.result");
    if (!result)
        return result.error();
    AuditRecord record;
    record.seq = row.at(0).toLongLong();
    record.at = QDateTime::fromMSecsSinceEpoch(row.at(1).toLongLong(), Qt::UTC);
    record.actor = row.at(2).toString();
    record.source = row.at(3).toString();
    record.action = row.at(4).toString();
    record.object = row.at(5).toString();
    record.result = *result;
    record.detail = row.at(7).toString();
    record.prevHash = row.at(8).toString();
    record.hash = row.at(9).toString();
    return record;
}
} // namespace

Status takeAppendTurn(const QSqlDatabase &db)
{
    return Sql::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kAuditLockKey));
}

Result<std::optional<ChainEnd>> chainEnd(const QSqlDatabase &db)
{
    auto last = Sql::run(db, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!last)
        return last.error();
    if (!last->next())
        return std::optional<ChainEnd>();
    ChainEnd end{last->value(0).toLongLong(), last->value(1).toString()};
    last->finish();
    return std::optional<ChainEnd>(end);
}

Status insert(const QSqlDatabase &db, const AuditRecord &record)
{
    return Sql::exec(db,
                     QStringLiteral("INSERT INTO audit_log (") + kColumns +
                         QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {record.seq, record.at.toMSecsSinceEpoch(), record.actor,
                      record.source.isNull() ? QStringLiteral("") : record.source, record.action,
                      record.object.isNull() ? QStringLiteral("") : record.object, AuditNames::result(record.result),
                      record.detail, record.prevHash, record.hash});
}

Result<QList<AuditRecord>> page(Database &database, const AuditFilter &filter, qint64 beforeSeq, int limit)
{
    QStringList where;
    QVariantList values;
    if (beforeSeq > 0) {
        where << QStringLiteral("seq < ?");
        values << beforeSeq;
    }
    if (!filter.actor.isEmpty()) {
        where << QStringLiteral("actor = ?");
        values << filter.actor;
    }
    if (!filter.action.isEmpty()) {
        // Exact action or a dotted family: "login" matches "login" and "login.failed".
        where << QStringLiteral("(action = ? OR (action >= ? AND action < ?))");
        values << filter.action << filter.action + QLatin1Char('.') << filter.action + QLatin1Char('/');
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("at >= ?");
        values << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("at < ?");
        values << filter.to.toMSecsSinceEpoch();
    }
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM audit_log");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY seq DESC LIMIT %1").arg(qBound(1, limit, 10000));
    QList<AuditRecord> records;
    Status unreadable;
    auto status = BatchSql::forEachRow(database, sql, values, [&records, &unreadable](const QVariantList &row) {
        auto record = readRecord(row);
        if (!record) {
            unreadable = record.error();
            return false;
        }
        records.append(*record);
        return true;
    });
    if (!status)
        return status.error();
    if (!unreadable)
        return unreadable.error();
    return records;
}

Status forEachInOrder(Database &database, const std::function<bool(const AuditRecord &)> &onRecord)
{
    Status unreadable;
    auto status = BatchSql::forEachRow(
        database, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM audit_log ORDER BY seq"), {},
        [&onRecord, &unreadable](const QVariantList &row) {
            auto record = readRecord(row);
            if (!record) {
                unreadable = record.error();
                return false;
            }
            return onRecord(*record);
        });
    if (!status)
        return status;
    return unreadable;
}

} // namespace paydesk::AuditStore
