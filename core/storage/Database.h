#pragma once

#include "core/storage/DatabaseUrl.h"
#include "core/util/Result.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <unordered_map>

class QThread;

namespace paydesk {

class SqliteStatements;
class StatementCache;

// One Paydesk database (SQLite file or PostgreSQL database). Hands every thread its own
// connection, because a QSqlDatabase must not cross threads, and brings the schema up to
// date when opened.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating an SQLite file if needed), applies pending migrations, and refuses a
    // database whose schema is newer than this program.
    static Result<std::shared_ptr<Database>> open(const DatabaseUrl &url);

    const DatabaseUrl &url() const { return m_url; }
    SqlDialect dialect() const { return m_url.dialect(); }
    bool isSqlite() const { return dialect() == SqlDialect::Sqlite; }

    // This thread's connection, opened on first use.
    Result<QSqlDatabase> connection();

    // SQLite only: this thread's natively prepared statements, for bulk writes.
    Result<SqliteStatements *> sqliteStatements();

    // A statement prepared once per thread and reused: preparing is the expensive part of
    // a statement with many placeholders (Qt parses them on every prepare).
    // The pointer stays valid as long as this thread's connection (use it on this thread only).
    Result<QSqlQuery *> cachedQuery(const QString &sql);

    // Closes this thread's connection (one left in a state it must not be used in); the next
    // connection() opens a fresh one.
    void discardThreadConnection();

    // Transaction nesting on this thread: a UnitOfWork inside another joins it.
    struct TransactionState
    {
        int depth = 0;
        bool rollbackOnly = false;
    };
    TransactionState &transactionState();

    // SQLite has one writer at a time; threads of this process queue here for it instead of
    // meeting in SQLite's busy handler, which sleeps in steps of up to 100 ms (the outermost
    // UnitOfWork holds it from BEGIN IMMEDIATE to COMMIT). Other processes still meet there.
    QMutex &sqliteWriter() { return m_sqliteWriter; }

private:
    explicit Database(DatabaseUrl url);
    Result<QSqlDatabase> openConnection(const QString &name);

    struct ThreadConnection
    {
        QString name;
        TransactionState transaction;
        QHash<QString, std::shared_ptr<QSqlQuery>> statements;
        std::shared_ptr<SqliteStatements> native;
        std::shared_ptr<StatementCache> reused; // what Sql::run prepares on this connection
    };

    // Every thread's connection, shared with the hook that closes one when its thread ends:
    // that hook may run while this Database is being destroyed, so it holds the registry, not
    // the Database. Entries are held by pointer so that a TransactionState reference stays
    // valid while other threads add theirs.
    struct ThreadRegistry
    {
        QMutex mutex;
        std::unordered_map<QThread *, std::unique_ptr<ThreadConnection>> threads;

        ThreadConnection &entryFor(QThread *thread); // mutex held
        void forget(QThread *thread);
    };

    DatabaseUrl m_url;
    QString m_instanceId;
    std::shared_ptr<ThreadRegistry> m_registry = std::make_shared<ThreadRegistry>();
    QMutex m_sqliteWriter;
};

} // namespace paydesk
