// Gateway benchmark (issue 6): orders created end to end — signed HTTP request → paydeskd's
// GatewayHost (authentication, nonce, idempotency key, routing, fees, order rows) → prepay at the
// sandbox over HTTPS with the channel's real signatures → answer — by a load generator of
// `--connections` applications on loopback, each with one request in flight. Everything runs on
// this machine: generator, gateway, sandbox and database share its cores. Prints orders/s and
// latency percentiles as the application sees them.
//
//   bench_gateway --backend sqlite|postgresql [--seconds 20] [--connections 8] [--threads 4]
//                 [--method wechat.native|alipay.precreate|unionpay.front] [--floor]
// It also prints the CPU time each part took per order (threads of this process by name — the
// gateway's pool, its HTTP server on the main thread, the sandbox, the load generator — and
// PostgreSQL's server processes).
// --floor measures only the channel call each order makes (ChannelFloor: `--connections` threads
// calling the routed channel account's adapter, no gateway, no database): the part of the
// machine's time per order that no gateway can save, against which the full run is read.
// PostgreSQL needs PAYDESK_TEST_PG_URL (scripts/bench.sh starts a server).
#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "server/GatewayHost.h"
#include "tests/bench/ChannelFloor.h"
#include "tests/bench/LoadGenerator.h"
#include "tests/bench/ProcessCpu.h"
#include "tests/channel/support/SandboxFixture.h"
#include "tests/support/TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace paydesk;
using namespace paydesk::test;

namespace {

double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    return sorted.at(qMin(sorted.size() - 1, qsizetype(p * sorted.size())));
}

// Latency percentiles, then where the machine's time went per answered order.
void report(QTextStream &out, QList<double> latencies, int seconds, const CpuSample &opened, const CpuSample &closed)
{
    std::sort(latencies.begin(), latencies.end());
    out << QStringLiteral("  latency ms: p50 %1  p90 %2  p99 %3  max %4")
               .arg(percentile(latencies, 0.50), 0, 'f', 1)
               .arg(percentile(latencies, 0.90), 0, 'f', 1)
               .arg(percentile(latencies, 0.99), 0, 'f', 1)
               .arg(latencies.isEmpty() ? 0 : latencies.last(), 0, 'f', 1)
        << Qt::endl;
    if (latencies.isEmpty())
        return;
    QMap<QString, double> spent = cpuSpent(opened.threadsMs, closed.threadsMs);
    const QMap<QString, double> serverSpent = cpuSpent(opened.processesMs, closed.processesMs);
    for (auto it = serverSpent.cbegin(); it != serverSpent.cend(); ++it)
        spent.insert(it.key() + QStringLiteral(" (server processes)"), it.value());
    const double perOrder = 1.0 / latencies.size();
    double total = 0;
    out << "  CPU ms per order:";
    for (auto it = spent.cbegin(); it != spent.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        total += it.value();
        out << QStringLiteral("  %1 %2").arg(it.key()).arg(it.value() * perOrder, 0, 'f', 3) << ';';
    }
    out << QStringLiteral("  total %1 (of %2 available on %3 cores)")
               .arg(total * perOrder, 0, 'f', 3)
               .arg(QThread::idealThreadCount() * seconds * 1000.0 * perOrder, 0, 'f', 3)
               .arg(QThread::idealThreadCount())
        << Qt::endl;
}

