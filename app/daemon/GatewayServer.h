#pragma once

#include "gateway/GatewayMetrics.h"
#include "util/Result.h"

#include <QAbstractHttpServer>
#include <QThreadPool>

class QSslCertificate;
class QSslKey;

namespace paydesk {

class CallbackService;
class Database;
class GatewayService;

// The gateway's HTTP(S) front: QtHttpServer on the listening address, the work of each request
// on a thread pool (a create waits for the channel; other requests go on meanwhile) and the
// answer written back on the server's thread.
//   /api/v1/…            GatewayService (applications)
//   /callback/<account>  CallbackService (channels)
//   /metrics             GatewayMetrics (Prometheus)
//   /health              "ok"
class GatewayServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    GatewayServer(GatewayService &gateway, CallbackService &callbacks, Database &database, GatewayMetrics &metrics,
                  int threads, QObject *parent = nullptr);
    ~GatewayServer() override;

    // HTTPS when a certificate and key are given.
    void useTls(const QSslCertificate &certificate, const QSslKey &key);
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // Waits for requests under way (on shutdown).
    void drain();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    GatewayService &m_gateway;
    CallbackService &m_callbacks;
    Database &m_database;
    GatewayMetrics &m_metrics;
    QThreadPool m_pool;
};

} // namespace paydesk
