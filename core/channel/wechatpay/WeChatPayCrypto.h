#pragma once

#include "core/security/PrivateKey.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QHash>

namespace paydesk::WeChatPay {

// WeChat Pay API v3 request signatures, response/callback verification and the AEAD of
// callback resources (CHANNELS.md, "WeChat Pay API v3").

// "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n" — every line ends in '\n', the last too; the URL is
// the path with its query; the body is empty for GET.
QByteArray requestMessage(const QByteArray &method, const QByteArray &canonicalUrl, qint64 timestamp,
                          const QByteArray &nonce, const QByteArray &body);
// The Authorization header value: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",… (no spaces).
Result<QByteArray> authorization(const QString &mchid, const QString &serialNo, const PrivateKey &key,
                                 const QByteArray &method, const QByteArray &canonicalUrl, const QByteArray &body,
                                 qint64 timestamp, const QByteArray &nonce);
// 32 characters of [0-9A-Za-z].
QByteArray makeNonce();

// "TIMESTAMP\nNONCE\nBODY\n" over the raw body bytes.
QByteArray responseMessage(const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body);

// A serial as WeChat means it. Certificate serials (Wechatpay-Serial of the platform
// certificate, serial_no of the merchant's) are hexadecimal numbers: case and leading zeros do
// not matter ("0a1b" is "A1B"), as the official SDKs read them (wechatpay-java compares them as
// BigInteger). A public-key id (PUB_KEY_ID_…) is a name, compared as written.
QString canonicalSerial(const QString &serial);
bool sameSerial(const QString &a, const QString &b);
// The key of `keysBySerial` that `serial` names (sameSerial), or nullptr.
const PublicKey *keyFor(const QHash<QString, PublicKey> &keysBySerial, const QString &serial);

struct SignedHeaders
{
    QByteArray timestamp; // Wechatpay-Timestamp
    QByteArray nonce;     // Wechatpay-Nonce
    QByteArray signature; // Wechatpay-Signature (Base64)
    QByteArray serial;    // Wechatpay-Serial: platform certificate serial or PUB_KEY_ID_…
};
// Verifies a response or callback: the key is chosen by serial (sameSerial), the timestamp must be within
// 300 seconds of `now` (either side), and the signature must verify over the raw body.
Status verify(const SignedHeaders &headers, const QByteArray &body, const QHash<QString, PublicKey> &keysBySerial,
              const QDateTime &now);
// The platform's side of a merchant request: the Authorization header's fields, and their check
// (merchant id, certificate serial, 300-second window, signature over requestMessage()).
struct MerchantAuthorization
{
    QByteArray mchid, nonce, timestamp, serial, signature;
};
Result<MerchantAuthorization> parseAuthorization(const QByteArray &header);
Status verifyRequest(const MerchantAuthorization &authorization, const QByteArray &method,
                     const QByteArray &canonicalUrl, const QByteArray &body, const PublicKey &merchantKey,
                     const QDateTime &now);
// Signs as the platform does (for the sandbox).
Result<SignedHeaders> signAsPlatform(const QByteArray &body, const PrivateKey &key, const QString &serial,
                                     qint64 timestamp, const QByteArray &nonce);

// AEAD_AES_256_GCM resource: key = APIv3 key bytes (AES-128 for a 16-byte key, as the official
// test vector shows; AES-256 for 32), IV = nonce bytes, AAD = associated_data,
// ciphertext = Base64(ct ‖ tag).
Result<QByteArray> decryptResource(const QByteArray &apiV3Key, const QByteArray &associatedData,
                                   const QByteArray &nonce, const QByteArray &ciphertextBase64);
Result<QByteArray> encryptResource(const QByteArray &apiV3Key, const QByteArray &associatedData,
                                   const QByteArray &nonce, const QByteArray &plaintext);

} // namespace paydesk::WeChatPay
