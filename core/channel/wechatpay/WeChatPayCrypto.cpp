#include "core/channel/wechatpay/WeChatPayCrypto.h"

#include "core/security/Crypto.h"

namespace paydesk::WeChatPay {

namespace {
constexpr qint64 kWindowSeconds = 300;

bool isAsciiHexDigit(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// Seconds since 1970 within a range where subtracting two of them cannot overflow.
bool plausibleTimestamp(qint64 timestamp)
{
    return timestamp > 0 && timestamp < (qint64(1) << 40);
}
} // namespace

QByteArray requestMessage(const QByteArray &method, const QByteArray &canonicalUrl, qint64 timestamp,
                          const QByteArray &nonce, const QByteArray &body)
{
    return method + '\n' + canonicalUrl + '\n' + QByteArray::number(timestamp) + '\n' + nonce + '\n' + body + '\n';
}

Result<QByteArray> authorization(const QString &mchid, const QString &serialNo, const PrivateKey &key,
                                 const QByteArray &method, const QByteArray &canonicalUrl, const QByteArray &body,
                                 qint64 timestamp, const QByteArray &nonce)
{
    auto signature = key.signSha256(requestMessage(method, canonicalUrl, timestamp, nonce, body));
    if (!signature)
        return signature.error();
    return QByteArrayLiteral("WECHATPAY2-SHA256-RSA2048 mchid=\"") + mchid.toUtf8() + "\",nonce_str=\"" + nonce +
           "\",timestamp=\"" + QByteArray::number(timestamp) + "\",serial_no=\"" + serialNo.toUtf8() +
           "\",signature=\"" + signature->toBase64() + '"';
}

QByteArray makeNonce()
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const QByteArray random = Crypto::randomBytes(32);
    QByteArray nonce(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        nonce[i] = alphabet[quint8(random[i]) % 62];
    return nonce;
}

QString canonicalSerial(const QString &serial)
{
    const QString text = serial.trimmed();
    if (text.isEmpty())
        return text;
    for (const QChar c : text) {
        if (!isAsciiHexDigit(c.unicode()))
            return text; // a public-key id: a name
    }
    QString number = text.toUpper();
    qsizetype zeros = 0;
    while (zeros + 1 < number.size() && number.at(zeros) == QLatin1Char('0'))
        ++zeros;
    return number.mid(zeros);
}

bool sameSerial(const QString &a, const QString &b)
{
    return canonicalSerial(a) == canonicalSerial(b);
}

const PublicKey *keyFor(const QHash<QString, PublicKey> &keysBySerial, const QString &serial)
{
    if (const auto exact = keysBySerial.constFind(serial); exact != keysBySerial.constEnd())
        return &*exact;
    if (serial.isEmpty())
        return nullptr;
    // A merchant holds one to three keys: a scan costs nothing next to the RSA check.
    for (auto it = keysBySerial.cbegin(); it != keysBySerial.cend(); ++it) {
        if (sameSerial(it.key(), serial))
            return &it.value();
    }
    return nullptr;
}

QByteArray responseMessage(const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body)
{
    return timestamp + '\n' + nonce + '\n' + body + '\n';
}

Status verify(const SignedHeaders &headers, const QByteArray &body, const QHash<QString, PublicKey> &keysBySerial,
              const QDateTime &now)
{
    bool isNumber = false;
    const qint64 timestamp = headers.timestamp.toLongLong(&isNumber);
    if (!isNumber || headers.nonce.isEmpty() || headers.signature.isEmpty())
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("missing Wechatpay-* headers"));
    if (!plausibleTimestamp(timestamp))
        return Error(ErrorCode::CallbackExpired, QStringLiteral("Wechatpay-Timestamp %1").arg(timestamp));
    if (qAbs(now.toSecsSinceEpoch() - timestamp) >= kWindowSeconds)
        return Error(ErrorCode::CallbackExpired, QStringLiteral("Wechatpay-Timestamp %1").arg(timestamp));
    const QString serial = QString::fromLatin1(headers.serial);
    const PublicKey *key = keyFor(keysBySerial, serial);
    if (!key)
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("unknown Wechatpay-Serial %1").arg(serial));
    const auto signature = QByteArray::fromBase64Encoding(headers.signature, QByteArray::AbortOnBase64DecodingErrors);
    if (!signature || !key->verifySha256(responseMessage(headers.timestamp, headers.nonce, body), signature.decoded))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Wechatpay-Signature"));
    return {};
}

