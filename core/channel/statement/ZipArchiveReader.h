#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QIODevice;
struct zip;
struct zip_source;

namespace paydesk {

// Read access to a zip archive through libzip, without unpacking it: members are streamed.
// Member names are kept as raw bytes because the channels write them in GBK without the zip's
// UTF-8 flag; name() decodes them (UTF-8 when they are valid UTF-8, else GBK).
class ZipArchiveReader
{
public:
    struct DeviceState; // what libzip's callback reads through
    ~ZipArchiveReader();
    ZipArchiveReader(const ZipArchiveReader &) = delete;
    ZipArchiveReader &operator=(const ZipArchiveReader &) = delete;

    // The device must stay open, seekable and alive while the reader is used.
    static Result<std::unique_ptr<ZipArchiveReader>> open(QIODevice &device);
    static Result<std::unique_ptr<ZipArchiveReader>> fromBytes(QByteArray bytes);

    qint64 memberCount() const;
    QByteArray rawName(qint64 index) const;
    QString name(qint64 index) const;
    qint64 size(qint64 index) const;
    bool isDirectory(qint64 index) const { return rawName(index).endsWith('/'); }

    // What the members read may unpack to together: the sizes a zip declares can lie, so the
    // bytes are counted as they come, and a read past the limit fails.
    struct UnpackBudget
    {
        qint64 limit = 0;
        qint64 used = 0;
        bool exceeded() const { return used > limit; }
    };
    // A sequential device over the member's uncompressed bytes, counted against `budget`
    // (which must outlive the device) when one is given.
    Result<std::unique_ptr<QIODevice>> openMember(qint64 index, UnpackBudget *budget = nullptr) const;

private:
    ZipArchiveReader() = default;
    static Result<std::unique_ptr<ZipArchiveReader>> openSource(zip_source *source,
                                                                std::unique_ptr<ZipArchiveReader> reader);

    zip *m_archive = nullptr;
    QByteArray m_bytes; // the archive, when it was given in memory
    std::unique_ptr<DeviceState> m_state;
};

} // namespace paydesk
