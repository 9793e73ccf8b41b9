#include "core/merchant/ApplicationKeyMaterial.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

namespace paydesk {

namespace {
Error invalid(const QString &why)
{
    return Error(ErrorCode::ApplicationKeyInvalid, why);
}
} // namespace

Result<PublicKey> ApplicationKeyMaterial::rsaPublicKey(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(QStringLiteral("no key was given"));
    Result<PublicKey> key = Error(ErrorCode::KeyInvalid);
    if (trimmed.startsWith("-----BEGIN")) {
        if (trimmed.contains("PRIVATE KEY"))
            return invalid(QStringLiteral("this is a private key; upload the public key only"));
        key = PublicKey::fromPem(trimmed);
    } else {
        QByteArray base64 = trimmed;
        base64.replace(' ', QByteArray())
            .replace('\n', QByteArray())
            .replace('\r', QByteArray())
            .replace('\t', QByteArray());
        key = PublicKey::fromBase64Der(base64);
    }
    if (!key || !key->isValid())
        return invalid(QStringLiteral("not a PEM or Base64 SubjectPublicKeyInfo public key"));
    if (EVP_PKEY_get_base_id(key->handle()) != EVP_PKEY_RSA)
        return invalid(QStringLiteral("not an RSA key"));
    const int bits = EVP_PKEY_get_bits(key->handle());
    if (bits < kMinimumRsaBits)
        return invalid(
            QStringLiteral("RSA keys need at least %1 bits, this one has %2").arg(kMinimumRsaBits).arg(bits));
    return key;
}

QString ApplicationKeyMaterial::fingerprint(const PublicKey &key)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.handle(), &der);
    if (length <= 0)
        return {};
    const QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return QString::fromLatin1(Crypto::sha256(bytes).toHex());
}

QString ApplicationKeyMaterial::fingerprint(const SecretBytes &secret)
{
    return QString::fromLatin1(Crypto::sha256(secret.bytes()).toHex());
}

SecretBytes ApplicationKeyMaterial::generateSecret()
{
    return SecretBytes(Crypto::randomBytes(kHmacSecretBytes));
}

Result<QByteArray> ApplicationKeyMaterial::hmacSha256(const SecretBytes &key, const QByteArray &message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.bytes().constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), out, &length))
        return Error(ErrorCode::CryptoFailed, QStringLiteral("HMAC-SHA256"));
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

} // namespace paydesk
