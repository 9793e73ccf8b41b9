#include "core/storage/Sql.h"

#include "core/storage/StatementCache.h"

#include <QSqlError>

namespace paydesk {

SqlRows::SqlRows(QSqlQuery statement, std::weak_ptr<StatementCache> cache, QString sql)
    : QSqlQuery(std::move(statement)), m_cache(std::move(cache)), m_sql(std::move(sql))
{
}

SqlRows::SqlRows(SqlRows &&other) noexcept
    : QSqlQuery(std::move(other)), m_cache(std::move(other.m_cache)), m_sql(std::move(other.m_sql)),
      m_holdsStatement(std::exchange(other.m_holdsStatement, false))
{
}

SqlRows::~SqlRows()
{
    if (!m_holdsStatement)
        return;
    if (auto cache = m_cache.lock())
        cache->giveBack(m_sql, QSqlQuery(std::move(static_cast<QSqlQuery &>(*this))));
}

namespace Sql {

namespace {
// Statements without values are cached only when they are plain reads: PostgreSQL cannot
// PREPARE BEGIN, SET, ANALYZE and the like.
bool worthCaching(const QString &sql, const QVariantList &values)
{
    return !values.isEmpty() || sql.startsWith(QLatin1String("SELECT "));
}
} // namespace

Error queryError(const QSqlQuery &query, const QString &sql)
{
    const QString statement = sql.simplified().left(160);
    return Error(ErrorCode::QueryFailed,
                 query.lastError().text() + QStringLiteral(" [") + statement + QLatin1Char(']'));
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

Result<SqlRows> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    if (worthCaching(sql, values)) {
        if (std::shared_ptr<StatementCache> cache = StatementCache::of(db.connectionName())) {
            std::optional<QSqlQuery> statement = cache->take(sql);
            if (!statement) {
                auto prepared = prepare(db, sql);
                if (!prepared)
                    return prepared.error();
                statement.emplace(std::move(*prepared));
            }
            SqlRows rows(std::move(*statement), cache, sql);
            auto status = execPrepared(rows, values);
            if (!status)
                return status.error();
            return rows;
        }
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Sums of bigint are NUMERIC in PostgreSQL: read them as exact text, never as double.
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return queryError(query, sql);
        return SqlRows(std::move(query));
    }
    if (!query.prepare(sql))
        return queryError(query, sql);
    auto status = execPrepared(query, values);
    if (!status)
        return status.error();
    return SqlRows(std::move(query));
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

} // namespace Sql
} // namespace paydesk
