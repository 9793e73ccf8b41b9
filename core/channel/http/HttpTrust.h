#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>

#include <vector>

typedef struct x509_st X509;

namespace paydesk {

// The CA certificates an HttpClient trusts besides the system's, in OpenSSL's form, and a key
// naming that set: connections verified against one set must never serve a client trusting
// another, so open connections are kept apart by this key.
class HttpTrust
{
public:
    explicit HttpTrust(const QList<QSslCertificate> &extraCa);
    ~HttpTrust();
    HttpTrust(const HttpTrust &) = delete;
    HttpTrust &operator=(const HttpTrust &) = delete;

    const QByteArray &key() const { return m_key; }
    bool hasExtraCa() const { return !m_certificates.empty(); }

    // Adds the extra CAs to a TLS context's store (an SSL_CTX *, as libcurl hands it over).
    bool addTo(void *sslContext) const;

private:
    QByteArray m_key;
    std::vector<X509 *> m_certificates;
};

} // namespace paydesk
