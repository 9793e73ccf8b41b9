#include "core/storage/DatabaseUrl.h"

#include <QDir>
#include <QTest>

using namespace paydesk;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void sqlite()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:/var/lib/paydesk/main.db"));
        QVERIFY(url.ok());
        QCOMPARE(url->dialect(), SqlDialect::Sqlite);
        QCOMPARE(url->sqlitePath(), QStringLiteral("/var/lib/paydesk/main.db"));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:///tmp/a.db"))->sqlitePath(), QStringLiteral("/tmp/a.db"));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:rel/a.db"))->sqlitePath(),
                 QDir::current().absoluteFilePath(QStringLiteral("rel/a.db")));
        QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:")).error().code(), ErrorCode::DatabaseUrlInvalid);
    }

    void postgresql()
    {
        auto url = DatabaseUrl::parse(QStringLiteral(
            "postgresql://pay%40desk:s%3Acret@db.example:6543/paydesk?sslmode=require&connect_timeout=5"));
        QVERIFY2(url.ok(), qPrintable(url.error().message()));
        QCOMPARE(url->dialect(), SqlDialect::PostgreSql);
        QCOMPARE(url->host(), QStringLiteral("db.example"));
        QCOMPARE(url->port(), 6543);
        QCOMPARE(url->user(), QStringLiteral("pay@desk"));
        QCOMPARE(url->password(), QStringLiteral("s:cret"));
        QCOMPARE(url->databaseName(), QStringLiteral("paydesk"));
        QCOMPARE(url->connectOptions(), QStringLiteral("sslmode=require;connect_timeout=5"));
        // The password never shows in display text.
        QVERIFY(!url->toDisplayString().contains(QStringLiteral("s:cret")));
        QCOMPARE(url->toDisplayString(), QStringLiteral("postgresql://pay@desk:***@db.example:6543/paydesk"));

        auto shortForm = DatabaseUrl::parse(QStringLiteral("postgres://localhost/pd"));
        QVERIFY(shortForm.ok());
        QCOMPARE(shortForm->port(), 5432);
        QCOMPARE(shortForm->user(), QString());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no scheme") << QStringLiteral("/tmp/x.db");
        QTest::newRow("mysql") << QStringLiteral("mysql://localhost/x");
        QTest::newRow("pg without database") << QStringLiteral("postgresql://localhost");
        QTest::newRow("pg without host") << QStringLiteral("postgresql:///db");
        QTest::newRow("pg nested path") << QStringLiteral("postgresql://h/a/b");
    }
    void invalid()
    {
        QFETCH(QString, text);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code(), ErrorCode::DatabaseUrlInvalid);
    }

    void environmentOverridesDefault()
    {
        qputenv("PAYDESK_DATABASE", "sqlite:/tmp/from-env.db");
        QCOMPARE(DatabaseUrl::fromEnvironmentOrDefault()->sqlitePath(), QStringLiteral("/tmp/from-env.db"));
        qunsetenv("PAYDESK_DATABASE");
        auto fallback = DatabaseUrl::fromEnvironmentOrDefault();
        QVERIFY(fallback.ok());
        QVERIFY(fallback->sqlitePath().endsWith(QStringLiteral("/paydesk/paydesk.db")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
