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

// onRow returns false to stop early: the rest of the result is cancelled (outside a transaction) or
// read and dropped (inside one, which a cancel would abort), and the connection stays usable. onRow
// must not use the database on this thread: our own statements are refused while the rows stream, and
// Qt's would wait for ever. `sql` is one query that COPY takes (a SELECT), without dollar quoting or
// backslashes; each value goes into it as a literal quoted by libpq, of the type its place asks for
// (integers, bool, text without U+0000, null). QueryFailed names the statement.
Status forEach(const QSqlDatabase &connection, const QString &sql, const QVariantList &values,
               const std::function<bool(const PostgresRow &row)> &onRow);

} // namespace PostgresRows
} // namespace paydesk
