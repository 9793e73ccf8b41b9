// Reconciliation end to end (issue 18's benchmark): one WeChat Pay channel account and one bill
// date, N orders (SyntheticReconciliationDay, 0.1 % planted per kind) in the database and the
// account's N-line WeChat ALL bill, reconciled by ReconciliationService::run as `paydesk-cli
// reconcile run --file` does: keep the file (zstd + SHA-256), parse and check every line, stream
// our side out of the database, match, write items, pool and summary. The run happens in a child
// process of its own, so that its peak RSS is the run's; the time of each phase comes from the
// run's progress callbacks. Then the run's floors (RunFloors: keeping, parsing and reading our
// side, each alone) and what they add up to on two cores; and, in the same run, the sqlite3
// yardstick (the same two sides as CSV, imported and joined by the sqlite3 shell) and the ratio.
// It prints figures and never fails by time.
//
// The orders and the bill are made once: with --dir and a file database a second run measures at
// once (the runs of the account are removed before each measurement).
//
//   bench_reconcilerun --database URL [--lines 1000000] [--budget-mib 256] [--dir DIR] [--no-sqlite]
//   bench_reconcilerun --measure --database URL --file BILL   (the child: one run, one JSON line)
#include "core/PaydeskCore.h"
#include "core/reconciliation/ReconciliationService.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "core/util/Clock.h"
#include "demo/DemoSetup.h"
#include "tests/bench/BenchDatabase.h"
#include "tests/bench/BenchPlatform.h"
#include "tests/bench/ProcessCpu.h"
#include "tests/bench/ReconciliationBenchDay.h"
#include "tests/bench/RunFloors.h"
#include "tests/bench/SqliteJoinYardstick.h"
#include "tests/bench/SyntheticReconciliationDay.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <optional>

using namespace paydesk;
using namespace paydesk::bench;
using paydesk::test::cpuSeconds;
using paydesk::test::peakRssKb;

namespace {

QTextStream out(stdout);

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

const QList<std::pair<ReconciliationPhase, QString>> &phaseNames()
{
    static const QList<std::pair<ReconciliationPhase, QString>> names{
        {ReconciliationPhase::Keeping, QStringLiteral("keep")},
        {ReconciliationPhase::ReadingStatement, QStringLiteral("statement")},
        {ReconciliationPhase::ReadingOurSide, QStringLiteral("our_side")},
        {ReconciliationPhase::Matching, QStringLiteral("match")},
        {ReconciliationPhase::Writing, QStringLiteral("write")}};
    return names;
}

// The child: one run of the account and the synthetic day, its figures as one JSON line.
int measure(const QString &databaseUrl, const QString &bill)
{
    const std::shared_ptr<Database> database = openDatabase(databaseUrl, out);
    if (!database)
        return 1;
    PaydeskCore core(database, SystemClock::instance());
    auto login =
        core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {});
    if (!login) {
        out << login.error().message() << Qt::endl;
        return 1;
    }
    QMap<ReconciliationPhase, double> started;
    QElapsedTimer timer;
    ReconciliationRunRequest request;
    request.channelAccount = ReconciliationBenchDay::kAccount;
    request.billDate = SyntheticReconciliationDay::businessDate();
    request.file = bill;
    request.onProgress = [&](const ReconciliationProgress &progress) {
        if (!started.contains(progress.phase))
            started.insert(progress.phase, seconds(timer));
    };
    const double cpuBefore = cpuSeconds();
    timer.start();
    auto outcome = core.reconciliation().run(login->actor, request);
    const double total = seconds(timer);
    if (!outcome) {
        out << "run failed: " << outcome.error().message() << Qt::endl;
        return 1;
    }
    QJsonObject phases;
    const auto &names = phaseNames();
    for (int i = 0; i < names.size(); ++i) {
        const double end = i + 1 < names.size() ? started.value(names.at(i + 1).first, total) : total;
        phases.insert(names.at(i).second, end - started.value(names.at(i).first, 0));
    }
    QJsonObject counts;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        const auto category = DiscrepancyCategory(c);
        counts.insert(ReconciliationNames::category(category),
                      outcome->summary.of(category, RecordType::Payment).count +
                          outcome->summary.of(category, RecordType::Refund).count);
    }
    const QJsonObject figures{{QStringLiteral("total"), total},
                              {QStringLiteral("cpu"), cpuSeconds() - cpuBefore},
                              {QStringLiteral("peak_rss_kib"), peakRssKb()},
                              {QStringLiteral("phases"), phases},
                              {QStringLiteral("counts"), counts},
                              {QStringLiteral("partitions"), outcome->summary.partitions},
                              {QStringLiteral("spilled_bytes"), outcome->summary.spilledBytes}};
    out << QJsonDocument(figures).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

