#include "server/GatewayHost.h"

#include "core/PaydeskCore.h"
#include "core/gateway/GatewayScheduler.h"
#include "core/gateway/GatewayService.h"
#include "core/gateway/NotificationDispatcher.h"
#include "core/reconciliation/ReconciliationScheduler.h"
#include "core/storage/Settings.h"
#include "core/util/Error.h"
#include "server/GatewayServer.h"

#include <QFile>

namespace paydesk {

GatewayHost::GatewayHost(PaydeskCore &core, Options options, QObject *parent)
    : QObject(parent), m_core(core), m_options(std::move(options)), m_gateway(std::make_unique<GatewayService>(core))
{
    m_server = std::make_unique<GatewayServer>(*m_gateway, core.callbacks(), core.database(), m_metrics,
                                               m_options.threads, m_options.limits);
    m_dispatcher = std::make_unique<NotificationDispatcher>(core.notifications(), m_gateway->platformKey(), &m_metrics);
    m_scheduler = std::make_unique<GatewayScheduler>(core, m_gateway->authenticator());
    m_reconciliation = std::make_unique<ReconciliationScheduler>(core, m_options.source);
}

GatewayHost::~GatewayHost()
{
    stop();
}

Result<QUrl> GatewayHost::start()
{
    const bool tls = !m_options.tlsCertificateFile.isEmpty() || !m_options.tlsKeyFile.isEmpty();
    if (tls) {
        QFile certificateFile(m_options.tlsCertificateFile);
        QFile keyFile(m_options.tlsKeyFile);
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return Error(ErrorCode::FileUnreadable,
                         QStringLiteral("--tls-cert and --tls-key must both name readable PEM files"));
        const Status loaded = m_server->useTls(certificateFile.readAll(), keyFile.readAll());
        if (!loaded)
            return loaded.error();
    }
    // Channels need an address they can reach: a wildcard one is no address at all.
    const bool wildcard = m_options.address == QHostAddress::AnyIPv4 || m_options.address == QHostAddress::AnyIPv6 ||
                          m_options.address == QHostAddress::Any;
    if (wildcard && m_options.publicUrl.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("listening on %1 needs --public-url: the address channels post callbacks to")
                         .arg(m_options.address.toString()));
    // Real channels post callbacks only to https: plain http is for development platforms.
    const QString callbackScheme = m_options.publicUrl.isEmpty()
                                       ? (tls ? QStringLiteral("https") : QStringLiteral("http"))
                                       : m_options.publicUrl.scheme();
    if (callbackScheme != QLatin1String("https")) {
        auto development = m_core.settings().developmentEndpoints();
        if (!development)
            return development.error();
        if (!*development)
            return Error(
                ErrorCode::InvalidArgument,
                QStringLiteral("channels would post callbacks over plain http (%1); that needs the setting %2 on")
                    .arg(m_options.publicUrl.isEmpty() ? QStringLiteral("no --public-url, no TLS")
                                                       : m_options.publicUrl.toDisplayString(),
                         Settings::DevelopmentEndpoints));
    }
    auto port = m_server->start(m_options.address, m_options.port);
    if (!port)
        return port.error();
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_options.address.toString());
    url.setPort(*port);
    m_url = url;
    m_core.setCallbackBase(m_options.publicUrl.isEmpty() ? url : m_options.publicUrl);
    if (m_options.notifications)
        m_dispatcher->start();
    if (m_options.sweepSeconds > 0)
        m_scheduler->start(m_options.sweepSeconds);
    if (m_options.reconciliation)
        m_reconciliation->start(m_options.reconciliationCheckSeconds);
    return url;
}

void GatewayHost::stop()
{
    if (m_dispatcher)
        m_dispatcher->stop();
    if (m_scheduler)
        m_scheduler->stop();
    if (m_reconciliation)
        m_reconciliation->stop();
    if (m_server)
        m_server->drain();
}

} // namespace paydesk
