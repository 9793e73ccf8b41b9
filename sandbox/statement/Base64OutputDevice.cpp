#include "sandbox/statement/Base64OutputDevice.h"

namespace paydesk {

Base64OutputDevice::Base64OutputDevice(QIODevice &target) : m_target(target)
{
    QIODevice::open(QIODevice::WriteOnly);
}

Base64OutputDevice::~Base64OutputDevice()
{
    if (isOpen())
        close();
}

bool Base64OutputDevice::forward(const QByteArray &bytes)
{
    if (!m_failed && m_target.write(bytes) != bytes.size()) {
        m_failed = true;
        setErrorString(m_target.errorString());
    }
    return !m_failed;
}

qint64 Base64OutputDevice::writeData(const char *data, qint64 size)
{
    // Encode whole groups of three bytes; keep the rest for the next write or close().
    QByteArray input = m_pending + QByteArray::fromRawData(data, qsizetype(size));
    const qsizetype whole = input.size() - input.size() % 3;
    m_pending = input.mid(whole);
    if (whole > 0 && !forward(input.left(whole).toBase64()))
        return -1;
    return size;
}

void Base64OutputDevice::close()
{
    if (!m_pending.isEmpty())
        forward(m_pending.toBase64());
    m_pending.clear();
    QIODevice::close();
}

} // namespace paydesk
