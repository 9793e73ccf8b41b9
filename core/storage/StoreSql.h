#pragma once

#include "core/util/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVariant>

namespace paydesk {

class Database;

// Small helpers the stores share: ids taken before an insert, changed-row counts, a
// case-insensitive "contains" for either dialect, and the column conventions of the onboarding
// tables (text NOT NULL DEFAULT '', instants as ms since epoch UTC).
namespace StoreSql {

// The id the next row of `table` will have, taken inside the caller's unit of work: SQLite
// holds the writer lock (BEGIN IMMEDIATE), PostgreSQL draws from the identity sequence.
Result<qint64> reserveId(Database &database, const QSqlDatabase &db, const QString &table);

// Runs one INSERT of a row into a table with an identity `id` and returns the new row's id, or 0
// when the statement inserted nothing (an ON CONFLICT DO NOTHING that met a conflict). PostgreSQL
// answers through RETURNING id; SQLite through the last insert id of this statement.
Result<qint64> insertReturningId(const QSqlDatabase &db, const QString &insertSql, const QVariantList &values);

// Runs an UPDATE/DELETE and returns the number of rows it changed.
Result<int> changedRows(const QSqlDatabase &db, const QString &sql, const QVariantList &values);

// A case-insensitive "contains" comparison of `column` with one `?` value; pair it with
// containsPattern(). SQLite's LIKE ignores ASCII case, PostgreSQL needs ILIKE.
QString containsCondition(const Database &database, const QString &column);
QString containsPattern(const QString &text);

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL DEFAULT ''.
QString text(const QString &value);

QVariant instantValue(const QDateTime &instant); // ms since epoch UTC, NULL when invalid
QDateTime instant(const QVariant &value);        // invalid for NULL
qint64 nowMs(const QDateTime &now);

} // namespace StoreSql
} // namespace paydesk
