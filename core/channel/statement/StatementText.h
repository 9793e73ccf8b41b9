#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>
#include <QStringEncoder>

namespace paydesk {

enum class StatementEncoding
{
    Utf8,
    Gbk
};

// Text in a statement's encoding: checks whole lines cheaply (ASCII lines need no decoding),
// decodes only the fields a reader keeps, and encodes for the writers. GBK goes through Qt's
// ICU-backed codec; statement parsing needs a Qt built with ICU.
class StatementText
{
public:
    explicit StatementText(StatementEncoding encoding);

    StatementEncoding encoding() const { return m_encoding; }
    // False when this Qt cannot convert the encoding (GBK without ICU).
    bool isAvailable() const;

    // True when the bytes are well formed in the encoding.
    bool isValid(QByteArrayView bytes) const;
    // Decodes into `target`, reusing its buffer for ASCII; false on malformed bytes.
    bool assign(QString &target, QByteArrayView bytes);
    QString decode(QByteArrayView bytes, bool *ok = nullptr);
    // Appends `text` in the encoding; false when a character has no code in it.
    bool append(QByteArray &out, const QString &text);
    QByteArray encode(const QString &text);

private:
    StatementEncoding m_encoding;
    QStringDecoder m_decoder;
    QStringEncoder m_encoder;
};

} // namespace paydesk
