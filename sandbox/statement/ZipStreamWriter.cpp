#include "sandbox/statement/ZipStreamWriter.h"

#include <QIODevice>

#include <zlib.h>

namespace paydesk {

namespace {
constexpr quint32 kLocalHeader = 0x04034b50;
constexpr quint32 kDataDescriptor = 0x08074b50;
constexpr quint32 kCentralHeader = 0x02014b50;
constexpr quint32 kEndOfCentralDirectory = 0x06054b50;
constexpr quint16 kVersion = 20; // 2.0: deflate
constexpr quint16 kFlagDataDescriptor = 0x0008;
constexpr quint16 kMethodDeflate = 8;
constexpr quint64 kLimit = 0xFFFFFFFFu;

void put16(QByteArray &out, quint16 value)
{
    out.append(char(value & 0xFF));
    out.append(char(value >> 8));
}

void put32(QByteArray &out, quint32 value)
{
    put16(out, quint16(value & 0xFFFF));
    put16(out, quint16(value >> 16));
}
} // namespace

struct ZipStreamWriter::Deflater
{
    z_stream stream{};
    bool initialised = false;
    QByteArray output = QByteArray(256 * 1024, Qt::Uninitialized);
    ~Deflater()
    {
        if (initialised)
            deflateEnd(&stream);
    }
};

// The device a member's content goes through: deflates into the archive.
class ZipMemberOutput : public QIODevice
{
public:
    explicit ZipMemberOutput(ZipStreamWriter &writer) : m_writer(writer) { QIODevice::open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        auto status = m_writer.deflate(data, size, false);
        if (!status) {
            setErrorString(status.error().message());
            return -1;
        }
        return size;
    }

private:
    ZipStreamWriter &m_writer;
};

ZipStreamWriter::ZipStreamWriter(QIODevice &out, int compressionLevel) : m_out(out), m_level(compressionLevel) {}

ZipStreamWriter::~ZipStreamWriter() = default;

Status ZipStreamWriter::writeRaw(const char *data, qsizetype size)
{
    if (m_failed)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("an earlier write failed"));
    if (m_out.write(data, size) != size) {
        m_failed = true;
        return Error(ErrorCode::FileUnwritable, m_out.errorString());
    }
    m_written += quint64(size);
    return {};
}

Result<QIODevice *> ZipStreamWriter::openMember(const QByteArray &rawName, const QDateTime &modified)
{
    if (m_open) {
        if (auto closed = closeMember(); !closed)
            return closed.error();
    }
    if (m_written > kLimit)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("zip archive over 4 GiB"));
    Member member;
    member.name = rawName;
    member.offset = m_written;
    const QDate date = modified.date();
    const QTime time = modified.time();
    if (date.isValid() && date.year() >= 1980) {
        member.dosDate = quint16(((date.year() - 1980) << 9) | (date.month() << 5) | date.day());
        member.dosTime = quint16((time.hour() << 11) | (time.minute() << 5) | (time.second() / 2));
    } else {
        member.dosDate = (1 << 5) | 1; // 1980-01-01
    }
    QByteArray header;
    put32(header, kLocalHeader);
    put16(header, kVersion);
    put16(header, kFlagDataDescriptor);
    put16(header, kMethodDeflate);
    put16(header, member.dosTime);
    put16(header, member.dosDate);
    put32(header, 0); // CRC and sizes follow the data
    put32(header, 0);
    put32(header, 0);
    put16(header, quint16(rawName.size()));
    put16(header, 0);
    header += rawName;
    if (auto written = writeRaw(header.constData(), header.size()); !written)
        return written.error();

    m_deflater = std::make_unique<Deflater>();
    if (deflateInit2(&m_deflater->stream, m_level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("zlib cannot start deflating"));
    m_deflater->initialised = true;
    member.crc = quint32(crc32(0, nullptr, 0));
    m_members.append(member);
    m_open = true;
    m_memberDevice = std::make_unique<ZipMemberOutput>(*this);
    return m_memberDevice.get();
}

Status ZipStreamWriter::deflate(const char *data, qsizetype size, bool finish)
{
    if (!m_open)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("no zip member is open"));
    Member &member = m_members.last();
    if (size > 0) // crc32() with no buffer would return the initial value instead
        member.crc = quint32(crc32(member.crc, reinterpret_cast<const Bytef *>(data), uInt(size)));
    member.size += quint64(size);
    z_stream &stream = m_deflater->stream;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    stream.avail_in = uInt(size);
    QByteArray &chunk = m_deflater->output;
    int result = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
        stream.avail_out = uInt(chunk.size());
        result = ::deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH);
        if (result == Z_STREAM_ERROR)
            return Error(ErrorCode::FileUnwritable, QStringLiteral("zlib failed"));
        const qsizetype produced = chunk.size() - qsizetype(stream.avail_out);
        if (produced > 0) {
            member.compressedSize += quint64(produced);
            if (auto written = writeRaw(chunk.constData(), produced); !written)
                return written;
        }
    } while (stream.avail_out == 0 || (finish && result != Z_STREAM_END));
    if (member.size > kLimit || member.compressedSize > kLimit)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("zip member over 4 GiB"));
    return {};
}

Status ZipStreamWriter::closeMember()
{
    if (!m_open)
        return {};
    if (auto flushed = deflate(nullptr, 0, true); !flushed)
        return flushed;
    m_memberDevice.reset();
    m_deflater.reset();
    m_open = false;
    const Member &member = m_members.last();
    QByteArray descriptor;
    put32(descriptor, kDataDescriptor);
    put32(descriptor, member.crc);
    put32(descriptor, quint32(member.compressedSize));
    put32(descriptor, quint32(member.size));
    return writeRaw(descriptor.constData(), descriptor.size());
}

Status ZipStreamWriter::finish()
{
    if (auto closed = closeMember(); !closed)
        return closed;
    const quint64 directoryOffset = m_written;
    QByteArray directory;
    for (const Member &member : std::as_const(m_members)) {
        put32(directory, kCentralHeader);
        put16(directory, kVersion); // made by: MS-DOS, 2.0
        put16(directory, kVersion);
        put16(directory, kFlagDataDescriptor);
        put16(directory, kMethodDeflate);
        put16(directory, member.dosTime);
        put16(directory, member.dosDate);
        put32(directory, member.crc);
        put32(directory, quint32(member.compressedSize));
        put32(directory, quint32(member.size));
        put16(directory, quint16(member.name.size()));
        put16(directory, 0); // extra
        put16(directory, 0); // comment
        put16(directory, 0); // disk
        put16(directory, 0); // internal attributes
        put32(directory, 0); // external attributes
        put32(directory, quint32(member.offset));
        directory += member.name;
    }
    if (directoryOffset + quint64(directory.size()) > kLimit || m_members.size() > 0xFFFF)
        return Error(ErrorCode::FileUnwritable, QStringLiteral("zip archive over 4 GiB"));
    const quint32 directorySize = quint32(directory.size());
    put32(directory, kEndOfCentralDirectory);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, quint16(m_members.size()));
    put16(directory, quint16(m_members.size()));
    put32(directory, directorySize);
    put32(directory, quint32(directoryOffset));
    put16(directory, 0);
    return writeRaw(directory.constData(), directory.size());
}

} // namespace paydesk
