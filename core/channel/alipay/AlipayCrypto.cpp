#include "core/channel/alipay/AlipayCrypto.h"

namespace paydesk::Alipay {

namespace {
QByteArray joined(const Params &params, const QStringList &exclude, bool keepEmpty)
{
    QByteArray content;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if ((!keepEmpty && it.value().isEmpty()) || exclude.contains(it.key()))
            continue;
        if (!content.isEmpty())
            content += '&';
        content += it.key().toUtf8() + '=' + it.value().toUtf8();
    }
    return content;
}
} // namespace

QByteArray signContent(const Params &params, const QStringList &exclude)
{
    return joined(params, exclude, false);
}

QByteArray notifySignContent(const Params &fields, const QStringList &exclude)
{
    return joined(fields, exclude, true);
}

Result<QString> sign(const Params &params, const PrivateKey &key)
{
    auto signature = key.signSha256(signContent(params));
    if (!signature)
        return signature.error();
    return QString::fromLatin1(signature->toBase64());
}

namespace {
// Index just past the JSON value that starts at `start` (an object), or -1.
qsizetype endOfObject(const QByteArray &text, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return i + 1;
    }
    return -1;
}

// Position of the value of top-level key `key` (after the colon and whitespace), or -1.
qsizetype valueOfTopLevelKey(const QByteArray &body, const QByteArray &key)
{
    int depth = 0;
    bool inString = false;
    qsizetype stringStart = -1;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                if (depth == 1 && body.mid(stringStart, i - stringStart) == key) {
                    qsizetype j = i + 1;
                    while (j < body.size() && QChar::isSpace(uchar(body[j])))
                        ++j;
                    if (j < body.size() && body[j] == ':') {
                        ++j;
                        while (j < body.size() && QChar::isSpace(uchar(body[j])))
                            ++j;
                        return j;
                    }
                }
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i + 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return -1;
}
} // namespace

Result<QByteArray> responseSignedContent(const QByteArray &body, const QByteArray &responseKey)
{
    const qsizetype start = valueOfTopLevelKey(body, responseKey);
    if (start < 0 || body[start] != '{')
        return Error(ErrorCode::ChannelResponseMalformed,
                     QString::fromLatin1(responseKey) + QStringLiteral(" not found"));
    const qsizetype end = endOfObject(body, start);
    if (end < 0)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("unbalanced braces"));
    return body.mid(start, end - start);
}

Result<QByteArray> responseSign(const QByteArray &body)
{
    const qsizetype start = valueOfTopLevelKey(body, "sign");
    if (start < 0 || body[start] != '"')
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("no sign in the response"));
    const qsizetype end = body.indexOf('"', start + 1);
    if (end < 0)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("unterminated sign"));
    // Base64 has no characters JSON would escape, except "\/" which some encoders write.
    return body.mid(start + 1, end - start - 1).replace("\\/", "/");
}

QByteArray responseKey(const QString &method)
{
    QByteArray key = method.toLatin1();
    key.replace('.', '_');
    return key + "_response";
}

Result<QByteArray> verifyResponse(const QByteArray &body, const QString &method, const PublicKey &alipayKey)
{
    auto content = responseSignedContent(body, responseKey(method));
    if (!content)
        content = responseSignedContent(body, "error_response");
    if (!content)
        return content.error();
    auto signature = responseSign(body);
    if (!signature)
        return signature.error();
    const auto decoded = QByteArray::fromBase64Encoding(*signature, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !alipayKey.verifySha256(*content, decoded.decoded))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Alipay response sign"));
    return content;
}

bool verifyNotify(const Params &fields, const PublicKey &alipayKey)
{
    const auto signature = QByteArray::fromBase64Encoding(fields.value(QStringLiteral("sign")).toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
    if (!signature || signature.decoded.isEmpty())
        return false;
    if (alipayKey.verifySha256(notifySignContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}),
                               signature.decoded))
        return true;
    Params withType = fields;
    if (withType.value(QStringLiteral("sign_type")).isEmpty())
        withType.insert(QStringLiteral("sign_type"), QStringLiteral("RSA2"));
    return alipayKey.verifySha256(notifySignContent(withType, {QStringLiteral("sign")}), signature.decoded);
}

} // namespace paydesk::Alipay
