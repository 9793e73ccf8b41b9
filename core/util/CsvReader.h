#pragma once

#include "core/util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace paydesk {

// Comma-separated values as spreadsheets write them (RFC 4180): fields in double quotes may
// hold commas, line breaks and doubled quotes; CRLF or LF line ends; a UTF-8 byte order mark
// is skipped. Text that is not UTF-8 is read as GB18030 (what Excel saves on Chinese Windows).
class CsvReader
{
public:
    struct Row
    {
        qint64 line = 0; // 1-based line where the row starts (a quoted field may span lines)
        QStringList fields;
    };

    // Every row, blank lines left out. A quote left open at the end is an error naming its line.
    static Result<QList<Row>> read(const QByteArray &bytes);
    // The bytes as text: UTF-8 when they are well-formed UTF-8, else GB18030.
    static Result<QString> decode(const QByteArray &bytes);
};

} // namespace paydesk
