#pragma once

#include "core/gateway/GatewayMetrics.h"
#include "core/util/Result.h"
#include "server/HttpFront.h"

#include <QThreadPool>

class QHostAddress;

namespace paydesk {

class CallbackService;
class Database;
class GatewayService;

// The gateway's routes over its HTTP(S) front (HttpFront, which enforces the limits): the work
// of each request on a thread pool (a create waits for the channel; other requests go on
// meanwhile) and the answer written back by the front's I/O thread.
//   /api/v1/…            GatewayService (applications)
//   /callback/<account>  CallbackService (channels)
//   /metrics             GatewayMetrics (Prometheus)
//   /health              "ok", answered on the I/O thread without the pool
class GatewayServer final
{
public:
    GatewayServer(GatewayService &gateway, CallbackService &callbacks, Database &database, GatewayMetrics &metrics,
                  int threads, const HttpLimits &limits);
    ~GatewayServer();

    // HTTPS when a certificate (chain) and key are given, both PEM.
    Status useTls(const QByteArray &certificatePem, const QByteArray &keyPem);
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting, answers the requests under way and closes every connection (on shutdown).
    void drain();

private:
    void handle(GatewayRequest &&request, HttpFront::Respond respond);

    GatewayService &m_gateway;
    CallbackService &m_callbacks;
    Database &m_database;
    GatewayMetrics &m_metrics;
    QThreadPool m_pool;
    HttpFront m_front;
};

} // namespace paydesk
