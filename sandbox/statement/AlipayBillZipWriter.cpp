#include "sandbox/statement/AlipayBillZipWriter.h"

#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementText.h"

#include <QIODevice>

namespace paydesk {

AlipayBillZipWriter::AlipayBillZipWriter(QIODevice &out, AlipayBillWriter::Options options, int compressionLevel)
    : m_options(std::move(options)), m_zip(out, compressionLevel)
{
    // Zip times are wall-clock times: China time, as the channel's files carry.
    const ShanghaiTime::Fields f = ShanghaiTime::toLocal(AlipayBillWriter::exportTimeOf(m_options));
    m_modified = QDateTime(QDate(f.year, f.month, f.day), QTime(f.hour, f.minute, f.second), Qt::UTC);
}

AlipayBillZipWriter::~AlipayBillZipWriter() = default;

Status AlipayBillZipWriter::begin()
{
    StatementText gbk(StatementEncoding::Gbk);
    auto member = m_zip.openMember(gbk.encode(AlipayBillWriter::detailFileName(m_options)), m_modified);
    if (!member)
        return member.error();
    m_detail = std::make_unique<AlipayBillWriter>(**member, m_options);
    return m_detail->begin();
}

Status AlipayBillZipWriter::write(const StatementLine &line)
{
    if (!m_detail)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("begin() first"));
    return m_detail->write(line);
}

Status AlipayBillZipWriter::finish()
{
    if (!m_detail)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("begin() first"));
    if (auto finished = m_detail->finish(); !finished)
        return finished;
    const QByteArray summary = m_detail->summaryFile();
    StatementText gbk(StatementEncoding::Gbk);
    auto member = m_zip.openMember(gbk.encode(AlipayBillWriter::summaryFileName(m_options)), m_modified);
    if (!member)
        return member.error();
    if ((*member)->write(summary) != summary.size())
        return Error(ErrorCode::FileUnwritable, (*member)->errorString());
    return m_zip.finish();
}

Status AlipayBillZipWriter::writeAll(QIODevice &out, const AlipayBillWriter::Options &options,
                                     const QList<StatementLine> &lines)
{
    AlipayBillZipWriter writer(out, options);
    if (auto begun = writer.begin(); !begun)
        return begun;
    for (const StatementLine &line : lines) {
        if (auto written = writer.write(line); !written)
            return written;
    }
    return writer.finish();
}

} // namespace paydesk
