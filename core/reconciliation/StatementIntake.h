#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/statement/StatementParser.h"
#include "core/reconciliation/ChannelRecord.h"

#include <QDate>
#include <QTimeZone>

#include <functional>

namespace paydesk {

// Whose statement a run expects: every line must name one of these merchant ids (the app id too
// when the statement prints one) and fall on the bill date.
struct StatementExpectation
{
    QString file; // how errors name the file
    QStringList merchantIds;
    QString appId; // empty: not checked
    QDate billDate;
    QTimeZone timeZone;
    // The bill date's first and next day's first millisecond in timeZone, as UTC milliseconds:
    // checking a line's time against them costs no time-zone conversion (of() sets them).
    qint64 dayStartMs = 0;
    qint64 dayEndMs = 0;

    // The channel account's ids: its channel merchant id and, for a service provider's account, the
    // sub-merchant's (WeChat bills print the sub-merchant when there is one). Alipay bills name the
    // seller's Alipay account (2088…), which the channel account does not hold: their lines are
    // checked by date only.
    static StatementExpectation of(const ChannelAccount &account, const QDate &billDate, const QString &file);
};

// A statement on its way into a run: format detection, the checks that the file is the account's
// and the date's, and the lines handed on as ChannelRecords. The file was kept before
// (StatementArchive) and the run lock taken; nothing here writes to the database.
namespace StatementIntake {

// What `statement parse` would call the file's layout, from its first bytes ("wechat", "alipay-zip",
// "unionpay-zm", "unionpay-file-content", …); "unknown" when nothing matches.
QString detectedFormat(const QString &path);

// StatementWrongAccount at "<file>: line N" with the reason when the line is another merchant's, another
// app's or another day's.
Status check(const StatementLine &line, const StatementExpectation &expected);

// Parses `path` (format and encoding from the content), checks every line and hands it on.
// `onRecord` returning false stops the parse with Cancelled. The statement's errors (malformed,
// truncated, totals, encoding) as StatementParser gives them, each naming file and line.
Result<StatementSummary> read(const QString &path, const StatementExpectation &expected,
                              const std::function<bool(const ChannelRecord &)> &onRecord);

} // namespace StatementIntake
} // namespace paydesk
