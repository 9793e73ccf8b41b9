#include "core/util/CsvReader.h"

#include "core/util/CsvStream.h"
#include "core/util/Error.h"

#include <QBuffer>
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
        return Error(ErrorCode::StatementEncoding,
                     QStringLiteral("the file is not UTF-8, and this Qt cannot read GB18030"));
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
    // One parser for both: the text (GB18030 already decoded) goes through CsvStream as UTF-8.
    QByteArray utf8 = decoded->toUtf8();
    QBuffer buffer(&utf8);
    if (!buffer.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, QStringLiteral("CSV text"));
    CsvStream stream(buffer);
    QList<Row> rows;
    for (;;) {
        auto row = stream.next();
        if (!row)
            return row.error();
        if (!*row)
            return rows;
        rows << **row;
    }
}

} // namespace paydesk
