#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/storage/Sql.h"
#include "demo/DemoLedger.h"
#include "tests/support/LedgerFixtures.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"

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
    static Status sql(Database &db, const QString &statement) { return Sql::exec(db.connection().value(), statement); }
    void seed(Database &db)
    {
        Ledger ledger(db, m_clock);
        auto posted = ledger.post(
            QList<EntryDraft>{
                paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"), "100.00", "0.60",
                             "0.38"),
                transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"), "50.00"),
            },
            Ledger::PostOptions{true});
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
        QVERIFY(report->checks.contains(QStringLiteral("posting_rows_match_entries")));
        QCOMPARE(violatedChecks(fresh.database()), QStringList());
    }

    void tamperedBalanceIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(sql(db.database(),
                    QStringLiteral("UPDATE ledger_account SET balance = balance + 1 WHERE name = 'fee_income'"))
                    .ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY(checks.contains(QStringLiteral("account_balance_equals_postings")));
        QVERIFY(checks.contains(QStringLiteral("trial_balance_zero")));
    }

    void postingRowSmuggledInIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // A posting row added to entry 1 outside the ledger (inserts are not blocked by the
        // immutability triggers; the checker is what catches them).
        QVERIFY(sql(db.database(),
                    QStringLiteral("INSERT INTO ledger_posting (account_id, entry_id, line, business_date, amount) "
                                   "SELECT id, 1, 9, '2026-11-26', 7 FROM ledger_account WHERE name = 'fee_income'"))
                    .ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY2(checks.contains(QStringLiteral("posting_rows_match_entries")),
                 qPrintable(checks.join(QLatin1Char(','))));
        QVERIFY(checks.contains(QStringLiteral("account_balance_equals_postings")));
        QVERIFY(checks.contains(QStringLiteral("account_day_equals_postings")));
    }

    void unbalancedEntrySmuggledInIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // An entry whose lines do not balance, with rows, balances and daily movements made to match.
        QVERIFY(sql(db.database(),
                    QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, created_at, debit_total, "
                                   "postings) SELECT 50, '2026-11-26', 'manual', 0, 5, "
                                   "'[[' || a.id || ',5],[' || b.id || ',-4]]' FROM ledger_account a, ledger_account b "
                                   "WHERE a.name = 'fee_income' AND b.name = 'channel_fee_expense'"))
                    .ok());
        QVERIFY(
            sql(db.database(),
                QStringLiteral(
                    "INSERT INTO ledger_posting (account_id, entry_id, line, business_date, amount) VALUES "
                    "((SELECT id FROM ledger_account WHERE name = 'fee_income'), 50, 1, '2026-11-26', 5), "
                    "((SELECT id FROM ledger_account WHERE name = 'channel_fee_expense'), 50, 2, '2026-11-26', -4)"))
                .ok());
        QVERIFY(sql(db.database(),
                    QStringLiteral("UPDATE ledger_account SET balance = balance + 5 WHERE name = 'fee_income'"))
                    .ok());
        QVERIFY(
            sql(db.database(),
                QStringLiteral("UPDATE ledger_account SET balance = balance - 4 WHERE name = 'channel_fee_expense'"))
                .ok());
        QVERIFY(sql(db.database(), QStringLiteral("UPDATE ledger_account_day SET delta = delta + 5 WHERE account_id = "
                                                  "(SELECT id FROM ledger_account WHERE name = 'fee_income')"))
                    .ok());
        QVERIFY(sql(db.database(), QStringLiteral("UPDATE ledger_account_day SET delta = delta - 4 WHERE account_id = "
                                                  "(SELECT id FROM ledger_account WHERE name = 'channel_fee_expense')"))
                    .ok());
        const QStringList checks = violatedChecks(db.database());
        QVERIFY2(checks.contains(QStringLiteral("entry_balances")), qPrintable(checks.join(QLatin1Char(','))));
        QVERIFY(checks.contains(QStringLiteral("trial_balance_zero")));
        QVERIFY(!checks.contains(QStringLiteral("posting_rows_match_entries")));
    }

    void lonelyEntryIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(
            sql(db.database(),
                QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, created_at, debit_total, postings) "
                               "VALUES (100, '2026-11-26', 'manual', 0, 0, '[]')"))
                .ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("entry_shape")});
        QVERIFY(
            sql(db.database(),
                QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, created_at, debit_total, postings) "
                               "VALUES (101, '2026-11-26', 'manual', 0, 0, '[[1,1.5]]')"))
                .ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("entry_shape")});
    }

    void dailyMovementDriftIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        QVERIFY(sql(db.database(),
                    QStringLiteral("UPDATE ledger_account_day SET business_date = '2026-11-20' "
                                   "WHERE account_id = (SELECT id FROM ledger_account WHERE name = 'fee_income')"))
                    .ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("account_day_equals_postings")});
    }

    void duplicatePaymentIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // The same order posted again under another event key: a double credit to the merchant.
        EntryDraft again = paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"),
                                        "100.00", "0.60", "0.38");
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
        // Smuggle a payout of 80.00 from available (which holds 50.00) ahead of an 80.00 top-up,
        // everything else consistent: only the history shows the account went below zero.
        const QString available =
            QStringLiteral("(SELECT id FROM ledger_account WHERE name = 'merchant:M001:available')");
        const QString pending = QStringLiteral("(SELECT id FROM ledger_account WHERE name = 'merchant:M001:pending')");
        QVERIFY(sql(db.database(),
                    QStringLiteral(
                        "INSERT INTO journal_entry (id, business_date, kind, created_at, debit_total, postings) VALUES "
                        "(10, '2026-11-26', 'manual', 0, 8000, '[[' || %1 || ',8000],[' || %2 || ',-8000]]'), "
                        "(11, '2026-11-26', 'manual', 0, 8000, '[[' || %1 || ',-8000],[' || %2 || ',8000]]')")
                        .arg(available, pending))
                    .ok());
        QVERIFY(
            sql(db.database(),
                QStringLiteral("INSERT INTO ledger_posting (account_id, entry_id, line, business_date, amount) VALUES "
                               "(%1, 10, 1, '2026-11-26', 8000), (%2, 10, 2, '2026-11-26', -8000), "
                               "(%1, 11, 1, '2026-11-26', -8000), (%2, 11, 2, '2026-11-26', 8000)")
                    .arg(available, pending))
                .ok());
        QCOMPARE(violatedChecks(db.database()), QStringList{QStringLiteral("non_negative_history")});
    }

    void closedAccountWithMoneyIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // The schema itself refuses to close an account that holds money.
        QVERIFY(
            !sql(db.database(), QStringLiteral("UPDATE ledger_account SET status = 'closed' WHERE name = 'fee_income'"))
                 .ok());
    }

    void brokenReversalIsFound()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        seed(db.database());
        // A "reversal" linked to entry 2 that undoes only part of it.
        const QString available =
            QStringLiteral("(SELECT id FROM ledger_account WHERE name = 'merchant:M001:available')");
        const QString pending = QStringLiteral("(SELECT id FROM ledger_account WHERE name = 'merchant:M001:pending')");
        QVERIFY(sql(db.database(),
                    QStringLiteral(
                        "INSERT INTO journal_entry (id, business_date, kind, reverses_entry_id, created_at, "
                        "debit_total, postings) VALUES "
                        "(20, '2026-11-27', 'reversal', 2, 0, 1000, '[[' || %1 || ',1000],[' || %2 || ',-1000]]')")
                        .arg(available, pending))
                    .ok());
        QVERIFY(violatedChecks(db.database()).contains(QStringLiteral("reversal_mirrors_original")));
    }
};

QTEST_GUILESS_MAIN(TestLedgerInvariants)
#include "tst_ledgerinvariants.moc"
