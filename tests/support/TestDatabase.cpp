#include "tests/support/TestDatabase.h"

#include "core/storage/Sql.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

namespace paydesk::test {

namespace {
QAtomicInteger<int> g_counter;

// Runs one statement on the server's maintenance database (CREATE/DROP DATABASE).
QString adminExec(const QString &sql)
{
    const QString adminUrl = qEnvironmentVariable("PAYDESK_TEST_PG_URL");
    if (adminUrl.isEmpty())
        return QStringLiteral(
            "PAYDESK_TEST_PG_URL is not set; run the tests with scripts/test.sh, which starts PostgreSQL");
    auto url = DatabaseUrl::parse(adminUrl);
    if (!url)
        return url.error().message();
    const QString name = QStringLiteral("paydesk-test-admin-%1").arg(g_counter.fetchAndAddRelaxed(1));
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url->host());
        db.setPort(url->port());
        db.setUserName(url->user());
        db.setPassword(url->password());
        db.setDatabaseName(url->databaseName());
        if (!db.open()) {
            failure = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                failure = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return failure;
}
} // namespace

void TestDatabase::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QStringList backends = qEnvironmentVariable("PAYDESK_TEST_BACKENDS", QStringLiteral("sqlite,postgresql"))
                               .split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &backend : std::as_const(backends))
        QTest::newRow(qPrintable(backend)) << backend;
}

TestDatabase::TestDatabase(const QString &backend) : m_backend(backend)
{
    if (backend == QLatin1String("sqlite")) {
        m_urlText = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("paydesk.db"));
    } else if (backend == QLatin1String("postgresql")) {
        m_pgName = QStringLiteral("paydesk_t%1_%2")
                       .arg(QCoreApplication::applicationPid())
                       .arg(g_counter.fetchAndAddRelaxed(1));
        m_failure = adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_pgName));
        if (!m_failure.isEmpty())
            return;
        QUrl url(qEnvironmentVariable("PAYDESK_TEST_PG_URL"));
        url.setPath(QLatin1Char('/') + m_pgName);
        m_urlText = url.toString();
    } else {
        m_failure = QStringLiteral("unknown backend ") + backend;
        return;
    }
    auto url = DatabaseUrl::parse(m_urlText);
    if (!url) {
        m_failure = url.error().message();
        return;
    }
    m_url = *url;
    auto status = reopen();
    if (!status)
        m_failure = status.error().message();
}

Status TestDatabase::reopen()
{
    m_database.reset();
    auto database = Database::open(m_url);
    if (!database)
        return database.error();
    m_database = *database;
    return {};
}

TestDatabase::~TestDatabase()
{
    m_database.reset();
    if (!m_pgName.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_pgName));
}

QByteArray TestDatabase::storedBytes()
{
    QByteArray all;
    if (m_backend == QLatin1String("sqlite")) {
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(m_url.sqlitePath() + suffix);
            if (file.open(QIODevice::ReadOnly))
                all += file.readAll();
        }
        return all;
    }
    const QSqlDatabase connection = m_database->connection().value();
    (void)Sql::exec(connection, QStringLiteral("CHECKPOINT"));
    auto files =
        Sql::run(connection,
                 QStringLiteral(
                     "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE pg_relation_filepath(c.oid) IS NOT NULL "
                     "AND c.relkind IN ('r', 't', 'i')"));
    QStringList paths;
    while (files->next())
        paths << files->value(0).toString();
    files->finish();
    for (const QString &path : std::as_const(paths)) {
        auto content =
            Sql::scalar(connection, QStringLiteral("SELECT pg_read_binary_file(?, 0, 100000000, true)"), {path});
        if (content)
            all += content->toByteArray();
    }
    return all;
}

} // namespace paydesk::test
