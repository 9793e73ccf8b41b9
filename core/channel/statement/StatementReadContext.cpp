#include "core/channel/statement/StatementReadContext.h"

namespace paydesk {

StatementReadContext::StatementReadContext(QString fileName, const StatementLineHandler &onLine,
                                           StatementSummary &summary, const StatementParseOptions &options)
    : m_fileName(std::move(fileName)), m_onLine(onLine), m_summary(summary), m_options(options)
{
}

void StatementReadContext::beginFile(StatementFormat format)
{
    m_summary.files.append(StatementFileInfo{m_fileName, format, 0});
    m_fileIndex = m_summary.files.size() - 1;
}

Status StatementReadContext::deliver(const StatementLine &line)
{
    if (auto added = m_summary.add(line); !added)
        return lineError(line.lineNumber, QStringLiteral("the totals overflow"), added.error().code());
    if (m_fileIndex >= 0)
        ++m_summary.files[m_fileIndex].lines;
    if (m_onLine && !m_onLine(line))
        return Error(ErrorCode::Cancelled).within(m_fileName);
    return {};
}

Error StatementReadContext::lineError(qint64 lineNumber, const QString &reason, ErrorCode code) const
{
    return Error(code, reason).within(QStringLiteral("%1: line %2").arg(m_fileName).arg(lineNumber));
}

Error StatementReadContext::fileError(ErrorCode code, const QString &reason) const
{
    return Error(code, reason).within(m_fileName);
}

} // namespace paydesk
