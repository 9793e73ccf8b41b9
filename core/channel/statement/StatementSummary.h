#pragma once

#include "core/channel/statement/StatementLine.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace paydesk {

// Count and sums of one kind of line (payments or refunds), in minor units of CNY: statements
// are CNY-only. Kept as raw integers so that adding a line costs no allocation; sums are checked
// for overflow.
struct StatementTotals
{
    qint64 count = 0;
    qint64 amountMinor = 0;
    qint64 feeMinor = 0;

    Money amount() const { return Money::fromMinor(amountMinor, Currency::cny()); }
    Money fee() const { return Money::fromMinor(feeMinor, Currency::cny()); }
    friend bool operator==(const StatementTotals &a, const StatementTotals &b)
    {
        return a.count == b.count && a.amountMinor == b.amountMinor && a.feeMinor == b.feeMinor;
    }
    friend bool operator!=(const StatementTotals &a, const StatementTotals &b) { return !(a == b); }
};

// One file read for a statement: the file itself, or a member of a zip.
struct StatementFileInfo
{
    QString name;
    StatementFormat format = StatementFormat::Unknown;
    qint64 lines = 0;
};

// What a statement parse found: the detected format, the files read, and the lines' totals by
// type. Only returned when every line parsed and every total the statement prints matched.
struct StatementSummary
{
    StatementFormat format = StatementFormat::Unknown; // the main layout (the detail for Alipay)
    QList<StatementFileInfo> files;
    StatementTotals payments;
    StatementTotals refunds;

    qint64 lineCount() const { return payments.count + refunds.count; }
    // Counts the line into its type's totals; fails only on overflow.
    Status add(const StatementLine &line);
};

// Stable lower-case names for scripts and JSON: "wechat-all", "alipay-detail", "unionpay-zm", …
QString statementFormatName(StatementFormat format);
QString statementLineTypeName(StatementLineType type);

} // namespace paydesk
