#include "core/channel/unionpay/UnionPayCrypto.h"

#include "core/channel/http/FormEncoding.h"
#include "core/security/Crypto.h"

#include <QUrl>

namespace paydesk::UnionPay {

QByteArray signContent(const Fields &fields)
{
    QByteArray content;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.value().isEmpty() || it.key() == QLatin1String("signature"))
            continue;
        if (!content.isEmpty())
            content += '&';
        content += it.key().toUtf8() + '=' + it.value().toUtf8();
    }
    return content;
}

Result<QString> sign(const Fields &fields, const PrivateKey &key)
{
    const QByteArray digestHex = Crypto::sha256(signContent(fields)).toHex();
    auto signature = key.signSha256(digestHex);
    if (!signature)
        return signature.error();
    return QString::fromLatin1(signature->toBase64());
}

Status verifySignature(const Fields &fields)
{
    auto certificate = Certificate::fromPem(fields.value(QStringLiteral("signPubKeyCert")).toLatin1());
    if (!certificate)
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("no usable signPubKeyCert"));
    return verifySignatureWith(fields, certificate->publicKey());
}

Status verifySignatureWith(const Fields &fields, const PublicKey &key)
{
    const auto signature = QByteArray::fromBase64Encoding(fields.value(QStringLiteral("signature")).toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray digestHex = Crypto::sha256(signContent(fields)).toHex();
    if (!signature || !key.verifySha256(digestHex, signature.decoded))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("UnionPay signature"));
    return {};
}

Status verifyCertificate(const Fields &fields, const QList<Certificate> &roots, const QList<Certificate> &intermediates,
                         const QDateTime &at, const QString &signer)
{
    auto certificate = Certificate::fromPem(fields.value(QStringLiteral("signPubKeyCert")).toLatin1());
    if (!certificate)
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("no usable signPubKeyCert"));
    const QStringList parts = certificate->commonName().split(QLatin1Char('@'));
    if (parts.size() < 3 || parts.at(2) != signer)
        return Error(ErrorCode::CertificateInvalid,
                     QStringLiteral("signPubKeyCert %1 is not UnionPay's").arg(certificate->commonName()));
    return certificate->verify(roots, intermediates, at);
}

Result<Fields> parse(const QByteArray &body, bool urlEncoded)
{
    Fields fields;
    qsizetype pos = 0;
    while (pos < body.size()) {
        const qsizetype equals = body.indexOf('=', pos);
        if (equals < 0)
            return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("field without '='"));
        const QByteArray key = body.mid(pos, equals - pos);
        qsizetype end = equals + 1;
        int depth = 0;
        while (end < body.size() && (depth > 0 || body[end] != '&')) {
            if (body[end] == '{')
                ++depth;
            else if (body[end] == '}')
                --depth;
            ++end;
        }
        QByteArray value = body.mid(equals + 1, end - equals - 1);
        if (urlEncoded)
            value = QByteArray::fromPercentEncoding(value.replace('+', ' '));
        fields.insert(QString::fromUtf8(key), QString::fromUtf8(value));
        pos = end + 1;
    }
    return fields;
}

QByteArray formBody(const Fields &fields)
{
    return FormEncoding::encode(fields, true);
}

} // namespace paydesk::UnionPay
