#include "core/channel/statement/ZipArchiveReader.h"

#include "core/channel/statement/StatementBytes.h"
#include "core/channel/statement/StatementText.h"

#include <QIODevice>

#include <zip.h>

namespace paydesk {

struct ZipArchiveReader::DeviceState
{
    QIODevice *device = nullptr;
    zip_error_t error;
};

namespace {
// A libzip source reading a seekable QIODevice: libzip needs random access to find the
// central directory, and this spares copying the archive into memory.
zip_int64_t deviceSource(void *userdata, void *data, zip_uint64_t length, zip_source_cmd_t command)
{
    auto *state = static_cast<ZipArchiveReader::DeviceState *>(userdata);
    QIODevice *device = state->device;
    const auto failed = [state](int code) {
        zip_error_set(&state->error, code, 0);
        return zip_int64_t(-1);
    };
    switch (command) {
    case ZIP_SOURCE_OPEN:
        return device->seek(0) ? 0 : failed(ZIP_ER_SEEK);
    case ZIP_SOURCE_READ: {
        const qint64 read = device->read(static_cast<char *>(data), qint64(length));
        return read < 0 ? failed(ZIP_ER_READ) : read;
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
        return 0;
    case ZIP_SOURCE_STAT: {
        auto *stat = static_cast<zip_stat_t *>(data);
        zip_stat_init(stat);
        stat->size = zip_uint64_t(device->size());
        stat->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&state->error, data, length);
    case ZIP_SOURCE_SEEK: {
        const zip_int64_t offset = zip_source_seek_compute_offset(
            zip_uint64_t(device->pos()), zip_uint64_t(device->size()), data, length, &state->error);
        if (offset < 0)
            return -1;
        return device->seek(offset) ? 0 : failed(ZIP_ER_SEEK);
    }
    case ZIP_SOURCE_TELL:
        return device->pos();
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_FREE,
                                              ZIP_SOURCE_SUPPORTS, zip_source_cmd_t(-1));
    default:
        return failed(ZIP_ER_OPNOTSUPP);
    }
}

QString zipError(zip_error_t *error)
{
    const QString text = QString::fromUtf8(zip_error_strerror(error));
    zip_error_fini(error);
    return text;
}

// A member's uncompressed bytes as a sequential device.
class ZipMemberDevice : public QIODevice
{
public:
    ZipMemberDevice(zip_file_t *file, ZipArchiveReader::UnpackBudget *budget) : m_file(file), m_budget(budget)
    {
        QIODevice::open(QIODevice::ReadOnly);
    }
    ~ZipMemberDevice() override
    {
        close();
        zip_fclose(m_file);
    }
    bool isSequential() const override { return true; }
    // Only the member's real end is the end: a failed read must not look like one.
    bool atEnd() const override { return m_finished && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const zip_int64_t read = zip_fread(m_file, data, zip_uint64_t(maxSize));
        if (read < 0)
            setErrorString(QString::fromUtf8(zip_file_strerror(m_file)));
        if (read == 0)
            m_finished = true;
        if (read > 0 && m_budget) {
            m_budget->used += read;
            if (m_budget->exceeded()) {
                setErrorString(QStringLiteral("the zip unpacks to more than %1 bytes").arg(m_budget->limit));
                return -1;
            }
        }
        return read;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    zip_file_t *m_file;
    ZipArchiveReader::UnpackBudget *m_budget;
    bool m_finished = false;
};
} // namespace

ZipArchiveReader::~ZipArchiveReader()
{
    if (m_archive)
        zip_discard(m_archive);
    if (m_state)
        zip_error_fini(&m_state->error);
}

Result<std::unique_ptr<ZipArchiveReader>> ZipArchiveReader::openSource(zip_source *source,
                                                                       std::unique_ptr<ZipArchiveReader> reader)
{
    zip_error_t error;
    zip_error_init(&error);
    reader->m_archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!reader->m_archive) {
        zip_source_free(source);
        return Error(ErrorCode::StatementMalformed, QStringLiteral("not a readable zip: %1").arg(zipError(&error)));
    }
    zip_error_fini(&error);
    return reader;
}

Result<std::unique_ptr<ZipArchiveReader>> ZipArchiveReader::open(QIODevice &device)
{
    if (device.isSequential())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("zip archives need a seekable device"));
    std::unique_ptr<ZipArchiveReader> reader(new ZipArchiveReader);
    reader->m_state = std::make_unique<DeviceState>();
    reader->m_state->device = &device;
    zip_error_init(&reader->m_state->error);
    zip_error_t error;
    zip_error_init(&error);
    zip_source *source = zip_source_function_create(deviceSource, reader->m_state.get(), &error);
    if (!source)
        return Error(ErrorCode::StatementMalformed, zipError(&error));
    zip_error_fini(&error);
    return openSource(source, std::move(reader));
}

Result<std::unique_ptr<ZipArchiveReader>> ZipArchiveReader::fromBytes(QByteArray bytes)
{
    std::unique_ptr<ZipArchiveReader> reader(new ZipArchiveReader);
    reader->m_bytes = std::move(bytes);
    zip_error_t error;
    zip_error_init(&error);
    zip_source *source =
        zip_source_buffer_create(reader->m_bytes.constData(), zip_uint64_t(reader->m_bytes.size()), 0, &error);
    if (!source)
        return Error(ErrorCode::StatementMalformed, zipError(&error));
    zip_error_fini(&error);
    return openSource(source, std::move(reader));
}

qint64 ZipArchiveReader::memberCount() const
{
    return zip_get_num_entries(m_archive, 0);
}

QByteArray ZipArchiveReader::rawName(qint64 index) const
{
    const char *name = zip_get_name(m_archive, zip_uint64_t(index), ZIP_FL_ENC_RAW);
    return name ? QByteArray(name) : QByteArray();
}

QString ZipArchiveReader::name(qint64 index) const
{
    const QByteArray raw = rawName(index);
    if (StatementBytes::isValidUtf8(raw))
        return QString::fromUtf8(raw);
    StatementText gbk(StatementEncoding::Gbk);
    bool ok = false;
    const QString decoded = gbk.decode(raw, &ok);
    return ok ? decoded : QString::fromLatin1(raw);
}

qint64 ZipArchiveReader::size(qint64 index) const
{
    zip_stat_t stat;
    if (zip_stat_index(m_archive, zip_uint64_t(index), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
        return -1;
    return qint64(stat.size);
}

Result<std::unique_ptr<QIODevice>> ZipArchiveReader::openMember(qint64 index, UnpackBudget *budget) const
{
    zip_file_t *file = zip_fopen_index(m_archive, zip_uint64_t(index), 0);
    if (!file)
        return Error(ErrorCode::StatementMalformed,
                     QStringLiteral("cannot open %1: %2").arg(name(index), QString::fromUtf8(zip_strerror(m_archive))));
    return std::unique_ptr<QIODevice>(new ZipMemberDevice(file, budget));
}

} // namespace paydesk
