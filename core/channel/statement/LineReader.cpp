#include "core/channel/statement/LineReader.h"

#include <QIODevice>

#include <cstring>

namespace paydesk {

LineReader::LineReader(QIODevice &device, qsizetype chunkSize) : m_device(device)
{
    m_buffer.resize(chunkSize);
}

bool LineReader::fill()
{
    // Keep the unread tail, then read as much as fits behind it.
    if (m_begin > 0) {
        const qsizetype tail = m_end - m_begin;
        if (tail > 0)
            std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, size_t(tail));
        m_begin = 0;
        m_end = tail;
    }
    if (m_end == m_buffer.size()) {
        if (m_buffer.size() >= kMaxLineLength) {
            m_error = QStringLiteral("a line is longer than %1 bytes").arg(kMaxLineLength);
            return false;
        }
        m_buffer.resize(qMin(m_buffer.size() * 2, kMaxLineLength));
    }
    const qint64 read = m_device.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (read < 0 && m_device.atEnd()) {
        // Some sequential devices (a finished QProcess) answer the end of their data with -1.
        m_eof = true;
        return true;
    }
    if (read < 0) {
        m_error = m_device.errorString();
        if (m_error.isEmpty())
            m_error = QStringLiteral("read error");
        return false;
    }
    // A pipe can have nothing to read yet without being at its end.
    if (read == 0 && !m_device.atEnd() && m_device.waitForReadyRead(-1))
        return true;
    if (read == 0)
        m_eof = true;
    m_end += read;
    return true;
}

bool LineReader::next(QByteArrayView *line)
{
    qsizetype searchFrom = m_begin;
    for (;;) {
        const char *start = m_buffer.constData() + searchFrom;
        const void *newline = std::memchr(start, '\n', size_t(m_end - searchFrom));
        if (newline) {
            const qsizetype at = static_cast<const char *>(newline) - m_buffer.constData();
            qsizetype length = at - m_begin;
            if (length > 0 && m_buffer.at(at - 1) == '\r')
                --length;
            *line = QByteArrayView(m_buffer.constData() + m_begin, length);
            m_begin = at + 1;
            m_terminated = true;
            ++m_lineNumber;
            return true;
        }
        if (m_eof) {
            if (m_begin == m_end)
                return false;
            qsizetype length = m_end - m_begin;
            if (m_buffer.at(m_end - 1) == '\r')
                --length;
            *line = QByteArrayView(m_buffer.constData() + m_begin, length);
            m_begin = m_end;
            m_terminated = false;
            ++m_lineNumber;
            return true;
        }
        const qsizetype scanned = m_end - m_begin;
        if (!fill())
            return false;
        searchFrom = m_begin + scanned;
    }
}

} // namespace paydesk
