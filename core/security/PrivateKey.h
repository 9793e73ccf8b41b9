#pragma once

#include "core/security/PublicKey.h"

namespace paydesk {

// An RSA private key: signs SHA256withRSA (RSASSA-PKCS1-v1_5, deterministic). Loaded from the
// PEM or bare Base64 forms the channels' consoles hand out; kept only in memory (the vault
// stores its PEM encrypted).
class PrivateKey
{
public:
    PrivateKey() = default;
    // "-----BEGIN PRIVATE KEY-----" (PKCS#8) or "-----BEGIN RSA PRIVATE KEY-----" (PKCS#1).
    static Result<PrivateKey> fromPem(const QByteArray &pem);
    // Bare Base64 DER, PKCS#8 or PKCS#1 (Alipay's "应用私钥" text).
    static Result<PrivateKey> fromBase64Der(const QByteArray &base64);
    static Result<PrivateKey> generateRsa(int bits = 2048);

    bool isValid() const { return m_key != nullptr; }
    Result<QByteArray> signSha256(const QByteArray &message) const;
    // The public half, derived once per key and shared by its copies: OpenSSL 3 derives it
    // through its encoders and decoders, which costs more than a signature.
    PublicKey publicKey() const;
    // PKCS#8 PEM, unencrypted: for the vault (which encrypts it) and for sandbox fixtures.
    QByteArray toPem() const;

    EVP_PKEY *handle() const { return m_key.get(); }
    static PrivateKey adopt(EVP_PKEY *key); // takes ownership

private:
    struct Derived;

    std::shared_ptr<EVP_PKEY> m_key;
    std::shared_ptr<Derived> m_derived;
};

} // namespace paydesk
