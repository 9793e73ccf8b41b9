#pragma once

#include "core/util/Result.h"

#include <QList>
#include <QStringList>

namespace paydesk {

class Database;

struct InvariantViolation
{
    QString check;  // stable name, e.g. "entry_balances"
    QString detail; // what is wrong, naming entries and accounts
};

struct InvariantReport
{
    QStringList checks; // every check that ran
    QList<InvariantViolation> violations;
    bool ok() const { return violations.isEmpty(); }
};

// Re-derives the ledger's rules (DESIGN.md §6) from the stored rows of the whole database,
// trusting nothing the posting code cached: entries balance, the trial balance is zero,
// balances and daily movements equal their postings, the per-account posting lines are
// exactly the entries' own lines, non-negative accounts never went below zero, reversals
// mirror what they reverse, and each payment or refund event is posted once.
// Streams: memory grows with the number of accounts, not of entries.
class LedgerInvariantChecker
{
public:
    explicit LedgerInvariantChecker(Database &database);

    Result<InvariantReport> run(int maxViolationsPerCheck = 20);

private:
    struct Scan;
    Status runQueryCheck(InvariantReport &report, const QString &check, int limit);
    Status scanEntries(Scan &scan, InvariantReport &report, int limit);
    Status scanPostingRows(Scan &scan, InvariantReport &report, int limit);

    Database &m_database;
};

} // namespace paydesk
