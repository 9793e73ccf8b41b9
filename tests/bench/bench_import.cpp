// Bulk order import benchmark (issue 6): a demo platform, then DemoOrders writes N orders with
// their refunds as a CSV, and OrderImport checks and writes them with their ledger entries, all
// in one unit of work. Prints the file's size and orders/s of each pass. The database it leaves
// (with --keep) is what the transaction search benchmarks run on.
//
//   bench_import --backend sqlite|postgresql [--orders 1000000] [--days 30] [--keep PATH]
// PostgreSQL needs PAYDESK_TEST_PG_URL (scripts/bench.sh starts a server).
#include "core/PaydeskCore.h"
#include "core/payment/OrderImport.h"
#include "core/util/Error.h"
#include "demo/DemoOrders.h"
#include "demo/DemoSetup.h"
#include "tests/support/TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

using namespace paydesk;
using namespace paydesk::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Bulk order import benchmark."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"), QStringLiteral("backend"),
                      QStringLiteral("sqlite")});
    parser.addOption(
        {QStringLiteral("orders"), QStringLiteral("orders to import"), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption(
        {QStringLiteral("days"), QStringLiteral("days they spread over"), QStringLiteral("n"), QStringLiteral("30")});
    parser.process(app);
    QTextStream out(stdout);
    const QString backend = parser.value(QStringLiteral("backend"));
    TestDatabase db(backend);
    if (!db.isOpen())
        return 1;
    PaydeskCore core(db.shared(), SystemClock::instance());
    QTemporaryDir sandboxKeys;
    DemoSetup::Options demo;
    demo.ledger.days = 1;
    demo.onboarding.sandboxDirectory = sandboxKeys.path();
    demo.historyOrders = 0;
    auto made = DemoSetup::create(core, demo);
    if (!made) {
        out << made.error().message() << Qt::endl;
        return 1;
    }
    QTemporaryDir files;
    const QString path = files.filePath(QStringLiteral("orders.csv"));
    QFile csv(path);
    if (!csv.open(QIODevice::WriteOnly))
        return 1;
    DemoOrders::Options options;
    options.orders = parser.value(QStringLiteral("orders")).toLongLong();
    options.days = parser.value(QStringLiteral("days")).toInt();
    QElapsedTimer timer;
    timer.start();
    auto written = DemoOrders::write(core.database(), core.fees(), csv, options);
    csv.close();
    if (!written) {
        out << written.error().message() << Qt::endl;
        return 1;
    }
    out << QStringLiteral("generated %1 orders and %2 refunds, %3 MB, in %4 s")
               .arg(written->orders)
               .arg(written->refunds)
               .arg(csv.size() / 1e6, 0, 'f', 0)
               .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 1)
        << Qt::endl;

    const Actor finance =
        core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {})->actor;
    OrderImport importer(core.database(), core.clock(), core.audit(), core.fees());
    auto summary = importer.run(finance, path);
    if (!summary) {
        out << summary.error().message().left(2000) << Qt::endl;
        return 1;
    }
    const double seconds = summary->checkSeconds + summary->writeSeconds;
    out << QStringLiteral(
               "import, %1: %2 orders + %3 refunds, %4 ledger entries in %5 s (check %6 s, write %7 s): %8 orders/s")
               .arg(backend)
               .arg(summary->orders)
               .arg(summary->refunds)
               .arg(summary->entries)
               .arg(seconds, 0, 'f', 1)
               .arg(summary->checkSeconds, 0, 'f', 1)
               .arg(summary->writeSeconds, 0, 'f', 1)
               .arg(summary->orders / seconds, 0, 'f', 0)
        << Qt::endl;
    return 0;
}
