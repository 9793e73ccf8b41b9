#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace paydesk {

// Thin checked wrappers over QSqlQuery: every failure becomes an Error that names the
// statement, so no caller can forget to look at lastError().
namespace Sql {

// Runs a statement with positional '?' values; the query is forward-only (constant memory).
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
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

} // namespace Sql
} // namespace paydesk
