#include "sandbox/statement/DeflateOutputDevice.h"

#include <zlib.h>

namespace paydesk {

struct DeflateOutputDevice::Stream
{
    z_stream zlib{};
    QByteArray output = QByteArray(256 * 1024, Qt::Uninitialized);
    ~Stream() { deflateEnd(&zlib); }
};

DeflateOutputDevice::DeflateOutputDevice(QIODevice &target, int level) : m_target(target), m_stream(new Stream)
{
    m_failed = deflateInit(&m_stream->zlib, level) != Z_OK;
    QIODevice::open(QIODevice::WriteOnly);
}

DeflateOutputDevice::~DeflateOutputDevice()
{
    if (isOpen())
        close();
}

bool DeflateOutputDevice::deflateInto(const char *data, qint64 size, bool finish)
{
    if (m_failed)
        return false;
    z_stream &zlib = m_stream->zlib;
    zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    zlib.avail_in = uInt(size);
    int result = Z_OK;
    do {
        zlib.next_out = reinterpret_cast<Bytef *>(m_stream->output.data());
        zlib.avail_out = uInt(m_stream->output.size());
        result = deflate(&zlib, finish ? Z_FINISH : Z_NO_FLUSH);
        const qint64 produced = m_stream->output.size() - qint64(zlib.avail_out);
        if (result == Z_STREAM_ERROR ||
            (produced > 0 && m_target.write(m_stream->output.constData(), produced) != produced)) {
            m_failed = true;
            setErrorString(m_target.errorString());
            return false;
        }
    } while (zlib.avail_out == 0 || (finish && result != Z_STREAM_END));
    return true;
}

qint64 DeflateOutputDevice::writeData(const char *data, qint64 size)
{
    return deflateInto(data, size, false) ? size : -1;
}

void DeflateOutputDevice::close()
{
    deflateInto(nullptr, 0, true);
    QIODevice::close();
}

} // namespace paydesk
