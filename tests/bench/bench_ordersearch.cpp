// Order search benchmark (issue 7) on a database of millions of orders: any-id look-ups by
// every id kind, then the first page of random filter combinations, each beside the same query
// read by a full scan of the table without its indexes, and the counts the panel shows.
// An empty database is first given the demo platform and --orders imported orders (kept, so
// the next run measures at once).
//
//   bench_ordersearch --database URL [--orders 10000000] [--queries 100] [--full-scans 20]
#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/payment/OrderImport.h"
#include "core/payment/search/OrderSearch.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"
#include "demo/DemoOrders.h"
#include "demo/DemoSetup.h"
#include "tests/bench/BenchDatabase.h"
#include "tests/bench/BenchPlatform.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace paydesk;

namespace {

QTextStream out(stdout);

struct Anchor
{
    QString orderNo, merchantOrderNo, channelTransactionId, payerId, merchantNo, appId, account, channel, method,
        status;
    qint64 amount = 0;
    qint64 createdAt = 0;
    qint64 paidAt = 0;
    bool refunded = false;
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype at = qMin(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(at);
}

QString summary(const QList<double> &ms)
{
    return QStringLiteral("p50 %1 ms  p95 %2 ms  max %3 ms")
        .arg(percentile(ms, 0.5), 0, 'f', 2)
        .arg(percentile(ms, 0.95), 0, 'f', 2)
        .arg(percentile(ms, 1.0), 0, 'f', 2);
}

bool prepare(PaydeskCore &core, qint64 orders)
{
    if (!bench::ensureDemoPlatform(core, out))
        return false;
    const QSqlDatabase db = core.database().connection().value();
    const qint64 have = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM payment_order"))->toLongLong();
    if (have >= orders || have > 0) {
        if (have < orders)
            out << "the database has " << have << " orders (not " << orders << "); measuring those" << Qt::endl;
        return true;
    }
    QTemporaryDir files(QDir::tempPath() + QStringLiteral("/bench_ordersearch-XXXXXX"));
    const QString path = files.filePath(QStringLiteral("orders.csv"));
    {
        QFile csv(path);
        if (!csv.open(QIODevice::WriteOnly))
            return false;
        DemoOrders::Options options;
        options.orders = orders;
        options.days = 90;
        auto written = DemoOrders::write(core.database(), core.fees(), csv, options);
        if (!written) {
            out << written.error().message() << Qt::endl;
            return false;
        }
    }
    const Actor finance =
        core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {})->actor;
    OrderImport importer(core.database(), core.clock(), core.audit(), core.fees());
    QElapsedTimer timer;
    timer.start();
    auto imported = importer.run(finance, path);
    if (!imported) {
        out << imported.error().message().left(2000) << Qt::endl;
        return false;
    }
    out << "imported " << imported->orders << " orders and " << imported->refunds << " refunds in "
        << QString::number(timer.elapsed() / 1000.0, 'f', 0) << " s" << Qt::endl;
    return true;
}

QList<Anchor> sampleOrders(PaydeskCore &core, int n, QRandomGenerator &random)
{
    const QSqlDatabase db = core.database().connection().value();
    const qint64 maxId = Sql::scalar(db, QStringLiteral("SELECT max(id) FROM payment_order"))->toLongLong();
    QList<Anchor> anchors;
    while (anchors.size() < n) {
        auto q =
            Sql::run(db,
                     QStringLiteral(
                         "SELECT o.order_no, o.merchant_order_no, o.channel_transaction_id, o.payer_id, m.merchant_no, "
                         "a.app_id, ca.name, ca.channel, o.method, o.status, o.amount, o.created_at, "
                         "coalesce(o.paid_at, 0), EXISTS (SELECT 1 FROM payment_refund r WHERE r.order_id = o.id) "
                         "FROM payment_order o JOIN merchant m ON m.id = o.merchant_id "
                         "JOIN application a ON a.id = o.application_id "
                         "JOIN channel_account ca ON ca.id = o.channel_account_id WHERE o.id = ?"),
                     {1 + qint64(random.bounded(quint64(maxId)))});
        if (!q || !q->next())
            continue;
        Anchor a;
        int c = 0;
        for (QString *text : {&a.orderNo, &a.merchantOrderNo, &a.channelTransactionId, &a.payerId, &a.merchantNo,
                              &a.appId, &a.account, &a.channel, &a.method, &a.status})
            *text = q->value(c++).toString();
        a.amount = q->value(c++).toLongLong();
        a.createdAt = q->value(c++).toLongLong();
        a.paidAt = q->value(c++).toLongLong();
        a.refunded = q->value(c++).toBool();
        anchors << a;
    }
    return anchors;
}

QStringList sampleRefundIds(PaydeskCore &core, int n, QRandomGenerator &random)
{
    const QSqlDatabase db = core.database().connection().value();
    const qint64 maxId =
        Sql::scalar(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM payment_refund"))->toLongLong();
    QStringList ids;
    for (int tries = 0; maxId > 0 && ids.size() < n && tries < n * 10; ++tries) {
        auto q = Sql::run(
            db,
            QStringLiteral("SELECT refund_no, merchant_refund_no, channel_refund_id FROM payment_refund WHERE id = ?"),
            {1 + qint64(random.bounded(quint64(maxId)))});
        if (q && q->next())
            ids << q->value(ids.size() % 3).toString();
    }
    ids.removeAll(QString());
    return ids;
}

// Like a support call: some of the facts of a real order, each filter on with some chance.
OrderFilter filterFrom(const Anchor &a, QRandomGenerator &random)
{
    auto pick = [&](int percent) { return int(random.bounded(100)) < percent; };
    OrderFilter f;
    do {
        if (pick(35))
            f.merchantNo = a.merchantNo;
        if (pick(10))
            f.appId = a.appId;
        if (pick(20)) {
            ChannelKind kind;
            ChannelNames::channelFromName(a.channel, &kind);
            f.channel = kind;
        }
        if (pick(10))
            f.channelAccount = a.account;
        if (pick(20)) {
            PayMethod method;
            ChannelNames::methodFromName(a.method, &method);
            f.method = method;
        }
        if (pick(35)) {
            PaymentStatus status;
            PaymentStates::fromName(pick(85) ? a.status : QStringLiteral("failed"), &status);
            f.status = status;
        }
        if (pick(25)) {
            f.minAmount = qMax<qint64>(0, a.amount - qint64(random.bounded(5000)));
            f.maxAmount = a.amount + qint64(random.bounded(5000));
        } else if (pick(10)) {
            f.minAmount = a.amount;
            f.maxAmount = a.amount;
        }
        const QDate day = QDateTime::fromMSecsSinceEpoch(a.createdAt, Clock::platformTimeZone()).date();
        if (pick(40)) {
            f.createdFrom = day.addDays(-qint64(random.bounded(7)));
            f.createdTo = day.addDays(qint64(random.bounded(3)));
        }
        if (a.paidAt > 0 && pick(10)) {
            f.paidFrom = QDateTime::fromMSecsSinceEpoch(a.paidAt, Clock::platformTimeZone()).date();
            f.paidTo = f.paidFrom;
        }
        if (pick(15))
            f.hasRefund = a.refunded;
    } while (f.isEmpty());
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Order search benchmark."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"), QStringLiteral("database URL (sqlite:PATH or postgresql://…)"),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("orders"), QStringLiteral("orders to import into an empty database"),
                      QStringLiteral("n"), QStringLiteral("10000000")});
    parser.addOption({QStringLiteral("queries"), QStringLiteral("random filter combinations"), QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption({QStringLiteral("full-scans"), QStringLiteral("of those, how many are also read by a full scan"),
                      QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("n"), QStringLiteral("7")});
    parser.process(app);
    const std::shared_ptr<Database> database = bench::openDatabase(parser.value(QStringLiteral("database")), out);
    if (!database)
        return 1;
    PaydeskCore core(database, SystemClock::instance());
    if (!prepare(core, parser.value(QStringLiteral("orders")).toLongLong()))
        return 1;
    const Actor support =
        core.operators().authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {})->actor;
    OrderSearch &search = core.orderSearch();
    const qint64 orders =
        Sql::scalar(database->connection().value(), QStringLiteral("SELECT count(*) FROM payment_order"))->toLongLong();
    out << "order search, " << database->url().toDisplayString() << ", " << orders << " orders" << Qt::endl;

    QRandomGenerator random(parser.value(QStringLiteral("seed")).toUInt());
    const int queries = parser.value(QStringLiteral("queries")).toInt();
    const QList<Anchor> anchors = sampleOrders(core, qMax(queries, 50), random);

    // Any id: each kind a caller may read out.
    QList<std::pair<QString, QString>> ids; // kind, id
    for (const Anchor &a : anchors) {
        ids << std::pair{QStringLiteral("order_no"), a.orderNo}
            << std::pair{QStringLiteral("merchant_order_no"), a.merchantOrderNo};
        if (!a.channelTransactionId.isEmpty())
            ids << std::pair{QStringLiteral("channel_transaction_id"), a.channelTransactionId};
        if (!a.payerId.isEmpty())
            ids << std::pair{QStringLiteral("payer_id"), a.payerId};
    }
    for (const QString &refundId : sampleRefundIds(core, 150, random))
        ids << std::pair{QStringLiteral("refund id"), refundId};
    ids << std::pair{QStringLiteral("unknown"), QStringLiteral("NO-SUCH-ID-0000")};
    QList<double> lookupMs;
    int misses = 0;
    for (const auto &[kind, id] : ids) {
        OrderFilter f;
        f.anyId = id;
        QElapsedTimer t;
        t.start();
        auto page = search.page(support, f);
        lookupMs << t.nsecsElapsed() / 1e6;
        if (!page || (page->rows.isEmpty() && kind != QLatin1String("unknown")))
            ++misses;
    }
    out << "any-id look-up (" << ids.size() << " ids of 6 kinds + 1 unknown, " << misses
        << " not found): " << summary(lookupMs) << Qt::endl;

    // First page of random filter combinations, some beside a full scan.
    const int fullScans = parser.value(QStringLiteral("full-scans")).toInt();
    QList<double> pageMs, countMs, scanMs, pairedIndexMs;
    for (int i = 0; i < queries; ++i) {
        const OrderFilter f = filterFrom(anchors.at(i % anchors.size()), random);
        QElapsedTimer t;
        t.start();
        auto page = search.page(support, f);
        const double ms = t.nsecsElapsed() / 1e6;
        if (!page) {
            out << "  failed: " << page.error().message() << Qt::endl;
            return 1;
        }
        pageMs << ms;
        t.restart();
        auto n = search.count(support, f);
        countMs << t.nsecsElapsed() / 1e6;
        QString line = QStringLiteral("  %1 ms  %2 rows of %3  %4")
                           .arg(ms, 7, 'f', 2)
                           .arg(page->rows.size(), 2)
                           .arg(n.value_or(-1), 8)
                           .arg(OrderSearch::describe(f));
        if (i < fullScans) {
            t.restart();
            auto scanned = search.page(support, f, {}, OrderSearch::kDefaultPageSize, OrderSearch::Plan::FullScan);
            const double scan = t.nsecsElapsed() / 1e6;
            if (!scanned || scanned->rows.size() != page->rows.size()) {
                out << "  full scan disagrees: " << OrderSearch::describe(f) << Qt::endl;
                return 1;
            }
            scanMs << scan;
            pairedIndexMs << ms;
            line +=
                QStringLiteral("  | full scan %1 ms (x%2)").arg(scan, 0, 'f', 0).arg(scan / qMax(ms, 0.01), 0, 'f', 0);
        }
        out << line << Qt::endl;
    }
    out << "first page (" << queries << " filter combinations, 50 rows): " << summary(pageMs) << Qt::endl;
    out << "full scan of the same (first " << scanMs.size() << "): " << summary(scanMs) << "; indexed "
        << summary(pairedIndexMs) << "; median ratio x"
        << QString::number(percentile(scanMs, 0.5) / qMax(percentile(pairedIndexMs, 0.5), 0.01), 'f', 0) << Qt::endl;
    out << "count (shown beside the page, off the GUI thread): " << summary(countMs) << Qt::endl;
    return 0;
}
