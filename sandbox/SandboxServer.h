#pragma once

#include "sandbox/CertificateIssuer.h"
#include "sandbox/SandboxHttp.h"

#include <QAbstractHttpServer>
#include <QPointer>

#include <functional>
#include <memory>

class QTcpSocket;

namespace paydesk::sandbox {

// What to do with a request: answer now, after a delay, or never (the timeout fault).
struct SandboxAnswer
{
    SandboxReply reply;
    int delayMs = 0;
    bool withhold = false;
};

// The HTTPS listener: QtHttpServer on loopback only, with the sandbox's server certificate.
// Requests go to one handler; answers can be delayed or withheld, which the channel faults need.
class SandboxServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<SandboxAnswer(const SandboxRequest &)>;

    explicit SandboxServer(Handler handler, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1 (`port` 0: any free port); returns the port.
    Result<quint16> start(const IssuedCertificate &serverCertificate, quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void write(QHttpServerResponder &responder, const SandboxReply &reply);

    Handler m_handler;
    // Withheld answers (the timeout fault) are never written; their responders are kept while
    // the client still waits, and dropped once it has given up and its socket is gone.
    std::vector<std::pair<QPointer<QTcpSocket>, std::unique_ptr<QHttpServerResponder>>> m_withheld;
};

} // namespace paydesk::sandbox
