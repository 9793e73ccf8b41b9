#pragma once

#include "core/util/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QVariantList>

#include <functional>

struct sqlite3;
struct sqlite3_stmt;

namespace paydesk {

// A result row as SQLite holds it, valid only inside the callback that is given it: read without
// making a QVariant of each value (streaming millions of rows, that costs more than SQLite).
class SqliteRow
{
public:
    explicit SqliteRow(sqlite3_stmt *statement) : m_statement(statement) {}
    bool isNull(int column) const;
    qint64 integer(int column) const;
    // Text as stored: UTF-8, no terminator counted.
    QByteArrayView utf8(int column) const;

private:
    friend class SqliteStatements;
    sqlite3_stmt *m_statement;
};

// Prepared statements on one thread's SQLite connection, driven through SQLite's own API.
// Used for the bulk writes of the ledger: Qt's QSqlResult::bindValue costs thousands of
// instructions per value (it formats a placeholder name for each), SQLite's bind a few dozen.
// Shares the connection, and so the transaction, with the QSqlDatabase it was made from.
class SqliteStatements
{
public:
    explicit SqliteStatements(const QSqlDatabase &connection);
    ~SqliteStatements();
    SqliteStatements(const SqliteStatements &) = delete;
    SqliteStatements &operator=(const SqliteStatements &) = delete;

    bool isValid() const { return m_handle != nullptr; }

    // Runs `sql` (prepared on first use) with values[offset … offset+count) bound in order.
    Status execute(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count);
    // The same for a query; every result row is handed to onRow (integers as qlonglong,
    // text as QString, NULL as an invalid QVariant) until it returns false.
    Status query(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count,
                 const std::function<bool(const QVariantList &row)> &onRow);
    // The same, each row handed over as SQLite holds it.
    Status queryRows(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count,
                     const std::function<bool(const SqliteRow &row)> &onRow);

private:
    Result<sqlite3_stmt *> bind(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count);
    Error failure(const QString &sql) const;

    sqlite3 *m_handle = nullptr;
    QHash<QString, sqlite3_stmt *> m_statements;
};

} // namespace paydesk
