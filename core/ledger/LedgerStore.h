#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/ledger/LedgerAccount.h"
#include "core/util/Result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QVariantList>

namespace paydesk {

class Database;

// The ledger's write side and the reads the posting engine needs: the journal_entry,
// ledger_posting, ledger_account and ledger_account_day tables. With LedgerQueryStore (the
// journal list, the export and the invariant checks) the only place that holds their SQL.
// Ledger and LedgerAccounts hold the rules (balanced entries, closed and non-negative accounts,
// events posted once) and the units of work.
namespace LedgerStore {

// How many journal entries there are.
Result<qint64> entryCount(const QSqlDatabase &db);
// `count` new entry ids, in order. On SQLite the caller holds the writer lock (BEGIN IMMEDIATE),
// so nobody else can take them; on PostgreSQL they come from the table's sequence.
Result<QList<qint64>> reserveEntryIds(Database &database, const QSqlDatabase &db, qsizetype count);
// One of these event keys that an entry already carries, or an empty string when none does.
Result<QString> postedEventKey(Database &database, const QList<QString> &eventKeys);

// The rows of one batch of entries, added in the posting engine's order; writeBatch writes them
// all, many rows per statement. Each append takes the values in its table's column order.
struct PostingRows
{
    void reserve(qsizetype entries, qsizetype lines);
    // `postings` is the entry's lines as PostingLines::encode writes them.
    void appendEntry(qint64 id, const EntryDraft &draft, const QString &businessDate, qint64 reversesEntryId,
                     qint64 createdAt, qint64 debitTotal, const QString &postings);
    // In the posting table's key order: account, entry, line.
    void appendLine(qint64 accountId, qint64 entryId, int line, const QString &businessDate, qint64 amount);
    void appendBalanceDelta(qint64 accountId, qint64 delta);
    void appendDayDelta(qint64 accountId, const QDate &businessDate, qint64 delta);

    QVariantList entries;
    QVariantList lines;
    QVariantList balanceDeltas;
    QVariantList dayDeltas;
};
// Inserts the entries and their posting lines, adds the deltas to the accounts' balances and
// to their daily movements (a day already there grows by the delta).
Status writeBatch(Database &database, const PostingRows &rows);

// EntryNotFound when there is none; QueryFailed for a kind this version does not know.
Result<JournalEntry> entry(Database &database, qint64 id);

// AccountUnknown (naming LedgerAccounts::key) when there is none. Every account read checks the
// stored category, status and currency: one this version does not know is QueryFailed.
Result<LedgerAccount> accountByName(const QSqlDatabase &db, const QString &name, Currency currency);
// Ordered by type code, name and currency.
Result<QList<LedgerAccount>> allAccounts(const QSqlDatabase &db);
// The accounts of these names, every currency, inside the caller's transaction. On PostgreSQL the
// rows are locked in id order (so writers cannot deadlock); on SQLite the writer lock is held.
Result<QList<LedgerAccount>> accountsNamedForUpdate(Database &database, const QSet<QString> &names);
// An open account with a zero balance, its place in the chart taken from its name.
Status insertAccount(const QSqlDatabase &db, const AccountName &name, Currency currency, const QDateTime &openedAt);
Status closeAccount(const QSqlDatabase &db, qint64 accountId, const QDateTime &closedAt);

// Each account's balance after every entry dated on or before `asOf`, from the daily
// movements; accounts without a movement by then are absent.
Result<QHash<qint64, qint64>> balancesAsOf(const QSqlDatabase &db, const QDate &asOf);

} // namespace LedgerStore
} // namespace paydesk
