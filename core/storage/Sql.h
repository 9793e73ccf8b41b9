#pragma once

#include "core/util/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>

namespace paydesk {

class StatementCache;

// The rows of one execution. When the statement came from its connection's StatementCache
// it goes back there (reset) as this object ends, ready for the next execution.
class SqlRows : public QSqlQuery
{
public:
    explicit SqlRows(QSqlQuery statement, std::weak_ptr<StatementCache> cache = {}, QString sql = {});
    SqlRows(SqlRows &&other) noexcept;
    SqlRows &operator=(SqlRows &&) = delete;
    ~SqlRows();

private:
    std::weak_ptr<StatementCache> m_cache;
    QString m_sql;
    bool m_holdsStatement = true;
};

// Thin checked wrappers over QSqlQuery: every failure becomes an Error that names the
// statement, so no caller can forget to look at lastError().
namespace Sql {

// Runs a statement with positional '?' values; the query is forward-only (constant memory).
// Statements with values, and SELECTs, are prepared once per connection and reused.
Result<SqlRows> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
Status exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

// Prepares once for many executions with different values.
Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql);
Status execPrepared(QSqlQuery &query, const QVariantList &values);

// The first column of the first row, or an invalid QVariant when there is no row.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

Error queryError(const QSqlQuery &query, const QString &sql);

// "?, ?, ?" for a VALUES list, and "(?, ?), (?, ?)" for multi-row inserts.
QString placeholders(int count);
QString rowPlaceholders(int rows, int columns);

// Every row `rows` holds, each read by `read` (Result<T> read(const QSqlQuery &)): the first error,
// of the statement or of a row `read` refuses, is the answer.
template <typename T, typename Read> Result<QList<T>> readAll(Result<SqlRows> rows, Read read)
{
    if (!rows)
        return rows.error();
    QList<T> all;
    while (rows->next()) {
        Result<T> row = read(*rows);
        if (!row)
            return row.error();
        all << std::move(*row);
    }
    return all;
}

} // namespace Sql
} // namespace paydesk
