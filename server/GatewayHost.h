#pragma once

#include "core/gateway/GatewayMetrics.h"
#include "core/util/Result.h"
#include "server/HttpLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace paydesk {

class GatewayScheduler;
class GatewayServer;
class GatewayService;
class NotificationDispatcher;
class PaydeskCore;
class ReconciliationScheduler;

// Everything paydeskd serves, over one PaydeskCore: the gateway API, channel callbacks, /metrics,
// the notification dispatcher, the scheduled sweep and the scheduled reconciliation. paydeskd runs one; the console can
// run one in-process on loopback.
class GatewayHost : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 8080;        // 0: any free port
        QUrl publicUrl;             // how channels reach us (https unless development endpoints are on); empty:
                                    // http(s)://address:port
        QString tlsCertificateFile; // PEM; with tlsKeyFile: HTTPS
        QString tlsKeyFile;
        int threads = 16;      // request workers (they wait on channels, so more than cores)
        int sweepSeconds = 30; // 0: no scheduled sweep
        bool notifications = true;
        // The T+1 reconciliation of every enabled channel account (ReconciliationScheduler):
        // paydeskd's, not the console's in-process gateway.
        bool reconciliation = false;
        int reconciliationCheckSeconds = 60;
        QString source = QStringLiteral("paydeskd"); // who the scheduled runs are, in the audit log
        HttpLimits limits;                           // what the HTTP front accepts (sizes, deadlines, connection caps)
    };

    GatewayHost(PaydeskCore &core, Options options, QObject *parent = nullptr);
    ~GatewayHost() override;

    // Listens and starts the timers; returns the address it serves on.
    Result<QUrl> start();
    void stop();

    QUrl url() const { return m_url; }
    GatewayService &gateway() { return *m_gateway; }
    GatewayMetrics &metrics() { return m_metrics; }
    NotificationDispatcher &dispatcher() { return *m_dispatcher; }
    GatewayScheduler &scheduler() { return *m_scheduler; }
    ReconciliationScheduler &reconciliationScheduler() { return *m_reconciliation; }

private:
    PaydeskCore &m_core;
    Options m_options;
    GatewayMetrics m_metrics;
    std::unique_ptr<GatewayService> m_gateway;
    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<NotificationDispatcher> m_dispatcher;
    std::unique_ptr<GatewayScheduler> m_scheduler;
    std::unique_ptr<ReconciliationScheduler> m_reconciliation;
    QUrl m_url;
};

} // namespace paydesk
