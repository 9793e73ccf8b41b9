#include "core/util/Compression.h"

#include <zlib.h>

namespace paydesk::Compression {

namespace {
// windowBits: 15 + 16 = gzip, 15 = zlib.
Result<QByteArray> inflateWith(const QByteArray &input, int windowBits, qsizetype maxOutput)
{
    z_stream stream = {};
    if (inflateInit2(&stream, windowBits) != Z_OK)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("inflateInit"));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    stream.avail_in = uInt(input.size());
    QByteArray output;
    char buffer[64 * 1024];
    int rc = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof(buffer);
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&stream);
            return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("compressed data is damaged"));
        }
        output.append(buffer, qsizetype(sizeof(buffer) - stream.avail_out));
        if (output.size() > maxOutput) {
            inflateEnd(&stream);
            return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("compressed data expands too far"));
        }
    } while (rc != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0));
    inflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("compressed data ends early"));
    return output;
}

Result<QByteArray> deflateWith(const QByteArray &input, int windowBits)
{
    z_stream stream = {};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("deflateInit"));
    QByteArray output(qsizetype(deflateBound(&stream, uLong(input.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    stream.avail_in = uInt(input.size());
    stream.next_out = reinterpret_cast<Bytef *>(output.data());
    stream.avail_out = uInt(output.size());
    const int rc = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return Error(ErrorCode::CryptoFailed, QStringLiteral("deflate"));
    output.resize(qsizetype(stream.total_out));
    return output;
}
} // namespace

Result<QByteArray> gunzip(const QByteArray &data, qsizetype maxOutput)
{
    return inflateWith(data, 15 + 16, maxOutput);
}

Result<QByteArray> gzip(const QByteArray &plain)
{
    return deflateWith(plain, 15 + 16);
}

Result<QByteArray> inflateZlib(const QByteArray &data, qsizetype maxOutput)
{
    return inflateWith(data, 15, maxOutput);
}

Result<QByteArray> deflateZlib(const QByteArray &plain)
{
    return deflateWith(plain, 15);
}

} // namespace paydesk::Compression
