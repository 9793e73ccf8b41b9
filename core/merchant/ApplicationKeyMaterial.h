#pragma once

#include "core/security/Crypto.h"
#include "core/security/PublicKey.h"

namespace paydesk {

// The cryptography of application keys: reading an uploaded RSA public key, fingerprints,
// HMAC secrets and HMAC-SHA256.
class ApplicationKeyMaterial
{
public:
    static constexpr int kMinimumRsaBits = 2048;
    static constexpr int kHmacSecretBytes = 32;

    // A PEM public key (SubjectPublicKeyInfo or PKCS#1) or the bare Base64 of a
    // SubjectPublicKeyInfo; RSA of at least 2048 bits. ApplicationKeyInvalid says why not.
    static Result<PublicKey> rsaPublicKey(const QByteArray &text);
    // SHA-256 (hex) of the key's DER SubjectPublicKeyInfo.
    static QString fingerprint(const PublicKey &key);
    static QString fingerprint(const SecretBytes &secret);

    static SecretBytes generateSecret();
    static Result<QByteArray> hmacSha256(const SecretBytes &key, const QByteArray &message);
};

} // namespace paydesk
