#pragma once

#include "core/storage/DatabaseUrl.h"
#include "core/util/Result.h"

#include <QList>
#include <QStringList>

namespace paydesk {

class Database;

// Brings a database's schema to the version this program knows, one numbered migration at a
// time, all inside one transaction under a lock so that two processes starting together do
// not both migrate. Migration scripts are resources named NNNN_name.sql, with optional
// NNNN_name.sqlite.sql / NNNN_name.postgresql.sql parts for what only one dialect can say.
class Migrator
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QStringList statements;
    };

    explicit Migrator(Database &database);

    Status migrate();
    Result<int> currentVersion();

    static int latestVersion();
    static QList<Migration> available(SqlDialect dialect);

private:
    Database &m_database;
};

} // namespace paydesk
