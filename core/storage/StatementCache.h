#pragma once

#include <QHash>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace paydesk {

// One connection's prepared statements, kept between executions. Preparing is most of a
// short statement's cost: PostgreSQL parses and plans it (and Qt's QPSQL adds a PREPARE and
// a DEALLOCATE round trip each time), SQLite compiles it. A statement is lent out whole
// while its rows are read and comes back when the reader is done, so two readers of the
// same SQL never share one result; a second reader meanwhile gets a statement of its own.
// Used on the connection's thread only.
class StatementCache
{
public:
    explicit StatementCache(int capacity = 256) : m_capacity(capacity) {}

    // The prepared statement for sql, if one is waiting here; the caller owns it until it
    // gives it back.
    std::optional<QSqlQuery> take(const QString &sql);
    // Keeps a statement for the next execution (its rows released first); drops it when the
    // cache is full of other statements or already holds one for this SQL.
    void giveBack(const QString &sql, QSqlQuery statement);

    // Statements of a Database-owned connection, found by the connection's name (Sql::run
    // sees only the QSqlDatabase). Connections opened elsewhere have none.
    static void attach(const QString &connectionName, const std::shared_ptr<StatementCache> &cache);
    static void detach(const QString &connectionName);
    static std::shared_ptr<StatementCache> of(const QString &connectionName);

private:
    int m_capacity;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace paydesk
