#include "core/reconciliation/ReconciliationSummaryJson.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// The run service's harder cases on both databases: refunds, every category the matcher finds in
// a real bill, the day cut-off across two runs both ways, two runs of one day at once, and a
// cancel in the middle of a run.
class TestReconcileRunCases : public QObject
{
    Q_OBJECT

    static Order order(int n, qint64 amount = 1000, const QDateTime &paidAt = shanghai(10))
    {
        return Order{QStringLiteral("ORD-%1").arg(n), QStringLiteral("42000%1").arg(n, 8, 10, QLatin1Char('0')), amount,
                     amount * 6 / 1000, paidAt};
    }

    static qint64 count(const ReconciliationRunOutcome &outcome, DiscrepancyCategory category,
                        RecordType type = RecordType::Payment)
    {
        return outcome.summary.of(category, type).count;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void partialRefundsMatchByTheirNumbers()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order paid = order(1, 1000);
        f.addOrder(paid);
        f.addRefund(paid, QStringLiteral("RF-1"), QStringLiteral("50301"), 300, 2, shanghai(14));
        f.addRefund(paid, QStringLiteral("RF-2"), QStringLiteral("50302"), 200, 1, shanghai(15));
        const QList<StatementLine> lines{
            RunFixture::line(paid),
            RunFixture::refundLine(paid, QStringLiteral("RF-1"), QStringLiteral("50301"), 300, 2, shanghai(14)),
            RunFixture::refundLine(paid, QStringLiteral("RF-2"), QStringLiteral("50302"), 250, 1, shanghai(15))};
        auto outcome = f.run(f.writeBill(QStringLiteral("refunds.csv"), lines));
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        QCOMPARE(count(*outcome, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(count(*outcome, DiscrepancyCategory::Matched, RecordType::Refund), qint64(1));
        QCOMPARE(count(*outcome, DiscrepancyCategory::AmountMismatch, RecordType::Refund), qint64(1));
        auto items = f.service().items(f.finance(), outcome->runId, 0, 10);
        QVERIFY(items);
        QCOMPARE(items->size(), 1);
        QCOMPARE(items->first().refundNo, QStringLiteral("RF-2"));
        QCOMPARE(*items->first().channelAmount, qint64(250));
        QCOMPARE(*items->first().platformAmount, qint64(200));
    }

    // Refunded at the channel, not with us: a refund we hold as processing (or failed) that the
    // channel lists as made is a status_mismatch with both sides; one we have no record of at all
    // stays channel_only. The summary's counts and amounts follow the items.
    void refundedAtTheChannelNotWithUs()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order paid = order(1, 1000);
        f.addOrder(paid);
        f.addRefund(paid, QStringLiteral("RF-1"), QStringLiteral("50301"), 300, 2, shanghai(14));
        QVERIFY(Sql::exec(f.database().connection().value(),
                          QStringLiteral("UPDATE payment_refund SET status = 'processing', succeeded_at = NULL WHERE "
                                         "refund_no = 'RF-1'")));
        const QList<StatementLine> lines{
            RunFixture::line(paid),
            RunFixture::refundLine(paid, QStringLiteral("RF-1"), QStringLiteral("50301"), 300, 2, shanghai(14)),
            RunFixture::refundLine(paid, QStringLiteral("RF-9"), QStringLiteral("50309"), 100, 1, shanghai(15))};
        auto outcome = f.run(f.writeBill(QStringLiteral("refunded.csv"), lines));
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        QCOMPARE(count(*outcome, DiscrepancyCategory::Matched), qint64(1));
        const CategoryTally &mismatch = outcome->summary.of(DiscrepancyCategory::StatusMismatch, RecordType::Refund);
        QCOMPARE(mismatch.count, qint64(1));
        QCOMPARE(mismatch.channelAmount, qint64(300));
        QCOMPARE(mismatch.platformAmount, qint64(300));
        const CategoryTally &alone = outcome->summary.of(DiscrepancyCategory::ChannelOnly, RecordType::Refund);
        QCOMPARE(alone.count, qint64(1));
        QCOMPARE(alone.channelAmount, qint64(100));
        auto items = f.service().items(f.finance(), outcome->runId, 0, 10);
        QVERIFY(items);
        QCOMPARE(items->size(), 2);
        for (const ReconciliationItem &item : std::as_const(*items)) {
            if (item.refundNo == QLatin1String("RF-1")) {
                QCOMPARE(item.category, DiscrepancyCategory::StatusMismatch);
                QCOMPARE(item.platformStatus, std::optional(PlatformStatus::Pending));
                QCOMPARE(*item.platformAmount, qint64(300));
                QVERIFY(item.platformRowId != 0);
            } else {
                QCOMPARE(item.refundNo, QStringLiteral("RF-9"));
                QCOMPARE(item.category, DiscrepancyCategory::ChannelOnly);
                QVERIFY(!item.hasPlatformSide());
            }
        }
        // The stored summary says the same as the outcome.
        auto run = f.service().findRun(f.finance(), outcome->runId);
        QVERIFY(run);
        auto stored = ReconciliationSummaryJson::read(run->summary);
        QVERIFY(stored);
        QVERIFY(sameFigures(*stored, outcome->summary));
    }

    void feeStatusAndDuplicateLinesAreFound()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        for (int n = 1; n <= 3; ++n)
            f.addOrder(order(n));
        StatementLine higherFee = RunFixture::line(order(1));
        higherFee.fee = Money::fromMinor(order(1).fee + 1, Currency::cny());
        StatementLine revoked = RunFixture::line(order(2));
        revoked.status = StatementLineStatus::Revoked;
        revoked.channelStatus = QStringLiteral("REVOKED");
        const StatementLine twice = RunFixture::line(order(3));
        auto outcome = f.run(f.writeBill(QStringLiteral("kinds.csv"), {higherFee, revoked, twice, twice}));
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        QCOMPARE(count(*outcome, DiscrepancyCategory::FeeMismatch), qint64(1));
        QCOMPARE(count(*outcome, DiscrepancyCategory::StatusMismatch), qint64(1));
        QCOMPARE(count(*outcome, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(count(*outcome, DiscrepancyCategory::DuplicateInStatement), qint64(1));
        auto items = f.service().items(f.finance(), outcome->runId, 0, 10);
        QVERIFY(items);
        QCOMPARE(items->size(), 3);
        for (const ReconciliationItem &item : std::as_const(*items)) {
            if (item.category == DiscrepancyCategory::DuplicateInStatement) {
                QCOMPARE(item.lineNumber, item.firstListedLine + 1);
                QCOMPARE(item.statementFile, QStringLiteral("kinds.csv"));
            }
        }
    }

    // Paid with us at 23:55, listed by the channel the next day: carried, then matched.
    void ourPaymentBeforeMidnightIsCarriedToTheNextDay()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order late = order(1, 1000, shanghai(23, 55));
        f.addOrder(late);
        auto first = f.run(f.writeBill(QStringLiteral("d1.csv"), {}));
        QVERIFY2(first, qPrintable(first.error().message()));
        QCOMPARE(count(*first, DiscrepancyCategory::CarriedOver), qint64(1));
        QCOMPARE(count(*first, DiscrepancyCategory::PlatformOnly), qint64(0));
        Order listed = late;
        listed.paidAt = shanghai(0, 1, kDay.addDays(1));
        auto second = f.service().run(
            f.finance(),
            RunFixture::request(f.writeBill(QStringLiteral("d2.csv"), {RunFixture::line(listed)}), kDay.addDays(1)));
        QVERIFY2(second, qPrintable(second.error().message()));
        QCOMPARE(count(*second, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(second->summary.platformCarriedIn, qint64(1));
        QCOMPARE(second->summary.discrepancyCount(), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy")), qint64(0));
    }

    // Listed by the channel at 23:56, paid with us just after midnight: carried, then matched.
    void theChannelsLineBeforeMidnightIsCarriedToTheNextDay()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order ours = order(1, 1000, shanghai(0, 1, kDay.addDays(1)));
        f.addOrder(ours);
        Order listed = ours;
        listed.paidAt = shanghai(23, 56);
        auto first = f.run(f.writeBill(QStringLiteral("d1.csv"), {RunFixture::line(listed)}));
        QVERIFY2(first, qPrintable(first.error().message()));
        QCOMPARE(count(*first, DiscrepancyCategory::CarriedOver), qint64(1));
        QCOMPARE(count(*first, DiscrepancyCategory::ChannelOnly), qint64(0));
        auto second = f.service().run(f.finance(),
                                      RunFixture::request(f.writeBill(QStringLiteral("d2.csv"), {}), kDay.addDays(1)));
        QVERIFY2(second, qPrintable(second.error().message()));
        QCOMPARE(count(*second, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(second->summary.channelCarriedIn, qint64(1));
        QCOMPARE(second->summary.discrepancyCount(), qint64(0));
    }

    // The first run is held inside its statement; the second, on another thread, is told why.
    void twoRunsOfOneDayAtOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QString bill = f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))});
        const QString other =
            f.writeBill(QStringLiteral("other.csv"), {RunFixture::line(order(1)), RunFixture::line(order(1))});
        QSemaphore reading;
        QSemaphore release;
        ReconciliationRunRequest held = RunFixture::request(bill);
        held.onProgress = [&](const ReconciliationProgress &progress) {
            if (progress.phase == ReconciliationPhase::ReadingOurSide) {
                reading.release();
                release.acquire();
            }
        };
        Result<ReconciliationRunOutcome> first = Error(ErrorCode::InvalidArgument);
        const Actor finance = f.finance();
        std::unique_ptr<QThread> thread(QThread::create([&] { first = f.service().run(finance, held); }));
        thread->start();
        QVERIFY(reading.tryAcquire(1, 60000));
        auto second = f.service().run(finance, RunFixture::request(other));
        release.release();
        QVERIFY(thread->wait(60000));
        QVERIFY2(first, qPrintable(first.error().message()));
        QVERIFY(!second);
        QCOMPARE(second.error().code(), ErrorCode::ReconciliationRunning);
        QVERIFY2(second.error().message().contains(QStringLiteral("fiona")), qPrintable(second.error().message()));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(1));
    }

    void cancelMidRunLeavesNothingHalfWritten()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        f.addOrder(order(2));
        std::atomic<bool> cancel{false};
        ReconciliationRunRequest request =
            RunFixture::request(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))}));
        request.cancel = &cancel;
        request.onProgress = [&](const ReconciliationProgress &progress) {
            if (progress.phase == ReconciliationPhase::Matching)
                cancel = true;
        };
        auto cancelled = f.service().run(f.finance(), request);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code(), ErrorCode::Cancelled);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status = 'cancelled'")), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy")), qint64(0));
        QCOMPARE(
            f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'recon.run' AND result = 'failed'")),
            qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestReconcileRunCases)
#include "tst_reconcileruncases.moc"
