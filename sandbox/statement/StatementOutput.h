#pragma once

#include "core/util/Result.h"

#include <QByteArray>

class QIODevice;

namespace paydesk {

// The writers' byte sink: lines are appended to one reusable buffer that goes to the device in
// large writes, so writing a million lines costs neither a write call nor an allocation per line.
class StatementOutput
{
public:
    explicit StatementOutput(QIODevice &device);

    // Append here, then call lineDone().
    QByteArray &buffer() { return m_buffer; }
    Status lineDone() { return m_buffer.size() >= kFlushSize ? flush() : Status(); }
    Status flush();

private:
    static constexpr qsizetype kFlushSize = 256 * 1024;
    QIODevice &m_device;
    QByteArray m_buffer;
};

} // namespace paydesk
