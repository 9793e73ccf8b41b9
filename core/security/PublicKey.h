#pragma once

#include "core/util/Result.h"

#include <QByteArray>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace paydesk {

// An RSA public key (OpenSSL EVP_PKEY): verifies SHA256withRSA (RSASSA-PKCS1-v1_5) signatures,
// the scheme WeChat Pay, Alipay (RSA2) and UnionPay (signMethod 01) all use.
class PublicKey
{
public:
    PublicKey() = default;
    // "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo) or "-----BEGIN RSA PUBLIC KEY-----".
    static Result<PublicKey> fromPem(const QByteArray &pem);
    // The bare Base64 DER of a SubjectPublicKeyInfo, as Alipay hands out its public key.
    static Result<PublicKey> fromBase64Der(const QByteArray &base64);

    bool isValid() const { return m_key != nullptr; }
    bool verifySha256(const QByteArray &message, const QByteArray &signature) const;
    QByteArray toPem() const;
    // The DER SubjectPublicKeyInfo: what a key's fingerprint is taken over.
    QByteArray toDer() const;
    bool operator==(const PublicKey &other) const;

    EVP_PKEY *handle() const { return m_key.get(); }
    static PublicKey adopt(EVP_PKEY *key); // takes ownership

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace paydesk
