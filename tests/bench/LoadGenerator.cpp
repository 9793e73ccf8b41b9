#include "tests/bench/LoadGenerator.h"

#include "core/gateway/GatewaySignature.h"
#include "tests/bench/MeasuredWindow.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

namespace paydesk::test {

namespace {

struct Shared
{
    const LoadGenerator::Settings &settings;
    MeasuredWindow window;
    int sequence = 0;
    int running = 0;
    bool closeReported = false;
    LoadGenerator::Result result;
    QEventLoop *loop = nullptr;
};

// One application on one keep-alive connection.
class Connection
{
public:
    Connection(Shared &shared, int id) : m_shared(shared), m_id(id)
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, [this] { send(); });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { read(); });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this] { lost(); });
        m_socket.connectToHost(m_shared.settings.base.host(), quint16(m_shared.settings.base.port()));
    }

private:
    void send()
    {
        if (m_shared.window.isOver(m_shared.window.nowNs())) {
            if (!m_shared.closeReported) {
                m_shared.closeReported = true;
                if (m_shared.settings.windowCloses)
                    m_shared.settings.windowCloses();
            }
            finish();
            return;
        }
        const int n = ++m_shared.sequence;
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("B%1-%2").arg(m_id).arg(n)},
                                      {QStringLiteral("amount"),
                                       QStringLiteral("%1.%2").arg(1 + n % 500).arg(n % 100, 2, 10, QLatin1Char('0'))},
                                      {QStringLiteral("method"), m_shared.settings.method},
                                      {QStringLiteral("subject"), QStringLiteral("bench order")}})
                .toJson(QJsonDocument::Compact);
        QByteArray request =
            "POST /api/v1/orders HTTP/1.1\r\nHost: " + m_shared.settings.base.authority().toLatin1() +
            "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const auto &[name, value] : GatewaySignature::hmacHeaders(
                 m_shared.settings.appId, m_shared.settings.hmacKey, "POST", "/api/v1/orders", body))
            request += name + ": " + value + "\r\n";
        request += "\r\n" + body;
        m_sentNs = m_shared.window.nowNs();
        m_socket.write(request);
    }

    void read()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
            const QList<QByteArray> statusLine = lines.value(0).split(' ');
            const int status = statusLine.value(1).toInt();
            qsizetype length = 0;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            const qsizetype total = headEnd + 4 + length;
            if (m_buffer.size() < total)
                return;
            answered(status, m_buffer.mid(headEnd + 4, length));
            m_buffer.remove(0, total);
            send();
        }
    }

    void answered(int status, const QByteArray &body)
    {
        const qint64 now = m_shared.window.nowNs();
        if (!m_shared.window.counts(m_sentNs, now))
            return;
        if (status == 200) {
            m_shared.result.latenciesMs << (now - m_sentNs) / 1e6;
            return;
        }
        if (!m_shared.result.failures.contains(status))
            m_shared.result.firstFailure[status] = body;
        ++m_shared.result.failures[status];
    }

    void lost()
    {
        if (m_done)
            return;
        const QByteArray why = m_socket.errorString().toUtf8();
        if (!m_shared.result.failures.contains(0))
            m_shared.result.firstFailure[0] = why;
        ++m_shared.result.failures[0];
        finish();
    }

    void finish()
    {
        if (m_done)
            return;
        m_done = true;
        m_socket.abort();
        if (--m_shared.running == 0)
            m_shared.loop->quit();
    }

    Shared &m_shared;
    int m_id;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    qint64 m_sentNs = 0;
    bool m_done = false;
};

} // namespace

LoadGenerator::Result LoadGenerator::run(const Settings &settings)
{
    Result result;
    std::unique_ptr<QThread> thread(QThread::create([&settings, &result] {
        Shared shared{settings, MeasuredWindow(settings.warmUpSeconds, settings.measuredSeconds), 0, 0, false, {},
                      nullptr};
        QEventLoop loop;
        shared.loop = &loop;
        QTimer::singleShot(settings.warmUpSeconds * 1000, [&] {
            if (settings.windowOpens)
                settings.windowOpens();
        });
        std::vector<std::unique_ptr<Connection>> connections;
        shared.running = settings.connections;
        for (int i = 0; i < settings.connections; ++i)
            connections.push_back(std::make_unique<Connection>(shared, i));
        loop.exec();
        connections.clear();
        result = shared.result;
    }));
    thread->setObjectName(QStringLiteral("load generator"));
    // The gateway's server lives on the caller's thread: its event loop runs meanwhile.
    QEventLoop callerLoop;
    QObject::connect(thread.get(), &QThread::finished, &callerLoop, &QEventLoop::quit);
    thread->start();
    callerLoop.exec();
    thread->wait();
    return result;
}

} // namespace paydesk::test
