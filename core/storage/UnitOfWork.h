#pragma once

#include "core/util/Result.h"

#include <QSqlDatabase>

#include <utility>

namespace paydesk {

class Database;

// One write transaction on this thread's connection, committed by commit() or rolled back
// when it goes out of scope. A UnitOfWork opened while another is active on the same thread
// joins it: only the outermost one commits, and an inner one that is abandoned dooms the whole.
// On SQLite it takes the writer lock at once (BEGIN IMMEDIATE), so two writers queue instead
// of failing half-way.
class UnitOfWork
{
public:
    // When the commit reaches the disk. Now: before commit() returns (SQLite's synchronous=FULL,
    // PostgreSQL's synchronous_commit). WithNextDurableCommit: commit() returns once the change
    // is written and visible; it reaches the disk with the next commit made Now (by any thread
    // or process: the log is flushed in order), or at the next checkpoint. Only for records whose
    // loss in a machine crash the system recovers from by itself; the outermost unit decides.
    enum class Flush
    {
        Now,
        WithNextDurableCommit
    };

    explicit UnitOfWork(Database &database, Flush flush = Flush::Now);
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork &) = delete;
    UnitOfWork &operator=(const UnitOfWork &) = delete;

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; }
    Database &database() const { return m_database; }
    const QSqlDatabase &connection() const { return m_connection; }

    Status commit();
    void rollback();

    // Commits, then reads with `read(const QSqlDatabase &)` outside the transaction: what the
    // caller is given is what every reader now sees. Returns the commit's error, or read's result.
    template <typename Read> auto commitThenRead(Read read) -> decltype(read(std::declval<const QSqlDatabase &>()))
    {
        auto connection = commitForReading();
        if (!connection)
            return connection.error();
        return read(*connection);
    }

private:
    Result<QSqlDatabase> commitForReading();
    void releaseConnection();
    void finish(bool commit, Status *result);

    Database &m_database;
    QSqlDatabase m_connection;
    Error m_error;
    bool m_active = false;
    bool m_outermost = false;
    bool m_holdsWriter = false;
    bool m_relaxedSqliteSync = false;
};

} // namespace paydesk
