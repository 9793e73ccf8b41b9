#include "core/storage/Sql.h"
#include "tests/support/CoreFixture.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// The audit chain must expose every kind of tampering, naming the first broken record. The
// tests act as an intruder with direct database access: they drop the immutability triggers
// first, as such an intruder could.
class TestAudit : public QObject
{
    Q_OBJECT

private:
    static void write(PaydeskCore &core, int count)
    {
        const Actor actor = Actor::system(QStringLiteral("test"), {}, QStringLiteral("tst_audit"));
        for (int i = 1; i <= count; ++i)
            QVERIFY(core.audit()
                        .append(actor, {QStringLiteral("test.event"), QStringLiteral("object %1").arg(i),
                                        AuditResult::Ok, QJsonObject{{QStringLiteral("n"), i}}})
                        .ok());
    }
    static void dropTriggers(Database &db, bool sqlite)
    {
        const QSqlDatabase connection = db.connection().value();
        if (sqlite) {
            QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_no_update")).ok());
            QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_no_delete")).ok());
        } else {
            QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_immutable ON audit_log")).ok());
        }
    }
    static Status sql(Database &db, const QString &statement) { return Sql::exec(db.connection().value(), statement); }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void intactChainVerifies()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        QCOMPARE(f.core().audit().verify()->records, 0);
        QVERIFY(f.core().audit().verify()->intact());
        write(f.core(), 5);
        auto result = f.core().audit().verify();
        QVERIFY(result->intact());
        QCOMPARE(result->records, 5);
        // Records are immutable through the normal schema.
        QVERIFY(!sql(f.core().database(), QStringLiteral("UPDATE audit_log SET result = 'failed' WHERE seq = 2")).ok());
        QVERIFY(!sql(f.core().database(), QStringLiteral("DELETE FROM audit_log WHERE seq = 2")).ok());
    }

    void tampering_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<int>("brokenAt");
        QTest::newRow("modified") << QStringLiteral("UPDATE audit_log SET result = 'failed' WHERE seq = 3") << 3;
        QTest::newRow("modified detail") << QStringLiteral("UPDATE audit_log SET detail = '{\"n\":99}' WHERE seq = 4")
                                         << 4;
        QTest::newRow("deleted") << QStringLiteral("DELETE FROM audit_log WHERE seq = 2") << 3;
        QTest::newRow("deleted first") << QStringLiteral("DELETE FROM audit_log WHERE seq = 1") << 2;
        QTest::newRow("inserted")
            << QStringLiteral(
                   "INSERT INTO audit_log (seq, at, actor, source, action, object, result, detail, prev_hash, hash) "
                   "SELECT 6, at, actor, source, action, 'forged', result, detail, hash, hash FROM audit_log WHERE seq "
                   "= 5")
            << 6;
        QTest::newRow("reordered")
            << QStringLiteral(
                   "UPDATE audit_log SET seq = CASE seq WHEN 2 THEN 1002 WHEN 3 THEN 1003 END WHERE seq IN (2, 3)")
            << 1002;
        QTest::newRow("renumbered after a deletion")
            << QStringLiteral("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3") << 3;
    }
    void tampering()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, attack);
        QFETCH(int, brokenAt);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        write(f.core(), 5);
        dropTriggers(f.core().database(), backend == QLatin1String("sqlite"));
        if (qstrcmp(QTest::currentDataTag(), "reordered") == 0) {
            // Swap records 2 and 3 by moving them out of the way and back in the other order.
            QVERIFY(sql(f.core().database(), attack).ok());
            QVERIFY(sql(f.core().database(), QStringLiteral("UPDATE audit_log SET seq = 3 WHERE seq = 1002")).ok());
            QVERIFY(sql(f.core().database(), QStringLiteral("UPDATE audit_log SET seq = 2 WHERE seq = 1003")).ok());
            brokenAt = 2;
        } else if (qstrcmp(QTest::currentDataTag(), "renumbered after a deletion") == 0) {
            QVERIFY(sql(f.core().database(), QStringLiteral("DELETE FROM audit_log WHERE seq = 3")).ok());
            QVERIFY(sql(f.core().database(), attack).ok());
        } else {
            QVERIFY(sql(f.core().database(), attack).ok());
        }
        auto result = f.core().audit().verify();
        QVERIFY(result.ok());
        QVERIFY(!result->intact());
        QCOMPARE(result->brokenSeq, qint64(brokenAt));
        QVERIFY(!result->reason().isEmpty());
        QVERIFY(result->problem != AuditVerification::Problem::None);
    }

    // A result this version has no name for (the row was edited by hand) is not read as
    // anything: listing and verifying stop with an error naming the column and the text.
    void unknownResultIsAnErrorNotADefault()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        write(f.core(), 5);
        dropTriggers(f.core().database(), backend == QLatin1String("sqlite"));
        QVERIFY(sql(f.core().database(), QStringLiteral("UPDATE audit_log SET result = 'shrug' WHERE seq = 3")).ok());
        auto verified = f.core().audit().verify();
        QVERIFY(!verified.ok());
        QVERIFY2(verified.error().detail().contains(QStringLiteral("audit_log.result")),
                 qPrintable(verified.error().detail()));
        QVERIFY(verified.error().detail().contains(QStringLiteral("shrug")));
        auto listed = f.core().audit().records(f.admin(), {}, 0, 10);
        QVERIFY(!listed.ok());
        QVERIFY(listed.error().detail().contains(QStringLiteral("shrug")));
    }

    void verifyingIsAuditedAndNeedsPermission()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        QCOMPARE(f.core().audit().verify(finance).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.core().audit().records(finance, {}, 0, 10).error().code(), ErrorCode::PermissionDenied);
        auto verified = f.core().audit().verify(admin);
        QVERIFY(verified->intact());
        auto records = f.core().audit().records(admin, {}, 0, 2);
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->first().action, QStringLiteral("audit.verify"));
        QCOMPARE(records->at(1).action, QStringLiteral("permission.denied"));
        QCOMPARE(records->at(1).actor, QStringLiteral("fiona"));
        // Filters and keyset paging.
        auto logins = f.core().audit().records(
            admin, AuditFilter{QStringLiteral("fiona"), QStringLiteral("login"), {}, {}}, 0, 100);
        QCOMPARE(logins->size(), 1);
        QCOMPARE(logins->first().action, QStringLiteral("login"));
        auto older = f.core().audit().records(admin, {}, records->last().seq, 1000);
        QCOMPARE(older->first().seq, records->last().seq - 1);
        auto window = f.core().audit().records(
            admin, AuditFilter{{}, {}, f.clock().nowUtc(), f.clock().nowUtc().addSecs(1)}, 0, 1000);
        QCOMPARE(window->size(), int(f.core().audit().verify()->records) + 0);
        auto future = f.core().audit().records(admin, AuditFilter{{}, {}, f.clock().nowUtc().addSecs(1), {}}, 0, 1000);
        QVERIFY(future->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
