#include "GatewayHost.h"

#include "GatewayServer.h"
#include "PaydeskCore.h"
#include "gateway/GatewayScheduler.h"
#include "gateway/GatewayService.h"
#include "gateway/NotificationDispatcher.h"
#include "util/Error.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace paydesk {

GatewayHost::GatewayHost(PaydeskCore &core, Options options, QObject *parent)
    : QObject(parent), m_core(core), m_options(std::move(options)), m_gateway(std::make_unique<GatewayService>(core))
{
    m_server = std::make_unique<GatewayServer>(*m_gateway, core.callbacks(), core.database(), m_metrics, m_options.threads);
    m_dispatcher = std::make_unique<NotificationDispatcher>(core.notifications(), m_gateway->platformKey(), &m_metrics);
    m_scheduler = std::make_unique<GatewayScheduler>(core, m_gateway->authenticator());
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
            return Error(ErrorCode::FileUnreadable, QStringLiteral("--tls-cert and --tls-key must both name readable PEM files"));
        const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || key.isNull())
            return Error(ErrorCode::CertificateInvalid, QStringLiteral("the TLS certificate or key is not PEM"));
        m_server->useTls(certificate, key);
    }
    // Channels need an address they can reach: a wildcard one is no address at all.
    const bool wildcard = m_options.address == QHostAddress::AnyIPv4 || m_options.address == QHostAddress::AnyIPv6 ||
                          m_options.address == QHostAddress::Any;
    if (wildcard && m_options.publicUrl.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("listening on %1 needs --public-url: the address channels post callbacks to")
                         .arg(m_options.address.toString()));
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
    return url;
}

void GatewayHost::stop()
{
    if (m_dispatcher)
        m_dispatcher->stop();
    if (m_scheduler)
        m_scheduler->stop();
    if (m_server)
        m_server->drain();
}

} // namespace paydesk
