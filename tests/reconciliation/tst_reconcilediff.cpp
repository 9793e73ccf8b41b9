#include "core/reconciliation/DiscrepancyStore.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// ReconciliationService's diff of two runs of one account and date (which items changed category,
// and why) and its reads of the pool for the chart and /metrics, on both databases.
class TestReconcileDiff : public QObject
{
    Q_OBJECT

    static Order order(int n, qint64 amount = 1000, const QDateTime &paidAt = shanghai(10))
    {
        return Order{QStringLiteral("ORD-%1").arg(n), QStringLiteral("42000%1").arg(n, 8, 10, QLatin1Char('0')), amount,
                     amount * 6 / 1000, paidAt};
    }

    static Order differentAmount(int n, qint64 amount)
    {
        Order o = order(n, amount);
        o.fee = order(n).fee;
        return o;
    }

    // "ORD-2 amount_mismatch>matched statement_changed": a line as a test compares it.
    static QStringList described(const ReconciliationRunDiff &diff)
    {
        QStringList lines;
        for (const RunDiffLine &line : diff.lines) {
            const auto name = [](const std::optional<DiscrepancyCategory> &c) {
                return c ? ReconciliationNames::category(*c) : QStringLiteral("matched");
            };
            lines << QStringLiteral("%1 %2>%3 %4")
                         .arg(line.matchKey, name(line.olderCategory), name(line.newerCategory),
                              ReconciliationNames::runDiffCause(line.cause));
        }
        return lines;
    }

    static qint64 runOf(RunFixture &f, const QString &bill)
    {
        auto outcome = f.run(bill);
        if (!outcome) {
            qWarning("run failed: %s", qPrintable(outcome.error().message()));
            return 0;
        }
        if (outcome->alreadyImported)
            qWarning("the bill was already imported");
        return outcome->runId;
    }

    // What an approver's decision does to the pool, through the store (the resolutions' ledger
    // entries are not this test's business): proposed and approved at the clock's time.
    static bool resolve(RunFixture &f, const QString &matchKey)
    {
        DiscrepancyFilter filter;
        auto pool = f.service().discrepancies(f.finance(), filter);
        if (!pool)
            return false;
        const QSqlDatabase db = f.database().connection().value();
        const QDateTime now = f.clock().nowUtc();
        for (const PoolDiscrepancy &d : std::as_const(*pool)) {
            if (d.matchKey != matchKey)
                continue;
            return DiscrepancyStore::propose(db, d.id, d.version, DiscrepancyResolution::ChannelOnlyMarkPaid,
                                             QStringLiteral("fiona"), now, QStringLiteral("paid at the channel"),
                                             QString())
                       .ok() &&
                   DiscrepancyStore::approve(db, d.id, d.version + 1, QStringLiteral("amy"), now, 0).ok();
        }
        return false;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void aChangedFileShowsWhatMovedAndWhy()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        for (int n = 1; n <= 3; ++n)
            f.addOrder(order(n));
        // The first file: ORD-2's amount is wrong, ORD-3 is missing, ORD-4 is no order of ours.
        const qint64 first =
            runOf(f, f.writeBill(QStringLiteral("first.csv"),
                                 {RunFixture::line(order(1)), RunFixture::line(differentAmount(2, 1001)),
                                  RunFixture::line(order(4))}));
        QVERIFY(first);
        f.clock().advanceSeconds(60);
        // The channel's corrected file: ORD-2 and ORD-3 right, ORD-4 still there, a new ORD-6.
        const qint64 second =
            runOf(f, f.writeBill(QStringLiteral("second.csv"),
                                 {RunFixture::line(order(1)), RunFixture::line(order(2)), RunFixture::line(order(3)),
                                  RunFixture::line(order(4)), RunFixture::line(order(6))}));
        QVERIFY(second);

        auto diff = f.service().diff(f.finance(), first, second);
        QVERIFY2(diff, qPrintable(diff.error().message()));
        QCOMPARE(diff->older.id, first);
        QCOMPARE(diff->newer.id, second);
        QVERIFY(!diff->sameStatement);
        QVERIFY(diff->sameSettings);
        QCOMPARE(described(*diff), (QStringList{QStringLiteral("ORD-2 amount_mismatch>matched statement_changed"),
                                                QStringLiteral("ORD-3 platform_only>matched statement_changed"),
                                                QStringLiteral("ORD-6 matched>channel_only statement_changed")}));
        const RunDiffLine &added = diff->lines.last();
        QCOMPARE(added.type, RecordType::Payment);
        QCOMPARE(added.orderNo, QStringLiteral("ORD-6"));
        QCOMPARE(added.channelTransactionId, order(6).transactionId);
        QVERIFY(!added.olderCategory);

        // The ids in the other order: the run begun first is still the older one.
        auto swapped = f.service().diff(f.finance(), second, first);
        QVERIFY(swapped);
        QCOMPARE(swapped->older.id, first);
        QCOMPARE(described(*swapped), described(*diff));
        // A run against itself: nothing changed.
        auto itself = f.service().diff(f.finance(), second, second);
        QVERIFY(itself);
        QVERIFY(itself->lines.isEmpty());
        QVERIFY(itself->sameStatement);
    }

