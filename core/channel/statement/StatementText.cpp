#include "core/channel/statement/StatementText.h"

#include "core/channel/statement/StatementBytes.h"

namespace paydesk {

namespace {
const char *codecName(StatementEncoding encoding)
{
    return encoding == StatementEncoding::Gbk ? "GBK" : "UTF-8";
}

bool isAsciiText(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}
} // namespace

StatementText::StatementText(StatementEncoding encoding)
    : m_encoding(encoding), m_decoder(codecName(encoding), QStringDecoder::Flag::Stateless),
      m_encoder(codecName(encoding), QStringEncoder::Flag::Stateless)
{
}

bool StatementText::isAvailable() const
{
    return m_decoder.isValid() && m_encoder.isValid();
}

bool StatementText::isValid(QByteArrayView bytes) const
{
    if (StatementBytes::isAscii(bytes))
        return true;
    return m_encoding == StatementEncoding::Gbk ? StatementBytes::isValidGbk(bytes)
                                                : StatementBytes::isValidUtf8(bytes);
}

bool StatementText::assign(QString &target, QByteArrayView bytes)
{
    if (StatementBytes::isAscii(bytes)) {
        StatementBytes::assignAscii(target, bytes);
        return true;
    }
    bool ok = false;
    target = decode(bytes, &ok);
    return ok;
}

QString StatementText::decode(QByteArrayView bytes, bool *ok)
{
    if (m_encoding == StatementEncoding::Utf8) {
        const bool valid = StatementBytes::isValidUtf8(bytes);
        if (ok)
            *ok = valid;
        return QString::fromUtf8(bytes);
    }
    QString text = m_decoder.decode(bytes);
    const bool valid = !m_decoder.hasError() && StatementBytes::isValidGbk(bytes);
    if (m_decoder.hasError())
        m_decoder.resetState();
    if (ok)
        *ok = valid;
    return text;
}

bool StatementText::append(QByteArray &out, const QString &text)
{
    if (isAsciiText(text)) {
        const qsizetype at = out.size();
        out.resize(at + text.size());
        char *p = out.data() + at;
        for (QChar c : text)
            *p++ = char(c.unicode());
        return true;
    }
    if (m_encoding == StatementEncoding::Utf8) {
        out += text.toUtf8();
        return true;
    }
    out += QByteArray(m_encoder.encode(text));
    const bool ok = !m_encoder.hasError();
    if (!ok)
        m_encoder.resetState();
    return ok;
}

QByteArray StatementText::encode(const QString &text)
{
    QByteArray out;
    append(out, text);
    return out;
}

} // namespace paydesk
