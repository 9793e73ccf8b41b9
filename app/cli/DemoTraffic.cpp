#include "app/cli/DemoTraffic.h"

#include "core/PaydeskCore.h"
#include "core/channel/http/HttpClient.h"
#include "core/gateway/GatewaySignature.h"
#include "core/util/Error.h"
#include "demo/DemoOrders.h"
#include "demo/DemoSetup.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxCashier.h"
#include "server/GatewayHost.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

namespace paydesk::DemoTraffic {

namespace {

struct App
{
    QString appId;
    QByteArray key;
};

// One application's signed call to the gateway, blocking (on the traffic thread).
QJsonObject call(QNetworkAccessManager &network, const QUrl &base, const App &app, const QString &path,
                 const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkRequest request(base.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : GatewaySignature::hmacHeaders(app.appId, app.key, "POST", path.toLatin1(), json))
        request.setRawHeader(name, value);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = network.post(request, json);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

} // namespace

Result<Summary> run(PaydeskCore &core, const QString &sandboxDirectory, int orders)
{
    // The sandbox where the demo's channel accounts expect it; one already running there is used.
    QUrl sandboxUrl(QStringLiteral("https://127.0.0.1:9443"));
    QFile urlFile(QDir(sandboxDirectory).filePath(QStringLiteral("url")));
    if (urlFile.open(QIODevice::ReadOnly))
        sandboxUrl = QUrl(QString::fromUtf8(urlFile.readAll()).trimmed());
    urlFile.close();
    sandbox::Sandbox::Options sandboxOptions;
    sandboxOptions.stateDirectory = sandboxDirectory;
    sandboxOptions.port = quint16(sandboxUrl.port(9443));
    auto ownSandbox = sandbox::Sandbox::start(sandboxOptions);
    HttpClient::Options httpOptions;
    httpOptions.timeoutMs = 10000;
    httpOptions.extraCaCertificates =
        HttpClient::loadCaBundle(QDir(sandboxDirectory).filePath(QStringLiteral("ca.pem"))).value_or({});
    const HttpClient sandboxHttp(httpOptions);

    GatewayHost::Options hostOptions;
    hostOptions.port = 0;
    hostOptions.threads = 4;
    hostOptions.sweepSeconds = 2;
    GatewayHost host(core, hostOptions);
    auto served = host.start();
    if (!served)
        return served.error();

    // Applications of active merchants routed for every method, each with a fresh HMAC key.
    auto onboarding =
        core.operators().authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {});
    if (!onboarding)
        return onboarding.error();
    auto candidates = DemoOrders::applicationsOnEveryChannel(core.database(), 6);
    if (!candidates)
        return candidates.error();
    QList<App> apps;
    for (const auto &[id, appId] : std::as_const(*candidates)) {
        auto key = core.applications().generateHmacKey(onboarding->actor, id);
        if (!key)
            return key.error();
        apps << App{appId, QByteArray::fromBase64(key->secretBase64.toLatin1())};
    }
    if (apps.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no active merchant is routed for all three channels"));

    // The applications and payers, on a thread of their own; this thread serves the gateway
    // (and the sandbox) meanwhile.
    Summary summary;
    QString problem;
    const QUrl gateway = *served;
    QThread *traffic = QThread::create([&] {
        QNetworkAccessManager network;
        QRandomGenerator random(20261127);
        const QStringList methods{QStringLiteral("wechat.native"), QStringLiteral("alipay.precreate"),
                                  QStringLiteral("unionpay.front")};
        const QStringList subjects{QStringLiteral("午餐套餐"), QStringLiteral("咖啡两杯"), QStringLiteral("会员充值"),
                                   QStringLiteral("电影票")};
        struct Made
        {
            App app;
            QString number;
            QString orderNo;
            qint64 fen = 0;
        };
        QList<Made> paid;
        const QString run = QString::number(QDateTime::currentSecsSinceEpoch(), 36).toUpper();
        for (int i = 0; i < orders; ++i) {
            const App &app = apps.at(i % apps.size());
            const qint64 fen = 100 + random.bounded(30000);
            const QString number = QStringLiteral("LIVE-%1-%2").arg(run).arg(i);
            const QJsonObject created =
                call(network, gateway, app, QStringLiteral("/api/v1/orders"),
                     QJsonObject{{QStringLiteral("merchant_order_no"), number},
                                 {QStringLiteral("amount"),
                                  QStringLiteral("%1.%2").arg(fen / 100).arg(fen % 100, 2, 10, QLatin1Char('0'))},
                                 {QStringLiteral("method"), methods.at(i % methods.size())},
                                 {QStringLiteral("subject"), subjects.at(i % subjects.size())}});
            if (created.value(QStringLiteral("code")).toString() != QLatin1String("ok")) {
                problem = created.value(QStringLiteral("message")).toString();
                return;
            }
            ++summary.orders;
            const QJsonObject order = created.value(QStringLiteral("data")).toObject();
            const QString orderNo = order.value(QStringLiteral("order_no")).toString();
            const QJsonObject prepay = order.value(QStringLiteral("prepay")).toObject();
            (void)sandbox::SandboxCashier::openForm(prepay, sandboxHttp); // UnionPay: the browser's form post
            const int roll = int(random.bounded(100));
            if (roll >= 90)
                continue; // left unpaid: the sweep closes it at its expiry
            HttpRequest pay;
            pay.method = "POST";
            pay.url = sandboxUrl.resolved(QUrl(QStringLiteral("/__sandbox/pay")));
            pay.headers = {{"Content-Type", "application/json"}};
            pay.body = QJsonDocument(QJsonObject{{QStringLiteral("out_trade_no"), orderNo},
                                                 {QStringLiteral("result"),
                                                  roll < 85 ? QStringLiteral("SUCCESS") : QStringLiteral("FAIL")}})
                           .toJson(QJsonDocument::Compact);
            auto answered = sandboxHttp.send(pay);
            if (answered && answered->status == 200 && roll < 85)
                paid << Made{app, number, orderNo, fen};
        }
        summary.paid = int(paid.size());
        // Once the channels' callbacks are in, about one paid order in six is refunded in part.
        QThread::msleep(1500);
        for (int i = 0; i < paid.size(); i += 6) {
            const Made &m = paid.at(i);
            const qint64 part = qMax<qint64>(1, m.fen / 3);
            const QJsonObject refunded =
                call(network, gateway, m.app, QStringLiteral("/api/v1/refunds"),
                     QJsonObject{{QStringLiteral("merchant_order_no"), m.number},
                                 {QStringLiteral("merchant_refund_no"), m.number + QStringLiteral("-R1")},
                                 {QStringLiteral("amount"),
                                  QStringLiteral("%1.%2").arg(part / 100).arg(part % 100, 2, 10, QLatin1Char('0'))},
                                 {QStringLiteral("reason"), QStringLiteral("顾客退回部分商品")}});
            if (refunded.value(QStringLiteral("code")).toString() == QLatin1String("ok"))
                ++summary.refunds;
        }
        QThread::msleep(3000); // refunds finish at the channel; the sweep asks about the rest
    });
    QEventLoop loop;
    QObject::connect(traffic, &QThread::finished, &loop, &QEventLoop::quit);
    traffic->start();
    loop.exec();
    delete traffic;
    host.stop();
    core.setCallbackBase(QUrl());
    if (!problem.isEmpty())
        return Error(ErrorCode::InvalidArgument, problem);
    return summary;
}

} // namespace paydesk::DemoTraffic
