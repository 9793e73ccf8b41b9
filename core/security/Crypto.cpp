#include "core/security/Crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

namespace paydesk {

SecretBytes &SecretBytes::operator=(const SecretBytes &other)
{
    if (this != &other) {
        clear();
        m_bytes = other.m_bytes;
        m_bytes.detach();
    }
    return *this;
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        clear();
        m_bytes = std::move(other.m_bytes);
    }
    return *this;
}

SecretBytes::~SecretBytes()
{
    clear();
}

void SecretBytes::clear()
{
    if (!m_bytes.isEmpty() && !m_bytes.isDetached())
        m_bytes.detach();
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size()));
    m_bytes.clear();
}

namespace Crypto {

namespace {
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
constexpr int kNonceLength = 12;
constexpr int kTagLength = 16;

const EVP_CIPHER *gcmCipher(qsizetype keyLength)
{
    if (keyLength == 16)
        return EVP_aes_128_gcm();
    if (keyLength == 32)
        return EVP_aes_256_gcm();
    return nullptr;
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("OpenSSL RAND_bytes failed: no safe randomness available");
    return out;
}

Result<SecretBytes> scrypt(const QByteArray &secret, const QByteArray &salt, ScryptParameters parameters, int length)
{
    if (parameters.log2N < 1 || parameters.log2N > 22 || parameters.r < 1 || parameters.p < 1 || length < 1)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("scrypt parameters"));
    QByteArray out(length, Qt::Uninitialized);
    const uint64_t n = uint64_t(1) << parameters.log2N;
    const uint64_t maxMemory = 128 * n * uint64_t(parameters.r) * uint64_t(parameters.p) + (64ULL << 20);
    if (EVP_PBE_scrypt(secret.constData(), size_t(secret.size()), bytes(salt), size_t(salt.size()), n,
                       uint64_t(parameters.r), uint64_t(parameters.p), maxMemory,
                       reinterpret_cast<unsigned char *>(out.data()), size_t(length)) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("scrypt"));
    return SecretBytes(std::move(out));
}

Result<QByteArray> aesGcmEncrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &associatedData)
{
    const EVP_CIPHER *cipher = gcmCipher(key.size());
    if (!cipher || nonce.size() != kNonceLength)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("AES-GCM needs a 16 or 32 byte key and a 12 byte nonce"));
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(plaintext.size() + kTagLength, Qt::Uninitialized);
    auto *output = reinterpret_cast<unsigned char *>(out.data());
    int written = 0;
    int finalWritten = 0;
    if (!context || EVP_EncryptInit_ex(context.get(), cipher, nullptr, bytes(key), bytes(nonce)) != 1 ||
        (!associatedData.isEmpty() &&
         EVP_EncryptUpdate(context.get(), nullptr, &written, bytes(associatedData), int(associatedData.size())) != 1) ||
        EVP_EncryptUpdate(context.get(), output, &written, bytes(plaintext), int(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(context.get(), output + written, &finalWritten) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagLength, output + written + finalWritten) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("AES-GCM encrypt"));
    out.resize(written + finalWritten + kTagLength);
    return out;
}

Result<QByteArray> aesGcmDecrypt(const QByteArray &key, const QByteArray &nonce, const QByteArray &ciphertextAndTag,
                                 const QByteArray &associatedData)
{
    const EVP_CIPHER *cipher = gcmCipher(key.size());
    if (!cipher || nonce.size() != kNonceLength)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("AES-GCM needs a 16 or 32 byte key and a 12 byte nonce"));
    if (ciphertextAndTag.size() < kTagLength)
        return Error(ErrorCode::CryptoAuthenticationFailed, QStringLiteral("shorter than its tag"));
    const qsizetype ciphertextLength = ciphertextAndTag.size() - kTagLength;
    QByteArray tag = ciphertextAndTag.right(kTagLength);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(ciphertextLength, Qt::Uninitialized);
    auto *output = reinterpret_cast<unsigned char *>(out.data());
    int written = 0;
    int finalWritten = 0;
    if (!context || EVP_DecryptInit_ex(context.get(), cipher, nullptr, bytes(key), bytes(nonce)) != 1 ||
        (!associatedData.isEmpty() &&
         EVP_DecryptUpdate(context.get(), nullptr, &written, bytes(associatedData), int(associatedData.size())) != 1) ||
        EVP_DecryptUpdate(context.get(), output, &written, bytes(ciphertextAndTag), int(ciphertextLength)) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagLength, tag.data()) != 1)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("AES-GCM decrypt"));
    if (EVP_DecryptFinal_ex(context.get(), output + written, &finalWritten) != 1) {
        OPENSSL_cleanse(out.data(), size_t(out.size()));
        return Error(ErrorCode::CryptoAuthenticationFailed);
    }
    out.resize(written + finalWritten);
    return out;
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_Digest(data.constData(), size_t(data.size()), reinterpret_cast<unsigned char *>(digest.data()), &length,
               EVP_sha256(), nullptr);
    return digest;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QByteArray mac(32, Qt::Uninitialized);
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()), reinterpret_cast<const unsigned char *>(data.constData()),
              size_t(data.size()), reinterpret_cast<unsigned char *>(mac.data()), &length) ||
        length != 32)
        return {};
    return mac;
}

bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace Crypto
} // namespace paydesk
