#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerBalances.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "tests/support/LedgerFixtures.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"

#include <QTest>
#include <QThread>

#include <atomic>

#include <limits>

using namespace paydesk;

Q_DECLARE_METATYPE(paydesk::ErrorCode)
using namespace paydesk::test;

class TestLedger : public QObject
{
    Q_OBJECT

private:
    MockClock m_clock;
    const Ledger::PostOptions m_open{true};

    static qint64 entryCount(Database &db)
    {
        return Sql::scalar(db.connection().value(), QStringLiteral("SELECT count(*) FROM journal_entry"))->toLongLong();
    }
    static qint64 balanceOf(Database &db, const QString &account, Currency currency = Currency::cny())
    {
        return LedgerAccounts(db, SystemClock::instance()).find(account, currency)->balance.minor();
    }
    // Opens the accounts of a typical payment so that strict posting (no auto-open) can be tested.
    void openPaymentAccounts(Ledger &ledger)
    {
        for (const char *name :
             {"channel_receivable:wx01", "channel_fee_expense", "merchant:M001:pending", "fee_income",
              "merchant:M001:available", "merchant:M001:frozen", "bank:icbc01", "settlement_in_transit"})
            QVERIFY(ledger.accounts().open(QString::fromLatin1(name), Currency::cny()).ok());
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void accountNames()
    {
        QCOMPARE(AccountName::parse(QStringLiteral("merchant:M001:available"))->typeCode(), 2202);
        QVERIFY(AccountName::parse(QStringLiteral("merchant:M001:available"))->isNonNegative());
        QVERIFY(!AccountName::parse(QStringLiteral("merchant:M001:pending"))->isNonNegative());
        QCOMPARE(AccountName::parse(QStringLiteral("channel_receivable:wx01"))->normalSign(), 1);
        QCOMPARE(AccountName::parse(QStringLiteral("fee_income"))->normalSign(), -1);
        QCOMPARE(AccountName::parse(QStringLiteral("bank:icbc01"))->typeCode(), 1002);
        QCOMPARE(AccountName::parse(QStringLiteral("suspense"))->typeCode(), 1221);
        QCOMPARE(AccountName::parse(QStringLiteral("settlement_in_transit"))->typeCode(), 1131);
        QCOMPARE(AccountName::parse(QStringLiteral("channel_fee_expense"))->typeCode(), 6601);
        for (const char *bad : {"", "cash", "merchant:M001", "merchant:M001:spare", "bank:", "bank:a b", "bank:-x",
                                "suspense:1", "fee_income:x", "merchant::pending", "channel_receivable:wx01:extra"}) {
            auto parsed = AccountName::parse(QString::fromLatin1(bad));
            QVERIFY2(!parsed.ok(), bad);
            QCOMPARE(parsed.error().code(), ErrorCode::AccountNameInvalid);
        }
    }

    void postsBalancedPayment()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        auto id = ledger.post(paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"),
                                           "100.00", "0.60", "0.38"),
                              m_open);
        QVERIFY2(id.ok(), qPrintable(id.error().message()));
        QCOMPARE(balanceOf(db.database(), QStringLiteral("channel_receivable:wx01")), 9940);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("channel_fee_expense")), 60);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("merchant:M001:pending")), -9962);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("fee_income")), -38);

        auto entry = ledger.entry(*id);
        QVERIFY(entry.ok());
        QCOMPARE(entry->kind, EntryKind::Payment);
        QCOMPARE(entry->reference, QStringLiteral("ORD-1"));
        QCOMPARE(entry->businessDate, QDate(2026, 11, 26));
        QCOMPARE(entry->createdAt, m_clock.nowUtc());
        QCOMPARE(entry->postings.size(), 4);
        QCOMPARE(entry->postings[0].account, QStringLiteral("channel_receivable:wx01"));
        QCOMPARE(entry->postings[0].amount, cny("99.40"));
        QCOMPARE(entry->postings[2].amount, cny("-99.62"));
    }

    void refusesBadEntries_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("unbalanced") << 0 << ErrorCode::EntryUnbalanced;
        QTest::newRow("single posting") << 1 << ErrorCode::EntryEmpty;
        QTest::newRow("zero posting") << 2 << ErrorCode::PostingZero;
        QTest::newRow("unknown pattern") << 3 << ErrorCode::AccountNameInvalid;
        QTest::newRow("unknown account") << 4 << ErrorCode::AccountUnknown;
        QTest::newRow("invalid date") << 5 << ErrorCode::EntryDateInvalid;
        QTest::newRow("balanced in sum but not per currency") << 6 << ErrorCode::EntryUnbalanced;
        QTest::newRow("below zero") << 7 << ErrorCode::AccountWouldGoNegative;
        QTest::newRow("no currency") << 8 << ErrorCode::CurrencyUnknown;
    }
    void refusesBadEntries()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(int, kind);
        QFETCH(ErrorCode, expected);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        EntryDraft bad = transfer(QStringLiteral("bank:icbc01"), QStringLiteral("channel_receivable:wx01"), "10.00");
        bad.reference = QStringLiteral("BAD-1");
        const Currency usd = Currency::fromCode(u"USD").value();
        switch (kind) {
        case 0:
            bad.postings[0].amount = cny("10.01");
            break;
        case 1:
            bad.postings.removeLast();
            break;
        case 2:
            bad.postings.append({QStringLiteral("suspense"), cny("0")});
            break;
        case 3:
            bad.postings[1].account = QStringLiteral("petty_cash");
            break;
        case 4:
            bad.postings[1].account = QStringLiteral("channel_receivable:nobody");
            break;
        case 5:
            bad.businessDate = QDate();
            break;
        case 6:
            bad.postings[1].amount = Money::fromMinor(-1000, usd);
            break;
        case 7:
            bad = transfer(QStringLiteral("merchant:M001:available"), QStringLiteral("bank:icbc01"), "0.01");
            break;
        case 8:
            bad.postings[0].amount = Money();
            break;
        }
        // A good entry before the bad one: the batch is all or nothing.
        const EntryDraft good =
            transfer(QStringLiteral("bank:icbc01"), QStringLiteral("channel_receivable:wx01"), "5.00");
        auto posted = ledger.post(QList<EntryDraft>{good, bad});
        QVERIFY(!posted.ok());
        QCOMPARE(posted.error().code(), expected);
        QVERIFY2(posted.error().message().startsWith(QStringLiteral("entry 2")), qPrintable(posted.error().message()));
        QCOMPARE(entryCount(db.database()), 0);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("bank:icbc01")), 0);
    }

    void closedAccountTakesNoPostings()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        QVERIFY(ledger.post(transfer(QStringLiteral("bank:icbc01"), QStringLiteral("channel_receivable:wx01"), "1.00"))
                    .ok());
        // Not zero: cannot close.
        QCOMPARE(ledger.accounts().close(QStringLiteral("bank:icbc01"), Currency::cny()).error().code(),
                 ErrorCode::AccountNotZero);
        QVERIFY(ledger.accounts().close(QStringLiteral("suspense"), Currency::cny()).error().code() ==
                ErrorCode::AccountUnknown);
        QVERIFY(ledger.accounts().close(QStringLiteral("merchant:M001:frozen"), Currency::cny()).ok());
        QCOMPARE(ledger.accounts().close(QStringLiteral("merchant:M001:frozen"), Currency::cny()).error().code(),
                 ErrorCode::AccountClosed);
        auto refused = ledger.post(
            transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:frozen"), "1.00"), m_open);
        QCOMPARE(refused.error().code(), ErrorCode::AccountClosed);
        QCOMPARE(entryCount(db.database()), 1);
    }

    void strictPostingNeedsOpenAccounts()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        auto refused = ledger.post(
            paymentEntry(QStringLiteral("ORD-9"), QStringLiteral("M9"), QStringLiteral("wx9"), "1.00", "0.01", "0.01"));
        QCOMPARE(refused.error().code(), ErrorCode::AccountUnknown);
        QCOMPARE(LedgerAccounts::list(db.database())->size(), 0);
        // With auto-open, but a failing batch: the opened accounts roll back too.
        EntryDraft unbalanced = transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "1.00");
        unbalanced.postings[0].amount = cny("2.00");
        QVERIFY(!ledger
                     .post(QList<EntryDraft>{transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "1.00"),
                                             unbalanced},
                           m_open)
                     .ok());
        QCOMPARE(LedgerAccounts::list(db.database())->size(), 0);
    }

    void nonNegativeIsCheckedEntryByEntry()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        // Clear 100.00 into available, then pay out 60 and 50 in one batch: the second is refused.
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("channel_receivable:wx01"), QStringLiteral("merchant:M001:pending"),
                                   "100.00"))
                    .ok());
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"),
                                   "100.00"))
                    .ok());
        const EntryDraft payout60 =
            transfer(QStringLiteral("merchant:M001:available"), QStringLiteral("settlement_in_transit"), "60.00");
        const EntryDraft payout50 =
            transfer(QStringLiteral("merchant:M001:available"), QStringLiteral("settlement_in_transit"), "50.00");
        auto refused = ledger.post(QList<EntryDraft>{payout60, payout50});
        QCOMPARE(refused.error().code(), ErrorCode::AccountWouldGoNegative);
        QVERIFY(refused.error().message().contains(QStringLiteral("entry 2")));
        QVERIFY(refused.error().message().contains(QStringLiteral("merchant:M001:available")));
        QCOMPARE(balanceOf(db.database(), QStringLiteral("merchant:M001:available")), -10000);
        // Money coming in earlier in the same batch counts.
        const EntryDraft topUp =
            transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"), "10.00");
        auto ok = ledger.post(QList<EntryDraft>{payout60, topUp, payout50});
        QVERIFY2(ok.ok(), qPrintable(ok.error().message()));
        QCOMPARE(balanceOf(db.database(), QStringLiteral("merchant:M001:available")), 0);
        // Frozen money is guarded too.
        auto overdrawn = ledger.post(
            transfer(QStringLiteral("merchant:M001:frozen"), QStringLiteral("merchant:M001:available"), "0.01"));
        QCOMPARE(overdrawn.error().code(), ErrorCode::AccountWouldGoNegative);
    }

    void databaseRefusesNegativeEvenIfCodeWereBypassed()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        auto status =
            Sql::exec(db.database().connection().value(),
                      QStringLiteral("UPDATE ledger_account SET balance = 5 WHERE name = 'merchant:M001:available'"));
        QVERIFY(!status.ok()); // CHECK constraint: liabilities flagged non-negative cannot hold a debit balance
    }

    void eventsArePostedOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        const EntryDraft payment = paymentEntry(QStringLiteral("ORD-7"), QStringLiteral("M001"), QStringLiteral("wx01"),
                                                "10.00", "0.06", "0.04");
        QVERIFY(ledger.post(payment, m_open).ok());
        auto again = ledger.post(payment, m_open);
        QCOMPARE(again.error().code(), ErrorCode::EventAlreadyPosted);
        auto twiceInBatch =
            ledger.post(QList<EntryDraft>{paymentEntry(QStringLiteral("ORD-8"), QStringLiteral("M001"),
                                                       QStringLiteral("wx01"), "10.00", "0.06", "0.04"),
                                          paymentEntry(QStringLiteral("ORD-8"), QStringLiteral("M001"),
                                                       QStringLiteral("wx01"), "10.00", "0.06", "0.04")},
                        m_open);
        QCOMPARE(twiceInBatch.error().code(), ErrorCode::EventAlreadyPosted);
        QCOMPARE(entryCount(db.database()), 1);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("merchant:M001:pending")), -996);
    }

    void entriesAreImmutable()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        QVERIFY(ledger
                    .post(paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"),
                                       "100.00", "0.60", "0.38"),
                          m_open)
                    .ok());
        const QSqlDatabase connection = db.database().connection().value();
        QVERIFY(!Sql::exec(connection, QStringLiteral("UPDATE journal_entry SET memo = 'edited'")).ok());
        QVERIFY(!Sql::exec(connection, QStringLiteral("DELETE FROM journal_entry")).ok());
        QVERIFY(!Sql::exec(connection, QStringLiteral("UPDATE ledger_posting SET amount = amount + 1")).ok());
        QVERIFY(!Sql::exec(connection, QStringLiteral("DELETE FROM ledger_posting")).ok());
        if (backend == QLatin1String("postgresql"))
            QVERIFY(!Sql::exec(connection, QStringLiteral("TRUNCATE ledger_posting")).ok());
        QCOMPARE(entryCount(db.database()), 1);
        QCOMPARE(ledger.entry(1)->memo, QString());
    }

    void reversalCorrectsOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        auto id = ledger.post(paymentEntry(QStringLiteral("ORD-1"), QStringLiteral("M001"), QStringLiteral("wx01"),
                                           "100.00", "0.60", "0.38"),
                              m_open);
        QVERIFY(id.ok());
        auto reversal = ledger.reverse(*id, QDate(2026, 11, 27), QStringLiteral("posted to the wrong merchant"),
                                       QStringLiteral("test"));
        QVERIFY2(reversal.ok(), qPrintable(reversal.error().message()));
        for (const char *account :
             {"channel_receivable:wx01", "channel_fee_expense", "merchant:M001:pending", "fee_income"})
            QCOMPARE(balanceOf(db.database(), QString::fromLatin1(account)), 0);
        auto reversed = ledger.entry(*reversal);
        QCOMPARE(reversed->kind, EntryKind::Reversal);
        QCOMPARE(reversed->reversesEntryId, *id);
        QCOMPARE(reversed->memo, QStringLiteral("posted to the wrong merchant"));
        QCOMPARE(ledger.entry(*id)->reversedByEntryId, *reversal);
        QCOMPARE(ledger.reverse(*id, QDate(2026, 11, 27), {}, {}).error().code(), ErrorCode::EntryAlreadyReversed);
        QCOMPARE(ledger.reverse(*reversal, QDate(2026, 11, 27), {}, {}).error().code(), ErrorCode::EntryIsReversal);
        QCOMPARE(ledger.reverse(999, QDate(2026, 11, 27), {}, {}).error().code(), ErrorCode::EntryNotFound);
        QCOMPARE(entryCount(db.database()), 2);
    }

    void reversalRespectsNonNegative()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("channel_receivable:wx01"), QStringLiteral("merchant:M001:pending"),
                                   "100.00"))
                    .ok());
        auto clearing = ledger.post(
            transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"), "100.00"));
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("merchant:M001:available"), QStringLiteral("settlement_in_transit"),
                                   "100.00"))
                    .ok());
        // Reversing the clearing would take available below zero: refused.
        QCOMPARE(ledger.reverse(*clearing, QDate(2026, 11, 27), {}, {}).error().code(),
                 ErrorCode::AccountWouldGoNegative);
    }

    void balancesAsOfAnyDate()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        QVERIFY(
            ledger
                .post(
                    QList<EntryDraft>{
                        transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "1.00", QDate(2026, 11, 1)),
                        transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "2.00", QDate(2026, 11, 2)),
                        transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "4.00", QDate(2026, 11, 2)),
                        transfer(QStringLiteral("suspense"), QStringLiteral("bank:b1"), "0.50", QDate(2026, 11, 5))},
                    m_open)
                .ok());
        LedgerBalances balances(db.database());
        auto bankOn = [&](QDate date) {
            auto trial = balances.trialBalance(date);
            for (const LedgerAccount &account : trial->accounts) {
                if (account.name == QLatin1String("bank:b1"))
                    return account.balance.minor();
            }
            return qint64(-1);
        };
        QCOMPARE(bankOn(QDate(2026, 10, 31)), 0);
        QCOMPARE(bankOn(QDate(2026, 11, 1)), 100);
        QCOMPARE(bankOn(QDate(2026, 11, 2)), 700);
        QCOMPARE(bankOn(QDate(2026, 11, 4)), 700);
        QCOMPARE(bankOn(QDate(2026, 11, 5)), 650);
        QCOMPARE(bankOn(QDate()), 650);
        auto trial = balances.trialBalance();
        QVERIFY(trial->isBalanced());
        QCOMPARE(trial->totals.value(Currency::cny()).debits, 650);
        QCOMPARE(trial->totals.value(Currency::cny()).credits, 650);
    }

    void multiCurrencyEntryBalancesPerCurrency()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        const Currency usd = Currency::fromCode(u"USD").value();
        EntryDraft fx;
        fx.businessDate = QDate(2026, 11, 26);
        fx.postings = {{QStringLiteral("bank:cny01"), cny("720.00")},
                       {QStringLiteral("suspense"), cny("-720.00")},
                       {QStringLiteral("bank:usd01"), Money::fromMinor(-10000, usd)},
                       {QStringLiteral("suspense"), Money::fromMinor(10000, usd)}};
        QVERIFY(ledger.post(fx, m_open).ok());
        auto trial = LedgerBalances(db.database()).trialBalance();
        QCOMPARE(trial->totals.size(), 2);
        QVERIFY(trial->isBalanced());
        QCOMPARE(balanceOf(db.database(), QStringLiteral("suspense"), usd), 10000);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("suspense")), -72000);
    }

    void overflowIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        const qint64 max = std::numeric_limits<qint64>::max();
        EntryDraft big;
        big.businessDate = QDate(2026, 11, 26);
        big.postings = {{QStringLiteral("bank:b1"), Money::fromMinor(max, Currency::cny())},
                        {QStringLiteral("suspense"), Money::fromMinor(-max, Currency::cny())}};
        QVERIFY(ledger.post(big, m_open).ok());
        EntryDraft more = transfer(QStringLiteral("bank:b1"), QStringLiteral("suspense"), "0.01");
        QCOMPARE(ledger.post(more).error().code(), ErrorCode::ArithmeticOverflow);
        EntryDraft overflowInside;
        overflowInside.businessDate = QDate(2026, 11, 26);
        overflowInside.postings = {{QStringLiteral("bank:b2"), Money::fromMinor(max, Currency::cny())},
                                   {QStringLiteral("bank:b2"), Money::fromMinor(1, Currency::cny())},
                                   {QStringLiteral("suspense"), Money::fromMinor(-max, Currency::cny())}};
        QCOMPARE(ledger.post(overflowInside, m_open).error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(entryCount(db.database()), 1);
    }

    void concurrentWritersNeverOverdraw()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Ledger ledger(db.database(), m_clock);
        openPaymentAccounts(ledger);
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("channel_receivable:wx01"), QStringLiteral("merchant:M001:pending"),
                                   "10.00"))
                    .ok());
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("merchant:M001:pending"), QStringLiteral("merchant:M001:available"),
                                   "10.00"))
                    .ok());
        // Two "processes" each try to pay out 1.00 twenty times: exactly ten payouts succeed.
        auto other = db.openAnother();
        QVERIFY(other.ok());
        std::atomic_int succeeded{0};
        auto payOut = [&](Database &database) {
            Ledger writer(database, m_clock);
            for (int i = 0; i < 20; ++i) {
                if (writer
                        .post(transfer(QStringLiteral("merchant:M001:available"),
                                       QStringLiteral("settlement_in_transit"), "1.00"))
                        .ok())
                    ++succeeded;
            }
        };
        QThread *a = QThread::create([&]() { payOut(db.database()); });
        QThread *b = QThread::create([&]() { payOut(**other); });
        a->start();
        b->start();
        QVERIFY(a->wait(120000));
        QVERIFY(b->wait(120000));
        delete a;
        delete b;
        QCOMPARE(succeeded.load(), 10);
        QCOMPARE(balanceOf(db.database(), QStringLiteral("merchant:M001:available")), 0);
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
