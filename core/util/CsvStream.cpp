#include "core/util/CsvStream.h"

#include "core/util/Error.h"

#include <QStringDecoder>

namespace paydesk {

Result<std::optional<CsvReader::Row>> CsvStream::next()
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    for (;;) {
        if (m_device.atEnd())
            return std::optional<CsvReader::Row>();
        CsvReader::Row row;
        row.line = m_line + 1;
        QString field;
        bool quoted = false;    // inside a quoted field
        bool wasQuoted = false; // the current field began with a quote
        bool rowDone = false;
        while (!rowDone) {
            QByteArray bytes = m_device.readLine();
            if (bytes.isEmpty() && m_device.atEnd()) {
                if (quoted)
                    return Error(ErrorCode::ImportFailed,
                                 QStringLiteral("line %1: a quoted field is never closed").arg(row.line));
                break;
            }
            ++m_line;
            m_bytesRead += bytes.size();
            if (m_first) {
                m_first = false;
                if (bytes.startsWith("\xEF\xBB\xBF"))
                    bytes.remove(0, 3);
            }
            const QString text = utf8.decode(bytes);
            if (utf8.hasError())
                return Error(ErrorCode::ImportFailed, QStringLiteral("line %1: not UTF-8").arg(m_line));
            qsizetype end = text.size();
            if (!quoted) {
                if (end > 0 && text.at(end - 1) == QLatin1Char('\n'))
                    --end;
                if (end > 0 && text.at(end - 1) == QLatin1Char('\r'))
                    --end;
            }
            for (qsizetype i = 0; i < text.size(); ++i) {
                const QChar c = text.at(i);
                if (quoted) {
                    if (c == QLatin1Char('"')) {
                        if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                            field += QLatin1Char('"');
                            ++i;
                        } else {
                            quoted = false;
                            // The line's end is now outside quotes: trim it as usual.
                            end = text.size();
                            if (end > 0 && text.at(end - 1) == QLatin1Char('\n'))
                                --end;
                            if (end > 0 && text.at(end - 1) == QLatin1Char('\r'))
                                --end;
                        }
                    } else {
                        field += c;
                    }
                    continue;
                }
                if (i >= end)
                    break;
                if (c == QLatin1Char('"') && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == QLatin1Char(',')) {
                    row.fields << field;
                    field.clear();
                    wasQuoted = false;
                } else {
                    field += c;
                }
            }
            if (!quoted)
                rowDone = true;
        }
        row.fields << field;
        if (row.fields.size() == 1 && row.fields.first().trimmed().isEmpty() && !wasQuoted)
            continue; // a blank line (spaces only count as blank)
        return std::optional<CsvReader::Row>(row);
    }
}

} // namespace paydesk
