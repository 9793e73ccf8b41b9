#pragma once

#include "core/util/Result.h"

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QVariantList>

#include <functional>
#include <vector>

namespace paydesk {

// One row of a PostgreSQL result as COPY's text format sends it: each value read in place (or, when
// it held an escaped character, from the row's own decoded copy), no QVariant made. Valid only inside
// the callback it is handed to.
class PostgresRow
{
public:
    struct Field
    {
        const char *data = nullptr; // nullptr: SQL NULL
        int size = 0;
    };
    explicit PostgresRow(const std::vector<Field> &fields) : m_fields(&fields) {}
    bool isNull(int column) const;
    // 0 for text that is not a whole number (never the case for an integer column).
    qint64 integer(int column) const;
    QByteArrayView utf8(int column) const;

private:
    const std::vector<Field> *m_fields;
};

// Streams one query's rows straight from libpq on the connection Qt opened for this thread, as
// COPY (query) TO STDOUT: a row at a time (memory stays constant), no result object per row. Qt's
// own driver makes a QVariant of every value; for millions of rows (a reconciliation's our side)
// that cost more than the server's work. Values are given by position ('?' in `sql`, as everywhere
// else).
namespace PostgresRows {

// onRow returns false to stop early: the rest of the result is cancelled and drained, and the
// connection stays usable. QueryFailed names the statement. `sql` is one query that COPY takes
// (a SELECT); each value goes into it as a literal quoted by libpq, of the type its place asks for.
Status forEach(const QSqlDatabase &connection, const QString &sql, const QVariantList &values,
               const std::function<bool(const PostgresRow &row)> &onRow);

// Executes one statement that returns no rows, as forEach does. For statements that carry large
// byte values (a kept statement's chunks): a QByteArray goes over as binary, where Qt's driver
// would write it into the statement as escaped hex text, twice its size, for the server to parse.
Status execute(const QSqlDatabase &connection, const QString &sql, const QVariantList &values);

// Appends rows to `table` with COPY … FROM STDIN: the fastest way into PostgreSQL, with no statement
// to parse or plan for the rows and no value to bind (an INSERT of many rows costs the server time
// per value in both). `values` holds columns.size() values a row, read as an INSERT would read them
// (a QByteArray is a bytea's bytes).
Status copyIn(const QSqlDatabase &connection, const QString &table, const QStringList &columns,
              const QVariantList &values);

// Whether every value is of a type execute() and forEach() bind (integers, bool, text, bytes, null);
// for any other the caller goes through Qt's driver.
bool bindable(const QVariantList &values);

// `sql` with each '?' outside quotes, identifiers and comments numbered $1, $2, … for libpq.
QString numberedPlaceholders(const QString &sql);

} // namespace PostgresRows
} // namespace paydesk
