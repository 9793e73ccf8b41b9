#include "core/channel/statement/UnionPayFileContent.h"

#include <QBuffer>
#include <QIODevice>

#include <functional>

#include <zlib.h>

namespace paydesk {

namespace {
constexpr qint64 kChunk = 64 * 1024;

Error tooLarge(qint64 maxSize)
{
    return Error(ErrorCode::StatementTooLarge,
                 QStringLiteral("fileContent unpacks to more than %1 bytes (%2 MiB), the limit for a day's statement")
                     .arg(maxSize)
                     .arg(maxSize >> 20));
}

// zlib (or gzip) inflation fed in pieces; every piece of output goes to `sink`, which may stop it.
class Inflater
{
public:
    using Sink = std::function<Status(const char *data, qsizetype size)>;

    Inflater() { m_ready = inflateInit2(&m_stream, MAX_WBITS + 32) == Z_OK; } // zlib or gzip header
    ~Inflater() { inflateEnd(&m_stream); }
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;

    bool finished() const { return m_finished; }

    Status feed(QByteArrayView input, const Sink &sink)
    {
        if (!m_ready)
            return Error(ErrorCode::StatementMalformed, QStringLiteral("zlib cannot start inflating"));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
        m_stream.avail_in = uInt(input.size());
        char out[kChunk];
        while (!m_finished && (m_stream.avail_in > 0 || m_stream.avail_out == 0)) {
            m_stream.next_out = reinterpret_cast<Bytef *>(out);
            m_stream.avail_out = uInt(sizeof(out));
            const int result = inflate(&m_stream, Z_NO_FLUSH);
            if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR)
                return Error(ErrorCode::StatementMalformed,
                             QStringLiteral("fileContent is not a zlib stream (%1)")
                                 .arg(QString::fromLatin1(m_stream.msg ? m_stream.msg : "damaged")));
            const qsizetype produced = qsizetype(sizeof(out) - m_stream.avail_out);
            if (produced > 0) {
                if (auto taken = sink(out, produced); !taken)
                    return taken;
            }
            m_finished = result == Z_STREAM_END;
            if (result == Z_BUF_ERROR)
                break; // needs more input
        }
        return {};
    }

private:
    z_stream m_stream{};
    bool m_ready = false;
    bool m_finished = false;
};

// Base64 read from a device in pieces (line breaks and spaces skipped), padding only at the end.
class Base64Reader
{
public:
    explicit Base64Reader(QIODevice &in) : m_in(in) {}

    // The next decoded piece; empty at the end.
    Result<QByteArray> next()
    {
        for (;;) {
            const QByteArray raw = m_in.read(kChunk);
            if (raw.isEmpty() && !m_in.atEnd() && m_in.waitForReadyRead(-1))
                continue;
            for (char c : raw) {
                if (c == '\r' || c == '\n' || c == ' ' || c == '\t')
                    continue;
                if (m_padded && c != '=')
                    return notBase64();
                m_padded = m_padded || c == '=';
                m_pending.append(c);
            }
            const bool atEnd = raw.isEmpty();
            const qsizetype whole = atEnd ? m_pending.size() : m_pending.size() - m_pending.size() % 4;
            if (whole == 0) {
                if (atEnd)
                    return QByteArray();
                continue;
            }
            auto decoded =
                QByteArray::fromBase64Encoding(m_pending.left(whole), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return notBase64();
            m_pending.remove(0, whole);
            if (!decoded.decoded.isEmpty() || atEnd)
                return decoded.decoded;
        }
    }

private:
    static Error notBase64()
    {
        return Error(ErrorCode::StatementMalformed, QStringLiteral("fileContent is not Base64"));
    }

    QIODevice &m_in;
    QByteArray m_pending;
    bool m_padded = false;
};
} // namespace

Status UnionPayFileContent::unpack(QIODevice &in, QIODevice &zip, qint64 maxSize)
{
    // First pass: decode and inflate, counting only. A bomb stops at the limit with nothing
    // written, and what is kept is the compressed stream (no larger than the input).
    QByteArray compressed;
    qint64 unpacked = 0;
    Inflater measure;
    const auto count = [&unpacked, maxSize](const char *, qsizetype size) -> Status {
        unpacked += size;
        if (unpacked > maxSize)
            return tooLarge(maxSize);
        return {};
    };
    Base64Reader base64(in);
    for (;;) {
        auto piece = base64.next();
        if (!piece)
            return piece.error();
        if (piece->isEmpty())
            break;
        compressed += *piece;
        // A stream that fits cannot be much larger compressed (stored blocks add 5 bytes per 64 KiB).
        if (compressed.size() > maxSize + (maxSize >> 8) + 1024)
            return tooLarge(maxSize);
        if (!measure.finished()) {
            if (auto measured = measure.feed(*piece, count); !measured)
                return measured;
        }
    }
    if (!measure.finished())
        return Error(ErrorCode::StatementMalformed, QStringLiteral("fileContent is not a zlib stream (truncated)"));

    // Second pass: the same stream, now known to fit, into the device.
    Inflater write;
    const auto store = [&zip](const char *data, qsizetype size) -> Status {
        if (zip.write(data, size) != size)
            return Error(ErrorCode::FileUnwritable, zip.errorString());
        return {};
    };
    return write.feed(compressed, store);
}

Result<QByteArray> UnionPayFileContent::unpack(QByteArrayView fileContent, qint64 maxSize)
{
    QByteArray input = fileContent.toByteArray();
    QBuffer in(&input);
    in.open(QIODevice::ReadOnly);
    QByteArray zip;
    QBuffer out(&zip);
    out.open(QIODevice::WriteOnly);
    if (auto unpacked = unpack(in, out, maxSize); !unpacked)
        return unpacked.error();
    out.close();
    return zip;
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