// --floor: the channel call of each order and nothing else, on the channel account the gateway
// would route the benchmark's orders to.
int runFloor(QTextStream &out, PaydeskCore &core, const Merchant &merchant, const QString &methodName, int callers,
             int seconds)
{
    PayMethod method;
    if (!ChannelNames::methodFromName(methodName, &method)) {
        out << "unknown method " << methodName << Qt::endl;
        return 1;
    }
    RouteRequest route;
    route.merchantId = merchant.id;
    route.method = method;
    route.amount = Money::fromMinor(100, merchant.profile.currency);
    route.businessDate = core.clock().businessDate();
    auto decision = core.routing().route(route, *QRandomGenerator::global());
    const Actor caller = Actor::system(QStringLiteral("bench"), {Permission::ChannelView, Permission::ChannelManage},
                                       QStringLiteral("bench"));
    ChannelAccount account;
    auto adapter = decision ? core.channelAccounts().sharedAdapterFor(caller, decision->accountId, &account)
                            : Result<std::shared_ptr<ChannelAdapter>>(decision.error());
    if (!adapter) {
        out << adapter.error().message() << Qt::endl;
        return 1;
    }
    ChannelFloor::Settings floor;
    floor.adapter = *adapter;
    floor.request.method = method;
    floor.request.amount = route.amount;
    floor.request.description = QStringLiteral("bench order");
    floor.request.notifyUrl = account.callbackUrl(QUrl(QStringLiteral("http://127.0.0.1:9/")));
    floor.request.createdAt = core.clock().nowUtc();
    floor.request.expiresAt = floor.request.createdAt.addSecs(3600);
    floor.callers = callers;
    floor.measuredSeconds = seconds;
    const QStringList servers{QStringLiteral("postgres")};
    CpuSample opened;
    CpuSample closed;
    floor.windowOpens = [&] { opened = sampleCpu(servers); };
    floor.windowCloses = [&] { closed = sampleCpu(servers); };
    const ChannelFloor::Result result = ChannelFloor::run(floor);
    out << "channel floor, " << methodName << " on " << account.name << ", " << callers << " callers, " << seconds
        << " s measured" << Qt::endl;
    out << QStringLiteral("  %1 prepays/s (%2 answered in the window)")
               .arg(result.latenciesMs.size() / double(seconds), 0, 'f', 0)
               .arg(result.latenciesMs.size())
        << Qt::endl;
    if (result.failures > 0)
        out << "  failed: " << result.failures << ", first: " << result.firstFailure << Qt::endl;
    report(out, result.latenciesMs, seconds, opened, closed);
    return result.failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Gateway benchmark: orders created end to end against the sandbox."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"), QStringLiteral("backend"),
                      QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("measured seconds (after 3 s of warm-up)"),
                      QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("concurrent applications"), QStringLiteral("n"),
                      QStringLiteral("8")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("gateway worker threads"), QStringLiteral("n"),
                      QStringLiteral("4")});
    parser.addOption({QStringLiteral("method"), QStringLiteral("payment method"), QStringLiteral("name"),
                      QStringLiteral("wechat.native")});
    parser.addOption(
        {QStringLiteral("floor"),
         QStringLiteral("only the channel call of each order, from --connections threads (no gateway, no database)")});
    parser.process(app);
    QTextStream out(stdout);
    const QString backend = parser.value(QStringLiteral("backend"));

    TestDatabase db(backend);
    if (!db.isOpen()) {
        out << "cannot open the " << backend << " database" << Qt::endl;
        return 1;
    }
    // The sandbox on its own thread, with the keys the demo's channel accounts will carry.
    QTemporaryDir state;
    sandbox::Sandbox::Options sandboxOptions;
    sandboxOptions.stateDirectory = state.path();
    SandboxThread sandbox(sandboxOptions);
    if (!sandbox.isRunning()) {
        out << "sandbox: " << sandbox.error() << Qt::endl;
        return 1;
    }
    QFile url(QDir(state.path()).filePath(QStringLiteral("url")));
    if (!url.open(QIODevice::WriteOnly) || url.write(sandbox.baseUrl().toString().toUtf8()) < 0)
        return 1;
    url.close();

    PaydeskCore core(db.shared(), SystemClock::instance());
    DemoSetup::Options demoOptions;
    demoOptions.ledger.days = 1;
    demoOptions.onboarding.merchants = 14;
    demoOptions.onboarding.sandboxDirectory = state.path();
    auto demo = DemoSetup::create(core, demoOptions);
    if (!demo || !demo->onboarding.credentialsProblem.isEmpty()) {
        out << "demo: " << (demo ? demo->onboarding.credentialsProblem : demo.error().message()) << Qt::endl;
        return 1;
    }
    const Actor onboarding =
        core.operators()
            .authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {})
            ->actor;
    const Merchant merchant = core.merchants().findByNo(onboarding, QStringLiteral("M1013")).value();
    ApplicationFilter filter;
    filter.scope = ApplicationFilter::Scope::Merchant;
    filter.merchantId = merchant.id;
    const Application application = core.applications().list(onboarding, filter, 0, 10).value().value(0);
    if (parser.isSet(QStringLiteral("floor")))
        return runFloor(out, core, merchant, parser.value(QStringLiteral("method")),
                        parser.value(QStringLiteral("connections")).toInt(),
                        parser.value(QStringLiteral("seconds")).toInt());
    auto key = core.applications().generateHmacKey(onboarding, application.id);
    if (!key)
        return 1;

    GatewayHost::Options hostOptions;
    hostOptions.port = 0;
    hostOptions.threads = parser.value(QStringLiteral("threads")).toInt();
    hostOptions.sweepSeconds = 0;
    hostOptions.notifications = false;
    GatewayHost host(core, hostOptions);
    auto served = host.start();
    if (!served) {
        out << served.error().message() << Qt::endl;
        return 1;
    }

    LoadGenerator::Settings load;
    load.base = *served;
    load.appId = application.appId;
    load.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
    load.method = parser.value(QStringLiteral("method"));
    load.connections = parser.value(QStringLiteral("connections")).toInt();
    load.measuredSeconds = parser.value(QStringLiteral("seconds")).toInt();
    const QStringList servers{QStringLiteral("postgres")};
    CpuSample opened;
    CpuSample closed;
    // When the warm-up ends, PostgreSQL's planner statistics know this application's orders,
    // as in a database in service (autovacuum gathers them within a minute). With statistics
    // from before the warm-up, PostgreSQL may look an order up by the index of its application,
    // which reads every order the application has. (SQLite's planner takes the unique index
    // anyway; its ANALYZE would only hold the write lock at the start of the window.)
    bool analyzed = core.database().isSqlite();
    load.windowOpens = [&] {
        if (!analyzed)
            analyzed = bool(Sql::exec(core.database().connection().value(), QStringLiteral("ANALYZE")));
        opened = sampleCpu(servers);
    };
    load.windowCloses = [&] { closed = sampleCpu(servers); };
    LoadGenerator::Result result = LoadGenerator::run(load);
    host.stop();
    if (!analyzed) {
        out << "ANALYZE failed" << Qt::endl;
        return 1;
    }

    const qint64 orders = Sql::scalar(core.database().connection().value(),
                                      QStringLiteral("SELECT count(*) FROM payment_order WHERE status = 'paying'"))
                              .value_or(QVariant(0))
                              .toLongLong();
    out << "gateway create, " << backend << ", " << load.method << ", " << load.connections << " connections, "
        << hostOptions.threads << " gateway threads, " << load.measuredSeconds << " s measured" << Qt::endl;
    out << QStringLiteral("  %1 orders/s (%2 answered 200 in the window; %3 orders paying in the database)")
               .arg(result.latenciesMs.size() / double(load.measuredSeconds), 0, 'f', 0)
               .arg(result.latenciesMs.size())
               .arg(orders)
        << Qt::endl;
    for (auto it = result.failures.cbegin(); it != result.failures.cend(); ++it)
        out << "  failed: HTTP " << it.key() << " × " << it.value()
            << ", first: " << result.firstFailure.value(it.key()) << Qt::endl;
    report(out, result.latenciesMs, load.measuredSeconds, opened, closed);
    return 0;
}
