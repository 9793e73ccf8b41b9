#include "sandbox/CertificateIssuer.h"

#include "core/security/Crypto.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace paydesk::sandbox::CertificateIssuer {

namespace {
bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    if (!extension)
        return false;
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    return true;
}

Result<IssuedCertificate> make(const IssuedCertificate *issuer, const QString &commonName, int days, quint64 serial,
                               const QStringList &dnsNames, const QStringList &ipAddresses, bool isAuthority)
{
    auto key = PrivateKey::generateRsa(2048);
    if (!key)
        return key.error();
    X509 *cert = X509_new();
    Certificate owned = Certificate::adopt(cert);
    X509_set_version(cert, 2);
    if (serial == 0) {
        const QByteArray random = Crypto::randomBytes(8);
        serial = 1;
        for (char byte : random)
            serial = (serial << 8) | quint8(byte);
        serial &= 0x7fffffffffffffffULL;
    }
    BIGNUM *number = BN_new();
    BN_set_word(number, serial);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), long(days) * 24 * 3600);
    X509_set_pubkey(cert, key->handle());
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Paydesk Sandbox"), -1,
                               -1, 0);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()), -1,
                               -1, 0);
    X509 *signer = issuer ? issuer->certificate.handle() : cert;
    X509_set_issuer_name(cert, X509_get_subject_name(signer));
    const bool ok =
        addExtension(cert, signer, NID_basic_constraints, isAuthority ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
        addExtension(cert, signer, NID_key_usage,
                     isAuthority ? "critical,keyCertSign,cRLSign,digitalSignature"
                                 : "critical,digitalSignature,keyEncipherment") &&
        addExtension(cert, signer, NID_subject_key_identifier, "hash") &&
        (signer == cert || addExtension(cert, signer, NID_authority_key_identifier, "keyid:always"));
    if (!ok)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("certificate extensions"));
    QStringList alternatives;
    for (const QString &dns : dnsNames)
        alternatives << QStringLiteral("DNS:") + dns;
    for (const QString &ip : ipAddresses)
        alternatives << QStringLiteral("IP:") + ip;
    if (!alternatives.isEmpty()) {
        if (!addExtension(cert, signer, NID_subject_alt_name, alternatives.join(QLatin1Char(',')).toLatin1()) ||
            !addExtension(cert, signer, NID_ext_key_usage, "serverAuth"))
            return Error(ErrorCode::CryptoFailed, QStringLiteral("subjectAltName"));
    }
    const EVP_PKEY *signingKey = issuer ? issuer->key.handle() : key->handle();
    if (X509_sign(cert, const_cast<EVP_PKEY *>(signingKey), EVP_sha256()) == 0)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("certificate signature"));
    return IssuedCertificate{*key, owned};
}
} // namespace

Result<IssuedCertificate> selfSignedAuthority(const QString &commonName, int days)
{
    return make(nullptr, commonName, days, 0, {}, {}, true);
}

Result<IssuedCertificate> issue(const IssuedCertificate &issuer, const QString &commonName, int days, quint64 serial,
                                const QStringList &dnsNames, const QStringList &ipAddresses, bool isAuthority)
{
    return make(&issuer, commonName, days, serial, dnsNames, ipAddresses, isAuthority);
}

} // namespace paydesk::sandbox::CertificateIssuer
