#pragma once

#include "core/util/Result.h"

#include <QByteArray>

namespace paydesk {

// Bytes that are wiped (OPENSSL_cleanse) when they go away: keys and passphrases.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    SecretBytes(const SecretBytes &other) : m_bytes(other.m_bytes) { m_bytes.detach(); }
    SecretBytes &operator=(const SecretBytes &other);
    SecretBytes(SecretBytes &&other) noexcept : m_bytes(std::move(other.m_bytes)) {}
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    ~SecretBytes();

    const QByteArray &bytes() const { return m_bytes; }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    void clear();

private:
    QByteArray m_bytes;
};

// The few primitives Paydesk needs, on OpenSSL 3 (EVP). Failures are values, never aborts.
namespace Crypto {

QByteArray randomBytes(int count);

struct ScryptParameters
{
    int log2N = 15; // N = 32768: 32 MiB with r = 8, about 0.1 s on one core
    int r = 8;
    int p = 1;
};
Result<SecretBytes> scrypt(const QByteArray &secret, const QByteArray &salt, ScryptParameters parameters, int length);

// AES-GCM with a 12-byte nonce and 16-byte tag; AES-128 or AES-256 chosen by the key's length
// (16 or 32 bytes). Output and input are ciphertext ‖ tag.
Result<QByteArray> aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &associatedData);
// A wrong key, nonce, AAD or a changed byte gives ErrorCode::CryptoAuthenticationFailed.
Result<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &ciphertextAndTag,
                                 const QByteArray &associatedData);

QByteArray sha256(const QByteArray &data);
// HMAC-SHA256 (32 bytes) of `data` under `key`.
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
// Constant-time comparison of equal-length byte strings.
bool equalConstantTime(const QByteArray &a, const QByteArray &b);

} // namespace Crypto
} // namespace paydesk
