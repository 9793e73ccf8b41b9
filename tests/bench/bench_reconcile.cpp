// Reconciliation matcher benchmark. Generates both sides of a synthetic day in memory (no files,
// no parsing: bench_statement measures parsing), matches them, and prints records/s, elapsed
// time, peak RSS (VmHWM) and what was found. Beside it, measured in the same run, a yardstick:
// the same two sides written as CSV and joined by the sqlite3 shell (import both, index the keys,
// a FULL OUTER JOIN emulated with LEFT JOIN … UNION ALL … LEFT JOIN … IS NULL), and the ratio.
// It prints figures and never fails by time.
//
//   bench_reconcile [--lines 1000000] [--budget-mib 256] [--threads 2] [--spill-dir DIR] [--no-sqlite] [--dir DIR]
#include "core/reconciliation/ReconciliationMatcher.h"
#include "tests/bench/ProcessCpu.h"
#include "tests/bench/SqliteJoinYardstick.h"
#include "tests/bench/SyntheticReconciliationDay.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMap>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <optional>

using namespace paydesk;
using namespace paydesk::bench;
using paydesk::test::cpuSeconds;
using paydesk::test::peakRssKb;

namespace {
double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

QString perSecond(qint64 count, double elapsed)
{
    return QString::number(double(count) / elapsed / 1e6, 'f', 2) + QStringLiteral(" M/s");
}

struct MatchRun
{
    QString error;
    std::optional<ReconciliationSummary> summary;
    QMap<QString, qint64> emitted; // discrepancies by category name
    double elapsed = 0;            // feeding and finishing
    double feeding = 0;            // generating and adding the records (spilling them included)
    double cpu = 0;
    double feedingCpu = 0;
    qint64 records = 0;
};

MatchRun runMatcher(qint64 transactions, qint64 budgetBytes, int threads, const QString &spillDirectory)
{
    MatchRun run;
    SyntheticReconciliationDay day(transactions);
    ReconciliationOptions options;
    options.businessDate = SyntheticReconciliationDay::businessDate();
    options.timeZone = QTimeZone("Asia/Shanghai");
    options.memoryBudgetBytes = budgetBytes;
    options.matchThreads = threads;
    options.spillDirectory = spillDirectory;
    options.expectedRecords = 2 * transactions; // a caller knows its row count and the file's size
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = cpuSeconds();
    ReconciliationMatcher matcher(options);
    Status fed;
    day.forEachLine([&](const ChannelRecord &line) {
        ++run.records;
        fed = matcher.addChannel(line);
        return fed.ok();
    });
    if (fed) {
        day.forEachRecord([&](const PlatformRecord &record) {
            ++run.records;
            fed = matcher.addPlatform(record);
            return fed.ok();
        });
    }
    if (!fed) {
        run.error = fed.error().message();
        return run;
    }
    run.feeding = seconds(timer);
    run.feedingCpu = cpuSeconds() - cpuBefore;
    auto summary = matcher.finish([&run](const Discrepancy &discrepancy) {
        ++run.emitted[ReconciliationNames::category(discrepancy.category)];
        return true;
    });
    run.elapsed = seconds(timer);
    run.cpu = cpuSeconds() - cpuBefore;
    if (!summary)
        run.error = summary.error().message();
    else
        run.summary = *summary;
    return run;
}

// The generator alone, so that its share of the matcher's time is known.
double generationSeconds(qint64 transactions)
{
    SyntheticReconciliationDay day(transactions);
    qint64 sum = 0;
    QElapsedTimer timer;
    timer.start();
    day.forEachLine([&sum](const ChannelRecord &line) {
        sum += line.amount.minor();
        return true;
    });
    day.forEachRecord([&sum](const PlatformRecord &record) {
        sum -= record.amount.minor();
        return true;
    });
    return sum == -1 ? 0 : seconds(timer); // `sum` keeps the loops from being optimised away
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("lines"), QStringLiteral("Transactions a side."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("budget-mib"), QStringLiteral("The matcher's memory budget."),
                      QStringLiteral("mib"), QStringLiteral("256")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Partitions matched at once."), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("spill-dir"),
                      QStringLiteral("Where the matcher spills (default: the system's temporary directory)."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("no-sqlite"), QStringLiteral("Skip the sqlite3 yardstick.")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Directory for the CSV files and the database."),
                      QStringLiteral("dir")});
    parser.process(app);
    QTextStream out(stdout);
    const qint64 transactions = parser.value(QStringLiteral("lines")).toLongLong();
    const qint64 budget = parser.value(QStringLiteral("budget-mib")).toLongLong() << 20;

    out << "bench_reconcile: " << transactions << " transactions a side, 0.1 % planted per kind, budget "
        << (budget >> 20) << " MiB, " << parser.value(QStringLiteral("threads")) << " matching threads" << Qt::endl;
    const double generation = generationSeconds(transactions);
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    const MatchRun run = runMatcher(transactions, budget, threads, parser.value(QStringLiteral("spill-dir")));
    if (!run.summary) {
        out << "matcher failed: " << run.error << Qt::endl;
        return 1;
    }
    const qint64 rssKb = peakRssKb();
    const ReconciliationSummary &summary = *run.summary;
    out << QStringLiteral("matcher: %1 records (both sides) in %2 s: %3 (CPU %10 s); feeding them %4 s (CPU %11 s; "
                          "generating them %5 s of it), finishing %6 s\n  peak RSS %7 MiB, %8 partitions, %9 MiB "
                          "spilled\n")
               .arg(run.records)
               .arg(run.elapsed, 0, 'f', 2)
               .arg(perSecond(run.records, run.elapsed))
               .arg(run.feeding, 0, 'f', 2)
               .arg(generation, 0, 'f', 2)
               .arg(run.elapsed - run.feeding, 0, 'f', 2)
               .arg(double(rssKb) / 1024, 0, 'f', 0)
               .arg(summary.partitions)
               .arg(double(summary.spilledBytes) / (1 << 20), 0, 'f', 0)
               .arg(run.cpu, 0, 'f', 2)
               .arg(run.feedingCpu, 0, 'f', 2);
    out << "  matched " << summary.of(DiscrepancyCategory::Matched, RecordType::Payment).count << " payments, "
        << summary.of(DiscrepancyCategory::Matched, RecordType::Refund).count << " refunds; emitted";
    for (auto it = run.emitted.cbegin(); it != run.emitted.cend(); ++it)
        out << ' ' << it.key() << ' ' << it.value();
    out << Qt::endl;
    if (parser.isSet(QStringLiteral("no-sqlite")))
        return 0;
    std::optional<QTemporaryDir> temporary;
    if (!parser.isSet(QStringLiteral("dir")))
        temporary.emplace();
    const QString dir = temporary ? temporary->path() : parser.value(QStringLiteral("dir"));
    const SqliteJoinYardstick yardstick = SqliteJoinYardstick::measure(transactions, dir, budget >> 10);
    if (!yardstick.error.isEmpty()) {
        out << yardstick.error << Qt::endl;
        return 1;
    }
    out << QStringLiteral("sqlite3 yardstick: import, index and join in %1 s: %2 (CPU %4 s; CSV written in %3 s, "
                          "not counted)\n")
               .arg(yardstick.seconds, 0, 'f', 2)
               .arg(perSecond(run.records, yardstick.seconds))
               .arg(yardstick.csvSeconds, 0, 'f', 2)
               .arg(yardstick.cpu, 0, 'f', 2);
    out << "  " << yardstick.counts << Qt::endl;
    out << QStringLiteral("ratio sqlite3 / matcher: %1 elapsed, %2 CPU")
               .arg(yardstick.seconds / run.elapsed, 0, 'f', 1)
               .arg(yardstick.cpu / run.cpu, 0, 'f', 1)
        << Qt::endl;
    return 0;
}
