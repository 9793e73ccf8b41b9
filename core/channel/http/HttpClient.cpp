#include "HttpClient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>

namespace paydesk {

namespace {
// One manager per thread and trust configuration. A QNetworkAccessManager must stay on its
// thread, and it reuses open connections regardless of a request's own TLS settings — so
// clients trusting different CAs must not share one, or a connection verified against one
// client's CAs would serve the other's requests. Freed at thread end.
struct ThreadManagers
{
    QHash<QByteArray, QNetworkAccessManager *> byTrust;
    ~ThreadManagers() { qDeleteAll(byTrust); }
};

QThreadStorage<ThreadManagers *> &managers()
{
    static QThreadStorage<ThreadManagers *> storage;
    return storage;
}

// The main thread's managers go with the application object, while Qt's TLS backend is still
// loaded (at static destruction their sockets could no longer close cleanly).
void releaseMainThreadManagers()
{
    managers().setLocalData(nullptr);
}

QByteArray trustKey(const QList<QSslCertificate> &extraCa)
{
    QCryptographicHash trust(QCryptographicHash::Sha256);
    for (const QSslCertificate &certificate : extraCa)
        trust.addData(certificate.toDer());
    return trust.result();
}

QNetworkAccessManager &threadManager(const QByteArray &trust)
{
    if (!managers().hasLocalData()) {
        managers().setLocalData(new ThreadManagers);
        if (QCoreApplication::instance() && QThread::currentThread() == QCoreApplication::instance()->thread())
            qAddPostRoutine(releaseMainThreadManagers);
    }
    QNetworkAccessManager *&manager = managers().localData()->byTrust[trust];
    if (!manager)
        manager = new QNetworkAccessManager;
    return *manager;
}
} // namespace

HttpClient::HttpClient(Options options)
    : m_options(std::move(options)), m_ssl(QSslConfiguration::defaultConfiguration()), m_trust(trustKey(m_options.extraCaCertificates))
{
    if (!m_options.extraCaCertificates.isEmpty())
        m_ssl.addCaCertificates(m_options.extraCaCertificates);
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

Result<QList<QSslCertificate>> HttpClient::loadCaBundle(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, path + QStringLiteral(": ") + file.errorString());
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return Error(ErrorCode::CertificateInvalid, path);
    return certificates;
}

Result<HttpResponse> HttpClient::send(const HttpRequest &request) const
{
    // Signed requests and channel money data never travel in clear.
    if (request.url.scheme() != QLatin1String("https") || request.url.host().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("only https:// addresses: %1").arg(request.url.toDisplayString(QUrl::RemoveQuery)));
    int backoff = m_options.backoffMs;
    Result<HttpResponse> last = Error(ErrorCode::ChannelUnavailable);
    for (int attempt = 1; attempt <= qMax(1, m_options.attempts); ++attempt) {
        bool transient = false;
        last = sendOnce(request, &transient);
        const bool serverError = last && last->status >= 500;
        if ((last && !serverError) || (!last && !transient))
            return last;
        if (attempt < m_options.attempts) {
            QThread::msleep(ulong(backoff));
            backoff *= 2;
        }
    }
    return last;
}

Result<HttpResponse> HttpClient::sendOnce(const HttpRequest &request, bool *transient) const
{
    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    networkRequest.setTransferTimeout(m_options.timeoutMs);
    networkRequest.setSslConfiguration(m_ssl);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    QNetworkReply *reply = threadManager(m_trust).sendCustomRequest(networkRequest, request.method, request.body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // The transfer timeout above fires on silence; this deadline also ends an answer that
    // trickles in forever.
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    deadline.start(m_options.timeoutMs);
    if (!reply->isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> owner(reply, [](QNetworkReply *r) { r->deleteLater(); });

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Errors below 100 are the connection's (refused, closed, timed out, TLS): with a status
    // line already read they mean a cut-off body, which must not pass for an answer.
    const bool connectionFailed = reply->error() != QNetworkReply::NoError && int(reply->error()) < 100;
    if (status.isValid() && !connectionFailed) {
        HttpResponse response;
        response.status = status.toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
        response.body = reply->readAll();
        return response;
    }
    const QNetworkReply::NetworkError error = reply->error();
    const QString reason = request.url.toDisplayString(QUrl::RemoveQuery) + QStringLiteral(": ") + reply->errorString();
    switch (error) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        *transient = true;
        return Error(ErrorCode::ChannelTimeout, reason + (status.isValid() ? QStringLiteral(" (the answer was cut off)") : QString()));
    case QNetworkReply::SslHandshakeFailedError:
        // An untrusted or wrong certificate is not going to get better by asking again.
        *transient = false;
        return Error(ErrorCode::ChannelUnavailable, reason);
    default:
        *transient = true;
        return Error(ErrorCode::ChannelUnavailable, reason + (status.isValid() ? QStringLiteral(" (the answer was cut off)") : QString()));
    }
}

} // namespace paydesk
