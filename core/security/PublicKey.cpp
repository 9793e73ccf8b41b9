#include "core/security/PublicKey.h"

#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace paydesk {

PublicKey PublicKey::adopt(EVP_PKEY *key)
{
    PublicKey result;
    if (key)
        result.m_key.reset(key, &EVP_PKEY_free);
    return result;
}

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem)
{
    // OpenSSL's generic decoder reads both SubjectPublicKeyInfo and PKCS#1 "RSA PUBLIC KEY".
    EVP_PKEY *key = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, decltype(&OSSL_DECODER_CTX_free)> decoder(
        OSSL_DECODER_CTX_new_for_pkey(&key, "PEM", nullptr, "RSA", OSSL_KEYMGMT_SELECT_PUBLIC_KEY, nullptr, nullptr),
        &OSSL_DECODER_CTX_free);
    const auto *data = reinterpret_cast<const unsigned char *>(pem.constData());
    size_t length = size_t(pem.size());
    if (!decoder || OSSL_DECODER_from_data(decoder.get(), &data, &length) != 1)
        key = nullptr;
    if (!key)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not a PEM public key"));
    return adopt(key);
}

Result<PublicKey> PublicKey::fromBase64Der(const QByteArray &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not Base64"));
    const auto *data = reinterpret_cast<const unsigned char *>(decoded.decoded.constData());
    EVP_PKEY *key = d2i_PUBKEY(nullptr, &data, long(decoded.decoded.size()));
    if (!key)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("not a DER public key"));
    return adopt(key);
}

bool PublicKey::verifySha256(const QByteArray &message, const QByteArray &signature) const
{
    if (!m_key || signature.isEmpty())
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size())) == 1;
}

QByteArray PublicKey::toPem() const
{
    if (!m_key)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), m_key.get());
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(length));
}

QByteArray PublicKey::toDer() const
{
    if (!m_key)
        return {};
    const int length = i2d_PUBKEY(m_key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(m_key.get(), &out) != length)
        return {};
    return der;
}

bool PublicKey::operator==(const PublicKey &other) const
{
    if (!m_key || !other.m_key)
        return m_key == other.m_key;
    return EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

} // namespace paydesk
