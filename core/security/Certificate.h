#pragma once

#include "core/security/PrivateKey.h"
#include "core/security/PublicKey.h"

#include <QDateTime>
#include <QList>
#include <QString>

typedef struct x509_st X509;

namespace paydesk {

// An X.509 certificate: a channel's platform certificate (WeChat Pay), UnionPay's signing
// certificate (signPubKeyCert) and its CFCA chain, a merchant's certificate and its serial.
class Certificate
{
public:
    Certificate() = default;
    static Result<Certificate> fromPem(const QByteArray &pem);
    static Result<Certificate> fromDer(const QByteArray &der);
    // Every certificate in a PEM bundle, in order.
    static Result<QList<Certificate>> listFromPem(const QByteArray &pem);

    bool isValid() const { return m_cert != nullptr; }
    QString serialHex() const;     // upper-case, no leading zeros: "D7CE59D1F522D701"
    QString serialDecimal() const; // UnionPay's certId: "69903319369"
    QString subject() const;
    QString commonName() const; // the subject's CN (UTF-8), empty when there is none
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    PublicKey publicKey() const;
    QByteArray toPem() const;
    QByteArray toDer() const;

    // Checks the chain to one of `roots` (through `intermediates`) and the validity dates at
    // `at` — an injected time, so tests and replays do not depend on today's date.
    Status verify(const QList<Certificate> &roots, const QList<Certificate> &intermediates, const QDateTime &at) const;

    X509 *handle() const { return m_cert.get(); }
    static Certificate adopt(X509 *cert); // takes ownership

private:
    std::shared_ptr<X509> m_cert;
};

// A PKCS#12 (.pfx) bundle: the private key and certificate a UnionPay merchant signs with.
struct Pkcs12
{
    PrivateKey key;
    Certificate certificate;
    // Reads old bundles too (RC2/3DES, which OpenSSL 3 keeps in its legacy provider).
    static Result<Pkcs12> load(const QByteArray &pfx, const QString &password);
    static Result<QByteArray> create(const PrivateKey &key, const Certificate &certificate, const QString &password);
};

} // namespace paydesk
