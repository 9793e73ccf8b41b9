#include "core/channel/http/HttpTrust.h"

#include <QCryptographicHash>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace paydesk {

HttpTrust::HttpTrust(const QList<QSslCertificate> &extraCa)
{
    QCryptographicHash key(QCryptographicHash::Sha256);
    for (const QSslCertificate &certificate : extraCa) {
        const QByteArray der = certificate.toDer();
        key.addData(der);
        if (auto parsed = Certificate::fromDer(der))
            m_certificates << *parsed;
    }
    m_key = key.result();
}

bool HttpTrust::addTo(void *sslContext) const
{
    X509_STORE *store = SSL_CTX_get_cert_store(static_cast<SSL_CTX *>(sslContext));
    if (!store)
        return false;
    for (const Certificate &certificate : m_certificates) {
        // A certificate already in the store (the system's own, or added twice) is fine.
        if (X509_STORE_add_cert(store, certificate.handle()) != 1) {
            const unsigned long error = ERR_peek_last_error();
            if (ERR_GET_REASON(error) != X509_R_CERT_ALREADY_IN_HASH_TABLE)
                return false;
            ERR_clear_error();
        }
    }
    return true;
}

} // namespace paydesk
