#pragma once

#include "core/storage/SqlRowView.h"
#include "core/util/Result.h"

#include <QSqlQuery>
#include <QVariantList>

#include <functional>

namespace paydesk {

class Database;

// Many rows per statement, with statements of a few fixed sizes that each thread prepares
// once and reuses. (Preparing a statement with thousands of placeholders costs Qt time
// quadratic in their number; reusing a 64-row statement runs at SQLite's own speed.)
namespace BatchSql {

// Executes `head` + "row, row, …" + `tail` over all values, `columns` values per row.
// `row` is the text of one row, "(?, ?, ?)" by default.
Status execRows(Database &database, const QString &head, const QString &tail, int columns, const QVariantList &values,
                const QString &row = QString());

// Appends rows to `table`, columns.size() values a row: on PostgreSQL with COPY (no statement
// parsed, nothing bound per value), on SQLite as execRows does.
Status insertRows(Database &database, const QString &table, const QStringList &columns, const QVariantList &values);

// Runs `head` + "(?, ?, …)" + `tail` with the keys bound to the IN list, in chunks, and
// calls onRow with the values of every result row. Keys may repeat; rows come back once per
// chunk they match.
Status selectIn(Database &database, const QString &head, const QString &tail, const QVariantList &keys,
                const std::function<void(const QVariantList &row)> &onRow);

// Runs one query and hands every row to onRow, streaming (constant memory). onRow returns
// false to stop early.
Status forEachRow(Database &database, const QString &sql, const QVariantList &values,
                  const std::function<bool(const QVariantList &row)> &onRow);

// The same, each row handed over as a view read in place from SQLite's or libpq's own row: nothing
// copied and no QVariant made (for streaming millions of rows).
Status forEachRowView(Database &database, const QString &sql, const QVariantList &values,
                      const std::function<bool(const SqlRowView &row)> &onRow);

} // namespace BatchSql
} // namespace paydesk
