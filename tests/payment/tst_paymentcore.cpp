#include "core/ledger/Ledger.h"
#include "core/payment/PaymentPostings.h"
#include "core/payment/PaymentStates.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "tests/support/CoreFixture.h"

#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// The rules every payment path shares: which status steps exist (DESIGN §7), and the journal
// entries of a payment and its refunds (DESIGN §6) — balanced, fees returned pro rata with
// exact remainders, each posted at most once.
class TestPaymentCore : public QObject
{
    Q_OBJECT

private:
    static Money cny(qint64 fen) { return Money::fromMinor(fen, Currency::cny()); }

    static PaidOrder order(qint64 amount, qint64 merchantFee, qint64 channelFee)
    {
        return PaidOrder{QStringLiteral("P202611280000000001"),
                         QStringLiteral("M1001"),
                         QStringLiteral("wx_shared01"),
                         cny(amount),
                         cny(merchantFee),
                         cny(channelFee)};
    }

    // account → sum of the entry's lines on it (positive = debit)
    static QMap<QString, qint64> lines(const EntryDraft &entry)
    {
        QMap<QString, qint64> byAccount;
        for (const PostingDraft &p : entry.postings) {
            byAccount[p.account] += p.amount.minor();
            if (p.amount.isZero())
                byAccount[QStringLiteral("<zero line>")] = 1;
        }
        return byAccount;
    }

    static qint64 sum(const EntryDraft &entry)
    {
        qint64 total = 0;
        for (const PostingDraft &p : entry.postings)
            total += p.amount.minor();
        return total;
    }

private slots:
    void orderSteps()
    {
        using S = PaymentStatus;
        const QList<S> all{S::Created,           S::Paying,  S::Succeeded, S::Failed, S::Closed,
                           S::PartiallyRefunded, S::Refunded};
        const QList<QPair<S, S>> expected{
            {S::Created, S::Paying},
            {S::Created, S::Succeeded},
            {S::Created, S::Failed},
            {S::Created, S::Closed},
            {S::Paying, S::Succeeded},
            {S::Paying, S::Failed},
            {S::Paying, S::Closed},
            {S::Succeeded, S::PartiallyRefunded},
            {S::Succeeded, S::Refunded},
            {S::PartiallyRefunded, S::PartiallyRefunded},
            {S::PartiallyRefunded, S::Refunded},
        };
        int refused = 0;
        for (S from : all) {
            S parsed;
            QVERIFY(PaymentStates::fromName(PaymentStates::name(from), &parsed));
            QCOMPARE(parsed, from);
            for (S to : all) {
                const bool allowed = expected.contains(qMakePair(from, to));
                QCOMPARE(PaymentStates::allows(from, to), allowed);
                const Status checked = PaymentStates::check(from, to);
                QCOMPARE(checked.ok(), allowed);
                if (!allowed) {
                    ++refused;
                    QCOMPARE(checked.error().code(), ErrorCode::PaymentTransitionRefused);
                    QVERIFY(checked.error().detail().contains(PaymentStates::name(from) + QStringLiteral(" → ") +
                                                              PaymentStates::name(to)));
                }
            }
        }
        QCOMPARE(refused, 49 - 11);
        // Nothing leaves a final status.
        for (S from : all) {
            if (!PaymentStates::isFinal(from))
                continue;
            for (S to : all)
                QVERIFY(!PaymentStates::allows(from, to));
        }
        QVERIFY(PaymentStates::isRefundable(S::Succeeded) && PaymentStates::isRefundable(S::PartiallyRefunded));
        QVERIFY(!PaymentStates::isRefundable(S::Paying) && !PaymentStates::isRefundable(S::Refunded));
        S unknown;
        QVERIFY(!PaymentStates::fromName(QStringLiteral("paid"), &unknown));
    }

    void refundSteps()
    {
        using R = PaymentRefundStatus;
        const QList<R> all{R::Requested, R::Processing, R::Succeeded, R::Failed};
        const QList<QPair<R, R>> expected{{R::Requested, R::Processing},
                                          {R::Requested, R::Succeeded},
                                          {R::Requested, R::Failed},
                                          {R::Processing, R::Succeeded},
                                          {R::Processing, R::Failed}};
        for (R from : all) {
            R parsed;
            QVERIFY(PaymentStates::fromName(PaymentStates::name(from), &parsed));
            QCOMPARE(parsed, from);
            for (R to : all) {
                QCOMPARE(PaymentStates::allows(from, to), expected.contains(qMakePair(from, to)));
                QCOMPARE(PaymentStates::check(from, to).ok(), expected.contains(qMakePair(from, to)));
            }
        }
    }

    void paymentEntry()
    {
        // 88.00 paid, merchant fee 0.53 (0.6 %), channel fee 0.22 (0.25 %).
        auto entry = PaymentPostings::paymentSucceeded(order(8800, 53, 22), QDate(2026, 11, 28));
        QVERIFY(entry.ok());
        QCOMPARE(entry->kind, EntryKind::Payment);
        QCOMPARE(entry->eventKey, QStringLiteral("payment:P202611280000000001"));
        QCOMPARE(entry->reference, QStringLiteral("P202611280000000001"));
        QCOMPARE(entry->businessDate, QDate(2026, 11, 28));
        const QMap<QString, qint64> expected{{QStringLiteral("channel_receivable:wx_shared01"), 8778},
                                             {QStringLiteral("channel_fee_expense"), 22},
                                             {QStringLiteral("merchant:M1001:pending"), -8747},
                                             {QStringLiteral("fee_income"), -53}};
        QCOMPARE(lines(*entry), expected);
        QCOMPARE(sum(*entry), qint64(0));

        // A payment too small to carry a fee has no fee lines (the ledger refuses zero lines).
        auto tiny = PaymentPostings::paymentSucceeded(order(1, 0, 0), QDate(2026, 11, 28));
        QVERIFY(tiny.ok());
        QCOMPARE(lines(*tiny), (QMap<QString, qint64>{{QStringLiteral("channel_receivable:wx_shared01"), 1},
                                                      {QStringLiteral("merchant:M1001:pending"), -1}}));

        // Impossible orders are refused, not posted.
        for (const PaidOrder &bad : {order(0, 0, 0), order(100, 101, 0), order(100, 0, 101), order(100, -1, 0)})
            QCOMPARE(PaymentPostings::paymentSucceeded(bad, QDate(2026, 11, 28)).error().code(),
                     ErrorCode::InvalidArgument);
        PaidOrder usd = order(100, 1, 1);
        usd.merchantFee = Money::fromMinor(1, Currency::fromCode(u"USD").value());
        QCOMPARE(PaymentPostings::paymentSucceeded(usd, QDate(2026, 11, 28)).error().code(),
                 ErrorCode::InvalidArgument);
    }

