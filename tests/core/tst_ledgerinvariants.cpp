#include "LedgerFixtures.h"
#include "MockClock.h"
#include "TestDatabase.h"
#include "demo/DemoLedger.h"
#include "ledger/Ledger.h"
#include "ledger/LedgerInvariantChecker.h"
#include "storage/Sql.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Each test breaks one rule behind the ledger's back (raw SQL, as a bug or an intruder
// would) and expects the checker to name exactly that rule.
class TestLedgerInvariants : public QObject
{
    Q_OBJECT

private:
    MockClock m_clock;

    static QStringList violatedChecks(Database &db)
    {
        auto report = LedgerInvariantChecker(db).run();
        if (!report)
            return {QStringLiteral("error: ") + report.error().message()};
        QStringList checks;
        for (const InvariantViolation &violation : report->violations) {
            if (!checks.contains(violation.check))
                checks << violation.check;
        }
        return checks;
    }
    static Status sql(Database &db, const QString &statement)
    {
        return Sql::exec(db.connection().value(), statement);
    }
    void seed(Database &db)
    {
        Ledger ledger(db, m_clock);
        auto posted = ledger.post(QList<EntryDraft>{
            paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"), "100.00", "0.60", "0.38"),
            transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"), "50.00"),
        }, Ledger::PostOptions{true});
        QVERIFY2(posted.ok(), qPrintable(posted.error().message()));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void healthyLedgerPasses()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QCOMPARE(violatedChecks(db.database()), QStringList());
        seed(db.database());
        auto demo = DemoLedger(db.database(), m_clock).generate(DemoLedger::Options{10, 4, 6, 7});
        QCOMPARE(demo.error().code(), ErrorCode::InvalidArgument); // not into a non-empty ledger
        TestDatabase fresh(backend);
        QVERIFY2(fresh.isOpen(), qPrintable(fresh.failure()));
        demo = DemoLedger(fresh.database(), m_clock).generate(DemoLedger::Options{10, 4, 6, 7});
        QVERIFY2(demo.ok(), qPrintable(demo.error().message()));
        QVERIFY(demo->payments > 100);
        QVERIFY(demo->refunds > 0);
        auto report = LedgerInvariantChecker(fresh.database()).run();
        QVERIFY(report.ok());
        QVERIFY(report->checks.size() >= 13);
        QCOMPARE(violatedChecks(fresh.database()), QStringList());
    }

    void tamperedBalanceIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(sql(db.database(), QStringLiteral("UPDATE ledger_account SET balance = balance + 1 WHERE name = 'fee_income'")).ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY(checks.contains(QStringLiteral("account_balance_equals_postings")));
        QVERIFY(checks.contains(QStringLiteral("trial_balance_zero")));
    }

    void unbalancedEntrySmuggledInIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // A posting appended to entry 1 outside the ledger (inserts are not blocked by the
        // immutability triggers; the checker is what catches them).
        QVERIFY(sql(db.database(), QStringLiteral("INSERT INTO ledger_posting (entry_id, line, account_id, amount) "
                                                  "SELECT 1, 9, id, 7 FROM ledger_account WHERE name = 'fee_income'")).ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY(checks.contains(QStringLiteral("entry_balances")));
        QVERIFY(checks.contains(QStringLiteral("account_balance_equals_postings")));
        QVERIFY(checks.contains(QStringLiteral("account_day_equals_postings")));
    }

    void lonelyEntryIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(sql(db.database(), QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, created_at) "
                                                  "VALUES (100, '2026-11-26', 'manual', 0)")).ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("entry_has_two_postings")});
    }

    void dailyMovementDriftIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(sql(db.database(), QStringLiteral("UPDATE ledger_account_day SET business_date = '2026-11-20' "
                                                  "WHERE account_id = (SELECT id FROM ledger_account WHERE name = 'fee_income')")).ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY(checks.contains(QStringLiteral("account_day_equals_postings")));
        QVERIFY(checks.contains(QStringLiteral("account_day_without_postings")));
    }

    void duplicatePaymentIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // The same order posted again under another event key: a double credit to the merchant.
        EntryDraft again = paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"), "100.00", "0.60", "0.38");
        again.eventKey = QStringLiteral("payment:ORD-1:retry");
        QVERIFY(Ledger(db.database(), m_clock).post(again).ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("event_posted_once")});
        // Reversing the duplicate heals it.
        QVERIFY(Ledger(db.database(), m_clock).reverse(3, QDate(2026, 11, 27), {}, {}).ok());
        QCOMPARE(violatedChecks(db.database()), QStringList());
    }

    void overdrawnHistoryIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // Smuggle a payout of 80.00 from available (which holds 50.00) ahead of a 50.00 top-up,
        // keeping balances consistent: only the history shows the account went below zero.
        QVERIFY(sql(db.database(), QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, created_at) "
                                                  "VALUES (10, '2026-11-26', 'manual', 0), (11, '2026-11-26', 'manual', 0)")).ok());
        QVERIFY(sql(db.database(), QStringLiteral(
            "INSERT INTO ledger_posting (entry_id, line, account_id, amount) "
            "SELECT 10, 1, id, 8000 FROM ledger_account WHERE name = 'merchant:M001:available' UNION ALL "
            "SELECT 10, 2, id, -8000 FROM ledger_account WHERE name = 'merchant:M001:pending' UNION ALL "
            "SELECT 11, 1, id, -8000 FROM ledger_account WHERE name = 'merchant:M001:available' UNION ALL "
            "SELECT 11, 2, id, 8000 FROM ledger_account WHERE name = 'merchant:M001:pending'")).ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("non_negative_history")});
    }

    void closedAccountWithMoneyIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // The schema itself refuses to close an account that holds money.
        QVERIFY(!sql(db.database(), QStringLiteral("UPDATE ledger_account SET status = 'closed' WHERE name = 'fee_income'")).ok());
    }

    void brokenReversalIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // A "reversal" that only undoes part of entry 2 and is linked to it.
        QVERIFY(sql(db.database(), QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, reverses_entry_id, created_at) "
                                                  "VALUES (20, '2026-11-27', 'reversal', 2, 0)")).ok());
        QVERIFY(sql(db.database(), QStringLiteral(
            "INSERT INTO ledger_posting (entry_id, line, account_id, amount) "
            "SELECT 20, 1, id, 1000 FROM ledger_account WHERE name = 'merchant:M001:available' UNION ALL "
            "SELECT 20, 2, id, -1000 FROM ledger_account WHERE name = 'merchant:M001:pending'")).ok());
        QVERIFY(violatedChecks(db.database()).contains(QStringLiteral("reversal_mirrors_original")));
    }
};

QTEST_GUILESS_MAIN(TestLedgerInvariants)
#include "tst_ledgerinvariants.moc"
