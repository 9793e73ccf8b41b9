#include "core/storage/UnitOfWork.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// The run service end to end on both databases: a WeChat bill imported from a file against orders
// of the account's day, what it finds, and every way a run is refused, stopped or skipped.
class TestReconcileRun : public QObject
{
    Q_OBJECT

    static Order order(int n, qint64 amount = 1000, const QDateTime &paidAt = shanghai(10))
    {
        return Order{QStringLiteral("ORD-%1").arg(n), QStringLiteral("42000%1").arg(n, 8, 10, QLatin1Char('0')), amount,
                     amount * 6 / 1000, paidAt};
    }

    static qint64 categoryCount(const ReconciliationRunOutcome &outcome, DiscrepancyCategory category)
    {
        return outcome.summary.of(category, RecordType::Payment).count;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aCleanDayMatchesEverything()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        QList<StatementLine> lines;
        for (int n = 1; n <= 3; ++n) {
            f.addOrder(order(n));
            lines << RunFixture::line(order(n));
        }
        auto outcome = f.run(f.writeBill(QStringLiteral("clean.csv"), lines));
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        QCOMPARE(outcome->status, ReconciliationRunStatus::Completed);
        QVERIFY(!outcome->alreadyImported);
        QCOMPARE(categoryCount(*outcome, DiscrepancyCategory::Matched), qint64(3));
        QCOMPARE(outcome->summary.discrepancyCount(), qint64(0));
        auto run = f.service().findRun(f.finance(), outcome->runId);
        QVERIFY(run);
        QCOMPARE(run->status, ReconciliationRunStatus::Completed);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'recon.run' AND result = 'ok'")),
                 qint64(1));
        const QString detail = Sql::scalar(f.database().connection().value(),
                                           QStringLiteral("SELECT detail FROM audit_log WHERE action = 'recon.run'"))
                                   .value()
                                   .toString();
        QVERIFY2(detail.contains(QStringLiteral("\"matched\":3")), qPrintable(detail));
        QVERIFY(detail.contains(QStringLiteral("\"platform_only\":0")));
    }

    void discrepanciesReachTheRunAndThePool()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));                           // matched
        f.addOrder(order(2));                           // platform_only: not in the bill
        f.addOrder(order(3, 1000));                     // amount_mismatch: the bill says 10.01
        f.addOrder(order(5), QStringLiteral("paying")); // channel_only: the callback never came
        Order differentAmount = order(3, 1001);
        differentAmount.fee = order(3).fee;
        const QList<StatementLine> lines{RunFixture::line(order(1)), RunFixture::line(differentAmount),
                                         RunFixture::line(order(4)), // channel_only: no such order
                                         RunFixture::line(order(5))};
        auto outcome = f.run(f.writeBill(QStringLiteral("faults.csv"), lines));
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        QCOMPARE(categoryCount(*outcome, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(categoryCount(*outcome, DiscrepancyCategory::PlatformOnly), qint64(1));
        QCOMPARE(categoryCount(*outcome, DiscrepancyCategory::AmountMismatch), qint64(1));
        QCOMPARE(categoryCount(*outcome, DiscrepancyCategory::ChannelOnly), qint64(2));
        auto items = f.service().items(f.finance(), outcome->runId, 0, 100);
        QVERIFY(items);
        QCOMPARE(items->size(), 4);
        for (const ReconciliationItem &item : std::as_const(*items)) {
            if (item.category != DiscrepancyCategory::ChannelOnly)
                continue;
            // The missed callback carries our unpaid order; the unknown order has no side of ours.
            QCOMPARE(item.hasPlatformSide(), item.orderNo == QLatin1String("ORD-5"));
            if (item.hasPlatformSide())
                QCOMPARE(*item.platformStatus, PlatformStatus::Pending);
        }
        DiscrepancyFilter open;
        open.unresolvedOnly = true;
        auto pool = f.service().discrepancies(f.finance(), open);
        QVERIFY(pool);
        QCOMPARE(pool->size(), 4);
    }

    void theSameFileAgainIsAlreadyImported()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QString bill = f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))});
        auto first = f.run(bill);
        QVERIFY2(first, qPrintable(first.error().message()));
        auto again = f.run(bill);
        QVERIFY2(again, qPrintable(again.error().message()));
        QVERIFY(again->alreadyImported);
        QCOMPARE(again->runId, first->runId);
        QCOMPARE(categoryCount(*again, DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_statement_file")), qint64(1));
    }

    void aDifferentFileSupersedesTheDaysRun()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        f.addOrder(order(2));
        auto first = f.run(f.writeBill(QStringLiteral("early.csv"), {RunFixture::line(order(1))}));
        QVERIFY2(first, qPrintable(first.error().message()));
        QCOMPARE(categoryCount(*first, DiscrepancyCategory::PlatformOnly), qint64(1));
        auto second =
            f.run(f.writeBill(QStringLiteral("late.csv"), {RunFixture::line(order(1)), RunFixture::line(order(2))}));
        QVERIFY2(second, qPrintable(second.error().message()));
        QVERIFY(!second->alreadyImported);
        QCOMPARE(second->supersededRunId, first->runId);
        QCOMPARE(categoryCount(*second, DiscrepancyCategory::Matched), qint64(2));
        auto old = f.service().findRun(f.finance(), first->runId);
        QVERIFY(old);
        QCOMPARE(old->supersededByRunId, second->runId);
    }

    void anotherAccountsFileIsRefusedWithFileAndLine()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QList<StatementLine> lines{RunFixture::line(order(1)),
                                         RunFixture::line(order(2), QStringLiteral("1900000999"))};
        auto refused = f.run(f.writeBill(QStringLiteral("other.csv"), lines));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::StatementWrongAccount);
        QVERIFY2(refused.error().message().contains(QStringLiteral("other.csv: line")),
                 qPrintable(refused.error().message()));
        QVERIFY(refused.error().message().contains(QStringLiteral("1900000999")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status = 'failed'")), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy")), qint64(0));
        QCOMPARE(
            f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'recon.run' AND result = 'failed'")),
            qint64(1));
    }

    void anotherDaysFileIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        auto refused = f.run(f.writeBill(QStringLiteral("yesterday.csv"),
                                         {RunFixture::line(order(1, 1000, shanghai(10, 0, kDay.addDays(-1))))}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::StatementWrongAccount);
        QVERIFY2(refused.error().message().contains(QStringLiteral("yesterday.csv: line")),
                 qPrintable(refused.error().message()));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
    }

    void aTruncatedFileFailsTheRun()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QString path =
            f.writeBill(QStringLiteral("cut.csv"), {RunFixture::line(order(1)), RunFixture::line(order(2))});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() * 2 / 3));
        file.close();
        auto failed = f.run(path);
        QVERIFY(!failed);
        QVERIFY2(failed.error().code() == ErrorCode::StatementTruncated ||
                     failed.error().code() == ErrorCode::StatementMalformed,
                 qPrintable(failed.error().message()));
        QVERIFY(failed.error().message().contains(QStringLiteral("cut.csv")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status = 'failed'")), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
    }

    void aRunningRunHoldsTheDay()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        {
            UnitOfWork work(f.database());
            QVERIFY(work.isActive());
            ReconciliationRunStart start;
            start.channelAccountId = f.account().channelAccountId;
            start.billDate = kDay;
            start.startedBy = QStringLiteral("bob");
            QVERIFY(ReconciliationRunStore::begin(work.connection(), start, f.core().clock().nowUtc()));
            QVERIFY(work.commit());
        }
        auto refused = f.run(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))}));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ReconciliationRunning);
        QVERIFY2(refused.error().message().contains(QStringLiteral("bob")), qPrintable(refused.error().message()));
    }

    void aCancelledRunWritesNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const std::atomic<bool> cancel{true};
        auto cancelled =
            f.run(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))}), f.finance(), &cancel);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code(), ErrorCode::Cancelled);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status = 'cancelled'")), qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        // The day is free again.
        auto rerun = f.run(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))}));
        QVERIFY2(rerun, qPrintable(rerun.error().message()));
    }

    void rolesDecideWhoRunsAndWhoReads()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QString bill = f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))});
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        const Actor auditor = f.operatorWith(QStringLiteral("audrey"), {Role::Auditor});
        const Actor approver = f.operatorWith(QStringLiteral("abe"), {Role::Approver});
        for (const Actor &refused : {support, auditor, approver}) {
            auto run = f.run(bill, refused);
            QVERIFY(!run);
            QCOMPARE(run.error().code(), ErrorCode::PermissionDenied);
        }
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(0));
        auto done = f.run(bill);
        QVERIFY2(done, qPrintable(done.error().message()));
        QCOMPARE(f.service().runs(support, {}).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.service().discrepancies(support, {}).error().code(), ErrorCode::PermissionDenied);
        for (const Actor &reader : {auditor, approver, f.finance()}) {
            auto runs = f.service().runs(reader, {});
            QVERIFY(runs);
            QCOMPARE(runs->size(), 1);
            QVERIFY(f.service().items(reader, done->runId, 0, 10));
        }
    }
};

QTEST_GUILESS_MAIN(TestReconcileRun)
#include "tst_reconcilerun.moc"
