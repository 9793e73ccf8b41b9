#include "Sql.h"

#include <QSqlError>

namespace paydesk::Sql {

Error queryError(const QSqlQuery &query, const QString &sql)
{
    const QString statement = sql.simplified().left(160);
    return Error(ErrorCode::QueryFailed, query.lastError().text() + QStringLiteral(" [") + statement + QLatin1Char(']'));
}

Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!query.prepare(sql))
        return queryError(query, sql);
    return query;
}

Status execPrepared(QSqlQuery &query, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values[i]);
    if (!query.exec())
        return queryError(query, query.lastQuery());
    return {};
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Sums of bigint are NUMERIC in PostgreSQL: read them as exact text, never as double.
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return queryError(query, sql);
        return query;
    }
    if (!query.prepare(sql))
        return queryError(query, sql);
    auto status = execPrepared(query, values);
    if (!status)
        return status.error();
    return query;
}

Status exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto query = run(db, sql, values);
    if (!query)
        return query.error();
    return {};
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto query = run(db, sql, values);
    if (!query)
        return query.error();
    if (!query->next())
        return QVariant();
    return query->value(0);
}

QString placeholders(int count)
{
    QString text;
    text.reserve(count * 3);
    for (int i = 0; i < count; ++i)
        text += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return text;
}

QString rowPlaceholders(int rows, int columns)
{
    const QString row = QLatin1Char('(') + placeholders(columns) + QLatin1Char(')');
    QString text;
    text.reserve(rows * (row.size() + 2));
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            text += QStringLiteral(", ");
        text += row;
    }
    return text;
}

} // namespace paydesk::Sql
