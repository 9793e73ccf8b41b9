#include "core/security/Certificate.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <mutex>

namespace paydesk {

namespace {
QDateTime fromAsn1(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}
} // namespace

Certificate Certificate::adopt(X509 *cert)
{
    Certificate result;
    if (cert)
        result.m_cert.reset(cert, &X509_free);
    return result;
}

Result<Certificate> Certificate::fromPem(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert)
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("not a PEM certificate"));
    return adopt(cert);
}

Result<Certificate> Certificate::fromDer(const QByteArray &der)
{
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *cert = d2i_X509(nullptr, &data, long(der.size()));
    if (!cert)
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("not a DER certificate"));
    return adopt(cert);
}

Result<QList<Certificate>> Certificate::listFromPem(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    QList<Certificate> list;
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        list << adopt(cert);
    if (list.isEmpty())
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("no PEM certificate"));
    return list;
}

QString Certificate::serialHex() const
{
    if (!m_cert)
        return {};
    BIGNUM *number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert.get()), nullptr);
    char *text = BN_bn2hex(number);
    QString serial = QString::fromLatin1(text);
    OPENSSL_free(text);
    BN_free(number);
    while (serial.size() > 1 && serial.startsWith(QLatin1Char('0')))
        serial.remove(0, 1);
    return serial;
}

QString Certificate::serialDecimal() const
{
    if (!m_cert)
        return {};
    BIGNUM *number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert.get()), nullptr);
    char *text = BN_bn2dec(number);
    QString serial = QString::fromLatin1(text);
    OPENSSL_free(text);
    BN_free(number);
    return serial;
}

QString Certificate::subject() const
{
    if (!m_cert)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(m_cert.get()), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioBytes(bio.get()));
}

QString Certificate::commonName() const
{
    if (!m_cert)
        return {};
    X509_NAME *name = X509_get_subject_name(m_cert.get());
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
    if (length < 0)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? fromAsn1(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? fromAsn1(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

PublicKey Certificate::publicKey() const
{
    if (!m_cert)
        return {};
    return PublicKey::adopt(X509_get_pubkey(m_cert.get()));
}

QByteArray Certificate::toPem() const
{
    if (!m_cert)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_X509(bio.get(), m_cert.get());
    return bioBytes(bio.get());
}

QByteArray Certificate::toDer() const
{
    if (!m_cert)
        return {};
    unsigned char *der = nullptr;
    const int length = i2d_X509(m_cert.get(), &der);
    QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return bytes;
}

Status Certificate::verify(const QList<Certificate> &roots, const QList<Certificate> &intermediates,
                           const QDateTime &at) const
{
    if (!m_cert)
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("no certificate"));
    std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), &X509_STORE_free);
    for (const Certificate &root : roots)
        X509_STORE_add_cert(store.get(), root.handle());
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509) *)> chain(sk_X509_new_null(),
                                                                      [](STACK_OF(X509) * s) { sk_X509_free(s); });
    for (const Certificate &intermediate : intermediates)
        sk_X509_push(chain.get(), intermediate.handle());
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(), &X509_STORE_CTX_free);
    if (X509_STORE_CTX_init(context.get(), store.get(), m_cert.get(), chain.get()) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("certificate store"));
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context.get()), time_t(at.toSecsSinceEpoch()));
    if (X509_verify_cert(context.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(context.get());
        return Error(ErrorCode::CertificateInvalid, QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    return {};
}

Result<Pkcs12> Pkcs12::load(const QByteArray &pfx, const QString &password)
{
    // UnionPay's bundles are encrypted with RC2-40; OpenSSL 3 has it in the legacy provider.
    static std::once_flag providers;
    std::call_once(providers, []() {
        OSSL_PROVIDER_load(nullptr, "legacy");
        OSSL_PROVIDER_load(nullptr, "default");
    });
    const auto *data = reinterpret_cast<const unsigned char *>(pfx.constData());
    std::unique_ptr<PKCS12, decltype(&PKCS12_free)> bundle(d2i_PKCS12(nullptr, &data, long(pfx.size())), &PKCS12_free);
    if (!bundle)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not a PKCS#12 file"));
    EVP_PKEY *key = nullptr;
    X509 *cert = nullptr;
    const QByteArray pass = password.toUtf8();
    if (PKCS12_parse(bundle.get(), pass.constData(), &key, &cert, nullptr) != 1 || !key || !cert) {
        EVP_PKEY_free(key);
        X509_free(cert);
        return Error(ErrorCode::KeyInvalid, QStringLiteral("wrong password or damaged PKCS#12 file"));
    }
    return Pkcs12{PrivateKey::adopt(key), Certificate::adopt(cert)};
}

Result<QByteArray> Pkcs12::create(const PrivateKey &key, const Certificate &certificate, const QString &password)
{
    const QByteArray pass = password.toUtf8();
    std::unique_ptr<PKCS12, decltype(&PKCS12_free)> bundle(
        PKCS12_create(pass.constData(), "paydesk", key.handle(), certificate.handle(), nullptr, 0, 0, 0, 0, 0),
        &PKCS12_free);
    if (!bundle)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("PKCS#12 create"));
    unsigned char *der = nullptr;
    const int length = i2d_PKCS12(bundle.get(), &der);
    QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return bytes;
}

} // namespace paydesk
