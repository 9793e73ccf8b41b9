#include "core/storage/Migrator.h"
#include "core/storage/ReferenceCache.h"
#include "core/storage/ReferenceGeneration.h"
#include "core/storage/Sql.h"
#include "core/storage/SqlScript.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Error.h"
#include "tests/support/TestDatabase.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace paydesk;
using namespace paydesk::test;

class TestStorage : public QObject
{
    Q_OBJECT

private:
    static qint64 count(Database &db, const QString &table)
    {
        return Sql::scalar(db.connection().value(), QStringLiteral("SELECT count(*) FROM ") + table)->toLongLong();
    }
    // What the connection flushes at commit: SQLite's synchronous (2 FULL, 1 NORMAL) or
    // PostgreSQL's synchronous_commit.
    static QString flushSetting(const QSqlDatabase &connection, bool sqlite)
    {
        return Sql::scalar(connection,
                           sqlite ? QStringLiteral("PRAGMA synchronous") : QStringLiteral("SHOW synchronous_commit"))
            ->toString();
    }

    static Status createScratch(Database &db)
    {
        return Sql::exec(db.connection().value(), QStringLiteral("CREATE TABLE scratch (v BIGINT NOT NULL)"));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void scriptSplitting()
    {
        const QString script = QStringLiteral(
            "-- comment\nCREATE TABLE a (x INT);\n\nCREATE TRIGGER t BEFORE UPDATE ON a\nBEGIN\n"
            "    SELECT RAISE(ABORT, 'no');\nEND;\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n    RAISE EXCEPTION 'no';\nEND;\n$$;\nCREATE TRIGGER u BEFORE DELETE ON a\n"
            "    FOR EACH ROW EXECUTE FUNCTION f();\nCREATE INDEX i ON a (x);\n");
        const QStringList statements = SqlScript::split(script);
        QCOMPARE(statements.size(), 5);
        QVERIFY(statements[1].endsWith(QStringLiteral("END;")));
        QVERIFY(statements[2].endsWith(QStringLiteral("$$;")));
        QVERIFY(statements[3].contains(QStringLiteral("EXECUTE FUNCTION")));
        QVERIFY(statements[4].startsWith(QStringLiteral("CREATE INDEX")));
    }

    void migrationsApplyOnOpen()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Migrator migrator(db.database());
        QCOMPARE(migrator.currentVersion().value(), Migrator::latestVersion());
        QVERIFY(Migrator::latestVersion() >= 1);
        QCOMPARE(count(db.database(), QStringLiteral("ledger_account")), 0);
        // Opening again changes nothing.
        QVERIFY(db.reopen().ok());
        QCOMPARE(count(db.database(), QStringLiteral("schema_migration")), qint64(Migrator::latestVersion()));
    }

