#include "core/PaydeskCore.h"
#include "demo/DemoSetup.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// The demo platform's reconciliation on both databases: every past day of its orders reconciled
// for each channel account that takes them, with nothing found, and the last of those days with
// one open discrepancy of each category waiting in the pool (two channel_only: the missed
// callback and the payment nobody placed) and a payment carried over at the cut-off; all made by
// the real run service from bills in the three channels' formats.
class TestDemoReconciliation : public QObject
{
    Q_OBJECT

    static constexpr int kDays = 5;

    static QString nameOf(PaydeskCore &core, const Actor &actor, qint64 accountId)
    {
        auto account = core.channelAccounts().find(actor, accountId);
        return account ? account->name : QString();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void reconciledDaysAndOnePlantedDay()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QTemporaryDir sandboxKeys; // none: the bills come from files, no channel is called
        PaydeskCore core(db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 1;
        options.onboarding.merchants = 14;
        options.onboarding.sandboxDirectory = sandboxKeys.path();
        options.historyOrders = 2000;
        options.historyDays = kDays;
        QElapsedTimer timer;
        timer.start();
        auto demo = DemoSetup::create(core, options);
        QVERIFY2(demo,
                 qPrintable(demo ? QString() : demo.error().message() + QLatin1Char(' ') + demo.error().detail()));
        qInfo("%s: the demo with %lld orders over %d days, reconciled, in %lld ms", qPrintable(backend),
              demo->historyOrders, kDays, timer.elapsed());

        const QDate planted = SystemClock::instance().businessDate().addDays(-1);
        const QDate first = planted.addDays(1 - kDays);
        QCOMPARE(demo->reconciliation.plantedDay, planted);
        auto finance =
            core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {});
        QVERIFY(finance);
        const Actor &actor = finance->actor;

        // One completed, current run per account and day, for the four accounts the demo routes to.
        ReconciliationRunFilter runFilter;
        runFilter.from = first.addDays(-1);
        runFilter.to = planted.addDays(1);
        runFilter.limit = 1000;
        auto runs = core.reconciliation().runs(actor, runFilter);
        QVERIFY(runs);
        QSet<QString> accounts;
        QSet<QString> accountDays;
        for (const ReconciliationRun &run : std::as_const(*runs)) {
            QCOMPARE(run.status, ReconciliationRunStatus::Completed);
            QCOMPARE(run.supersededByRunId, qint64(0));
            QCOMPARE(run.startedBy, QStringLiteral("finance"));
            QVERIFY(run.billDate >= first && run.billDate <= planted);
            const QString name = nameOf(core, actor, run.channelAccountId);
            accounts << name;
            accountDays << name + run.billDate.toString(Qt::ISODate);
        }
        QCOMPARE(accounts, (QSet<QString>{QStringLiteral("wx_shared01"), QStringLiteral("wx_sp_M1002"),
                                          QStringLiteral("ali_shared01"), QStringLiteral("up_shared01")}));
        QCOMPARE(int(runs->size()), kDays * 4);
        QCOMPARE(int(accountDays.size()), kDays * 4);
        QCOMPARE(demo->reconciliation.runs, kDays * 4);

        // The days before: all matched.
        DiscrepancyFilter before;
        before.from = first;
        before.to = planted.addDays(-1);
        before.limit = 1000;
        auto earlier = core.reconciliation().discrepancies(actor, before);
        QVERIFY(earlier);
        qint64 earlierPayments = 0;
        qint64 earlierRefunds = 0;
        for (const PoolDiscrepancy &discrepancy : std::as_const(*earlier))
            ++(discrepancy.type == RecordType::Payment ? earlierPayments : earlierRefunds);
        QCOMPARE(earlierPayments, qint64(0));
        QCOMPARE(earlierRefunds, qint64(0));

        // The planted day: one open discrepancy of each category, two channel_only.
        DiscrepancyFilter onPlanted;
        onPlanted.from = planted;
        onPlanted.to = planted;
        onPlanted.limit = 1000;
        auto pool = core.reconciliation().discrepancies(actor, onPlanted);
        QVERIFY(pool);
        QHash<DiscrepancyCategory, QList<PoolDiscrepancy>> byCategory;
        for (const PoolDiscrepancy &discrepancy : std::as_const(*pool)) {
            QCOMPARE(discrepancy.status, DiscrepancyStatus::Open);
            if (discrepancy.type == RecordType::Payment)
                byCategory[discrepancy.category] << discrepancy;
        }
        const QList<std::pair<DiscrepancyCategory, qsizetype>> expected{
            {DiscrepancyCategory::ChannelOnly, 2},    {DiscrepancyCategory::PlatformOnly, 1},
            {DiscrepancyCategory::AmountMismatch, 1}, {DiscrepancyCategory::StatusMismatch, 1},
            {DiscrepancyCategory::FeeMismatch, 1},    {DiscrepancyCategory::DuplicateInStatement, 1}};
        for (const auto &[category, count] : expected)
            QVERIFY2(byCategory.value(category).size() == count,
                     qPrintable(ReconciliationNames::category(category) +
                                QStringLiteral(": %1").arg(byCategory.value(category).size())));
        QCOMPARE(byCategory.size(), expected.size());

        // Each where the demo planted it, in its channel's format.
        auto accountOf = [&](DiscrepancyCategory category, int i = 0) {
            return nameOf(core, actor, byCategory.value(category).at(i).channelAccountId);
        };
        QCOMPARE(accountOf(DiscrepancyCategory::AmountMismatch), QStringLiteral("ali_shared01"));
        QCOMPARE(accountOf(DiscrepancyCategory::FeeMismatch), QStringLiteral("up_shared01"));
        QCOMPARE(accountOf(DiscrepancyCategory::PlatformOnly), QStringLiteral("up_shared01"));
        QCOMPARE(accountOf(DiscrepancyCategory::StatusMismatch), QStringLiteral("wx_shared01"));
        QCOMPARE(accountOf(DiscrepancyCategory::DuplicateInStatement), QStringLiteral("wx_shared01"));
        const ReconciliationItem amount = byCategory.value(DiscrepancyCategory::AmountMismatch).first().item;
        QCOMPARE(*amount.channelAmount - *amount.platformAmount, qint64(100));
        const ReconciliationItem fee = byCategory.value(DiscrepancyCategory::FeeMismatch).first().item;
        QCOMPARE(*fee.channelFee - *fee.platformFee, qint64(1));
        const ReconciliationItem status = byCategory.value(DiscrepancyCategory::StatusMismatch).first().item;
        QCOMPARE(*status.channelStatus, StatementLineStatus::Revoked);
        QCOMPARE(*status.platformStatus, PlatformStatus::Succeeded);
        QVERIFY(!byCategory.value(DiscrepancyCategory::PlatformOnly).first().item.hasChannelSide());

        // channel_only: our order still paying (the callback never came), and one nobody placed.
        int missedCallbacks = 0;
        int strangers = 0;
        for (const PoolDiscrepancy &channelOnly : byCategory.value(DiscrepancyCategory::ChannelOnly)) {
            if (channelOnly.item.hasPlatformSide()) {
                ++missedCallbacks;
                QCOMPARE(*channelOnly.item.platformStatus, PlatformStatus::Pending);
                QCOMPARE(nameOf(core, actor, channelOnly.channelAccountId), QStringLiteral("wx_shared01"));
                auto order = core.payments().find(channelOnly.orderNo);
                QVERIFY(order);
                QCOMPARE(order->status, PaymentStatus::Paying);
                QCOMPARE(*channelOnly.item.channelAmount, order->amount.minor());
            } else {
                ++strangers;
                QCOMPARE(channelOnly.merchantId, qint64(0));
                QCOMPARE(nameOf(core, actor, channelOnly.channelAccountId), QStringLiteral("ali_shared01"));
            }
        }
        QCOMPARE(missedCallbacks, 1);
        QCOMPARE(strangers, 1);

        // The payment of 23:55 waits for the next day's bill: carried over, not in the pool.
        int carried = 0;
        for (const ReconciliationRun &run : std::as_const(*runs)) {
            if (run.billDate != planted)
                continue;
            auto items = core.reconciliation().items(actor, run.id, 0, 1000);
            QVERIFY(items);
            for (const ReconciliationItem &item : std::as_const(*items)) {
                if (item.category != DiscrepancyCategory::CarriedOver || item.type != RecordType::Payment)
                    continue;
                ++carried;
                QCOMPARE(nameOf(core, actor, run.channelAccountId), QStringLiteral("wx_shared01"));
                QVERIFY(item.hasPlatformSide());
                QVERIFY(!item.hasChannelSide());
                QCOMPARE(item.platformTime.toTimeZone(Clock::platformTimeZone()).time(), QTime(23, 55));
            }
        }
        QCOMPARE(carried, 1);
    }
};

QTEST_GUILESS_MAIN(TestDemoReconciliation)
#include "tst_demoreconciliation.moc"
