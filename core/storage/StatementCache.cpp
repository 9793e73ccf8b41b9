#include "core/storage/StatementCache.h"

#include <QMutex>

namespace paydesk {

namespace {
QMutex g_registryMutex;
QHash<QString, std::weak_ptr<StatementCache>> g_registry;
} // namespace

std::optional<QSqlQuery> StatementCache::take(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        return std::nullopt;
    QSqlQuery statement = std::move(it.value());
    m_statements.erase(it);
    return statement;
}

void StatementCache::giveBack(const QString &sql, QSqlQuery statement)
{
    // finish() resets the statement: an SQLite statement left mid-result would keep its
    // read snapshot open, a PostgreSQL one its rows in memory.
    statement.finish();
    if (m_statements.contains(sql) || m_statements.size() >= m_capacity)
        return;
    m_statements.insert(sql, std::move(statement));
}

void StatementCache::attach(const QString &connectionName, const std::shared_ptr<StatementCache> &cache)
{
    QMutexLocker lock(&g_registryMutex);
    g_registry.insert(connectionName, cache);
}

void StatementCache::detach(const QString &connectionName)
{
    QMutexLocker lock(&g_registryMutex);
    g_registry.remove(connectionName);
}

std::shared_ptr<StatementCache> StatementCache::of(const QString &connectionName)
{
    QMutexLocker lock(&g_registryMutex);
    return g_registry.value(connectionName).lock();
}

} // namespace paydesk
