#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/ledger/LedgerAccounts.h"
#include "core/util/Clock.h"

#include <QList>

namespace paydesk {

class Database;

struct LedgerPostOptions
{
    // Open accounts that follow the chart of accounts but do not exist yet (imports and
    // the cli); otherwise an unknown account is an error.
    bool openMissingAccounts = false;
};

// The write side of the ledger (double entry): every event that moves funds is one journal entry whose
// postings sum to zero per currency; post() checks a whole batch and commits all of it or
// none of it, refusing an entry that does not balance, touches an unknown or closed account,
// or would take a non-negative account below zero. Entries are immutable: reverse() corrects.
// Joins the caller's UnitOfWork when one is active on this thread.
class Ledger
{
public:
    Ledger(Database &database, const Clock &clock);

    using PostOptions = LedgerPostOptions;

    Result<QList<qint64>> post(const QList<EntryDraft> &entries, PostOptions options);
    Result<QList<qint64>> post(const QList<EntryDraft> &entries) { return post(entries, PostOptions{}); }
    Result<qint64> post(const EntryDraft &entry, PostOptions options = PostOptions{});

    // Posts the exact negation of an entry, linked to it. An entry is reversed at most once,
    // and a reversal is not itself reversed (post a new entry instead).
    Result<qint64> reverse(qint64 entryId, const QDate &businessDate, const QString &memo, const QString &createdBy);

    Result<JournalEntry> entry(qint64 id);

    LedgerAccounts &accounts() { return m_accounts; }

private:
    struct Batch;
    Result<QList<qint64>> postBatch(const QList<EntryDraft> &entries, const QList<qint64> &reverses,
                                    PostOptions options);

    Database &m_database;
    const Clock &m_clock;
    LedgerAccounts m_accounts;
};

} // namespace paydesk
