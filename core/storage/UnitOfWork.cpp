#include "core/storage/UnitOfWork.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"

namespace paydesk {

UnitOfWork::UnitOfWork(Database &database, Flush flush) : m_database(database)
{
    auto connection = database.connection();
    if (!connection) {
        m_error = connection.error();
        return;
    }
    m_connection = *connection;
    Database::TransactionState &state = database.transactionState();
    if (state.depth == 0) {
        const bool relaxed = flush == Flush::WithNextDurableCommit;
        if (database.isSqlite()) {
            // A connection setting, so it is set for this transaction and put back after it.
            if (relaxed) {
                auto normal = Sql::exec(m_connection, QStringLiteral("PRAGMA synchronous=NORMAL"));
                if (!normal) {
                    m_error = Error(ErrorCode::TransactionFailed, normal.error().detail());
                    return;
                }
                m_relaxedSqliteSync = true;
            }
            database.sqliteWriter().lock();
            m_holdsWriter = true;
        }
        auto begun =
            Sql::exec(m_connection, database.isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
        if (begun && relaxed && !database.isSqlite())
            begun = Sql::exec(m_connection, QStringLiteral("SET LOCAL synchronous_commit TO off"));
        if (!begun) {
            if (!database.isSqlite())
                (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
            releaseConnection();
            m_error = Error(ErrorCode::TransactionFailed, begun.error().detail());
            return;
        }
        state.rollbackOnly = false;
        m_outermost = true;
    }
    ++state.depth;
    m_active = true;
}

UnitOfWork::~UnitOfWork()
{
    if (m_active)
        finish(false, nullptr);
}

Status UnitOfWork::commit()
{
    if (!m_active)
        return Error(ErrorCode::TransactionFailed, QStringLiteral("no active unit of work"));
    Status result;
    finish(true, &result);
    return result;
}

Result<QSqlDatabase> UnitOfWork::commitForReading()
{
    const Status committed = commit();
    if (!committed)
        return committed.error();
    return m_database.connection();
}

void UnitOfWork::rollback()
{
    if (m_active)
        finish(false, nullptr);
}

void UnitOfWork::finish(bool commit, Status *result)
{
    m_active = false;
    Database::TransactionState &state = m_database.transactionState();
    --state.depth;
    if (!m_outermost) {
        if (!commit)
            state.rollbackOnly = true;
        return;
    }
    if (commit && state.rollbackOnly) {
        (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
        releaseConnection();
        *result = Error(ErrorCode::TransactionFailed, QStringLiteral("an inner unit of work was abandoned"));
        return;
    }
    if (commit) {
        auto committed = Sql::exec(m_connection, QStringLiteral("COMMIT"));
        if (!committed) {
            (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
            *result = Error(ErrorCode::TransactionFailed, committed.error().detail());
        }
        releaseConnection();
        return;
    }
    (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
    releaseConnection();
}

// Gives back what the outermost unit took: the SQLite writer lock and, for a unit that did not
// flush, the connection's flush setting.
void UnitOfWork::releaseConnection()
{
    if (m_holdsWriter) {
        m_holdsWriter = false;
        m_database.sqliteWriter().unlock();
    }
    if (m_relaxedSqliteSync) {
        m_relaxedSqliteSync = false;
        // Every later commit on this connection is durable again. Should that ever fail, the
        // connection is not used again (it would commit without flushing).
        if (!Sql::exec(m_connection, QStringLiteral("PRAGMA synchronous=FULL"))) {
            m_connection = QSqlDatabase();
            m_database.discardThreadConnection();
        }
    }
}

} // namespace paydesk
