#include "core/security/PrivateKey.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <mutex>

namespace paydesk {

struct PrivateKey::Derived
{
    std::once_flag once;
    PublicKey publicKey;
};

PrivateKey PrivateKey::adopt(EVP_PKEY *key)
{
    PrivateKey result;
    if (key) {
        result.m_key.reset(key, &EVP_PKEY_free);
        result.m_derived = std::make_shared<Derived>();
    }
    return result;
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    // Handles both PKCS#8 and the traditional RSA form; an empty callback refuses encrypted keys.
    EVP_PKEY *key = PEM_read_bio_PrivateKey(
        bio.get(), nullptr, [](char *, int, int, void *) { return 0; }, nullptr);
    if (!key)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not an unencrypted PEM private key"));
    return adopt(key);
}

Result<PrivateKey> PrivateKey::fromBase64Der(const QByteArray &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not Base64"));
    const QByteArray &der = decoded.decoded;
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *key = d2i_AutoPrivateKey(nullptr, &data, long(der.size()));
    if (!key)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not a DER private key"));
    return adopt(key);
}

Result<PrivateKey> PrivateKey::generateRsa(int bits)
{
    EVP_PKEY *key = EVP_RSA_gen(unsigned(bits));
    if (!key)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("RSA key generation"));
    return adopt(key);
}

Result<QByteArray> PrivateKey::signSha256(const QByteArray &message) const
{
    if (!m_key)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("no key"));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size())) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("SHA256withRSA"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("SHA256withRSA"));
    signature.resize(qsizetype(length));
    return signature;
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_key)
        return {};
    std::call_once(m_derived->once, [this] {
        // Round-trip through DER: a key object holding only the public half.
        unsigned char *der = nullptr;
        const int length = i2d_PUBKEY(m_key.get(), &der);
        if (length <= 0)
            return;
        const unsigned char *cursor = der;
        EVP_PKEY *key = d2i_PUBKEY(nullptr, &cursor, length);
        OPENSSL_free(der);
        m_derived->publicKey = PublicKey::adopt(key);
    });
    return m_derived->publicKey;
}

QByteArray PrivateKey::toPem() const
{
    if (!m_key)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(length));
}

} // namespace paydesk
