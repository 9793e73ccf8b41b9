#pragma once

#include "core/ledger/JournalQuery.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerBalances.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/security/Actor.h"

class QIODevice;

namespace paydesk {

class AuditLog;

// The ledger as the console and the cli use it: every call checks the actor's permission
// (ledger.view / post / reverse / export) and every change or export is audited. Other core
// services that post as part of a larger unit of work use Ledger directly and audit themselves.
class LedgerService
{
public:
    LedgerService(Database &database, const Clock &clock, AuditLog &audit);

    Result<QList<qint64>> post(const Actor &actor, const QList<EntryDraft> &entries, Ledger::PostOptions options = {});
    Result<qint64> reverse(const Actor &actor, qint64 entryId, const QDate &businessDate, const QString &memo);

    // Closes an account with a zero balance (ledger.post).
    Status closeAccount(const Actor &actor, const QString &name, Currency currency);

    Result<TrialBalance> trialBalance(const Actor &actor, const QDate &asOf = QDate());
    Result<QList<LedgerAccount>> accounts(const Actor &actor);
    Result<QList<JournalSummary>> journal(const Actor &actor, const JournalFilter &filter, qint64 beforeId, int limit);
    Result<JournalEntry> entry(const Actor &actor, qint64 id);
    Result<InvariantReport> check(const Actor &actor);

    // The whole journal for ledger-cli; returns the number of entries written.
    Result<qint64> exportJournal(const Actor &actor, QIODevice &out);
    // The trial balance as CSV (account, currency, type, debit, credit).
    Status exportTrialBalance(const Actor &actor, const QDate &asOf, QIODevice &out);

private:
    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Ledger m_ledger;
    JournalQuery m_journal;
};

} // namespace paydesk
