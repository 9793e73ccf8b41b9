#include "sandbox/statement/StatementOutput.h"

#include <QIODevice>

namespace paydesk {

StatementOutput::StatementOutput(QIODevice &device) : m_device(device)
{
    m_buffer.reserve(kFlushSize + 64 * 1024);
}

Status StatementOutput::flush()
{
    if (m_buffer.isEmpty())
        return {};
    const qint64 written = m_device.write(m_buffer);
    if (written != m_buffer.size())
        return Error(ErrorCode::FileUnwritable, m_device.errorString());
    m_buffer.resize(0);
    return {};
}

} // namespace paydesk
