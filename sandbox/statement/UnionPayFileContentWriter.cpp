#include "sandbox/statement/UnionPayFileContentWriter.h"

#include "sandbox/statement/Base64OutputDevice.h"
#include "sandbox/statement/DeflateOutputDevice.h"
#include "sandbox/statement/UnionPayZmWriter.h"
#include "sandbox/statement/ZipStreamWriter.h"

#include <QBuffer>

namespace paydesk {

UnionPayFileContentWriter::UnionPayFileContentWriter(QIODevice &out, const QDate &settlementDate,
                                                     const QString &merchantId)
    : m_settlementDate(settlementDate), m_merchantId(merchantId), m_base64(new Base64OutputDevice(out)),
      m_deflate(new DeflateOutputDevice(*m_base64)), m_zip(new ZipStreamWriter(*m_deflate))
{
}

UnionPayFileContentWriter::~UnionPayFileContentWriter() = default;

Status UnionPayFileContentWriter::open()
{
    if (m_zm)
        return {};
    // The member's time: the settlement day, as wall-clock time.
    const QDateTime modified(m_settlementDate, QTime(0, 0), Qt::UTC);
    auto member = m_zip->openMember(UnionPayZmWriter::fileName(m_settlementDate, m_merchantId).toLatin1(), modified);
    if (!member)
        return member.error();
    m_zm = std::make_unique<UnionPayZmWriter>(**member);
    return {};
}

Status UnionPayFileContentWriter::write(const StatementLine &line)
{
    if (auto opened = open(); !opened)
        return opened;
    return m_zm->write(line);
}

Status UnionPayFileContentWriter::finish()
{
    if (auto opened = open(); !opened)
        return opened;
    if (auto flushed = m_zm->finish(); !flushed)
        return flushed;
    if (auto finished = m_zip->finish(); !finished)
        return finished;
    m_deflate->close();
    m_base64->close();
    if (m_deflate->hasFailed() || m_base64->hasFailed())
        return Error(ErrorCode::FileUnwritable, m_base64->errorString());
    return {};
}

Result<QByteArray> UnionPayFileContentWriter::payload(const QDate &settlementDate, const QString &merchantId,
                                                      const QList<StatementLine> &lines)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    UnionPayFileContentWriter writer(buffer, settlementDate, merchantId);
    for (const StatementLine &line : lines) {
        if (auto written = writer.write(line); !written)
            return written.error();
    }
    if (auto finished = writer.finish(); !finished)
        return finished.error();
    buffer.close();
    return bytes;
}

} // namespace paydesk
