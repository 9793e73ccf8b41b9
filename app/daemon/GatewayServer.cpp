#include "GatewayServer.h"

#include "gateway/GatewayService.h"
#include "payment/CallbackService.h"
#include "util/Error.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>

#include <memory>

namespace paydesk {

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    default: return "OTHER";
    }
}

void write(QHttpServerResponder &responder, const GatewayReply &reply)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}
} // namespace

GatewayServer::GatewayServer(GatewayService &gateway, CallbackService &callbacks, Database &database, GatewayMetrics &metrics,
                             int threads, QObject *parent)
    : QAbstractHttpServer(parent), m_gateway(gateway), m_callbacks(callbacks), m_database(database), m_metrics(metrics)
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(-1); // keep the threads: each holds a database connection
}

GatewayServer::~GatewayServer()
{
    drain();
}

void GatewayServer::useTls(const QSslCertificate &certificate, const QSslKey &key)
{
    sslSetup(certificate, key, QSsl::TlsV1_2OrLater);
}

Result<quint16> GatewayServer::start(const QHostAddress &address, quint16 port)
{
    const quint16 bound = listen(address, port);
    if (bound == 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port));
    return bound;
}

void GatewayServer::drain()
{
    m_pool.waitForDone();
}

bool GatewayServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    GatewayRequest incoming;
    incoming.method = methodName(request.method());
    incoming.path = request.url().path(QUrl::FullyEncoded).toLatin1();
    incoming.body = request.body();
    incoming.peer = request.remoteAddress();
    for (const auto &[name, value] : request.headers())
        incoming.headers.insert(name.toLower(), value);

    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> alive(socket);
    // Runs on a pool thread; the answer goes back to this thread, where the socket lives.
    auto answer = [this, responder, alive, started](const GatewayReply &reply, const QByteArray &route) {
        QMetaObject::invokeMethod(this, [this, responder, alive, started, reply, route] {
            if (alive && alive->isOpen())
                write(*responder, reply);
            m_metrics.observeRequest(route, reply.status, started->nsecsElapsed() / 1e9);
        });
    };

    if (incoming.path == "/health") {
        GatewayReply ok{200, "text/plain", "ok\n", {}};
        write(*responder, ok);
        return true;
    }
    if (incoming.path == "/metrics") {
        m_pool.start([this, answer] {
            answer(GatewayReply{200, "text/plain; version=0.0.4", m_metrics.render(m_database), {}}, "metrics");
        });
        return true;
    }
    static const QByteArray callbackPrefix = "/callback/";
    if (incoming.path.startsWith(callbackPrefix)) {
        const QString account = QUrl::fromPercentEncoding(incoming.path.mid(callbackPrefix.size()));
        m_pool.start([this, answer, incoming, account] {
            CallbackRequest callback;
            callback.method = incoming.method;
            callback.headers = incoming.headers;
            callback.body = incoming.body;
            callback.peer = incoming.peer;
            const CallbackService::Answer handled = m_callbacks.handle(account, callback);
            m_metrics.observeCallback(account, handled.accepted);
            answer(GatewayReply{handled.status, handled.contentType, handled.body, {}}, "callback");
        });
        return true;
    }
    if (incoming.path.startsWith("/api/")) {
        m_pool.start([this, answer, incoming] {
            const GatewayService::Handled handled = m_gateway.handle(incoming);
            answer(handled.reply, handled.route);
        });
        return true;
    }
    return false;
}

void GatewayServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    write(responder, GatewayReply{404, "application/json", R"({"code":"not_found","message":"no such endpoint"})", {}});
}

} // namespace paydesk