    void refundEntriesReturnTheFeesExactly()
    {
        // 100.00 paid with fees 0.60 and 0.25, refunded as 33.33 + 33.33 + 33.34.
        const PaidOrder paid = order(10000, 60, 25);
        const qint64 parts[] = {3333, 3333, 3334};
        qint64 before = 0, merchantBack = 0, channelBack = 0;
        int n = 0;
        for (qint64 part : parts) {
            auto entry = PaymentPostings::refundSucceeded(paid, QStringLiteral("R%1").arg(++n), cny(before), cny(part),
                                                          QDate(2026, 11, 29));
            QVERIFY2(entry.ok(), qPrintable(entry ? QString() : entry.error().detail()));
            QCOMPARE(entry->kind, EntryKind::Refund);
            QCOMPARE(entry->eventKey, QStringLiteral("refund:R%1").arg(n));
            QCOMPARE(sum(*entry), qint64(0));
            const QMap<QString, qint64> l = lines(*entry);
            merchantBack += l.value(QStringLiteral("fee_income"));
            channelBack -= l.value(QStringLiteral("channel_fee_expense"));
            QCOMPARE(l.value(QStringLiteral("merchant:M1001:pending")) + l.value(QStringLiteral("fee_income")), part);
            QCOMPARE(-(l.value(QStringLiteral("channel_receivable:wx_shared01")) +
                       l.value(QStringLiteral("channel_fee_expense"))),
                     part);
            before += part;
        }
        QCOMPARE(merchantBack, qint64(60));
        QCOMPARE(channelBack, qint64(25));

        // Beyond the paid amount: refused.
        auto over =
            PaymentPostings::refundSucceeded(paid, QStringLiteral("R9"), cny(9000), cny(1001), QDate(2026, 11, 29));
        QCOMPARE(over.error().code(), ErrorCode::RefundExceedsPaid);
        QCOMPARE(PaymentPostings::refundFees(paid, cny(0), cny(0)).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(PaymentPostings::refundFees(paid, cny(0), cny(-5)).error().code(), ErrorCode::InvalidArgument);
    }

    void anyRefundSequenceReturnsExactlyTheFees()
    {
        QRandomGenerator random(20261128);
        for (int round = 0; round < 5000; ++round) {
            const qint64 amount = 1 + random.bounded(2000000);
            const qint64 merchantFee = amount * random.bounded(10001) / 1000000;
            const qint64 channelFee = amount * random.bounded(10001) / 1000000;
            const PaidOrder paid = order(amount, merchantFee, channelFee);
            qint64 before = 0, merchantBack = 0, channelBack = 0;
            while (before < amount) {
                const qint64 left = amount - before;
                const qint64 part = random.bounded(4) == 0 ? left : 1 + random.bounded(left);
                auto fees = PaymentPostings::refundFees(paid, cny(before), cny(part));
                QVERIFY(fees.ok());
                QVERIFY(fees->merchantFee.minor() >= 0 && fees->merchantFee.minor() <= part);
                merchantBack += fees->merchantFee.minor();
                channelBack += fees->channelFee.minor();
                before += part;
                QVERIFY(merchantBack <= merchantFee && channelBack <= channelFee);
            }
            QCOMPARE(merchantBack, merchantFee);
            QCOMPARE(channelBack, channelFee);
        }
    }

    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void postedOnceInTheLedger()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        Ledger ledger(f.core().database(), f.clock());
        const PaidOrder paid = order(8800, 53, 22);
        const QDate today = f.clock().businessDate();
        auto payment = PaymentPostings::paymentSucceeded(paid, today);
        QVERIFY(ledger.post(*payment, {true}).ok());
        // A second success for the same order (a duplicate callback) is refused by the ledger.
        auto again = ledger.post(*payment, {true});
        QVERIFY(!again.ok());
        auto refund = PaymentPostings::refundSucceeded(paid, QStringLiteral("R1"), cny(0), cny(8800), today);
        QVERIFY(ledger.post(*refund).ok());
        QVERIFY(!ledger.post(*refund).ok());
        // Paid and fully refunded: every account of the order is back at zero.
        const QSqlDatabase db = f.core().database().connection().value();
        for (const char *account :
             {"channel_receivable:wx_shared01", "channel_fee_expense", "merchant:M1001:pending", "fee_income"}) {
            auto balance = Sql::scalar(db, QStringLiteral("SELECT balance FROM ledger_account WHERE name = ?"),
                                       {QString::fromLatin1(account)});
            QVERIFY(balance.ok());
            QCOMPARE(balance->toLongLong(), qint64(0));
        }
    }
};

QTEST_GUILESS_MAIN(TestPaymentCore)
#include "tst_paymentcore.moc"
