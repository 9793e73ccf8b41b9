#include "UnionPayFileContent.h"

#include <zlib.h>

namespace paydesk {

Result<QByteArray> UnionPayFileContent::unpack(QByteArrayView fileContent, qsizetype maxSize)
{
    QByteArray base64;
    base64.reserve(fileContent.size());
    for (char c : fileContent) {
        if (c != '\r' && c != '\n' && c != ' ')
            base64.append(c);
    }
    auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(ErrorCode::StatementMalformed, QStringLiteral("fileContent is not Base64"));
    const QByteArray &compressed = decoded.decoded;

    z_stream stream{};
    if (inflateInit2(&stream, MAX_WBITS + 32) != Z_OK) // zlib or gzip header
        return Error(ErrorCode::StatementMalformed, QStringLiteral("zlib cannot start inflating"));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    QByteArray out;
    int result = Z_OK;
    while (result != Z_STREAM_END) {
        const qsizetype at = out.size();
        if (at >= maxSize) {
            inflateEnd(&stream);
            return Error(ErrorCode::StatementMalformed,
                         QStringLiteral("fileContent unpacks to more than %1 bytes").arg(maxSize));
        }
        out.resize(qMin(maxSize, qMax<qsizetype>(at * 2, 1 << 16)));
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + at);
        stream.avail_out = uInt(out.size() - at);
        result = inflate(&stream, Z_NO_FLUSH);
        out.resize(out.size() - qsizetype(stream.avail_out));
        if (result == Z_STREAM_END)
            break;
        if (result != Z_OK) {
            inflateEnd(&stream);
            return Error(ErrorCode::StatementMalformed,
                         QStringLiteral("fileContent is not a zlib stream (%1)")
                             .arg(QString::fromLatin1(stream.msg ? stream.msg : "truncated")));
        }
    }
    inflateEnd(&stream);
    return out;
}

Result<QByteArray> UnionPayFileContent::pack(QByteArrayView zip)
{
    uLongf size = compressBound(uLong(zip.size()));
    QByteArray compressed(qsizetype(size), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef *>(compressed.data()), &size, reinterpret_cast<const Bytef *>(zip.data()),
                  uLong(zip.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("zlib failed"));
    compressed.resize(qsizetype(size));
    return compressed.toBase64();
}

} // namespace paydesk