Result<MerchantAuthorization> parseAuthorization(const QByteArray &header)
{
    static const QByteArray scheme = "WECHATPAY2-SHA256-RSA2048 ";
    if (!header.startsWith(scheme))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Authorization scheme"));
    MerchantAuthorization result;
    // key="value" pairs separated by commas; values never contain '"'.
    const QByteArray rest = header.mid(scheme.size());
    qsizetype pos = 0;
    while (pos < rest.size()) {
        const qsizetype equals = rest.indexOf('=', pos);
        if (equals < 0 || equals + 1 >= rest.size() || rest[equals + 1] != '"')
            return Error(ErrorCode::SignatureInvalid, QStringLiteral("Authorization syntax"));
        const qsizetype close = rest.indexOf('"', equals + 2);
        if (close < 0)
            return Error(ErrorCode::SignatureInvalid, QStringLiteral("Authorization syntax"));
        const QByteArray key = rest.mid(pos, equals - pos).trimmed();
        const QByteArray value = rest.mid(equals + 2, close - equals - 2);
        if (key == "mchid")
            result.mchid = value;
        else if (key == "nonce_str")
            result.nonce = value;
        else if (key == "timestamp")
            result.timestamp = value;
        else if (key == "serial_no")
            result.serial = value;
        else if (key == "signature")
            result.signature = value;
        pos = close + 1;
        if (pos < rest.size() && rest[pos] == ',')
            ++pos;
    }
    if (result.mchid.isEmpty() || result.nonce.isEmpty() || result.timestamp.isEmpty() || result.serial.isEmpty() ||
        result.signature.isEmpty())
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Authorization misses a field"));
    return result;
}

Status verifyRequest(const MerchantAuthorization &authorization, const QByteArray &method,
                     const QByteArray &canonicalUrl, const QByteArray &body, const PublicKey &merchantKey,
                     const QDateTime &now)
{
    bool isNumber = false;
    const qint64 timestamp = authorization.timestamp.toLongLong(&isNumber);
    if (!isNumber || !plausibleTimestamp(timestamp) || qAbs(now.toSecsSinceEpoch() - timestamp) >= kWindowSeconds)
        return Error(ErrorCode::CallbackExpired,
                     QStringLiteral("timestamp %1").arg(QString::fromLatin1(authorization.timestamp)));
    const auto signature =
        QByteArray::fromBase64Encoding(authorization.signature, QByteArray::AbortOnBase64DecodingErrors);
    if (!signature ||
        !merchantKey.verifySha256(requestMessage(method, canonicalUrl, timestamp, authorization.nonce, body),
                                  signature.decoded))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Authorization signature"));
    return {};
}

Result<SignedHeaders> signAsPlatform(const QByteArray &body, const PrivateKey &key, const QString &serial,
                                     qint64 timestamp, const QByteArray &nonce)
{
    SignedHeaders headers{QByteArray::number(timestamp), nonce, {}, serial.toLatin1()};
    auto signature = key.signSha256(responseMessage(headers.timestamp, nonce, body));
    if (!signature)
        return signature.error();
    headers.signature = signature->toBase64();
    return headers;
}

Result<QByteArray> decryptResource(const QByteArray &apiV3Key, const QByteArray &associatedData,
                                   const QByteArray &nonce, const QByteArray &ciphertextBase64)
{
    const auto ciphertext = QByteArray::fromBase64Encoding(ciphertextBase64, QByteArray::AbortOnBase64DecodingErrors);
    if (!ciphertext)
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("resource.ciphertext is not Base64"));
    return Crypto::aesGcmDecrypt(apiV3Key, nonce, ciphertext.decoded, associatedData);
}

Result<QByteArray> encryptResource(const QByteArray &apiV3Key, const QByteArray &associatedData,
                                   const QByteArray &nonce, const QByteArray &plaintext)
{
    auto sealed = Crypto::aesGcmEncrypt(apiV3Key, nonce, plaintext, associatedData);
    if (!sealed)
        return sealed.error();
    return sealed->toBase64();
}

} // namespace paydesk::WeChatPay
