#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QUrl>

#include <memory>

namespace paydesk {

class HttpTrust;

struct HttpRequest
{
    // A channel's API answer is a few KiB; an answer past this is refused as it arrives, so a
    // hostile or broken peer cannot fill the memory. Statement downloads raise it.
    static constexpr qint64 kDefaultMaxAnswerBytes = qint64(4) << 20;
    static constexpr qint64 kMaxHeaderBytes = qint64(64) << 10; // all header lines together

    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 maxAnswerBytes = kDefaultMaxAnswerBytes; // the answer's body
};

struct HttpResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// Blocking HTTPS client for the channel adapters, on libcurl. Only https:// addresses; TLS
// peer verification is always on: a CA bundle can be added (to trust the sandbox), never
// switched off. Each attempt has a deadline of timeoutMs (connecting included); connection
// failures, timeouts, cut-off answers and 5xx answers are retried with the very same request
// (the adapters' identifiers make that idempotent). Usable from any thread, no event loop
// needed: the call runs on the calling thread, and each thread keeps its own open connections
// per trust configuration (a libcurl handle), so keep-alive and TLS sessions are reused.
class HttpClient
{
public:
    struct Options
    {
        int timeoutMs = 10000; // per attempt, from connecting to the last byte of the answer
        int attempts = 3;      // first try included
        int backoffMs = 200;   // doubled after each failed attempt
        QList<QSslCertificate> extraCaCertificates;
    };

    HttpClient() : HttpClient(Options()) {}
    explicit HttpClient(Options options);

    // PEM file with one or more CA certificates, to be trusted besides the system's.
    static Result<QList<QSslCertificate>> loadCaBundle(const QString &path);

    // A transport failure is ChannelTimeout or ChannelUnavailable (with libcurl's reason); an
    // answer whose body passes request.maxAnswerBytes or whose headers pass kMaxHeaderBytes is
    // ChannelResponseMalformed, not retried. Any other HTTP answer, including 4xx and a 5xx that
    // survived the retries, is returned for the caller.
    Result<HttpResponse> send(const HttpRequest &request) const;

    const Options &options() const { return m_options; }

private:
    Result<HttpResponse> sendOnce(const HttpRequest &request, bool *transient) const;

    Options m_options;
    std::shared_ptr<const HttpTrust> m_trust; // the extra CAs in OpenSSL's form, built once
};

} // namespace paydesk