// The platform, the account's orders and the bill, made when missing. The bill's path, or empty.
QString prepare(PaydeskCore &core, qint64 transactions, const QString &dir)
{
    if (!ensureDemoPlatform(core, out))
        return {};
    Database &database = core.database();
    const QSqlDatabase db = database.connection().value();
    auto account = ReconciliationBenchDay::seedAccount(database);
    auto have = account ? ReconciliationBenchDay::orderCount(database, *account) : Result<qint64>(account.error());
    if (!have) {
        out << have.error().message() << Qt::endl;
        return {};
    }
    if (*have == 0) {
        QElapsedTimer timer;
        timer.start();
        const Status written = ReconciliationBenchDay::writeOrders(database, *account, transactions);
        if (!written) {
            out << "writing the orders failed: " << written.error().message() << Qt::endl;
            return {};
        }
        (void)Sql::exec(db, QStringLiteral("ANALYZE"));
        out << "our side written: " << *ReconciliationBenchDay::orderCount(database, *account) << " orders and their "
            << "refunds in " << QString::number(seconds(timer), 'f', 0) << " s (not counted)" << Qt::endl;
    } else {
        out << "our side: " << *have << " orders of " << ReconciliationBenchDay::kAccount << " already there"
            << Qt::endl;
    }
    const QString bill = QDir(dir).filePath(QStringLiteral("wechat-ALL-%1.csv").arg(transactions));
    if (!QFileInfo::exists(bill)) {
        QElapsedTimer timer;
        timer.start();
        const Status written = ReconciliationBenchDay::writeBill(bill + QStringLiteral(".part"), transactions);
        if (!written || !QFile::rename(bill + QStringLiteral(".part"), bill)) {
            out << "writing the bill failed: " << (written ? QStringLiteral("rename") : written.error().message())
                << Qt::endl;
            return {};
        }
        out << "bill written in " << QString::number(seconds(timer), 'f', 0) << " s (not counted)" << Qt::endl;
    }
    const Status forgotten = ReconciliationBenchDay::forgetRuns(database, *account);
    if (!forgotten) {
        out << forgotten.error().message() << Qt::endl;
        return {};
    }
    return bill;
}

