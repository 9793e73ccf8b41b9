#include "tests/support/CoreFixture.h"
#include "tests/support/LedgerFixtures.h"

#include <QBuffer>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Calls every ledger service operation as each role and expects exactly the role matrix:
// a refusal comes from the core itself (not a hidden button) and is audited.
class TestPermissions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void ledgerServiceFollowsTheRoleMatrix_data()
    {
        QTest::addColumn<int>("role");
        for (Role role : Permissions::allRoles())
            QTest::newRow(qPrintable(Permissions::roleName(role))) << int(role);
    }
    void ledgerServiceFollowsTheRoleMatrix()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(int, role);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        const Actor actor = f.operatorWith(QStringLiteral("someone"), {Role(role)});
        QVERIFY(actor.isValid());
        const QSet<Permission> granted = Permissions::grantedTo(Role(role));
        LedgerService &ledger = f.core().ledger();
        const Ledger::PostOptions open{true};

        auto posted = ledger.post(actor,
                                  {paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M1"), QStringLiteral("wx1"),
                                                "10.00", "0.06", "0.04")},
                                  open);
        QCOMPARE(posted.ok(), granted.contains(Permission::LedgerPost));
        if (!posted)
            QCOMPARE(posted.error().code(), ErrorCode::PermissionDenied);
        // Something to reverse, posted by the system.
        const Actor system = Actor::system(QStringLiteral("test"), {Permission::LedgerPost}, {});
        auto seed =
            ledger.post(system, {transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "1.00")}, open);
        QVERIFY(seed.ok());
        QCOMPARE(ledger.reverse(actor, seed->first(), QDate(2026, 11, 27), {}).ok(),
                 granted.contains(Permission::LedgerReverse));
        QCOMPARE(ledger.trialBalance(actor).ok(), granted.contains(Permission::LedgerView));
        QCOMPARE(ledger.accounts(actor).ok(), granted.contains(Permission::LedgerView));
        QCOMPARE(ledger.journal(actor, {}, 0, 10).ok(), granted.contains(Permission::LedgerView));
        QCOMPARE(ledger.entry(actor, seed->first()).ok(), granted.contains(Permission::LedgerView));
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(ledger.exportJournal(actor, buffer).ok(), granted.contains(Permission::LedgerExport));
        QCOMPARE(ledger.exportTrialBalance(actor, QDate(), buffer).ok(), granted.contains(Permission::LedgerExport));
        QCOMPARE(f.core().operators().list(actor).ok(), granted.contains(Permission::OperatorView));
        QCOMPARE(f.core().audit().records(actor, {}, 0, 1).ok(), granted.contains(Permission::AuditView));

        // Every refusal is on record under the operator's name.
        auto records = f.core().audit().records(
            Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}),
            AuditFilter{QStringLiteral("someone"), QStringLiteral("permission.denied"), {}, {}}, 0, 100);
        int expectedDenials = 0;
        for (Permission p :
             {Permission::LedgerPost, Permission::LedgerReverse, Permission::LedgerView, Permission::LedgerView,
              Permission::LedgerView, Permission::LedgerView, Permission::LedgerExport, Permission::LedgerExport,
              Permission::OperatorView, Permission::AuditView})
            expectedDenials += granted.contains(p) ? 0 : 1;
        QCOMPARE(int(records->size()), expectedDenials);
    }

    void removedRoleStopsWorkingAtOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        QVERIFY(f.core().ledger().trialBalance(finance).ok());
        QVERIFY(f.core().operators().setRoles(admin, finance.operatorId(), {Role::Support}).ok());
        // The session still says "finance", the database does not: refused.
        QCOMPARE(f.core().ledger().trialBalance(finance).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(f.core().operators().setRoles(admin, finance.operatorId(), {Role::Finance}).ok());
        QVERIFY(f.core().operators().setActive(admin, finance.operatorId(), false).ok());
        QCOMPARE(f.core().ledger().trialBalance(finance).error().code(), ErrorCode::PermissionDenied);
    }

    void postingIsAudited()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        auto ids = f.core().ledger().post(finance,
                                          {paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M1"),
                                                        QStringLiteral("wx1"), "10.00", "0.06", "0.04"),
                                           paymentEntry(QStringLiteral("ORD-2"), QStringLiteral("M1"),
                                                        QStringLiteral("wx1"), "20.00", "0.12", "0.08")},
                                          Ledger::PostOptions{true});
        QVERIFY(ids.ok());
        QCOMPARE(f.core().ledger().entry(finance, ids->first())->createdBy, QStringLiteral("fiona"));
        EntryDraft bad = transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "1.00");
        bad.postings[0].amount = cny("2.00");
        QVERIFY(!f.core().ledger().post(finance, {bad}, Ledger::PostOptions{true}).ok());
        auto records = f.core().audit().records(Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}),
                                                AuditFilter{{}, QStringLiteral("ledger.post"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->at(0).result, AuditResult::Failed);
        QVERIFY(records->at(0).detail.contains(QStringLiteral("entry_unbalanced")));
        QCOMPARE(records->at(1).result, AuditResult::Ok);
        QCOMPARE(records->at(1).object, QStringLiteral("entries %1-%2").arg(ids->first()).arg(ids->last()));
        QCOMPARE(records->at(1).actor, QStringLiteral("fiona"));
        QVERIFY(f.core().audit().verify()->intact());
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
