#pragma once

#include "core/channel/statement/StatementLimits.h"
#include "core/channel/statement/StatementSummary.h"

#include <QDate>

#include <functional>

namespace paydesk {

// Receives each normalised line; returning false stops the parse (it then fails with Cancelled).
using StatementLineHandler = std::function<bool(const StatementLine &)>;

struct StatementParseOptions
{
    // UnionPay ZM files print 交易传输时间 as MMDDhhmmss, without a year. The year is taken from
    // this settlement date when set, else from a member name like INN<yyMMdd>88ZM_…; each time
    // gets the year that puts it nearest that date.
    QDate settlementDate;
    // Compressed statements (a UnionPay fileContent, a zip's members) may unpack to this many
    // bytes in all; beyond it the parse fails with StatementTooLarge.
    qint64 maxUnpackedBytes = StatementLimits::kDefaultMaxUnpackedBytes;
};

// What a reader needs while it reads one file: what to call the file in errors and lines,
// where the lines go, and the summary it counts them into.
class StatementReadContext
{
public:
    StatementReadContext(QString fileName, const StatementLineHandler &onLine, StatementSummary &summary,
                         const StatementParseOptions &options);

    const QString &fileName() const { return m_fileName; }
    const StatementParseOptions &options() const { return m_options; }
    StatementSummary &summary() { return m_summary; }

    // Adds this file to the summary's list of files read.
    void beginFile(StatementFormat format);
    // Counts the line and hands it on; Cancelled when the handler asks to stop.
    Status deliver(const StatementLine &line);

    // An error located at "<file>: line N".
    Error lineError(qint64 lineNumber, const QString &reason, ErrorCode code = ErrorCode::StatementMalformed) const;
    // An error about the file as a whole, located at "<file>".
    Error fileError(ErrorCode code, const QString &reason = {}) const;

private:
    QString m_fileName;
    const StatementLineHandler &m_onLine;
    StatementSummary &m_summary;
    StatementParseOptions m_options;
    qsizetype m_fileIndex = -1;
};

} // namespace paydesk
