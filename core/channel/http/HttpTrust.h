#pragma once

#include "core/security/Certificate.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>

namespace paydesk {

// The CA certificates an HttpClient trusts besides the system's, in OpenSSL's form, and a key
// naming that set: connections verified against one set must never serve a client trusting
// another, so open connections are kept apart by this key.
class HttpTrust
{
public:
    explicit HttpTrust(const QList<QSslCertificate> &extraCa);

    const QByteArray &key() const { return m_key; }
    bool hasExtraCa() const { return !m_certificates.isEmpty(); }

    // Adds the extra CAs to a TLS context's store (an SSL_CTX *, as libcurl hands it over).
    bool addTo(void *sslContext) const;

private:
    QByteArray m_key;
    QList<Certificate> m_certificates;
};

} // namespace paydesk
