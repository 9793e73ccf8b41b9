#include "app/sandbox/SandboxClient.h"
#include "sandbox/SandboxText.h"

#include "core/channel/http/HttpClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace paydesk::sandbox {

namespace {
int fail(const QString &message)
{
    QTextStream(stderr) << message << Qt::endl;
    return 1;
}
} // namespace

int runSandboxClient(const SandboxClientOptions &options)
{
    QString base = options.url;
    if (base.isEmpty()) {
        QFile file(QDir(options.stateDirectory).filePath(QStringLiteral("url")));
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                SandboxText::tr(
                    "error: no running sandbox found in %1 (start one with 'paydesk-sandbox serve', or pass --url)")
                    .arg(options.stateDirectory));
        base = QString::fromUtf8(file.readAll()).trimmed();
    }
    auto ca = HttpClient::loadCaBundle(QDir(options.stateDirectory).filePath(QStringLiteral("ca.pem")));
    if (!ca)
        return fail(SandboxText::tr("error: cannot read the sandbox CA: %1").arg(ca.error().message()));
    HttpClient::Options httpOptions;
    httpOptions.extraCaCertificates = *ca;
    httpOptions.attempts = 1;
    HttpClient http(httpOptions);

    HttpRequest request;
    request.headers = {{"Content-Type", "application/json"}};
    QJsonObject body;
    QString path;
    if (options.command == QLatin1String("pay")) {
        if (options.arguments.size() != 1)
            return fail(
                SandboxText::tr("usage: paydesk-sandbox pay ORDER [--fail] [--channel wechatpay|alipay|unionpay]"));
        path = QStringLiteral("/__sandbox/pay");
        request.method = "POST";
        body =
            QJsonObject{{QStringLiteral("out_trade_no"), options.arguments.first()},
                        {QStringLiteral("result"), options.fail ? QStringLiteral("FAIL") : QStringLiteral("SUCCESS")},
                        {QStringLiteral("channel"), options.channel}};
    } else if (options.command == QLatin1String("fault")) {
        if (options.arguments.size() != 1)
            return fail(SandboxText::tr("usage: paydesk-sandbox fault NAME [--trade ORDER] [--value N] [--times N] "
                                        "[--off] [--merchant ID --date YYYY-MM-DD]"));
        path = QStringLiteral("/__sandbox/faults");
        request.method = "POST";
        body = QJsonObject{{QStringLiteral("fault"), options.arguments.first()},
                           {QStringLiteral("trade"), options.trade},
                           {QStringLiteral("value"), options.value},
                           {QStringLiteral("times"), options.times},
                           {QStringLiteral("off"), options.off}};
        if (!options.merchant.isEmpty())
            body.insert(QStringLiteral("merchant"), options.merchant);
        if (!options.date.isEmpty())
            body.insert(QStringLiteral("date"), options.date);
    } else if (options.command == QLatin1String("merchant")) {
        if (options.arguments.size() != 1 || (options.feePpm < 0) == !options.useDefault)
            return fail(SandboxText::tr("usage: paydesk-sandbox merchant ID (--fee-ppm N | --default)"));
        path = QStringLiteral("/__sandbox/merchants");
        request.method = "POST";
        body = QJsonObject{{QStringLiteral("merchant"), options.arguments.first()}};
        if (options.useDefault)
            body.insert(QStringLiteral("default"), true);
        else
            body.insert(QStringLiteral("fee_rate_ppm"), options.feePpm);
    } else if (options.command == QLatin1String("merchants")) {
        path = QStringLiteral("/__sandbox/merchants");
        request.method = "GET";
    } else if (options.command == QLatin1String("faults")) {
        path = QStringLiteral("/__sandbox/faults");
        request.method = options.clear ? "DELETE" : "GET";
    } else if (options.command == QLatin1String("trades") || options.command == QLatin1String("callbacks")) {
        path = QStringLiteral("/__sandbox/") + options.command;
        request.method = "GET";
    } else {
        return fail(SandboxText::tr("error: unknown command '%1'; see 'paydesk-sandbox --help'").arg(options.command));
    }
    request.url = QUrl(base).resolved(QUrl(path));
    if (request.method == "POST")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto response = http.send(request);
    if (!response)
        return fail(SandboxText::tr("error: %1").arg(response.error().message()));
    const QJsonObject answer = QJsonDocument::fromJson(response->body).object();
    if (response->status != 200)
        return fail(SandboxText::tr("error: %1")
                        .arg(answer.value(QLatin1String("error")).toString(QString::fromUtf8(response->body))));
    QTextStream(stdout) << response->body;
    return 0;
}

} // namespace paydesk::sandbox
