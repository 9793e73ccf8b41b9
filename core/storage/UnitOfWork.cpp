#include "UnitOfWork.h"

#include "Database.h"
#include "Sql.h"

namespace paydesk {

UnitOfWork::UnitOfWork(Database &database) : m_database(database)
{
    auto connection = database.connection();
    if (!connection) {
        m_error = connection.error();
        return;
    }
    m_connection = *connection;
    Database::TransactionState &state = database.transactionState();
    if (state.depth == 0) {
        if (database.isSqlite()) {
            database.sqliteWriter().lock();
            m_holdsWriter = true;
        }
        auto begun = Sql::exec(m_connection, database.isSqlite() ? QStringLiteral("BEGIN IMMEDIATE")
                                                                 : QStringLiteral("BEGIN"));
        if (!begun) {
            releaseWriter();
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
        releaseWriter();
        *result = Error(ErrorCode::TransactionFailed, QStringLiteral("an inner unit of work was abandoned"));
        return;
    }
    if (commit) {
        auto committed = Sql::exec(m_connection, QStringLiteral("COMMIT"));
        if (!committed) {
            (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
            *result = Error(ErrorCode::TransactionFailed, committed.error().detail());
        }
        releaseWriter();
        return;
    }
    (void)Sql::exec(m_connection, QStringLiteral("ROLLBACK"));
    releaseWriter();
}

void UnitOfWork::releaseWriter()
{
    if (m_holdsWriter) {
        m_holdsWriter = false;
        m_database.sqliteWriter().unlock();
    }
}

} // namespace paydesk
