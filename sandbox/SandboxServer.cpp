#include "sandbox/SandboxServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace paydesk::sandbox {

SandboxServer::SandboxServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

SandboxServer::~SandboxServer() = default;

Result<quint16> SandboxServer::start(const IssuedCertificate &serverCertificate, quint16 port)
{
    const QSslCertificate certificate(serverCertificate.certificate.toPem(), QSsl::Pem);
    const QSslKey key(serverCertificate.key.toPem(), QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || key.isNull())
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("sandbox server certificate"));
    sslSetup(certificate, key, QSsl::TlsV1_2OrLater);
    const quint16 bound = listen(QHostAddress::LocalHost, port);
    if (bound == 0)
        return Error(ErrorCode::ChannelUnavailable, QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port));
    return bound;
}

bool SandboxServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    SandboxRequest incoming;
    incoming.url = request.url();
    incoming.body = request.body();
    for (const auto &[name, value] : request.headers())
        incoming.headers.insert(name.toLower(), value);
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        incoming.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        incoming.method = "POST";
        break;
    case QHttpServerRequest::Method::Put:
        incoming.method = "PUT";
        break;
    case QHttpServerRequest::Method::Delete:
        incoming.method = "DELETE";
        break;
    case QHttpServerRequest::Method::Head:
        incoming.method = "HEAD";
        break;
    default:
        incoming.method = "OTHER";
        break;
    }
    const SandboxAnswer answer = m_handler(incoming);
    auto responder = std::make_unique<QHttpServerResponder>(makeResponder(request, socket));
    if (answer.withhold) {
        m_withheld.erase(std::remove_if(m_withheld.begin(), m_withheld.end(),
                                        [](const auto &entry) { return entry.first.isNull(); }),
                         m_withheld.end());
        m_withheld.emplace_back(QPointer<QTcpSocket>(socket), std::move(responder));
        return true;
    }
    if (answer.delayMs <= 0) {
        write(*responder, answer.reply);
        return true;
    }
    // The responder writes to the socket directly; write only if the client is still there.
    QPointer<QTcpSocket> alive(socket);
    std::shared_ptr<QHttpServerResponder> later(responder.release());
    QTimer::singleShot(answer.delayMs, this, [alive, later, reply = answer.reply] {
        if (alive && alive->isOpen())
            write(*later, reply);
    });
    return true;
}

void SandboxServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QByteArrayLiteral("not found"), "text/plain", QHttpServerResponder::StatusCode::NotFound);
}

void SandboxServer::write(QHttpServerResponder &responder, const SandboxReply &reply)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}

} // namespace paydesk::sandbox
