#pragma once

#include "core/util/CsvReader.h"

#include <QIODevice>

namespace paydesk {

// CsvReader's rules (RFC 4180 quoting, CRLF or LF, a UTF-8 byte order mark skipped), one row at
// a time from a device, for files too large to hold: a bulk import of millions of orders reads
// in constant memory. UTF-8 only: a line that is not UTF-8 is an error naming it.
class CsvStream
{
public:
    explicit CsvStream(QIODevice &device) : m_device(device) {}

    // The next non-blank row; an empty optional at the end. Errors name the line.
    Result<std::optional<CsvReader::Row>> next();
    qint64 bytesRead() const { return m_bytesRead; }

private:
    QIODevice &m_device;
    qint64 m_line = 0;
    qint64 m_bytesRead = 0;
    bool m_first = true;
};

} // namespace paydesk