    // The same file read again (another file came between): a resolution, settings or our side.
    void theSameFileAgainIsExplainedByResolutionSettingsOrOurSide()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        f.addOrder(order(5), QStringLiteral("paying")); // a missed callback
        f.addOrder(order(7, 1000, shanghai(23, 55)));   // near midnight, in neither file
        const QList<StatementLine> lines{RunFixture::line(order(1)), RunFixture::line(order(5)),
                                         RunFixture::line(order(8))}; // ORD-8: no order of ours yet
        const QString a = f.writeBill(QStringLiteral("a.csv"), lines);
        const QString b = f.writeBill(QStringLiteral("b.csv"), lines + QList{RunFixture::line(order(9))});

        const qint64 run1 = runOf(f, a);
        QVERIFY(run1);
        f.clock().advanceSeconds(60);
        // ORD-5 resolved: the order marked paid as the callback would have; a narrower cut-off.
        QVERIFY(resolve(f, QStringLiteral("ORD-5")));
        QVERIFY(Sql::exec(f.database().connection().value(),
                          QStringLiteral("UPDATE payment_order SET status = 'succeeded', paid_at = ?, "
                                         "channel_transaction_id = ? WHERE order_no = 'ORD-5'"),
                          {shanghai(10).toMSecsSinceEpoch(), order(5).transactionId})
                    .ok());
        QVERIFY(f.core().settings().setValue(ReconciliationService::CutOffSecondsKey, QStringLiteral("60")));
        f.clock().advanceSeconds(60);
        QVERIFY(runOf(f, b));
        f.clock().advanceSeconds(60);
        const qint64 run3 = runOf(f, a);
        QVERIFY(run3);

        auto diff = f.service().diff(f.finance(), run1, run3);
        QVERIFY2(diff, qPrintable(diff.error().message()));
        QVERIFY(diff->sameStatement);
        QVERIFY(!diff->sameSettings);
        QCOMPARE(described(*diff), (QStringList{QStringLiteral("ORD-5 channel_only>matched resolution"),
                                                QStringLiteral("ORD-7 carried_over>platform_only settings_changed")}));

