#include "core/PaydeskCore.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/DatabaseUrl.h"
#include "core/storage/Settings.h"
#include "core/util/Error.h"
#include "i18n/Translations.h"
#include "server/GatewayHost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostInfo>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

using namespace paydesk;

namespace {

class Daemon
{
    Q_DECLARE_TR_FUNCTIONS(Daemon)
};

// SIGINT / SIGTERM end the event loop cleanly (through a pipe, as signal handlers may do little).
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// A whole number option within [low, high]; false (and a message) otherwise.
bool wholeNumber(const QCommandLineParser &parser, const QString &name, int low, int high, int *value)
{
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    return ok && *value >= low && *value <= high;
}

int fail(const QString &message, int code = 1)
{
    QTextStream(stderr) << "paydeskd: " << message << Qt::endl;
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("paydeskd"));
    QCoreApplication::setOrganizationName(QStringLiteral("Paydesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYDESK_VERSION));
    Translations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(Daemon::tr(
        "The Paydesk payment core, headless: the gateway API for applications (/api/v1), channel callbacks "
        "(/callback/<channel account>), merchant notifications with retries, the scheduled query of pending "
        "orders and refunds, the daily T+1 reconciliation of every enabled channel account (yesterday's bill, "
        "Asia/Shanghai, downloaded after the time of day in the setting recon.schedule_time, default 10:30, "
        "tried again every recon.schedule_retry_minutes, default 30, while the channel has no bill yet, at "
        "most recon.schedule_max_attempts times, default 12; a day that already has a completed run is "
        "skipped), and /metrics for Prometheus. The vault must be unlocked: $PAYDESK_MASTER_KEY_FILE names "
        "the file holding the master passphrase."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      Daemon::tr("sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db. Default: "
                                 "$PAYDESK_DATABASE, else paydesk.db in the user's data directory."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("listen"), Daemon::tr("Address to listen on (default 127.0.0.1)."),
                      QStringLiteral("address"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("port"), Daemon::tr("Port to listen on; 0 picks a free one (default 8080)."),
                      QStringLiteral("port"), QStringLiteral("8080")});
    parser.addOption({QStringLiteral("public-url"),
                      Daemon::tr("The public address channels post callbacks to; /callback/<channel account> is "
                                 "appended (default: the address served on)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("tls-cert"), Daemon::tr("PEM certificate: serve HTTPS (with --tls-key)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("tls-key"), Daemon::tr("PEM private key of --tls-cert."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("threads"), Daemon::tr("Request worker threads (default 16)."),
                      QStringLiteral("n"), QStringLiteral("16")});
    parser.addOption(
        {QStringLiteral("sweep-seconds"),
         Daemon::tr("Seconds between queries of pending orders and refunds; 0 turns the sweep off (default 30)."),
         QStringLiteral("n"), QStringLiteral("30")});
    parser.addOption(
        {QStringLiteral("no-notifications"), Daemon::tr("Do not post merchant notifications from this process.")});
    parser.addOption({QStringLiteral("no-reconciliation"),
                      Daemon::tr("Do not run the scheduled reconciliation from this process.")});
    const HttpLimits limits;
    parser.addOption({QStringLiteral("max-body-kib"),
                      Daemon::tr("Largest request body accepted, in KiB; larger ones are answered 413 before they are "
                                 "read (default %1).")
                          .arg(limits.maxBodyBytes / 1024),
                      QStringLiteral("n"), QString::number(limits.maxBodyBytes / 1024)});
    parser.addOption({QStringLiteral("max-connections"),
                      Daemon::tr("Open connections at most; past it new ones are closed at once. Never more than "
                                 "the descriptor limit minus --fd-reserve (default %1).")
                          .arg(limits.maxConnections),
                      QStringLiteral("n"), QString::number(limits.maxConnections)});
    parser.addOption({QStringLiteral("max-connections-per-ip"),
                      Daemon::tr("Open connections from one address (an IPv6 /64 counts as one) at most; 0: no cap "
                                 "(behind a proxy on this host, "
                                 "every client is the proxy) (default %1).")
                          .arg(limits.maxConnectionsPerIp),
                      QStringLiteral("n"), QString::number(limits.maxConnectionsPerIp)});
    parser.addOption({QStringLiteral("fd-reserve"),
                      Daemon::tr("File descriptors kept free for the database and the channel calls (default %1).")
                          .arg(limits.fileDescriptorReserve),
                      QStringLiteral("n"), QString::number(limits.fileDescriptorReserve)});
    parser.addOption({QStringLiteral("header-timeout"),
                      Daemon::tr("Seconds from a request's first byte to the end of its header; slower ones are "
                                 "answered 408 and closed (default %1).")
                          .arg(limits.headTimeoutMs / 1000),
                      QStringLiteral("s"), QString::number(limits.headTimeoutMs / 1000)});
    parser.addOption({QStringLiteral("body-timeout"),
                      Daemon::tr("Seconds from the end of a request's header to the end of its body (default %1).")
                          .arg(limits.bodyTimeoutMs / 1000),
                      QStringLiteral("s"), QString::number(limits.bodyTimeoutMs / 1000)});
    parser.addOption({QStringLiteral("idle-timeout"),
                      Daemon::tr("Seconds a kept-alive connection may wait for its next request (default %1).")
                          .arg(limits.idleTimeoutMs / 1000),
                      QStringLiteral("s"), QString::number(limits.idleTimeoutMs / 1000)});
    parser.addOption({QStringLiteral("url-file"),
                      Daemon::tr("Write the address served on to this file once listening."), QStringLiteral("file")});
    parser.process(app);

    auto url = parser.isSet(QStringLiteral("database")) ? DatabaseUrl::parse(parser.value(QStringLiteral("database")))
                                                        : DatabaseUrl::fromEnvironmentOrDefault();
    if (!url)
        return fail(url.error().message(), 2);
    GatewayHost::Options options;
    if (!options.address.setAddress(parser.value(QStringLiteral("listen"))))
        return fail(Daemon::tr("--listen: not an IP address: %1").arg(parser.value(QStringLiteral("listen"))), 2);
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(Daemon::tr("--port: 0 to 65535"), 2);
    options.port = quint16(port);
    options.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok || options.threads < 1 || options.threads > 256)
        return fail(Daemon::tr("--threads: 1 to 256"), 2);
    options.sweepSeconds = parser.value(QStringLiteral("sweep-seconds")).toInt(&ok);
    if (!ok || options.sweepSeconds < 0)
        return fail(Daemon::tr("--sweep-seconds: 0 or more"), 2);
    int number = 0;
    if (!wholeNumber(parser, QStringLiteral("max-body-kib"), 1, 64 * 1024, &number))
        return fail(Daemon::tr("--max-body-kib: 1 to 65536"), 2);
    options.limits.maxBodyBytes = number * 1024;
    if (!wholeNumber(parser, QStringLiteral("max-connections"), 1, 1000000, &options.limits.maxConnections))
        return fail(Daemon::tr("--max-connections: 1 to 1000000"), 2);
    if (!wholeNumber(parser, QStringLiteral("max-connections-per-ip"), 0, 1000000, &options.limits.maxConnectionsPerIp))
        return fail(Daemon::tr("--max-connections-per-ip: 0 to 1000000"), 2);
    if (!wholeNumber(parser, QStringLiteral("fd-reserve"), 0, 100000, &options.limits.fileDescriptorReserve))
        return fail(Daemon::tr("--fd-reserve: 0 to 100000"), 2);
    const struct
    {
        const char *name;
        int *milliseconds;
    } timeouts[] = {{"header-timeout", &options.limits.headTimeoutMs},
                    {"body-timeout", &options.limits.bodyTimeoutMs},
                    {"idle-timeout", &options.limits.idleTimeoutMs}};
    for (const auto &timeout : timeouts) {
        if (!wholeNumber(parser, QLatin1String(timeout.name), 1, 3600, &number))
            return fail(Daemon::tr("--%1: 1 to 3600 seconds").arg(QLatin1String(timeout.name)), 2);
        *timeout.milliseconds = number * 1000;
    }
    if (parser.isSet(QStringLiteral("public-url"))) {
        options.publicUrl = QUrl(parser.value(QStringLiteral("public-url")), QUrl::StrictMode);
        if (!options.publicUrl.isValid() || !options.publicUrl.scheme().startsWith(QLatin1String("http")))
            return fail(Daemon::tr("--public-url: an http(s) address"), 2);
    }
    options.tlsCertificateFile = parser.value(QStringLiteral("tls-cert"));
    options.tlsKeyFile = parser.value(QStringLiteral("tls-key"));
    options.notifications = !parser.isSet(QStringLiteral("no-notifications"));
    options.reconciliation = !parser.isSet(QStringLiteral("no-reconciliation"));
    options.source = QStringLiteral("paydeskd@") + QHostInfo::localHostName();

    auto database = Database::open(*url);
    if (!database)
        return fail(database.error().message());
    PaydeskCore core(*database, SystemClock::instance());
    const QString keyFile = qEnvironmentVariable("PAYDESK_MASTER_KEY_FILE");
    if (keyFile.isEmpty())
        return fail(Daemon::tr("set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase "
                               "(channel credentials and application secrets are in the vault)"));
    auto passphrase = Vault::passphraseFromFile(keyFile);
    if (!passphrase)
        return fail(passphrase.error().message());
    const Actor daemon =
        Actor::system(QStringLiteral("paydeskd"), {}, QStringLiteral("paydeskd@") + QHostInfo::localHostName());
    const Status unlocked = core.vault().unlock(daemon, *passphrase);
    if (!unlocked)
        return fail(unlocked.error().message());

    // Real channels post only to https; plain http callbacks are for development platforms.
    const bool plainCallbacks = options.publicUrl.isEmpty() ? options.tlsCertificateFile.isEmpty()
                                                            : options.publicUrl.scheme() != QLatin1String("https");
    if (plainCallbacks && !core.settings().developmentEndpoints().value_or(false))
        return fail(Daemon::tr("channels would post callbacks over plain http: give an https --public-url (or "
                               "--tls-cert and --tls-key), or turn the setting %1 on for a development platform")
                        .arg(Settings::DevelopmentEndpoints));

    GatewayHost host(core, options);
    auto served = host.start();
    if (!served)
        return fail(served.error().message());
    QTextStream(stdout) << Daemon::tr("paydeskd serving %1 on %2").arg(served->toString(), url->toDisplayString())
                        << Qt::endl;
    if (parser.isSet(QStringLiteral("url-file"))) {
        QSaveFile file(parser.value(QStringLiteral("url-file")));
        if (!file.open(QIODevice::WriteOnly) || file.write(served->toString().toUtf8()) < 0 || !file.commit())
            return fail(Daemon::tr("cannot write %1").arg(parser.value(QStringLiteral("url-file"))));
    }

    if (::pipe(g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    }
    const int code = app.exec();
    host.stop();
    return code;
}