void printRun(const QJsonObject &figures, qint64 billBytes)
{
    const QJsonObject phases = figures.value(QStringLiteral("phases")).toObject();
    const double total = figures.value(QStringLiteral("total")).toDouble();
    const double keep = phases.value(QStringLiteral("keep")).toDouble();
    out << QStringLiteral("run: %1 s end to end (CPU %2 s), peak RSS %3 MiB; without keeping the file %4 s\n")
               .arg(total, 0, 'f', 2)
               .arg(figures.value(QStringLiteral("cpu")).toDouble(), 0, 'f', 2)
               .arg(figures.value(QStringLiteral("peak_rss_kib")).toDouble() / 1024, 0, 'f', 0)
               .arg(total - keep, 0, 'f', 2);
    out << "  phases:";
    for (const auto &[phase, name] : phaseNames())
        out << ' ' << name << ' ' << QString::number(phases.value(name).toDouble(), 'f', 2) << " s";
    out << QStringLiteral("\n  keeping: %1 MiB at %2 MiB/s; %3 partitions, %4 MiB spilled\n")
               .arg(double(billBytes) / (1 << 20), 0, 'f', 0)
               .arg(double(billBytes) / (1 << 20) / qMax(keep, 0.001), 0, 'f', 0)
               .arg(figures.value(QStringLiteral("partitions")).toInt())
               .arg(figures.value(QStringLiteral("spilled_bytes")).toDouble() / (1 << 20), 0, 'f', 0);
    out << "  counts:";
    const QJsonObject counts = figures.value(QStringLiteral("counts")).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        out << ' ' << it.key() << ' ' << it.value().toInteger();
    out << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reconciliation end to end: orders in the database against a bill."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"), QStringLiteral("database URL (sqlite:PATH or postgresql://…)"),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("lines"), QStringLiteral("Transactions of the day."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("budget-mib"), QStringLiteral("The matcher's memory budget (the setting)."),
                      QStringLiteral("mib"), QStringLiteral("256")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Directory for the bill and the yardstick's files."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("no-sqlite"), QStringLiteral("Skip the sqlite3 yardstick.")});
    parser.addOption({QStringLiteral("measure"), QStringLiteral("(internal) Run once and print the figures.")});
    parser.addOption(
        {QStringLiteral("file"), QStringLiteral("(internal) The bill to reconcile."), QStringLiteral("f")});
    parser.process(app);
    const QString url = parser.value(QStringLiteral("database"));
    if (parser.isSet(QStringLiteral("measure")))
        return measure(url, parser.value(QStringLiteral("file")));

    const qint64 transactions = parser.value(QStringLiteral("lines")).toLongLong();
    const qint64 budgetMiB = parser.value(QStringLiteral("budget-mib")).toLongLong();
    std::optional<QTemporaryDir> temporary;
    if (!parser.isSet(QStringLiteral("dir")))
        temporary.emplace();
    const QString dir = temporary ? temporary->path() : parser.value(QStringLiteral("dir"));
    const std::shared_ptr<Database> database = openDatabase(url, out);
    if (!database)
        return 1;
    out << "bench_reconcilerun: " << transactions << " transactions, 0.1 % planted per kind, "
        << database->url().toDisplayString() << ", budget " << budgetMiB << " MiB" << Qt::endl;
    QString bill;
    qint64 accountId = 0;
    {
        PaydeskCore core(database, SystemClock::instance());
        bill = prepare(core, transactions, dir);
        if (bill.isEmpty())
            return 1;
        accountId = ReconciliationBenchDay::seedAccount(*database).value_or(0);
        const Status set =
            core.settings().setValue(ReconciliationService::MemoryBudgetMiBKey, QString::number(budgetMiB));
        if (!set) {
            out << set.error().message() << Qt::endl;
            return 1;
        }
    }
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--measure"), QStringLiteral("--database"), url, QStringLiteral("--file"), bill});
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        out << "the run failed: " << child.readAllStandardOutput() << Qt::endl;
        return 1;
    }
    const QJsonObject figures = QJsonDocument::fromJson(child.readAllStandardOutput().trimmed()).object();
    printRun(figures, QFileInfo(bill).size());
    const double total = figures.value(QStringLiteral("total")).toDouble();
    const RunFloors floors = RunFloors::measure(bill, url, accountId);
    if (!floors.error.isEmpty()) {
        out << "floors: " << floors.error << Qt::endl;
        return 1;
    }
    out << QStringLiteral("floors, each alone: keeping %1 s CPU (OpenSSL SHA-256 + zstd 1, no database), parsing %2 s "
                          "CPU (%3 lines, nothing kept), our paid orders %4 s (%5 rows, the run's query in the "
                          "database's shell)\n  sum %6 s: on 2 cores a run takes at least ~%7 s; this run %8 s is "
                          "%9 times that\n")
               .arg(floors.keep, 0, 'f', 2)
               .arg(floors.parse, 0, 'f', 2)
               .arg(floors.parsedLines)
               .arg(floors.ourSide, 0, 'f', 2)
               .arg(floors.ourRows)
               .arg(floors.sum(), 0, 'f', 2)
               .arg(floors.sum() / 2, 0, 'f', 2)
               .arg(total, 0, 'f', 2)
               .arg(total / (floors.sum() / 2), 0, 'f', 2);
    if (parser.isSet(QStringLiteral("no-sqlite")))
        return 0;
    const SqliteJoinYardstick yardstick = SqliteJoinYardstick::measure(transactions, dir, budgetMiB << 10);
    if (!yardstick.error.isEmpty()) {
        out << yardstick.error << Qt::endl;
        return 1;
    }
    out << QStringLiteral("sqlite3 yardstick: import, index and join in %1 s (CPU %2 s; CSV written in %3 s, not "
                          "counted)\n  %4\n")
               .arg(yardstick.seconds, 0, 'f', 2)
               .arg(yardstick.cpu, 0, 'f', 2)
               .arg(yardstick.csvSeconds, 0, 'f', 2)
               .arg(yardstick.counts);
    out << QStringLiteral("ratio sqlite3 / run: %1 elapsed, %2 CPU")
               .arg(yardstick.seconds / total, 0, 'f', 2)
               .arg(yardstick.cpu / figures.value(QStringLiteral("cpu")).toDouble(), 0, 'f', 2)
        << Qt::endl;
    return 0;
}
