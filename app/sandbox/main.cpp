#include "app/sandbox/SandboxClient.h"
#include "i18n/Translations.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxText.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>

using namespace paydesk;
using namespace paydesk::sandbox;

namespace {
QString defaultStateDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("PAYDESK_SANDBOX_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("paydesk/sandbox"));
}

void printEndpoints(const Sandbox &sandbox)
{
    const SandboxKeys &keys = sandbox.keys();
    const QString base = sandbox.baseUrl().toString();
    QTextStream out(stdout);
    out << SandboxText::tr("paydesk-sandbox listening on %1 (loopback only)").arg(base) << '\n'
        << SandboxText::tr("  CA certificate (trust this):  %1").arg(keys.caFile()) << '\n'
        << SandboxText::tr("  credentials directory:        %1").arg(keys.directory) << '\n'
        << SandboxText::tr("  WeChat Pay v3:   %1  mchid %2, appid %3, merchant serial %4, platform public key %5")
               .arg(base, QLatin1String(SandboxKeys::kWeChatMchId), QLatin1String(SandboxKeys::kWeChatAppId),
                    keys.weChatMerchant.certificate.serialHex(), QLatin1String(SandboxKeys::kWeChatPublicKeyId))
        << '\n'
        << SandboxText::tr("  Alipay gateway:  %1/gateway.do  app_id %2")
               .arg(base, QLatin1String(SandboxKeys::kAlipayAppId))
        << '\n'
        << SandboxText::tr("  UnionPay:        %1/gateway/api/  file %1/unionpay/file  merId %2, certId %3")
               .arg(base, QLatin1String(SandboxKeys::kUnionPayMerId), keys.unionPayMerchant.certificate.serialDecimal())
        << '\n'
        << SandboxText::tr(
               "  control API:     %1/__sandbox  (pay, faults, merchants, trades, callbacks, settings, statement)")
               .arg(base)
        << '\n'
        << SandboxText::tr("Stop with Ctrl+C.") << Qt::endl;
}

// Ctrl+C / SIGTERM end the event loop cleanly (through a pipe, as signal handlers may do little).
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("paydesk-sandbox"));
    QCoreApplication::setOrganizationName(QStringLiteral("Paydesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYDESK_VERSION));
    Translations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(SandboxText::tr(
        "A local stand-in for WeChat Pay v3, the Alipay gateway and the UnionPay gateway, over HTTPS on 127.0.0.1.\n"
        "\n"
        "Commands:\n"
        "  serve                 Run the sandbox (the default). Keys and certificates are made on first start.\n"
        "  pay ORDER             The simulated payer pays ORDER (--fail: the payment fails).\n"
        "  fault NAME            Switch a fault on (or --off) for the run or one --trade. Faults:\n"
        "                        drop-callback, duplicate-callback, delay (--value ms), timeout (the request is\n"
        "                        carried out, the answer never comes), server-error, bad-signature,\n"
        "                        unsigned-answers (WeChat Pay answers without Wechatpay-* headers),\n"
        "                        rate-limited (HTTP 429 from a front limiter), refund-fails (a new refund fails:\n"
        "                        WeChat Pay takes it, then closes it; Alipay refuses it; UnionPay takes it, then\n"
        "                        reports it failed);\n"
        "                        statement faults (on until --off): statement-amount-differs (--value fen,\n"
        "                        default 1), missing-from-statement, extra-trade-in-statement (--value fen),\n"
        "                        refund-at-channel-only (--value fen, default all);\n"
        "                        bill faults, for one --merchant (id or channel name) and --date (default\n"
        "                        today), on the next --times bills (default: until --off): bill-missing-line,\n"
        "                        bill-extra-line (--value fen), bill-wrong-amount and bill-wrong-fee (--value\n"
        "                        fen off, default 1), bill-refunded-at-channel (--value fen, default all),\n"
        "                        bill-duplicate-line; --trade names the order (default: the day's first).\n"
        "  faults                List the faults switched on (--clear: switch all off).\n"
        "  merchants             Each channel's merchant and the fee rate it is charged.\n"
        "  merchant ID           Charge the merchant its own fee rate (--fee-ppm N), or the default again\n"
        "                        (--default).\n"
        "  trades, callbacks     Show the sandbox's trades, or its notifications and their delivery attempts."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption stateOption(
        QStringLiteral("state"),
        SandboxText::tr("Directory of keys and certificates (default: $PAYDESK_SANDBOX_DIR or %1).")
            .arg(defaultStateDirectory()),
        SandboxText::tr("dir"), defaultStateDirectory());
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        SandboxText::tr("serve: port on 127.0.0.1 (default 9443; 0: any free port)."),
                                        SandboxText::tr("port"), QStringLiteral("9443"));
    const QCommandLineOption autoPayOption(
        QStringLiteral("auto-pay-delay"),
        SandboxText::tr("serve: payers pay every new order after this many milliseconds (default: only when told)."),
        SandboxText::tr("ms"));
    const QCommandLineOption successRateOption(
        QStringLiteral("success-rate"),
        SandboxText::tr("serve: share of automatic payments that succeed, 0 to 1 (default 1)."),
        SandboxText::tr("rate"), QStringLiteral("1"));
    const QCommandLineOption refundDelayOption(
        QStringLiteral("refund-delay"),
        SandboxText::tr("serve: WeChat Pay and UnionPay refunds finish after this many milliseconds (default 500)."),
        SandboxText::tr("ms"), QStringLiteral("500"));
    const QCommandLineOption timeScaleOption(
        QStringLiteral("callback-time-scale"),
        SandboxText::tr(
            "serve: multiply the channels' callback retry intervals (default 1; 0.001 turns 15 s into 15 ms)."),
        SandboxText::tr("factor"), QStringLiteral("1"));
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       SandboxText::tr("pay, fault, faults, trades, callbacks: the sandbox's base URL "
                                                       "(default: the one serve wrote to the state directory)."),
                                       SandboxText::tr("url"));
    const QCommandLineOption failOption(QStringLiteral("fail"), SandboxText::tr("pay: the payment fails."));
    const QCommandLineOption channelOption(
        QStringLiteral("channel"),
        SandboxText::tr("pay: look ORDER up in this channel only (wechatpay, alipay, unionpay)."),
        SandboxText::tr("channel"));
    const QCommandLineOption tradeOption(QStringLiteral("trade"), SandboxText::tr("fault: only for this order number."),
                                         SandboxText::tr("order"));
    const QCommandLineOption valueOption(QStringLiteral("value"),
                                         SandboxText::tr("fault: milliseconds (delay) or fen (amounts)."),
                                         SandboxText::tr("n"), QStringLiteral("0"));
    const QCommandLineOption timesOption(QStringLiteral("times"),
                                         SandboxText::tr("fault: apply this many times (bill faults: to this many "
                                                         "bills), then switch off (default: until --off; the "
                                                         "per-trade statement faults: always until --off)."),
                                         SandboxText::tr("n"), QStringLiteral("-1"));
    const QCommandLineOption offOption(QStringLiteral("off"), SandboxText::tr("fault: switch the fault off."));
    const QCommandLineOption merchantOption(
        QStringLiteral("merchant"),
        SandboxText::tr("fault: the merchant (id or channel name) whose bill a bill fault changes."),
        SandboxText::tr("id"));
    const QCommandLineOption dateOption(QStringLiteral("date"),
                                        SandboxText::tr("fault: the bill's date, yyyy-MM-dd (default: today)."),
                                        SandboxText::tr("date"));
    const QCommandLineOption feePpmOption(
        QStringLiteral("fee-ppm"), SandboxText::tr("merchant: its fee rate in parts per million (2500: 0.25 %)."),
        SandboxText::tr("n"));
    const QCommandLineOption defaultOption(QStringLiteral("default"),
                                           SandboxText::tr("merchant: charge it the default rate again."));
    const QCommandLineOption clearOption(QStringLiteral("clear"), SandboxText::tr("faults: switch every fault off."));
    parser.addOptions({stateOption, portOption, autoPayOption, successRateOption, refundDelayOption, timeScaleOption,
                       urlOption, failOption, channelOption, tradeOption, valueOption, timesOption, offOption,
                       clearOption, merchantOption, dateOption, feePpmOption, defaultOption});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        SandboxText::tr("serve (default), pay, fault, faults, merchants, merchant, trades, callbacks"));
    parser.process(app);

    QStringList positional = parser.positionalArguments();
    const QString command = positional.isEmpty() ? QStringLiteral("serve") : positional.takeFirst();
    const QString stateDirectory = parser.value(stateOption);
    bool ok = true;
    if (command != QLatin1String("serve")) {
        SandboxClientOptions client;
        client.stateDirectory = stateDirectory;
        client.url = parser.value(urlOption);
        client.command = command;
        client.arguments = positional;
        client.fail = parser.isSet(failOption);
        client.channel = parser.value(channelOption);
        client.trade = parser.value(tradeOption);
        client.value = parser.value(valueOption).toLongLong(&ok);
        if (ok)
            client.times = parser.value(timesOption).toInt(&ok);
        client.off = parser.isSet(offOption);
        client.clear = parser.isSet(clearOption);
        client.merchant = parser.value(merchantOption);
        client.date = parser.value(dateOption);
        client.useDefault = parser.isSet(defaultOption);
        if (ok && parser.isSet(feePpmOption))
            client.feePpm = parser.value(feePpmOption).toLongLong(&ok);
        if (!ok) {
            QTextStream(stderr) << SandboxText::tr("error: --value, --times and --fee-ppm take whole numbers")
                                << Qt::endl;
            return 2;
        }
        return runSandboxClient(client);
    }
    if (!positional.isEmpty()) {
        QTextStream(stderr) << SandboxText::tr("error: serve takes no arguments") << Qt::endl;
        return 2;
    }

    Sandbox::Options options;
    options.stateDirectory = stateDirectory;
    bool valid = true;
    const int port = parser.value(portOption).toInt(&ok);
    valid = valid && ok && port >= 0 && port <= 65535;
    options.port = quint16(port);
    if (parser.isSet(autoPayOption)) {
        options.settings.autoPayDelayMs = parser.value(autoPayOption).toInt(&ok);
        valid = valid && ok && options.settings.autoPayDelayMs >= 0;
    }
    options.settings.autoPaySuccessRate = parser.value(successRateOption).toDouble(&ok);
    valid = valid && ok && options.settings.autoPaySuccessRate >= 0 && options.settings.autoPaySuccessRate <= 1;
    options.settings.refundDelayMs = parser.value(refundDelayOption).toInt(&ok);
    valid = valid && ok && options.settings.refundDelayMs >= 0;
    options.settings.callbackTimeScale = parser.value(timeScaleOption).toDouble(&ok);
    valid = valid && ok && options.settings.callbackTimeScale >= 0;
    if (!valid) {
        QTextStream(stderr) << SandboxText::tr("error: invalid option value; see 'paydesk-sandbox --help'") << Qt::endl;
        return 2;
    }

    auto sandbox = Sandbox::start(options);
    if (!sandbox) {
        QTextStream(stderr) << SandboxText::tr("error: %1").arg(sandbox.error().message()) << Qt::endl;
        return 1;
    }
    const QString urlFile = QDir(stateDirectory).filePath(QStringLiteral("url"));
    QFile url(urlFile);
    if (url.open(QIODevice::WriteOnly | QIODevice::Truncate))
        url.write((*sandbox)->baseUrl().toString().toUtf8() + '\n');
    url.close();
    printEndpoints(**sandbox);

    if (::pipe(g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    }
    const int code = app.exec();
    QFile::remove(urlFile);
    return code;
}