    void newerDatabaseIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(Sql::exec(db.database().connection().value(),
                          QStringLiteral(
                              "INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, 'future', 0)"))
                    .ok());
        auto other = db.openAnother();
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code(), ErrorCode::DatabaseTooNew);
        QVERIFY(other.error().message().contains(QStringLiteral("9999")));
    }

    void sqlitePragmas()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("SQLite only");
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        const QSqlDatabase connection = db.database().connection().value();
        QCOMPARE(Sql::scalar(connection, QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
        QCOMPARE(Sql::scalar(connection, QStringLiteral("PRAGMA synchronous"))->toInt(), 2); // FULL
        QCOMPARE(Sql::scalar(connection, QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
    }

    void unitOfWorkCommitsOrRollsBack()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createScratch(db.database()).ok());
        {
            UnitOfWork work(db.database());
            QVERIFY(work.isActive());
            QVERIFY(Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (1)")).ok());
            QVERIFY(work.commit().ok());
        }
        {
            UnitOfWork work(db.database());
            QVERIFY(Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (2)")).ok());
            // leaves scope without commit
        }
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 1);
    }

    void nestedUnitOfWorkJoinsAndDoomsOuter()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createScratch(db.database()).ok());
        {
            UnitOfWork outer(db.database());
            QVERIFY(Sql::exec(outer.connection(), QStringLiteral("INSERT INTO scratch VALUES (1)")).ok());
            {
                UnitOfWork inner(db.database());
                QVERIFY(Sql::exec(inner.connection(), QStringLiteral("INSERT INTO scratch VALUES (2)")).ok());
                QVERIFY(inner.commit().ok()); // joins: nothing is committed yet
            }
            outer.rollback();
        }
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 0);
        {
            UnitOfWork outer(db.database());
            QVERIFY(Sql::exec(outer.connection(), QStringLiteral("INSERT INTO scratch VALUES (1)")).ok());
            {
                UnitOfWork inner(db.database());
                QVERIFY(Sql::exec(inner.connection(), QStringLiteral("INSERT INTO scratch VALUES (2)")).ok());
                // abandoned without commit
            }
            auto committed = outer.commit();
            QVERIFY(!committed.ok());
            QCOMPARE(committed.error().code(), ErrorCode::TransactionFailed);
        }
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 0);
        // The thread's state is clean again afterwards.
        {
            UnitOfWork work(db.database());
            QVERIFY(Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (3)")).ok());
            QVERIFY(work.commit().ok());
        }
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 1);
    }

    void unitOfWorkFlushesAtCommitUnlessTold()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createScratch(db.database()).ok());
        const bool sqlite = db.database().isSqlite();
        // The test server may run with synchronous_commit off for speed: this session flushes.
        if (!sqlite)
            QVERIFY(Sql::exec(db.database().connection().value(), QStringLiteral("SET synchronous_commit TO on")).ok());
        const QString durable = sqlite ? QStringLiteral("2") : QStringLiteral("on");
        const QString deferred = sqlite ? QStringLiteral("1") : QStringLiteral("off");
        {
            UnitOfWork work(db.database());
            QCOMPARE(flushSetting(work.connection(), sqlite), durable);
            QVERIFY(Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (1)")).ok());
            QVERIFY(work.commit().ok());
        }
        {
            UnitOfWork work(db.database(), UnitOfWork::Flush::WithNextDurableCommit);
            QCOMPARE(flushSetting(work.connection(), sqlite), deferred);
            {
                // An inner unit joins the outer one and its flush.
                UnitOfWork inner(db.database());
                QCOMPARE(flushSetting(inner.connection(), sqlite), deferred);
                QVERIFY(Sql::exec(inner.connection(), QStringLiteral("INSERT INTO scratch VALUES (2)")).ok());
                QVERIFY(inner.commit().ok());
            }
            QVERIFY(work.commit().ok());
        }
        // Committed and visible at once, to this connection and to another one.
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 2);
        auto other = db.openAnother();
        QVERIFY(other);
        QCOMPARE(count(**other, QStringLiteral("scratch")), 2);
        // Every later commit on the connection flushes again, after a commit and after a rollback.
        const QSqlDatabase connection = db.database().connection().value();
        QCOMPARE(flushSetting(connection, sqlite), durable);
        {
            UnitOfWork work(db.database(), UnitOfWork::Flush::WithNextDurableCommit);
            QVERIFY(Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (3)")).ok());
        }
        QCOMPARE(flushSetting(connection, sqlite), durable);
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), 2);
        {
            // A relaxed inner unit inside a durable outer one flushes with the outer one.
            UnitOfWork outer(db.database());
            UnitOfWork inner(db.database(), UnitOfWork::Flush::WithNextDurableCommit);
            QCOMPARE(flushSetting(inner.connection(), sqlite), durable);
            QVERIFY(inner.commit().ok());
            QVERIFY(outer.commit().ok());
        }
        QCOMPARE(flushSetting(connection, sqlite), durable);
    }

    void reusedStatementsKeepEachReadersRows()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createScratch(db.database()).ok());
        const QSqlDatabase connection = db.database().connection().value();
        for (int v = 1; v <= 10; ++v)
            QVERIFY(Sql::exec(connection, QStringLiteral("INSERT INTO scratch (v) VALUES (?)"), {v}).ok());
        const QString above = QStringLiteral("SELECT v FROM scratch WHERE v > ? ORDER BY v");

        const QString held = QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE ?");
        const QString scratchReads = QStringLiteral("%v FROM scratch WHERE v > $1 ORDER BY v%");
        if (backend == QLatin1String("sqlite")) {
            // A second reader of the same SQL while the first is mid-way gets rows of its own.
            // (SQLite only: QPSQL streams forward-only rows, so on PostgreSQL any second
            // statement ends the first one's rows, cached or not; no code nests reads there.)
            auto outer = Sql::run(connection, above, {0});
            QVERIFY(outer.ok());
            QVERIFY(outer->next());
            QCOMPARE(outer->value(0).toInt(), 1);
            {
                auto inner = Sql::run(connection, above, {7});
                QVERIFY(inner.ok());
                QList<int> innerRows;
                while (inner->next())
                    innerRows << inner->value(0).toInt();
                QCOMPARE(innerRows, (QList<int>{8, 9, 10}));
            }
            QList<int> outerRows{1};
            while (outer->next())
                outerRows << outer->value(0).toInt();
            QCOMPARE(outerRows, (QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        } else {
            // While one reader holds the statement, the next one prepares its own; once both
            // are done one is kept for the next execution.
            auto first = Sql::run(connection, above, {0});
            QVERIFY(first.ok());
            QVERIFY(first->next());
            QCOMPARE(first->value(0).toInt(), 1);
            {
                auto second = Sql::run(connection, above, {7});
                QVERIFY(second.ok());
                QVERIFY(second->next());
                QCOMPARE(second->value(0).toInt(), 8);
                QCOMPARE(Sql::scalar(connection, held, {scratchReads})->toInt(), 2);
            }
        }
        if (backend == QLatin1String("postgresql"))
            QCOMPARE(Sql::scalar(connection, held, {scratchReads})->toInt(), 1);

        // A failed execution hands its statement back in a usable state.
        QVERIFY(!Sql::exec(connection, QStringLiteral("INSERT INTO scratch (v) VALUES (?)"), {QVariant()}).ok());
        QVERIFY(Sql::exec(connection, QStringLiteral("INSERT INTO scratch (v) VALUES (?)"), {11}).ok());
        QCOMPARE(Sql::scalar(connection, QStringLiteral("SELECT count(*) FROM scratch WHERE v > ?"), {0})->toInt(), 11);

        if (backend == QLatin1String("postgresql")) {
            // Prepared once and kept: the server holds one statement for the repeated SQL, not
            // one per execution and not none.
            for (int i = 0; i <= 11; ++i)
                QCOMPARE(
                    Sql::scalar(connection, QStringLiteral("SELECT count(*) FROM scratch WHERE v > ?"), {i})->toInt(),
                    11 - i);
            QCOMPARE(Sql::scalar(connection, held, {QStringLiteral("%count(*) FROM scratch WHERE v >%")})->toInt(), 1);
        }
    }

    // Reference data is cached until any of it changes, by any process: each reference table
    // moves the generation counter; a scope reads it once; a unit of work bypasses the cache.
    void referenceCacheFollowsTheGeneration()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Database &database = db.database();
        auto other = db.openAnother(); // another process on the same database
        QVERIFY(other.ok());
        const QSqlDatabase otherConnection = (*other)->connection().value();
        auto generation = [&] { return ReferenceGeneration::current(database).value(); };

        int loads = 0;
        ReferenceCache<int, QString> cache(database);
        auto get = [&] {
            return cache
                .get(7,
                     [&]() -> Result<QString> {
                         ++loads;
                         return QStringLiteral("seven");
                     })
                .value();
        };
        QCOMPARE(get(), QStringLiteral("seven"));
        QCOMPARE(get(), QStringLiteral("seven"));
        QCOMPARE(loads, 1);

        // Every reference table moves the counter on insert, update and delete.
        const QStringList tables{
            QStringLiteral("merchant"),          QStringLiteral("application"),       QStringLiteral("application_key"),
            QStringLiteral("channel_account"),   QStringLiteral("channel_cost_rate"), QStringLiteral("fee_template"),
            QStringLiteral("fee_template_rate"), QStringLiteral("merchant_rate"),     QStringLiteral("routing_rule")};
        const QString triggers =
            backend == QLatin1String("sqlite")
                ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                                 "AND name LIKE '%moves_reference_generation'")
                : QStringLiteral("SELECT count(*) * 3 FROM pg_trigger WHERE tgrelid = ?::regclass "
                                 "AND tgname LIKE '%moves_reference_generation'");
        for (const QString &table : tables)
            QVERIFY2(Sql::scalar(otherConnection, triggers, {table})->toInt() == 3, qPrintable(table));
        const qint64 before = generation();
        QVERIFY(
            Sql::exec(otherConnection,
                      QStringLiteral("INSERT INTO fee_template (name, description, created_at, created_by, updated_at) "
                                     "VALUES ('t', '', 0, 'test', 0)"))
                .ok());
        QCOMPARE(generation(), before + 1);
        QCOMPARE(get(), QStringLiteral("seven"));
        QCOMPARE(loads, 2);
        QVERIFY(Sql::exec(otherConnection, QStringLiteral("DELETE FROM fee_template WHERE name = 't'")).ok());
        QCOMPARE(generation(), before + 2);

        // Within a scope the counter is read once: a change meanwhile shows after the scope.
        {
            ReferenceGeneration::Scope scope(database);
            QCOMPARE(get(), QStringLiteral("seven"));
            QCOMPARE(loads, 3);
            QVERIFY(
                Sql::exec(otherConnection, QStringLiteral("UPDATE reference_generation SET value = value + 1")).ok());
            QCOMPARE(get(), QStringLiteral("seven"));
            QCOMPARE(loads, 3);
        }
        QCOMPARE(get(), QStringLiteral("seven"));
        QCOMPARE(loads, 4);

        // Inside a unit of work nothing is answered from the cache or kept in it: the
        // transaction may have changed reference data it has not committed.
        {
            UnitOfWork work(database);
            QVERIFY(work.isActive());
            QCOMPARE(get(), QStringLiteral("seven"));
            QCOMPARE(get(), QStringLiteral("seven"));
            QCOMPARE(loads, 6);
        }
        QCOMPARE(get(), QStringLiteral("seven"));
        QCOMPARE(loads, 6);

        // A failed load is not kept.
        int failures = 0;
        ReferenceCache<int, QString> failing(database);
        for (int i = 0; i < 2; ++i)
            QVERIFY(!failing
                         .get(1,
                              [&]() -> Result<QString> {
                                  ++failures;
                                  return Error(ErrorCode::QueryFailed);
                              })
                         .ok());
        QCOMPARE(failures, 2);
    }

    void eachThreadHasItsOwnConnection()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createScratch(db.database()).ok());
        const QString mainName = db.database().connection()->connectionName();
        constexpr int kThreads = 4;
        constexpr int kRowsPerThread = 25;
        QStringList names(kThreads);
        QList<bool> ok(kThreads, true);
        QList<QThread *> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads << QThread::create([&, t]() {
                // Asking for the transaction state first (as a reference cache does) must not
                // leave the thread without a working connection.
                ok[t] = db.database().transactionState().depth == 0;
                names[t] = db.database().connection()->connectionName();
                for (int i = 0; i < kRowsPerThread; ++i) {
                    UnitOfWork work(db.database());
                    ok[t] =
                        ok[t] && work.isActive() &&
                        Sql::exec(work.connection(), QStringLiteral("INSERT INTO scratch VALUES (?)"), {t * 1000 + i})
                            .ok() &&
                        work.commit().ok();
                }
            });
            threads.last()->start();
        }
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(120000));
            delete thread;
        }
        for (int t = 0; t < kThreads; ++t) {
            QVERIFY(ok[t]);
            QVERIFY(!names[t].isEmpty());
            QVERIFY(names[t] != mainName);
            for (int u = t + 1; u < kThreads; ++u)
                QVERIFY(names[t] != names[u]);
        }
        QCOMPARE(count(db.database(), QStringLiteral("scratch")), kThreads * kRowsPerThread);
    }

    void openFailsClearly()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == QLatin1String("sqlite")) {
            auto url = DatabaseUrl::parse(QStringLiteral("sqlite:/proc/paydesk-cannot-exist/x.db")).value();
            auto db = Database::open(url);
            QVERIFY(!db.ok());
            QCOMPARE(db.error().code(), ErrorCode::DatabaseOpenFailed);
        } else {
            auto url =
                DatabaseUrl::parse(QStringLiteral("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2"))
                    .value();
            auto db = Database::open(url);
            QVERIFY(!db.ok());
            QCOMPARE(db.error().code(), ErrorCode::DatabaseOpenFailed);
            QVERIFY(!db.error().message().contains(QStringLiteral("secret")));
        }
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
