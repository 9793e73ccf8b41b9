#pragma once

#include "core/util/Result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

namespace paydesk {

// Writes straight through libpq on the connection Qt opened for this thread (see PostgresRows), for
// statements with many values: Qt's driver writes every value, escaped, into the text of an EXECUTE
// for the server to parse again.
namespace PostgresWrites {

// Executes one statement that returns no rows, its values bound as parameters (PQexecParams: text, a
// QByteArray as binary): BatchSql::execRows' many rows, a kept statement's chunks.
Status execute(const QSqlDatabase &connection, const QString &sql, const QVariantList &values);

// Appends rows to `table` with COPY … FROM STDIN: the fastest way into PostgreSQL, with no statement
// to parse or plan for the rows and no value to bind (an INSERT of many rows costs the server time
// per value in both). `values` holds columns.size() values a row, read as an INSERT would read them
// (a QByteArray is a bytea's bytes).
Status copyIn(const QSqlDatabase &connection, const QString &table, const QStringList &columns,
              const QVariantList &values);

// Whether every value is of a type execute() and copyIn() take (integers, bool, text, bytes, null);
// for any other the caller goes through Qt's driver.
bool bindable(const QVariantList &values);

// `sql` with each '?' outside quotes, identifiers and comments numbered $1, $2, … for libpq.
QString numberedPlaceholders(const QString &sql);

} // namespace PostgresWrites
} // namespace paydesk
