// Gateway benchmark (issue 6): orders created end to end — signed HTTP request → paydeskd's
// GatewayHost (authentication, nonce, idempotency key, routing, fees, order rows) → prepay at the
// sandbox over HTTPS with the channel's real signatures → answer — by a load generator of
// `--connections` applications on loopback, each with one request in flight. Everything runs on
// this machine: generator, gateway, sandbox and database share its cores. Prints orders/s and
// latency percentiles as the application sees them.
//
//   bench_gateway --backend sqlite|postgresql [--seconds 20] [--connections 32] [--threads 16]
//                 [--method wechat.native|alipay.precreate|unionpay.front]
// PostgreSQL needs PAYDESK_TEST_PG_URL (scripts/bench.sh starts a server).
#include "GatewayHost.h"
#include "PaydeskCore.h"
#include "SandboxFixture.h"
#include "TestDatabase.h"
#include "demo/DemoSetup.h"
#include "gateway/GatewaySignature.h"
#include "storage/Sql.h"
#include "util/Error.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace paydesk;
using namespace paydesk::test;

namespace {

struct Load
{
    QUrl base;
    QString appId;
    QByteArray hmacKey;
    QString method;
    qint64 measureFromNs = 0; // requests started before this are warm-up
    qint64 stopAtNs = 0;
    QElapsedTimer clock;
    QList<double> latenciesMs;
    QMap<int, int> failures; // HTTP status (0: no answer) → count
    QMap<int, QByteArray> firstFailure; // HTTP status → the first such answer's body
    int sequence = 0;
    int running = 0;
};

// One application with one request in flight at a time, on its own connection.
class VirtualApplication : public QObject
{
public:
    VirtualApplication(Load &load, int id) : m_load(load), m_id(id) {}

    void next()
    {
        if (m_load.clock.nsecsElapsed() >= m_load.stopAtNs) {
            --m_load.running;
            if (m_load.running == 0)
                QCoreApplication::quit();
            return;
        }
        const int n = ++m_load.sequence;
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("B%1-%2").arg(m_id).arg(n)},
                                                          {QStringLiteral("amount"), QStringLiteral("%1.%2").arg(1 + n % 500).arg(n % 100, 2, 10, QLatin1Char('0'))},
                                                          {QStringLiteral("method"), m_load.method},
                                                          {QStringLiteral("subject"), QStringLiteral("bench order")}})
                                    .toJson(QJsonDocument::Compact);
        QNetworkRequest request(m_load.base.resolved(QUrl(QStringLiteral("/api/v1/orders"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : GatewaySignature::hmacHeaders(m_load.appId, m_load.hmacKey, "POST", "/api/v1/orders", body))
            request.setRawHeader(name, value);
        const qint64 started = m_load.clock.nsecsElapsed();
        QNetworkReply *reply = m_network.post(request, body);
        connect(reply, &QNetworkReply::finished, this, [this, reply, started] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (started >= m_load.measureFromNs && m_load.clock.nsecsElapsed() <= m_load.stopAtNs) {
                if (status == 200)
                    m_load.latenciesMs << (m_load.clock.nsecsElapsed() - started) / 1e6;
                else {
                    if (m_load.failures.value(status) == 0)
                        m_load.firstFailure[status] = reply->readAll();
                    ++m_load.failures[status];
                }
            }
            next();
        });
    }

private:
    Load &m_load;
    int m_id;
    QNetworkAccessManager m_network;
};

double percentile(QList<double> sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    return sorted.at(qMin(sorted.size() - 1, qsizetype(p * sorted.size())));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Gateway benchmark: orders created end to end against the sandbox."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"), QStringLiteral("backend"), QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("measured seconds (after 3 s of warm-up)"), QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("concurrent applications"), QStringLiteral("n"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("gateway worker threads"), QStringLiteral("n"), QStringLiteral("16")});
    parser.addOption({QStringLiteral("method"), QStringLiteral("payment method"), QStringLiteral("name"), QStringLiteral("wechat.native")});
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
    const Actor onboarding = core.operators().authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {})->actor;
    const Merchant merchant = core.merchants().findByNo(onboarding, QStringLiteral("M1013")).value();
    ApplicationFilter filter;
    filter.scope = ApplicationFilter::Scope::Merchant;
    filter.merchantId = merchant.id;
    const Application application = core.applications().list(onboarding, filter, 0, 10).value().value(0);
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

    Load load;
    load.base = *served;
    load.appId = application.appId;
    load.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
    load.method = parser.value(QStringLiteral("method"));
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int connections = parser.value(QStringLiteral("connections")).toInt();
    load.clock.start();
    load.measureFromNs = 3'000'000'000LL;
    load.stopAtNs = load.measureFromNs + qint64(seconds) * 1'000'000'000LL;
    std::vector<std::unique_ptr<VirtualApplication>> applications;
    for (int i = 0; i < connections; ++i) {
        applications.push_back(std::make_unique<VirtualApplication>(load, i));
        ++load.running;
        QTimer::singleShot(0, applications.back().get(), [a = applications.back().get()] { a->next(); });
    }
    app.exec();
    host.stop();

    std::sort(load.latenciesMs.begin(), load.latenciesMs.end());
    const qint64 orders = Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order WHERE status = 'paying'"))
                              .value_or(QVariant(0)).toLongLong();
    out << "gateway create, " << backend << ", " << load.method << ", " << connections << " connections, " << hostOptions.threads
        << " gateway threads, " << seconds << " s measured" << Qt::endl;
    out << QStringLiteral("  %1 orders/s (%2 answered 200 in the window; %3 orders paying in the database)")
               .arg(load.latenciesMs.size() / double(seconds), 0, 'f', 0)
               .arg(load.latenciesMs.size())
               .arg(orders)
        << Qt::endl;
    out << QStringLiteral("  latency ms: p50 %1  p90 %2  p99 %3  max %4")
               .arg(percentile(load.latenciesMs, 0.50), 0, 'f', 1)
               .arg(percentile(load.latenciesMs, 0.90), 0, 'f', 1)
               .arg(percentile(load.latenciesMs, 0.99), 0, 'f', 1)
               .arg(load.latenciesMs.isEmpty() ? 0 : load.latenciesMs.last(), 0, 'f', 1)
        << Qt::endl;
    for (auto it = load.failures.cbegin(); it != load.failures.cend(); ++it)
        out << "  failed: HTTP " << it.key() << " × " << it.value() << ", first: " << load.firstFailure.value(it.key()) << Qt::endl;
    return 0;
}
