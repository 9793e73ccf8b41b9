#pragma once

#include "core/security/Certificate.h"

#include <QStringList>

namespace paydesk::sandbox {

// Issues the sandbox's own X.509 certificates with OpenSSL: a certificate authority that the
// adapters are told to trust, the HTTPS server certificate for loopback, and the channels'
// signing certificates (WeChat platform, UnionPay's CFCA-like chain, merchants' certificates).
struct IssuedCertificate
{
    PrivateKey key;
    Certificate certificate;
};

namespace CertificateIssuer {

Result<IssuedCertificate> selfSignedAuthority(const QString &commonName, int days);
// A certificate signed by `issuer`. `serial` 0 picks a random one; `dnsNames`/`ipAddresses`
// become the subjectAltName (server certificates).
Result<IssuedCertificate> issue(const IssuedCertificate &issuer, const QString &commonName, int days,
                                quint64 serial = 0, const QStringList &dnsNames = {},
                                const QStringList &ipAddresses = {}, bool isAuthority = false);

} // namespace CertificateIssuer
} // namespace paydesk::sandbox
