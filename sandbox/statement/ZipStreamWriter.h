#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <memory>

class QIODevice;

namespace paydesk {

// Writes a zip archive front to back onto any device, deflating members as they are written
// (sizes and CRC follow each member in a data descriptor), so a million-line statement never
// sits in memory. Names are stored as the given bytes without the UTF-8 flag, as the channels
// store their GBK names. No Zip64: members and archive stay below 4 GiB.
class ZipStreamWriter
{
public:
    explicit ZipStreamWriter(QIODevice &out, int compressionLevel = -1);
    ~ZipStreamWriter();
    ZipStreamWriter(const ZipStreamWriter &) = delete;
    ZipStreamWriter &operator=(const ZipStreamWriter &) = delete;

    // Starts a member and returns the device its content is written to, valid until
    // closeMember(). `modified` is stored as MS-DOS local time of its own time spec.
    Result<QIODevice *> openMember(const QByteArray &rawName, const QDateTime &modified);
    Status closeMember();
    // Closes an open member, then writes the central directory.
    Status finish();

private:
    friend class ZipMemberOutput;
    Status writeRaw(const char *data, qsizetype size);
    Status deflate(const char *data, qsizetype size, bool finish);

    struct Member
    {
        QByteArray name;
        quint16 dosTime = 0;
        quint16 dosDate = 0;
        quint32 crc = 0;
        quint64 compressedSize = 0;
        quint64 size = 0;
        quint64 offset = 0;
    };
    struct Deflater;

    QIODevice &m_out;
    int m_level;
    quint64 m_written = 0;
    QList<Member> m_members;
    bool m_open = false;
    bool m_failed = false;
    std::unique_ptr<Deflater> m_deflater;
    std::unique_ptr<QIODevice> m_memberDevice;
};

} // namespace paydesk
