#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QTemporaryFile;

namespace paydesk {

// The partitions of a Grace hash join: encoded records spread over temporary files by a hash of
// their order number, so that everything that can match, or duplicate, lands in the same file.
// Records keep their arrival order within a partition. Each partition buffers its writes; the
// files are removed when the spill is destroyed (or a partition is taken), and on Linux they may
// never have a name at all (QTemporaryFile uses O_TMPFILE), so not even a crash leaves them behind.
class PartitionSpill
{
public:
    // `level` seeds the hash: a partition split again spreads its records by a different one.
    PartitionSpill(int partitions, int level, QString directory, qsizetype bufferBytes);
    ~PartitionSpill();
    PartitionSpill(const PartitionSpill &) = delete;
    PartitionSpill &operator=(const PartitionSpill &) = delete;

    Status open(); // FileUnwritable when a temporary file cannot be created
    // One encoded record (RecordCodec), to the partition of its order number; InvalidArgument
    // when the bytes are not a whole record.
    Status add(QByteArrayView record);
    Status flush(); // after the last add

    int partitions() const { return int(m_parts.size()); }
    int level() const { return m_level; }
    qint64 records(int partition) const { return m_parts[size_t(partition)].records; }
    qint64 bytes(int partition) const { return m_parts[size_t(partition)].bytes; }
    qint64 bytesWritten() const { return m_bytesWritten; }

    // The whole partition into `buffer` (reused from partition to partition: its capacity stays,
    // so no fresh memory is touched for each); the partition's file is removed.
    Status take(int partition, QByteArray &buffer);
    // Each record of the partition in turn, read a chunk at a time (for one too large to take);
    // `onRecord` returning an error stops the walk with it. The file is removed afterwards.
    Status forEachRecord(int partition, const std::function<Status(QByteArrayView)> &onRecord);

    // The partition out of `count` an order number belongs to at `level`.
    static int partitionOf(quint64 orderHash, int level, int count);

private:
    struct Part
    {
        std::unique_ptr<QTemporaryFile> file;
        QByteArray buffer;
        qint64 records = 0;
        qint64 bytes = 0;
    };
    Status write(Part &part);
    Status rewind(Part &part);

    std::vector<Part> m_parts;
    int m_level = 0;
    QString m_directory;
    qsizetype m_bufferBytes = 0;
    qint64 m_bytesWritten = 0;
};

} // namespace paydesk
