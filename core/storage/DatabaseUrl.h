#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {

enum class SqlDialect
{
    Sqlite,
    PostgreSql
};

// Where the data lives: `sqlite:/path/file.db` (embedded) or
// `postgresql://user[:password]@host[:port]/database[?option=value&…]` (shared deployment).
class DatabaseUrl
{
public:
    static Result<DatabaseUrl> parse(const QString &text);
    // PAYDESK_DATABASE when set, otherwise paydesk.db in the user's data directory.
    static Result<DatabaseUrl> fromEnvironmentOrDefault();
    static DatabaseUrl defaultSqlite();

    SqlDialect dialect() const { return m_dialect; }
    const QString &sqlitePath() const { return m_path; }
    const QString &host() const { return m_host; }
    int port() const { return m_port; }
    const QString &user() const { return m_user; }
    const QString &password() const { return m_password; }
    const QString &databaseName() const { return m_database; }
    // Extra PostgreSQL connection options, `key=value` separated by ';' (Qt's format).
    const QString &connectOptions() const { return m_options; }

    // The URL with any password replaced by "***": safe for logs, status bars and errors.
    QString toDisplayString() const;

private:
    SqlDialect m_dialect = SqlDialect::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QString m_options;
};

} // namespace paydesk
