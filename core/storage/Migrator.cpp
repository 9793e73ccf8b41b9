#include "core/storage/Migrator.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/SqlScript.h"
#include "core/storage/UnitOfWork.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>

static void initMigrationResources()
{
    Q_INIT_RESOURCE(migrations);
}

namespace paydesk {

namespace {
const QString kResourceDir = QStringLiteral(":/paydesk/migrations");
constexpr qint64 kMigrationLockKey = 0x7061796465736b; // "paydesk"

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}
} // namespace

Migrator::Migrator(Database &database) : m_database(database) {}

QList<Migrator::Migration> Migrator::available(SqlDialect dialect)
{
    initMigrationResources();
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QString dialectSuffix =
        dialect == SqlDialect::Sqlite ? QStringLiteral(".sqlite.sql") : QStringLiteral(".postgresql.sql");
    QMap<int, Migration> byVersion;
    const QStringList files = QDir(kResourceDir).entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = match.captured(2);
        QString script = readResource(kResourceDir + QLatin1Char('/') + file);
        const QString dialectFile = kResourceDir + QLatin1Char('/') + file.chopped(4) + dialectSuffix;
        if (QFile::exists(dialectFile))
            script += QLatin1Char('\n') + readResource(dialectFile);
        migration.statements = SqlScript::split(SqlScript::forDialect(script, dialect));
        byVersion.insert(migration.version, migration);
    }
    return byVersion.values();
}

int Migrator::latestVersion()
{
    const auto migrations = available(SqlDialect::Sqlite);
    return migrations.isEmpty() ? 0 : migrations.last().version;
}

Result<int> Migrator::currentVersion()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto exists = Sql::scalar(
        *connection,
        m_database.isSqlite()
            ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'")
            : QStringLiteral("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_schema = current_schema() AND table_name = 'schema_migration'"));
    if (!exists)
        return exists.error();
    if (exists->toInt() == 0)
        return 0;
    auto version = Sql::scalar(*connection, QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migration"));
    if (!version)
        return version.error();
    return version->toInt();
}

Status Migrator::migrate()
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const QSqlDatabase &db = work.connection();
    if (!m_database.isSqlite()) {
        auto locked = Sql::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey));
        if (!locked)
            return locked;
    }
    auto created = Sql::exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migration ("
                                                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                                "applied_at BIGINT NOT NULL)"));
    if (!created)
        return Error(ErrorCode::MigrationFailed, created.error().detail());

    auto current = currentVersion();
    if (!current)
        return current.error();
    const QList<Migration> migrations = available(m_database.dialect());
    const int latest = migrations.isEmpty() ? 0 : migrations.last().version;
    if (*current > latest) {
        return Error(ErrorCode::DatabaseTooNew,
                     QStringLiteral("schema version %1, this program knows up to %2").arg(*current).arg(latest));
    }
    for (const Migration &migration : migrations) {
        if (migration.version <= *current)
            continue;
        for (const QString &statement : migration.statements) {
            auto applied = Sql::exec(db, statement);
            if (!applied) {
                return Error(ErrorCode::MigrationFailed, QStringLiteral("%1_%2: %3")
                                                             .arg(migration.version, 4, 10, QLatin1Char('0'))
                                                             .arg(migration.name, applied.error().detail()));
            }
        }
        auto recorded =
            Sql::exec(db, QStringLiteral("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)"),
                      {migration.version, migration.name, QDateTime::currentMSecsSinceEpoch()});
        if (!recorded)
            return Error(ErrorCode::MigrationFailed, recorded.error().detail());
    }
    return work.commit();
}

} // namespace paydesk
