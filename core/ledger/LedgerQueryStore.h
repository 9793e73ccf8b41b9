#pragma once

#include "core/ledger/JournalQuery.h"
#include "core/util/Result.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

namespace paydesk {

class Database;

// The ledger's read side over the whole journal: the journal list, the ledger-cli export and the
// invariant checks' queries, on the journal_entry, ledger_posting, ledger_account and
// ledger_account_day tables. With LedgerStore (writes and the posting engine's reads) the only
// place that holds their SQL. Streaming reads hand each row to a callback (constant memory);
// the callers hold what they make of the rows.
namespace LedgerQueryStore {

// Every account's currency by id; an account whose currency this version does not know is left
// out (the journal list then reports it as unknown when an entry needs it).
Result<QHash<qint64, Currency>> accountCurrencies(Database &database);

// Entries with id < beforeId (0: from the newest) that pass the filter, newest first, at most
// `limit` (1–5000). With an account filter it walks that account's posting rows backwards.
// `currencyOf` gives an account's currency (JournalQuery keeps them); QueryFailed for a kind this
// version does not know, JsonMalformed for unreadable lines.
Result<QList<JournalSummary>> journalPage(Database &database, const JournalFilter &filter, qint64 beforeId, int limit,
                                          const std::function<Result<Currency>(qint64 accountId)> &currencyOf);

// An account's name and currency, for the export.
struct AccountLabel
{
    QString name;
    Currency currency; // invalid for an id there is no account for
};
Result<QHash<qint64, AccountLabel>> accountLabels(Database &database);

// A journal entry as stored: its kind as the stored text and its lines as PostingLines encoded them.
struct StoredEntry
{
    qint64 id = 0;
    QDate businessDate;
    QString kind;
    QString reference;
    QString memo;
    QString postings;
};
// Every entry in id order; onEntry returns false to stop.
Status forEachEntry(Database &database, const std::function<bool(const StoredEntry &)> &onEntry);

// The invariant checks that one query answers; every row it returns is one violation.
QStringList queryChecks();
// Runs one of queryChecks(); onViolation gets the row's columns as text and returns false to stop.
Status forEachViolation(Database &database, const QString &check,
                        const std::function<bool(const QStringList &columns)> &onViolation);

// What the checks replay needs of each account.
struct AccountRule
{
    qint64 id = 0;
    QString name;
    QString currency; // as stored
    int normalSign = 1;
    bool nonNegative = false;
};
// onAccount returns false to stop.
Status forEachAccountRule(Database &database, const std::function<bool(const AccountRule &)> &onAccount);
// The ids of the entries some entry reverses.
Result<QSet<qint64>> reversedEntryIds(Database &database);

// An entry's own lines and what was stored beside them.
struct EntryLines
{
    qint64 id = 0;
    QDate businessDate;
    std::optional<qint64> reversesEntryId; // nullopt when the column is NULL
    QString postings;                      // as PostingLines encoded them
    qint64 debitTotal = 0;
};
// Every entry in id order; onEntry returns false to stop.
Status forEachEntryLines(Database &database, const std::function<bool(const EntryLines &)> &onEntry);

// One per-account posting row.
struct PostingRow
{
    qint64 accountId = 0;
    qint64 entryId = 0;
    qint64 line = 0;
    qint64 amount = 0;
    QDate businessDate;
};
// Every posting row in (account, entry, line) order; onRow returns false to stop.
Status forEachPostingRow(Database &database, const std::function<bool(const PostingRow &)> &onRow);

} // namespace LedgerQueryStore
} // namespace paydesk
