#include "tests/payment/support/AppReceiver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace paydesk::test {

quint16 AppReceiver::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void AppReceiver::answerWith(int status, const QByteArray &body)
{
    QMutexLocker lock(&m_mutex);
    m_status = status;
    m_body = body;
}

QList<AppReceiver::Received> AppReceiver::received() const
{
    QMutexLocker lock(&m_mutex);
    return m_received;
}

bool AppReceiver::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Received r;
    for (const auto &[name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    int status = 0;
    QByteArray body;
    {
        QMutexLocker lock(&m_mutex);
        m_received << r;
        status = m_status;
        body = m_body;
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(body, "text/plain", QHttpServerResponder::StatusCode(status));
    return true;
}

void AppReceiver::missingHandler(const QHttpServerRequest &, QTcpSocket *) {}

} // namespace paydesk::test
