#pragma once

#include "DatabaseUrl.h"
#include "util/Result.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>

#include <memory>

class QThread;

namespace paydesk {

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

    // Transaction nesting on this thread: a UnitOfWork inside another joins it.
    struct TransactionState
    {
        int depth = 0;
        bool rollbackOnly = false;
    };
    TransactionState &transactionState();

private:
    explicit Database(DatabaseUrl url);
    Result<QSqlDatabase> openConnection(const QString &name);
    void forgetThread(QThread *thread);

    struct ThreadConnection
    {
        QString name;
        TransactionState transaction;
    };

    DatabaseUrl m_url;
    QString m_instanceId;
    QMutex m_mutex;
    QHash<QThread *, ThreadConnection> m_threads;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace paydesk
