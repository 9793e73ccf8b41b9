#pragma once

#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace paydesk {

// The lines of a journal entry as stored in journal_entry.postings: "[[account_id,amount],…]"
// in line order, amounts in minor units. Written and read by hand rather than through
// QJsonDocument, which would carry every number through a double and could change a large
// amount; the grammar is this one fixed shape and anything else is refused.
namespace PostingLines {

struct Line
{
    qint64 accountId = 0;
    qint64 amount = 0;
    friend bool operator==(const Line &a, const Line &b) { return a.accountId == b.accountId && a.amount == b.amount; }
};

QString encode(const QList<Line> &lines);
Result<QList<Line>> decode(QStringView text);

} // namespace PostingLines
} // namespace paydesk
