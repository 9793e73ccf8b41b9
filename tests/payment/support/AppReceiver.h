#pragma once

#include <QAbstractHttpServer>
#include <QMutex>

namespace paydesk::test {

// An application's notify endpoint: records every notification and answers "success" — or,
// while told so, something else (an application that is down or confused).
class AppReceiver final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Received
    {
        QHash<QByteArray, QByteArray> headers; // lower case
        QByteArray body;
    };

    quint16 start();
    void answerWith(int status, const QByteArray &body); // default 200 "success"
    QList<Received> received() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    mutable QMutex m_mutex;
    QList<Received> m_received;
    int m_status = 200;
    QByteArray m_body = "success";
};

} // namespace paydesk::test
