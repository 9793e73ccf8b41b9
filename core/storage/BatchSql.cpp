#include "core/storage/BatchSql.h"

#include "core/storage/Database.h"
#include "core/storage/PostgresRows.h"
#include "core/storage/PostgresWrites.h"
#include "core/storage/Sql.h"
#include "core/storage/SqliteStatements.h"

#include <QSqlRecord>

namespace paydesk::BatchSql {

namespace {
constexpr int kChunkSizes[] = {64, 16, 4, 1};

QString joined(const QString &item, int count)
{
    QString text;
    text.reserve((item.size() + 2) * count);
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            text += QStringLiteral(", ");
        text += item;
    }
    return text;
}

int largestChunkNotAbove(qsizetype remaining)
{
    for (int size : kChunkSizes) {
        if (size <= remaining)
            return size;
    }
    return 1;
}

// SQLite's own statements on this thread's connection; nullptr for PostgreSQL (Qt Sql).
Result<SqliteStatements *> nativeStatements(Database &database)
{
    if (!database.isSqlite())
        return static_cast<SqliteStatements *>(nullptr);
    return database.sqliteStatements();
}

int smallestChunkNotBelow(qsizetype remaining)
{
    int chosen = kChunkSizes[0];
    for (int size : kChunkSizes) {
        if (size >= remaining)
            chosen = size;
    }
    return chosen;
}

// PostgreSQL through libpq: a statement of up to kPostgresRows rows at a time (within the protocol's
// 65,535 values), each value bound as it is. Through Qt's driver every value of every row would be
// formatted and escaped into the text of an EXECUTE for the server to parse again.
Status execRowsOnPostgres(const QSqlDatabase &connection, const QString &head, const QString &tail,
                          const QString &rowText, int columns, const QVariantList &values)
{
    constexpr qsizetype kPostgresRows = 512;
    constexpr qsizetype kMaxValues = 65535;
    const qsizetype rowsPerStatement = qMax<qsizetype>(1, qMin(kPostgresRows, kMaxValues / columns));
    const qsizetype totalRows = values.size() / columns;
    for (qsizetype start = 0; start < totalRows; start += rowsPerStatement) {
        const qsizetype rows = qMin(rowsPerStatement, totalRows - start);
        const Status done = PostgresWrites::execute(connection, head + joined(rowText, int(rows)) + tail,
                                                    values.mid(start * columns, rows * columns));
        if (!done)
            return done;
    }
    return {};
}
} // namespace

Status execRows(Database &database, const QString &head, const QString &tail, int columns, const QVariantList &values,
                const QString &row)
{
    const QString rowText = row.isEmpty() ? QLatin1Char('(') + Sql::placeholders(columns) + QLatin1Char(')') : row;
    const qsizetype totalRows = values.size() / columns;
    auto native = nativeStatements(database);
    if (!native)
        return native.error();
    if (!*native && PostgresWrites::bindable(values)) {
        auto connection = database.connection();
        if (!connection)
            return connection.error();
        return execRowsOnPostgres(*connection, head, tail, rowText, columns, values);
    }
    for (qsizetype start = 0; start < totalRows;) {
        const int rows = largestChunkNotAbove(totalRows - start);
        if (*native) {
            auto status = (*native)->execute(head + joined(rowText, rows) + tail, values, start * columns,
                                             qsizetype(rows) * columns);
            if (!status)
                return status;
            start += rows;
            continue;
        }
        auto query = database.cachedQuery(head + joined(rowText, rows) + tail);
        if (!query)
            return query.error();
        auto status = Sql::execPrepared(**query, values.mid(start * columns, qsizetype(rows) * columns));
        (*query)->finish();
        if (!status)
            return status;
        start += rows;
    }
    return {};
}

Status insertRows(Database &database, const QString &table, const QStringList &columns, const QVariantList &values)
{
    if (!database.isSqlite() && PostgresWrites::bindable(values)) {
        auto connection = database.connection();
        if (!connection)
            return connection.error();
        return PostgresWrites::copyIn(*connection, table, columns, values);
    }
    return execRows(database,
                    QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(QStringLiteral(", "))),
                    QString(), int(columns.size()), values);
}

Status selectIn(Database &database, const QString &head, const QString &tail, const QVariantList &keys,
                const std::function<void(const QVariantList &row)> &onRow)
{
    auto native = nativeStatements(database);
    if (!native)
        return native.error();
    QVariantList row;
    for (qsizetype start = 0; start < keys.size();) {
        const qsizetype remaining = keys.size() - start;
        const int size = remaining >= kChunkSizes[0] ? kChunkSizes[0] : smallestChunkNotBelow(remaining);
        QVariantList chunk = keys.mid(start, qMin<qsizetype>(size, remaining));
        while (chunk.size() < size)
            chunk.append(chunk.last()); // pad: a repeated key in an IN list changes nothing
        start += qMin<qsizetype>(size, remaining);
        const QString sql = head + QLatin1Char('(') + Sql::placeholders(size) + QLatin1Char(')') + tail;
        if (*native) {
            auto status = (*native)->query(sql, chunk, 0, size, [&onRow](const QVariantList &values) {
                onRow(values);
                return true;
            });
            if (!status)
                return status;
            continue;
        }
        auto query = database.cachedQuery(sql);
        if (!query)
            return query.error();
        QSqlQuery &statement = **query;
        auto status = Sql::execPrepared(statement, chunk);
        if (!status) {
            statement.finish();
            return status;
        }
        while (statement.next()) {
            row.resize(statement.record().count());
            for (qsizetype c = 0; c < row.size(); ++c)
                row[c] = statement.value(int(c));
            onRow(row);
        }
        statement.finish();
    }
    return {};
}

Status forEachRow(Database &database, const QString &sql, const QVariantList &values,
                  const std::function<bool(const QVariantList &row)> &onRow)
{
    if (database.isSqlite()) {
        auto statements = database.sqliteStatements();
        if (!statements)
            return statements.error();
        return (*statements)->query(sql, values, 0, values.size(), onRow);
    }
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection, sql, values);
    if (!query)
        return query.error();
    QVariantList row(query->record().count());
    while (query->next()) {
        for (qsizetype c = 0; c < row.size(); ++c)
            row[c] = query->value(int(c));
        if (!onRow(row))
            break;
    }
    return {};
}

Status forEachRowView(Database &database, const QString &sql, const QVariantList &values,
                      const std::function<bool(const SqlRowView &row)> &onRow)
{
    if (database.isSqlite()) {
        auto statements = database.sqliteStatements();
        if (!statements)
            return statements.error();
        return (*statements)->queryRows(sql, values, 0, values.size(), [&onRow](const SqliteRow &row) {
            return onRow(SqlRowView(row));
        });
    }
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return PostgresRows::forEach(*connection, sql, values,
                                 [&onRow](const PostgresRow &row) { return onRow(SqlRowView(row)); });
}

} // namespace paydesk::BatchSql
