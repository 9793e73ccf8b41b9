// The /metrics scrape on a database of many orders (issue 16, item 8): the time of
// GatewayMetrics::render() — its gauges read through bounded index ranges — beside the
// GROUP BY over every order that each scrape ran before. Give it a database bench_ordersearch
// has filled (--orders 1000000).
//
//   bench_metrics --database URL [--scrapes 20]
#include "core/gateway/GatewayMetrics.h"
#include "core/storage/Sql.h"
#include "tests/bench/BenchDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <functional>

using namespace paydesk;

namespace {

QTextStream out(stdout);

// Median milliseconds of `runs` calls.
double medianMs(int runs, const std::function<bool()> &call)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!call())
            return -1;
        times << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"), QStringLiteral("database URL (sqlite:PATH or postgresql://…)"),
                      QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("scrapes"), QStringLiteral("scrapes to time"), QStringLiteral("n"), QStringLiteral("20")});
    parser.process(app);
    auto database = bench::openDatabase(parser.value(QStringLiteral("database")), out);
    if (!database)
        return 1;
    const int scrapes = qMax(1, parser.value(QStringLiteral("scrapes")).toInt());
    auto connection = database->connection();
    if (!connection) {
        out << connection.error().message() << Qt::endl;
        return 1;
    }
    const qint64 orders =
        Sql::scalar(*connection, QStringLiteral("SELECT COUNT(*) FROM payment_order")).value_or(0).toLongLong();
    GatewayMetrics metrics;
    qsizetype size = 0;
    const double scrape = medianMs(scrapes, [&] {
        size = metrics.render(*database).size();
        return size > 0;
    });
    const double groupBy = medianMs(scrapes, [&] {
        auto rows = Sql::run(
            *connection, QStringLiteral("SELECT status, COUNT(*) FROM payment_order GROUP BY status ORDER BY status"));
        if (!rows)
            return false;
        while (rows->next()) {
        }
        return true;
    });
    out << "orders in the database: " << orders << Qt::endl;
    out << "scrape (render, bounded gauges): median " << QString::number(scrape, 'f', 2) << " ms, " << size << " bytes"
        << Qt::endl;
    out << "GROUP BY status over every order (the former gauge): median " << QString::number(groupBy, 'f', 2) << " ms"
        << Qt::endl;
    return 0;
}
