#include "core/storage/Database.h"

#include "core/storage/DatabaseFiles.h"
#include "core/storage/Migrator.h"
#include "core/storage/Sql.h"
#include "core/storage/SqliteStatements.h"
#include "core/storage/StatementCache.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

namespace paydesk {

namespace {
QAtomicInteger<quint64> g_nextInstance;

Status applySqlitePragmas(QSqlDatabase &db)
{
    // WAL lets readers run beside the one writer; FULL makes every commit durable.
    const char *pragmas[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA cache_size=-65536",
        "PRAGMA temp_store=MEMORY",
        // Checkpoint every ~40 MB of WAL rather than 4 MB: ledger batches rewrite the same hot
        // pages (balances, recent index leaves), and each checkpoint copies them again.
        "PRAGMA wal_autocheckpoint=10000",
    };
    for (const char *pragma : pragmas) {
        auto status = Sql::exec(db, QString::fromLatin1(pragma));
        if (!status)
            return status;
    }
    return {};
}
} // namespace

Database::Database(DatabaseUrl url)
    : m_url(std::move(url)), m_instanceId(QString::number(g_nextInstance.fetchAndAddRelaxed(1)))
{
}

Database::~Database()
{
    QMutexLocker lock(&m_registry->mutex);
    for (auto &[thread, entry] : m_registry->threads) {
        StatementCache::detach(entry->name);
        entry->reused.reset();
        entry->statements.clear();
        entry->native.reset();
        // Removing closes the connection; asking for it from this thread would only warn.
        QSqlDatabase::removeDatabase(entry->name);
    }
    m_registry->threads.clear();
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    if (url.dialect() == SqlDialect::Sqlite) {
        auto narrowed = DatabaseFiles::makePrivate(url.sqlitePath());
        if (!narrowed)
            return narrowed.error();
        for (const QString &line : std::as_const(*narrowed))
            qWarning("paydesk: the database file was open to other users; %s", qPrintable(line));
    }
    std::shared_ptr<Database> database(new Database(url));
    auto connection = database->connection();
    if (!connection)
        return connection.error();
    auto migrated = Migrator(*database).migrate();
    if (!migrated)
        return migrated.error();
    return database;
}

Result<QSqlDatabase> Database::connection()
{
    QThread *thread = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_registry->mutex);
        // An entry without a name holds only transaction state (transactionState() was asked
        // first): the connection is still to be opened.
        auto it = m_registry->threads.find(thread);
        if (it != m_registry->threads.end() && !it->second->name.isEmpty())
            return QSqlDatabase::database(it->second->name, false);
        name = QStringLiteral("paydesk-%1-%2").arg(m_instanceId).arg(quintptr(thread), 0, 16);
    }
    auto opened = openConnection(name);
    if (!opened)
        return opened;
    {
        QMutexLocker lock(&m_registry->mutex);
        auto reused = std::make_shared<StatementCache>();
        StatementCache::attach(name, reused);
        ThreadConnection &entry = m_registry->entryFor(thread);
        entry.name = name;
        entry.reused = reused;
    }
    // Close this thread's connection when the thread ends (if the Database still exists).
    std::weak_ptr<ThreadRegistry> registry = m_registry;
    QObject::connect(
        thread, &QThread::finished, thread,
        [registry, thread]() {
            if (auto alive = registry.lock())
                alive->forget(thread);
        },
        Qt::DirectConnection);
    return opened;
}

Result<QSqlQuery *> Database::cachedQuery(const QString &sql)
{
    auto db = connection();
    if (!db)
        return db.error();
    {
        QMutexLocker lock(&m_registry->mutex);
        const auto &statements = m_registry->entryFor(QThread::currentThread()).statements;
        auto it = statements.constFind(sql);
        if (it != statements.constEnd())
            return it->get();
    }
    auto prepared = Sql::prepare(*db, sql);
    if (!prepared)
        return prepared.error();
    auto query = std::make_shared<QSqlQuery>(std::move(*prepared));
    QMutexLocker lock(&m_registry->mutex);
    m_registry->entryFor(QThread::currentThread()).statements.insert(sql, query);
    return query.get();
}

Result<SqliteStatements *> Database::sqliteStatements()
{
    if (!isSqlite())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("not an SQLite database"));
    auto db = connection();
    if (!db)
        return db.error();
    QMutexLocker lock(&m_registry->mutex);
    std::shared_ptr<SqliteStatements> &native = m_registry->entryFor(QThread::currentThread()).native;
    if (!native)
        native = std::make_shared<SqliteStatements>(*db);
    if (!native->isValid())
        return Error(ErrorCode::QueryFailed, QStringLiteral("the SQLite driver exposes no handle"));
    return native.get();
}

Database::TransactionState &Database::transactionState()
{
    QMutexLocker lock(&m_registry->mutex);
    return m_registry->entryFor(QThread::currentThread()).transaction;
}

void Database::discardThreadConnection()
{
    m_registry->forget(QThread::currentThread());
}

Database::ThreadConnection &Database::ThreadRegistry::entryFor(QThread *thread)
{
    std::unique_ptr<ThreadConnection> &entry = threads[thread];
    if (!entry)
        entry = std::make_unique<ThreadConnection>();
    return *entry;
}

void Database::ThreadRegistry::forget(QThread *thread)
{
    QString name;
    {
        QMutexLocker lock(&mutex);
        auto it = threads.find(thread);
        if (it == threads.end())
            return;
        std::unique_ptr<ThreadConnection> connection = std::move(it->second);
        threads.erase(it);
        StatementCache::detach(connection->name);
        connection->reused.reset();
        connection->statements.clear();
        connection->native.reset();
        name = connection->name;
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    if (m_url.dialect() == SqlDialect::Sqlite) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_url.sqlitePath());
        // Wait for the writer lock instead of failing at once when another process writes.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        if (!db.open()) {
            const QString reason = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return Error(ErrorCode::DatabaseOpenFailed, m_url.toDisplayString() + QStringLiteral(": ") + reason);
        }
        auto pragmas = applySqlitePragmas(db);
        if (!pragmas) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return Error(pragmas.error().code(), pragmas.error().detail());
        }
        return db;
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(m_url.host());
    db.setPort(m_url.port());
    db.setUserName(m_url.user());
    db.setPassword(m_url.password());
    db.setDatabaseName(m_url.databaseName());
    QString options = QStringLiteral("application_name=paydesk");
    if (!m_url.connectOptions().isEmpty())
        options += QLatin1Char(';') + m_url.connectOptions();
    db.setConnectOptions(options);
    if (!db.open()) {
        const QString reason = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Error(ErrorCode::DatabaseOpenFailed, m_url.toDisplayString() + QStringLiteral(": ") + reason);
    }
    auto quiet = Sql::exec(db, QStringLiteral("SET client_min_messages TO warning"));
    if (!quiet)
        return quiet.error();
    return db;
}

} // namespace paydesk
