#include "core/storage/StoreSql.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"

namespace paydesk::StoreSql {

Result<qint64> reserveId(Database &database, const QSqlDatabase &db, const QString &table)
{
    if (database.isSqlite()) {
        auto last = Sql::scalar(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM ") + table);
        if (!last)
            return last.error();
        return last->toLongLong() + 1;
    }
    auto next = Sql::scalar(db, QStringLiteral("SELECT nextval(pg_get_serial_sequence(?, 'id'))"), {table});
    if (!next)
        return next.error();
    return next->toLongLong();
}

Result<qint64> insertReturningId(const QSqlDatabase &db, const QString &insertSql, const QVariantList &values)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    auto inserted = Sql::run(db, sqlite ? insertSql : insertSql + QStringLiteral(" RETURNING id"), values);
    if (!inserted)
        return inserted.error();
    qint64 id = 0;
    if (sqlite) {
        if (inserted->numRowsAffected() == 1)
            id = inserted->lastInsertId().toLongLong();
    } else if (inserted->next()) {
        id = inserted->value(0).toLongLong();
    }
    inserted->finish();
    return id;
}

Result<int> changedRows(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto query = Sql::run(db, sql, values);
    if (!query)
        return query.error();
    return query->numRowsAffected();
}

QString containsCondition(const Database &database, const QString &column)
{
    return column +
           (database.isSqlite() ? QStringLiteral(" LIKE ? ESCAPE '\\'") : QStringLiteral(" ILIKE ? ESCAPE '\\'"));
}

QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant instantValue(const QDateTime &instant)
{
    return instant.isValid() ? QVariant(instant.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime instant(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

qint64 nowMs(const QDateTime &now)
{
    return now.toMSecsSinceEpoch();
}

} // namespace paydesk::StoreSql
