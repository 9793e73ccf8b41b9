#pragma once

#include "core/channel/ChannelAdapter.h"
#include "sandbox/Sandbox.h"

#include <QAbstractHttpServer>
#include <QMutex>
#include <QThread>

#include <functional>
#include <memory>

namespace paydesk::test {

// A real paydesk-sandbox (HTTPS on loopback) on its own thread, so the test thread can make
// blocking adapter calls against it. `run` executes code on the sandbox's thread.
class SandboxThread
{
public:
    explicit SandboxThread(const sandbox::Sandbox::Options &options);
    ~SandboxThread();

    bool isRunning() const { return m_sandbox != nullptr; }
    QString error() const { return m_error; }
    QUrl baseUrl() const { return m_baseUrl; }
    const sandbox::SandboxKeys &keys() const { return m_keys; }

    void run(const std::function<void(sandbox::Sandbox &)> &work);
    // Runs on the sandbox thread (for objects that must live there, such as a CallbackReceiver).
    void runOnThread(const std::function<void()> &work);

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QString m_error;
    QUrl m_baseUrl;
    sandbox::SandboxKeys m_keys;
};

// The merchant's notification endpoint: plain HTTP on loopback. Each request is verified by the
// adapter registered for its path, answered as that adapter says, and recorded.
class CallbackReceiver final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Received
    {
        QString path;
        CallbackRequest request;
        bool accepted = false;
        ErrorCode error = ErrorCode::None;
        CallbackEvent event;
        int replyStatus = 0;
    };

    CallbackReceiver();
    quint16 start();
    // Requests to `path` are parsed by `adapter` (which must outlive the receiver).
    void route(const QString &path, ChannelAdapter *adapter);
    // Answers with this status regardless (a merchant that is down) while set; 0 clears.
    void forceStatus(int status);

    QList<Received> received() const;
    void clear();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    mutable QMutex m_mutex;
    QHash<QString, ChannelAdapter *> m_routes;
    QList<Received> m_received;
    int m_forcedStatus = 0;
};

} // namespace paydesk::test
