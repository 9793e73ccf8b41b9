#include "tests/reconciliation/ReconcileTestSupport.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace paydesk;
using namespace paydesk::reconciletest;

using Category = DiscrepancyCategory;

namespace {
struct Day
{
    QList<ChannelRecord> lines;
    QList<PlatformRecord> records;
};

// One transaction's two sides, spoilt the way `roll` (0–99) says: about 5 % each of every way the
// sides can disagree, the rest agreeing.
void addTransaction(Day &day, ChannelRecord line, PlatformRecord record, int roll, QRandomGenerator &random)
{
    const QTime late(23, 50 + int(random.bounded(10)), int(random.bounded(60)));
    if (roll < 5) {
        day.lines << line;
        return;
    }
    if (roll < 10) {
        day.records << record;
        return;
    }
    if (roll < 15)
        record.amount = cny(record.amount.minor() + 1);
    else if (roll < 20)
        record.channelFee = cny(record.channelFee.minor() + 1);
    else if (roll < 25)
        line.status = line.type == RecordType::Payment ? StatementLineStatus::Revoked : StatementLineStatus::Closed;
    else if (roll < 30)
        record.status = PlatformStatus::Pending;
    else if (roll < 35)
        record.channelTransactionId.clear(); // a missed callback, paid by a query
    else if (roll < 40)
        day.lines << line; // listed twice
    if (roll >= 40 && roll < 45) {
        line.tradeTime = shanghai(businessDay(), late);
        line.carried = random.bounded(2) == 0;
        day.lines << line;
        return;
    }
    if (roll >= 45 && roll < 50) {
        record.time = shanghai(businessDay(), late);
        record.carried = random.bounded(2) == 0;
        day.records << record;
        return;
    }
    day.lines << line;
    day.records << record;
}

// Orders with a payment and up to three refunds each, both sides shuffled.
Day randomDay(quint32 seed, int orders)
{
    QRandomGenerator random(seed);
    Day day;
    qint64 rowId = 0;
    for (int order = 0; order < orders; ++order) {
        const QString orderNo = QStringLiteral("P%1").arg(order);
        const qint64 amount = 100 + random.bounded(100000);
        addTransaction(day, paymentLine(orderNo, QStringLiteral("T%1").arg(order), amount, amount / 200),
                       paidRecord(++rowId, orderNo, QStringLiteral("T%1").arg(order), amount, amount / 200),
                       int(random.bounded(100)), random);
        const int refunds = int(random.bounded(4));
        for (int refund = 0; refund < refunds; ++refund) {
            const QString refundNo = QStringLiteral("R%1-%2").arg(order).arg(refund);
            const QString channelRefundNo = QStringLiteral("C%1-%2").arg(order).arg(refund);
            const qint64 part = 1 + random.bounded(amount / 4);
            addTransaction(day, refundLine(orderNo, refundNo, channelRefundNo, part, part / 200),
                           refundRecord(++rowId, orderNo, refundNo, channelRefundNo, part, part / 200),
                           int(random.bounded(100)), random);
        }
    }
    for (qsizetype i = 0; i < day.lines.size(); ++i)
        day.lines[i].lineNumber = i + 2;
    std::shuffle(day.lines.begin(), day.lines.end(), random);
    std::shuffle(day.records.begin(), day.records.end(), random);
    return day;
}

QStringList sortedDescriptions(const Run &run)
{
    QStringList descriptions;
    for (const Discrepancy &discrepancy : run.discrepancies)
        descriptions << describe(discrepancy);
    descriptions.sort();
    return descriptions;
}

ReconciliationOptions budgeted(qint64 budgetBytes, const QString &spillDirectory = {})
{
    ReconciliationOptions options = dayOptions();
    options.memoryBudgetBytes = budgetBytes;
    options.spillDirectory = spillDirectory;
    return options;
}

QList<ChannelRecord> channelOnlyLines(int count)
{
    QList<ChannelRecord> lines;
    for (int i = 0; i < count; ++i)
        lines << paymentLine(QStringLiteral("P%1").arg(i), QStringLiteral("T%1").arg(i), 100);
    return lines;
}
} // namespace

