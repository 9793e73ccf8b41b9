#include "core/channel/http/HttpClient.h"

#include "core/channel/http/HttpTrust.h"

#include <QFile>
#include <QHash>
#include <QThread>

#include <curl/curl.h>

#include <mutex>

namespace paydesk {

namespace {
// One libcurl handle per thread and trust configuration: a handle keeps its open connections
// and TLS sessions for the next request, and a handle must not be used by two threads at once.
// Clients trusting different CAs get different handles, so a connection verified against one
// client's CAs never serves another's requests. Closed when the thread ends.
class ThreadHandles
{
public:
    ~ThreadHandles()
    {
        for (CURL *handle : std::as_const(m_byTrust))
            curl_easy_cleanup(handle);
    }

    CURL *handle(const QByteArray &trust)
    {
        CURL *&handle = m_byTrust[trust];
        if (!handle) {
            static std::once_flag initialized;
            std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
            handle = curl_easy_init();
        }
        return handle;
    }

private:
    QHash<QByteArray, CURL *> m_byTrust;
};

CURL *threadHandle(const QByteArray &trust)
{
    thread_local ThreadHandles handles;
    return handles.handle(trust);
}

struct Exchange
{
    HttpResponse response;
    const HttpTrust *trust = nullptr;
    qint64 maxBodyBytes = HttpRequest::kDefaultMaxAnswerBytes;
    qint64 headerBytes = 0;
    bool tooLarge = false; // set when a limit stopped the transfer
};

// Returning less than was handed over makes libcurl stop the transfer (CURLE_WRITE_ERROR).
size_t receiveBody(char *data, size_t size, size_t count, void *opaque)
{
    auto *exchange = static_cast<Exchange *>(opaque);
    const qint64 bytes = qint64(size * count);
    if (exchange->response.body.size() + bytes > exchange->maxBodyBytes) {
        exchange->tooLarge = true;
        return 0;
    }
    exchange->response.body.append(data, qsizetype(bytes));
    return size * count;
}

size_t receiveHeader(char *data, size_t size, size_t count, void *opaque)
{
    auto *exchange = static_cast<Exchange *>(opaque);
    exchange->headerBytes += qint64(size * count);
    if (exchange->headerBytes > HttpRequest::kMaxHeaderBytes) {
        exchange->tooLarge = true;
        return 0;
    }
    HttpResponse &response = exchange->response;
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    if (line.startsWith("HTTP/")) {
        response.headers.clear(); // an interim answer's (100 Continue) headers are not the answer's
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        QByteArray &stored = response.headers[name];
        stored = stored.isEmpty() ? value : stored + ", " + value; // repeated headers, as HTTP joins them
    }
    return size * count;
}

CURLcode addExtraCa(CURL *, void *sslContext, void *exchange)
{
    const HttpTrust *trust = static_cast<Exchange *>(exchange)->trust;
    return trust->addTo(sslContext) ? CURLE_OK : CURLE_SSL_CERTPROBLEM;
}

struct HeaderList
{
    curl_slist *list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void add(const QByteArray &line) { list = curl_slist_append(list, line.constData()); }
};
} // namespace

HttpClient::HttpClient(Options options)
    : m_options(std::move(options)), m_trust(std::make_shared<const HttpTrust>(m_options.extraCaCertificates))
{
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
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("only https:// addresses: %1").arg(request.url.toDisplayString(QUrl::RemoveQuery)));
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
    CURL *handle = threadHandle(m_trust->key());
    const QString where = request.url.toDisplayString(QUrl::RemoveQuery);
    if (!handle) {
        *transient = false;
        return Error(ErrorCode::ChannelUnavailable, where + QStringLiteral(": libcurl could not start"));
    }
    // The handle comes with no options set: new, or reset at the end of its last call.
    Exchange exchange;
    exchange.trust = m_trust.get();
    exchange.maxBodyBytes = qMax<qint64>(0, request.maxAnswerBytes);
    char reason[CURL_ERROR_SIZE] = {};
    const QByteArray url = request.url.toEncoded();

    HeaderList headers;
    bool hasAccept = false;
    for (const auto &[name, value] : request.headers) {
        headers.add(name + ": " + value);
        hasAccept = hasAccept || name.compare("accept", Qt::CaseInsensitive) == 0;
    }
    headers.add("Expect:"); // no 100-continue round trip before a body
    if (!hasAccept)
        headers.add("Accept:"); // none unless the adapter names one

    curl_easy_setopt(handle, CURLOPT_URL, url.constData());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_PROXY, ""); // channel calls go straight to the channel
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    if (m_trust->hasExtraCa()) {
        curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, &addExtraCa);
        curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, &exchange);
    }
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, long(m_options.timeoutMs));
    // An answer that announces a larger body is refused before any of it is read.
    curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(exchange.maxBodyBytes));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, reason);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &receiveBody);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &receiveHeader);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
    if (request.method == "GET") {
        curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    } else {
        if (request.method != "POST")
            curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.constData());
        curl_easy_setopt(handle, CURLOPT_POST, 1L);
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.constData());
    }

    const CURLcode result = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    // A reset forgets this call's options, so the handle keeps no pointer into this call's stack
    // while it waits for the next request; its open connections and TLS sessions stay.
    curl_easy_reset(handle);
    if (result == CURLE_OK) {
        exchange.response.status = int(status);
        return std::move(exchange.response);
    }
    // Asking again would bring the same answer.
    if (exchange.tooLarge || result == CURLE_FILESIZE_EXCEEDED) {
        *transient = false;
        const QString what =
            exchange.headerBytes > HttpRequest::kMaxHeaderBytes
                ? QStringLiteral("the answer's headers are larger than %1 bytes").arg(HttpRequest::kMaxHeaderBytes)
                : QStringLiteral("the answer is larger than %1 bytes").arg(exchange.maxBodyBytes);
        return Error(ErrorCode::ChannelResponseMalformed, where + QStringLiteral(": ") + what);
    }
    // With a status line already read, a failure means a cut-off body, which must not pass
    // for an answer.
    const QString detail = where + QStringLiteral(": ") +
                           QString::fromUtf8(reason[0] ? reason : curl_easy_strerror(result)) +
                           (status > 0 ? QStringLiteral(" (the answer was cut off)") : QString());
    switch (result) {
    case CURLE_OPERATION_TIMEDOUT:
        *transient = true;
        return Error(ErrorCode::ChannelTimeout, detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        // An untrusted or wrong certificate is not going to get better by asking again.
        *transient = false;
        return Error(ErrorCode::ChannelUnavailable, detail);
    default:
        *transient = true;
        return Error(ErrorCode::ChannelUnavailable, detail);
    }
}

} // namespace paydesk
