#include "server/GatewayServer.h"

#include "core/gateway/GatewayService.h"
#include "core/payment/CallbackService.h"

#include <QElapsedTimer>
#include <QUrl>

namespace paydesk {

GatewayServer::GatewayServer(GatewayService &gateway, CallbackService &callbacks, Database &database,
                             GatewayMetrics &metrics, int threads, const HttpLimits &limits)
    : m_gateway(gateway), m_callbacks(callbacks), m_database(database), m_metrics(metrics),
      m_front(
          limits,
          [this](GatewayRequest &&request, HttpFront::Respond respond) {
              handle(std::move(request), std::move(respond));
          },
          [this](int status) { m_metrics.observeRequest("refused", status, 0); })
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(-1); // keep the threads: each holds a database connection
}

GatewayServer::~GatewayServer()
{
    drain();
}

Status GatewayServer::useTls(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    return m_front.useTls(certificatePem, keyPem);
}

Result<quint16> GatewayServer::start(const QHostAddress &address, quint16 port)
{
    return m_front.start(address, port);
}

void GatewayServer::drain()
{
    m_front.beginDrain();
    m_pool.waitForDone(); // every answer is handed to the front before it stops
    m_front.stop();
}

// On the front's I/O thread: anything that may wait goes to the pool.
void GatewayServer::handle(GatewayRequest &&request, HttpFront::Respond respond)
{
    QElapsedTimer started;
    started.start();
    auto answer = [this, respond, started](const GatewayReply &reply, const QByteArray &route) {
        m_metrics.observeRequest(route, reply.status, double(started.nsecsElapsed()) / 1e9);
        respond(reply);
    };

    if (request.path == "/health")
        return answer(GatewayReply{200, "text/plain", "ok\n", {}}, "health");
    if (request.path == "/metrics") {
        m_pool.start([this, answer] {
            answer(GatewayReply{200, "text/plain; version=0.0.4", m_metrics.render(m_database), {}}, "metrics");
        });
        return;
    }
    static const QByteArray callbackPrefix = "/callback/";
    if (request.path.startsWith(callbackPrefix)) {
        m_pool.start([this, answer, incoming = std::move(request)] {
            const QString account = QUrl::fromPercentEncoding(incoming.path.mid(callbackPrefix.size()));
            CallbackRequest callback;
            callback.method = incoming.method;
            callback.headers = incoming.headers;
            callback.body = incoming.body;
            callback.peer = incoming.peer;
            const CallbackService::Answer handled = m_callbacks.handle(account, callback);
            m_metrics.observeCallback(account, handled.accepted, handled.status != 404);
            answer(GatewayReply{handled.status, handled.contentType, handled.body, {}}, "callback");
        });
        return;
    }
    if (request.path.startsWith("/api/")) {
        m_pool.start([this, answer, incoming = std::move(request)] {
            const GatewayService::Handled handled = m_gateway.handle(incoming);
            answer(handled.reply, handled.route);
        });
        return;
    }
    answer(GatewayReply{404, "application/json", R"({"code":"not_found","message":"no such endpoint"})", {}},
           "unknown");
}

} // namespace paydesk
