#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QIODevice;

namespace paydesk {

// Reads a device line by line through one reusable buffer, so that a statement of any size is
// read in constant memory. Lines are views into that buffer, valid until the next call; they
// come without their LF or CRLF. Blocking devices only (files, zip members, buffers).
class LineReader
{
public:
    // Longer lines are refused rather than buffered without bound.
    static constexpr qsizetype kMaxLineLength = 4 * 1024 * 1024;

    explicit LineReader(QIODevice &device, qsizetype chunkSize = 1024 * 1024);

    // The next line; false at the end of the input, or on a read error or an over-long line
    // (then failed() is true).
    bool next(QByteArrayView *line);
    // 1-based number of the line last returned.
    qint64 lineNumber() const { return m_lineNumber; }
    // False when the line last returned ended the input without a line break.
    bool lastLineTerminated() const { return m_terminated; }
    bool failed() const { return !m_error.isEmpty(); }
    const QString &errorString() const { return m_error; }

private:
    bool fill();

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qint64 m_lineNumber = 0;
    bool m_eof = false;
    bool m_terminated = true;
    QString m_error;
};

} // namespace paydesk
