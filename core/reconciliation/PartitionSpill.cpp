#include "core/reconciliation/PartitionSpill.h"

#include "core/reconciliation/IdHash.h"
#include "core/reconciliation/RecordCodec.h"

#include <QDir>
#include <QTemporaryFile>

namespace paydesk {

namespace {
// Reading a partition too large to take: this much at a time.
constexpr qsizetype kReadChunkBytes = qsizetype(1) << 20;

Error fileError(ErrorCode code, const QTemporaryFile &file)
{
    return Error(code, file.fileName() + QStringLiteral(": ") + file.errorString());
}
} // namespace

PartitionSpill::PartitionSpill(int partitions, int level, QString directory, qsizetype bufferBytes)
    : m_parts(size_t(partitions)), m_level(level), m_directory(std::move(directory)), m_bufferBytes(bufferBytes)
{
}

PartitionSpill::~PartitionSpill() = default;

Status PartitionSpill::open()
{
    const QString directory = m_directory.isEmpty() ? QDir::tempPath() : m_directory;
    const QString pattern = QDir(directory).filePath(QStringLiteral("paydesk-reconcile-XXXXXX.part"));
    for (Part &part : m_parts) {
        part.file = std::make_unique<QTemporaryFile>(pattern);
        if (!part.file->open())
            return fileError(ErrorCode::FileUnwritable, *part.file);
        part.buffer.reserve(m_bufferBytes);
    }
    return {};
}

int PartitionSpill::partitionOf(quint64 orderHash, int level, int count)
{
    // A fixed seed per level: the same order number always lands in the same partition, and a
    // partition split again spreads its records by an unrelated hash.
    const size_t seed = 0x9E3779B97F4A7C15ULL * size_t(level + 1);
    return int(IdHash::mixed(orderHash, seed) % size_t(count));
}

Status PartitionSpill::add(QByteArrayView record)
{
    quint32 size = 0;
    quint32 orderHash = 0;
    if (!RecordCodec::peek(record, &size, &orderHash))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("reconciliation record cut off"));
    record = record.first(size);
    Part &part = m_parts[size_t(partitionOf(orderHash, m_level, partitions()))];
    part.buffer.append(record);
    ++part.records;
    part.bytes += record.size();
    if (part.buffer.size() >= m_bufferBytes)
        return write(part);
    return {};
}

Status PartitionSpill::write(Part &part)
{
    if (part.buffer.isEmpty())
        return {};
    if (part.file->write(part.buffer) != part.buffer.size())
        return fileError(ErrorCode::FileUnwritable, *part.file);
    m_bytesWritten += part.buffer.size();
    part.buffer.resize(0); // keeps the capacity for the next writes
    return {};
}

Status PartitionSpill::flush()
{
    for (Part &part : m_parts) {
        if (auto written = write(part); !written)
            return written;
        part.buffer = QByteArray(); // nothing more comes: give the buffer back
        if (!part.file->flush())
            return fileError(ErrorCode::FileUnwritable, *part.file);
    }
    return {};
}

Status PartitionSpill::rewind(Part &part)
{
    if (!part.file || !part.file->seek(0))
        return Error(ErrorCode::FileUnreadable, part.file ? part.file->fileName() : QString());
    return {};
}

Status PartitionSpill::take(int partition, QByteArray &buffer)
{
    Part &part = m_parts[size_t(partition)];
    if (auto rewound = rewind(part); !rewound)
        return rewound;
    buffer.resize(qsizetype(part.bytes));
    if (part.file->read(buffer.data(), part.bytes) != part.bytes)
        return fileError(ErrorCode::FileUnreadable, *part.file);
    part.file.reset();
    return {};
}

Status PartitionSpill::forEachRecord(int partition, const std::function<Status(QByteArrayView)> &onRecord)
{
    Part &part = m_parts[size_t(partition)];
    if (auto rewound = rewind(part); !rewound)
        return rewound;
    QByteArray pending; // a chunk's bytes not yet handed on: the start of a record cut by the chunk
    qint64 handedOn = 0;
    while (handedOn < part.bytes) {
        const QByteArray chunk = part.file->read(kReadChunkBytes);
        if (chunk.isEmpty())
            return fileError(ErrorCode::FileUnreadable, *part.file);
        pending.append(chunk);
        qsizetype at = 0;
        quint32 size = 0;
        quint32 orderHash = 0;
        while (RecordCodec::peek(QByteArrayView(pending).sliced(at), &size, &orderHash)) {
            if (auto handled = onRecord(QByteArrayView(pending).sliced(at, size)); !handled)
                return handled;
            at += size;
            handedOn += size;
        }
        pending.remove(0, at);
    }
    part.file.reset();
    return {};
}

} // namespace paydesk
