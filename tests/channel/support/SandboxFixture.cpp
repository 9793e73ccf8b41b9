#include "tests/channel/support/SandboxFixture.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMutexLocker>

namespace paydesk::test {

SandboxThread::SandboxThread(const sandbox::Sandbox::Options &options)
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("sandbox")); // the thread's name in ps, top and perf
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context,
        [this, options] {
            auto started = sandbox::Sandbox::start(options);
            if (!started) {
                m_error = started.error().detail();
                return;
            }
            m_sandbox = std::move(*started);
            m_baseUrl = m_sandbox->baseUrl();
            m_keys = m_sandbox->keys();
        },
        Qt::BlockingQueuedConnection);
}

SandboxThread::~SandboxThread()
{
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_sandbox.reset();
            delete m_context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SandboxThread::run(const std::function<void(sandbox::Sandbox &)> &work)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, &work] {
            if (m_sandbox)
                work(*m_sandbox);
        },
        Qt::BlockingQueuedConnection);
}

void SandboxThread::runOnThread(const std::function<void()> &work)
{
    QMetaObject::invokeMethod(
        m_context, [&work] { work(); }, Qt::BlockingQueuedConnection);
}

CallbackReceiver::CallbackReceiver() = default;

quint16 CallbackReceiver::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void CallbackReceiver::route(const QString &path, ChannelAdapter *adapter)
{
    QMutexLocker lock(&m_mutex);
    m_routes.insert(path, adapter);
}

void CallbackReceiver::forceStatus(int status)
{
    QMutexLocker lock(&m_mutex);
    m_forcedStatus = status;
}

QList<CallbackReceiver::Received> CallbackReceiver::received() const
{
    QMutexLocker lock(&m_mutex);
    return m_received;
}

void CallbackReceiver::clear()
{
    QMutexLocker lock(&m_mutex);
    m_received.clear();
}

bool CallbackReceiver::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Received record;
    record.path = request.url().path();
    record.request.body = request.body();
    for (const auto &[name, value] : request.headers())
        record.request.headers.insert(name.toLower(), value);
    ChannelAdapter *adapter = nullptr;
    int forced = 0;
    {
        QMutexLocker lock(&m_mutex);
        adapter = m_routes.value(record.path);
        forced = m_forcedStatus;
    }
    QByteArray replyBody = "unknown endpoint";
    record.replyStatus = 404;
    if (adapter) {
        auto event = adapter->parseCallback(record.request);
        record.accepted = event.ok();
        if (event) {
            record.event = *event;
            record.replyStatus = event->replyStatus;
            replyBody = event->replyBody;
        } else {
            // A merchant refuses what it cannot verify, so that a genuine channel retries.
            record.error = event.error().code();
            record.replyStatus = 401;
            replyBody = "FAIL";
        }
    }
    if (forced != 0) {
        record.replyStatus = forced;
        replyBody = "unavailable";
    }
    {
        QMutexLocker lock(&m_mutex);
        m_received.append(record);
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(replyBody, "text/plain", QHttpServerResponder::StatusCode(record.replyStatus));
    return true;
}

void CallbackReceiver::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace paydesk::test
