#include "CsvReader.h"

#include <QStringDecoder>

namespace paydesk {

Result<QString> CsvReader::decode(const QByteArray &bytes)
{
    QByteArray content = bytes;
    if (content.startsWith("\xEF\xBB\xBF"))
        content.remove(0, 3);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(content);
    if (!utf8.hasError())
        return text;
    QStringDecoder gb18030("GB18030", QStringDecoder::Flag::Stateless);
    if (!gb18030.isValid())
        return Error(ErrorCode::StatementEncoding, QStringLiteral("the file is not UTF-8, and this Qt cannot read GB18030"));
    text = gb18030.decode(content);
    if (gb18030.hasError())
        return Error(ErrorCode::StatementEncoding, QStringLiteral("the file is neither UTF-8 nor GB18030 text"));
    return text;
}

Result<QList<CsvReader::Row>> CsvReader::read(const QByteArray &bytes)
{
    auto decoded = decode(bytes);
    if (!decoded)
        return decoded.error();
    const QString &text = *decoded;
    QList<Row> rows;
    Row row;
    QString field;
    bool quoted = false;      // inside a quoted field
    bool fieldStarted = false; // the row has content (so a blank line yields no row)
    qint64 line = 1;
    qint64 quoteLine = 0;
    row.line = 1;
    auto endField = [&] {
        row.fields << field;
        field.clear();
    };
    auto endRow = [&] {
        endField();
        if (fieldStarted || row.fields.size() > 1)
            rows << row;
        row = Row();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
            quoteLine = line;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            // CRLF: the LF ends the row.
        } else if (c == QLatin1Char('\n')) {
            endRow();
            ++line;
            row.line = line;
        } else {
            field += c;
            if (!c.isSpace())
                fieldStarted = true;
        }
    }
    if (quoted)
        return Error(ErrorCode::ImportFailed, QStringLiteral("line %1: a quoted field is never closed").arg(quoteLine));
    endRow();
    return rows;
}

} // namespace paydesk