        // Our side changes with nothing resolved and the same settings: ORD-8 is ours after all.
        f.clock().advanceSeconds(60);
        f.addOrder(order(8));
        QVERIFY(runOf(f, b));
        f.clock().advanceSeconds(60);
        const qint64 run5 = runOf(f, a);
        QVERIFY(run5);
        diff = f.service().diff(f.finance(), run3, run5);
        QVERIFY2(diff, qPrintable(diff.error().message()));
        QVERIFY(diff->sameStatement);
        QVERIFY(diff->sameSettings);
        QCOMPARE(described(*diff), QStringList{QStringLiteral("ORD-8 channel_only>matched our_side_changed")});
    }

    void runsOfDifferentDaysOrUnknownAreRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const qint64 today = runOf(f, f.writeBill(QStringLiteral("d1.csv"), {RunFixture::line(order(1))}));
        QVERIFY(today);
        auto next = f.service().run(f.finance(),
                                    RunFixture::request(f.writeBill(QStringLiteral("d2.csv"), {}), kDay.addDays(1)));
        QVERIFY2(next, qPrintable(next.error().message()));
        auto refused = f.service().diff(f.finance(), today, next->runId);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
        refused = f.service().diff(f.finance(), today, 9999);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ReconciliationRunUnknown);
        // A failed run of the day wrote no items: it is no run to compare with.
        auto failed =
            f.run(f.writeBill(QStringLiteral("wrong.csv"), {RunFixture::line(order(2), QStringLiteral("1900000999"))}));
        QVERIFY(!failed);
        const qint64 failedRun = f.count(QStringLiteral("SELECT MAX(id) FROM recon_run WHERE status = 'failed'"));
        QVERIFY(failedRun);
        refused = f.service().diff(f.finance(), today, failedRun);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::InvalidArgument);
    }

    void poolReadsForTheChartAndMetrics()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        f.addOrder(order(2));
        const qint64 run =
            runOf(f, f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(3)), RunFixture::line(order(4))}));
        QVERIFY(run);
        auto perDay = f.service().discrepanciesPerDay(f.finance(), kDay.addDays(-30), kDay);
        QVERIFY2(perDay, qPrintable(perDay.error().message()));
        QCOMPARE(perDay->size(), 2); // channel_only and platform_only of kDay
        for (const DiscrepancyTally &tally : std::as_const(*perDay)) {
            QCOMPARE(tally.billDate, kDay);
            QCOMPARE(tally.count, qint64(2));
        }
        auto empty = f.service().discrepanciesPerDay(f.finance(), kDay.addDays(1), kDay.addDays(2));
        QVERIFY(empty);
        QVERIFY(empty->isEmpty());
        QCOMPARE(f.service().discrepanciesPerDay(f.finance(), kDay, kDay.addDays(-1)).error().code(),
                 ErrorCode::InvalidArgument);

        QVERIFY(resolve(f, QStringLiteral("ORD-3")));
        auto unresolved = f.service().unresolvedByCategory(f.finance());
        QVERIFY(unresolved);
        QCOMPARE(unresolved->size(), 2);
        QMap<DiscrepancyCategory, qint64> counts;
        for (const DiscrepancyTally &tally : std::as_const(*unresolved)) {
            counts[tally.category] = tally.count;
            QVERIFY(!tally.billDate.isValid());
            QCOMPARE(tally.oldestFoundAt, f.clock().nowUtc());
        }
        QCOMPARE(counts.value(DiscrepancyCategory::ChannelOnly), qint64(1)); // ORD-3 resolved
        QCOMPARE(counts.value(DiscrepancyCategory::PlatformOnly), qint64(2));

        DiscrepancyFilter filter;
        auto pool = f.service().discrepancies(f.finance(), filter);
        QVERIFY(pool && !pool->isEmpty());
        auto one = f.service().discrepancy(f.finance(), pool->first().id);
        QVERIFY(one);
        QCOMPARE(one->matchKey, pool->first().matchKey);
        QCOMPARE(one->version, pool->first().version);
        QCOMPARE(f.service().discrepancy(f.finance(), 9999).error().code(), ErrorCode::DiscrepancyUnknown);
    }

    void supportSeesNothingAuditorsRead()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order missing = order(1);
        f.addOrder(missing);
        const qint64 run = runOf(f, f.writeBill(QStringLiteral("bill.csv"), {}));
        QVERIFY(run);
        const qint64 id = f.count(QStringLiteral("SELECT MAX(id) FROM recon_discrepancy"));
        QVERIFY(id);
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        QCOMPARE(f.service().diff(support, run, run).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.service().discrepancy(support, id).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.service().discrepanciesPerDay(support, kDay, kDay).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.service().unresolvedByCategory(support).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'sam' AND result = 'denied'")),
                 qint64(4));
        for (const Role role : {Role::Auditor, Role::Approver}) {
            const Actor reader = f.operatorWith(QStringLiteral("reader%1").arg(int(role)), {role});
            QVERIFY(reader.isValid());
            QVERIFY(f.service().diff(reader, run, run));
            QVERIFY(f.service().discrepancy(reader, id));
            QVERIFY(f.service().discrepanciesPerDay(reader, kDay, kDay));
            QVERIFY(f.service().unresolvedByCategory(reader));
        }
    }
};

QTEST_GUILESS_MAIN(TestReconcileDiff)
#include "tst_reconcilediff.moc"
