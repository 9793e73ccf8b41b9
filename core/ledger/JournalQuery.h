#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/util/Result.h"

#include <QDate>
#include <QHash>
#include <QMutex>

namespace paydesk {

class Database;

struct JournalFilter
{
    qint64 accountId = 0; // entries with a line on this account; 0 = any
    QDate from;           // business dates, inclusive; invalid = open
    QDate to;
    qint64 minAmount = -1; // entry size (sum of debit lines) in minor units; -1 = open
    qint64 maxAmount = -1;
    QString reference; // part of the reference, case-insensitive; empty = any
};

// One line of the journal list: an entry without its lines.
struct JournalSummary
{
    qint64 id = 0;
    QDate businessDate;
    EntryKind kind = EntryKind::Manual;
    QString reference;
    QString memo;
    Money amount; // the entry's debit total, in its (first line's) currency
    bool multiCurrency = false;
    int lines = 0;
    qint64 reversesEntryId = 0;
    QDateTime createdAt;
    QString createdBy;
};

// Pages through the journal newest first with keyset paging (WHERE id < cursor), so the
// thousandth page costs what the first does. With an account filter it walks that account's
// posting rows (their primary key) backwards and joins the entries.
class JournalQuery
{
public:
    explicit JournalQuery(Database &database);

    // Entries with id < beforeId (0: from the newest), at most `limit` of them.
    Result<QList<JournalSummary>> page(const JournalFilter &filter, qint64 beforeId, int limit);

private:
    Result<Currency> currencyOf(qint64 accountId);

    Database &m_database;
    QMutex m_mutex;
    QHash<qint64, Currency> m_currencies;
};

} // namespace paydesk