// Memory and files: however many partitions a budget forces, the match finds the same; the
// temporary files go away; cancelling stops it cleanly.
class TestReconcilePartitions : public QObject
{
    Q_OBJECT

private slots:
    void partitionsDoNotChangeTheResult_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("orders");
        QTest::newRow("seed 1") << 1u << 3000;
        QTest::newRow("seed 20261102") << 20261102u << 3000;
        QTest::newRow("seed 7, small") << 7u << 400;
    }
    void partitionsDoNotChangeTheResult()
    {
        QFETCH(quint32, seed);
        QFETCH(int, orders);
        const Day day = randomDay(seed, orders);
        const Run inMemory = reconcile(day.lines, day.records);
        QVERIFY2(inMemory.summary, qPrintable(inMemory.summary.error().message()));
        QCOMPARE(inMemory.summary->partitions, 1);
        QCOMPARE(inMemory.summary->spilledBytes, 0);
        // Every category happens, for payments and for refunds: the comparison means something.
        for (int category = 0; category < kDiscrepancyCategoryCount; ++category) {
            QVERIFY(inMemory.count(Category(category), RecordType::Payment) > 0);
            QVERIFY(inMemory.count(Category(category), RecordType::Refund) > 0);
        }
        QCOMPARE(inMemory.discrepancies.size(), inMemory.summary->discrepancyCount());

        QTemporaryDir spillDirectory;
        QVERIFY(spillDirectory.isValid());
        // Tiny budgets: many partitions, most split again; one, two and three matching threads.
        ReconciliationOptions oneThread = budgeted(4 << 10, spillDirectory.path());
        oneThread.matchThreads = 1;
        ReconciliationOptions hinted = budgeted(16 << 10, spillDirectory.path());
        hinted.expectedRecords = day.lines.size() + day.records.size();
        hinted.matchThreads = 3;
        for (const ReconciliationOptions &options : {oneThread, budgeted(4 << 10, spillDirectory.path()), hinted}) {
            const Run spilled = reconcile(day.lines, day.records, options);
            QVERIFY2(spilled.summary, qPrintable(spilled.summary.error().message()));
            QVERIFY(spilled.summary->partitions > 8);
            QVERIFY(spilled.summary->spilledBytes > 0);
            QVERIFY(sameFigures(*spilled.summary, *inMemory.summary));
            QCOMPARE(sortedDescriptions(spilled), sortedDescriptions(inMemory));
            QVERIFY(QDir(spillDirectory.path()).isEmpty()); // every temporary file removed
        }
    }

    void oneLargeOrderStillMatches()
    {
        // Hundreds of refunds of one order cannot be spread by order number: that partition is
        // matched whole, above the budget.
        Day day;
        day.lines << paymentLine("BIG", "T-BIG", 1000000);
        day.records << paidRecord(1, "BIG", "T-BIG", 1000000);
        for (int i = 0; i < 600; ++i) {
            const QString refundNo = QStringLiteral("R%1").arg(i);
            day.lines << refundLine("BIG", refundNo, QStringLiteral("C%1").arg(i), 10 + i % 3);
            day.records << refundRecord(i + 2, "BIG", refundNo, QString(), 10);
        }
        day.lines += channelOnlyLines(300);
        const Run inMemory = reconcile(day.lines, day.records);
        const Run spilled = reconcile(day.lines, day.records, budgeted(4 << 10));
        QVERIFY2(spilled.summary, qPrintable(spilled.summary.error().message()));
        QVERIFY(spilled.summary->partitions > 1);
        QCOMPARE(spilled.count(Category::Matched, RecordType::Refund), 200);
        QCOMPARE(spilled.count(Category::AmountMismatch, RecordType::Refund), 400);
        QVERIFY(sameFigures(*spilled.summary, *inMemory.summary));
        QCOMPARE(sortedDescriptions(spilled), sortedDescriptions(inMemory));
    }

    void handlerStopsTheMatch()
    {
        ReconciliationMatcher matcher(dayOptions());
        for (const ChannelRecord &line : channelOnlyLines(10))
            QVERIFY(matcher.addChannel(line));
        int delivered = 0;
        const auto summary = matcher.finish([&delivered](const Discrepancy &) { return ++delivered < 3; });
        QCOMPARE(summary.error().code(), ErrorCode::Cancelled);
        QCOMPARE(delivered, 3);
    }

    void cancelWhileMatching_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::newRow("in memory") << (qint64(256) << 20);
        QTest::newRow("partitioned") << (qint64(16) << 10);
    }
    void cancelWhileMatching()
    {
        QFETCH(qint64, budget);
        QTemporaryDir spillDirectory;
        std::atomic<bool> cancel{false};
        ReconciliationOptions options = budgeted(budget, spillDirectory.path());
        options.cancel = &cancel;
        const int lines = 5000;
        int delivered = 0;
        {
            ReconciliationMatcher matcher(options);
            for (const ChannelRecord &line : channelOnlyLines(lines))
                QVERIFY(matcher.addChannel(line));
            const auto summary = matcher.finish([&](const Discrepancy &) {
                ++delivered;
                cancel = true; // as another thread would, mid-way
                return true;
            });
            QCOMPARE(summary.error().code(), ErrorCode::Cancelled);
            QCOMPARE(matcher.addChannel(paymentLine("P1", "T1", 1)).error().code(), ErrorCode::Cancelled);
        }
        QVERIFY(delivered >= 1);
        QVERIFY2(delivered < lines / 2, qPrintable(QString::number(delivered)));
        QVERIFY(QDir(spillDirectory.path()).isEmpty());
    }

    void cancelWhileFeeding()
    {
        std::atomic<bool> cancel{false};
        ReconciliationOptions options = dayOptions();
        options.cancel = &cancel;
        ReconciliationMatcher matcher(options);
        QVERIFY(matcher.addChannel(paymentLine("P1", "T1", 1)));
        cancel = true;
        QCOMPARE(matcher.addPlatform(paidRecord(1, "P1", "T1", 1)).error().code(), ErrorCode::Cancelled);
        QCOMPARE(matcher.finish([](const Discrepancy &) { return true; }).error().code(), ErrorCode::Cancelled);
    }

    void spillFilesLeaveNothingBehind()
    {
        // Linux may keep the files unnamed (O_TMPFILE); whatever the system, none outlives the match,
        // finished or abandoned.
        QTemporaryDir spillDirectory;
        {
            ReconciliationMatcher abandoned(budgeted(16 << 10, spillDirectory.path()));
            for (const ChannelRecord &line : channelOnlyLines(1000))
                QVERIFY(abandoned.addChannel(line));
        }
        QVERIFY(QDir(spillDirectory.path()).isEmpty());
        const Run run = reconcile(channelOnlyLines(1000), {}, budgeted(16 << 10, spillDirectory.path()));
        QVERIFY(run.summary);
        QVERIFY(run.summary->spilledBytes > 0);
        QCOMPARE(run.count(Category::ChannelOnly), 1000);
        QVERIFY(QDir(spillDirectory.path()).isEmpty());
    }

    void unwritableSpillDirectory()
    {
        QTemporaryDir parent;
        ReconciliationMatcher matcher(budgeted(16 << 10, parent.filePath(QStringLiteral("missing"))));
        Status added;
        for (const ChannelRecord &line : channelOnlyLines(1000)) {
            added = matcher.addChannel(line);
            if (!added)
                break;
        }
        QCOMPARE(added.error().code(), ErrorCode::FileUnwritable);
    }
};

QTEST_GUILESS_MAIN(TestReconcilePartitions)
#include "tst_reconcilepartitions.moc"
