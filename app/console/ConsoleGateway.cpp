#include "app/console/ConsoleGateway.h"

#include "core/PaydeskCore.h"
#include "server/GatewayHost.h"

#include <QSettings>

namespace paydesk {

ConsoleGateway::ConsoleGateway(PaydeskCore &core) : m_core(core) {}

ConsoleGateway::~ConsoleGateway()
{
    stop();
}

Result<QUrl> ConsoleGateway::start()
{
    if (m_host)
        return m_host->url();
    GatewayHost::Options options;
    options.port = quint16(QSettings().value(QStringLiteral("gateway/port"), 8080).toUInt());
    options.threads = 8;
    auto host = std::make_unique<GatewayHost>(m_core, options);
    auto served = host->start();
    if (!served && options.port != 0) {
        // The usual port is taken (a paydeskd on this machine?): any free one will do on loopback.
        options.port = 0;
        host = std::make_unique<GatewayHost>(m_core, options);
        served = host->start();
    }
    if (!served)
        return served.error();
    m_host = std::move(host);
    return served;
}

void ConsoleGateway::stop()
{
    if (!m_host)
        return;
    m_host->stop();
    m_host.reset();
    m_core.setCallbackBase(QUrl());
}

QUrl ConsoleGateway::url() const
{
    return m_host ? m_host->url() : QUrl();
}

} // namespace paydesk
