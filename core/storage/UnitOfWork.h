#pragma once

#include "util/Result.h"

#include <QSqlDatabase>

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
    explicit UnitOfWork(Database &database);
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork &) = delete;
    UnitOfWork &operator=(const UnitOfWork &) = delete;

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; }
    Database &database() const { return m_database; }
    const QSqlDatabase &connection() const { return m_connection; }

    Status commit();
    void rollback();

private:
    void releaseWriter();
    void finish(bool commit, Status *result);

    Database &m_database;
    QSqlDatabase m_connection;
    Error m_error;
    bool m_active = false;
    bool m_outermost = false;
    bool m_holdsWriter = false;
};

} // namespace paydesk
