#pragma once

#include "core/reconciliation/DiscrepancyStore.h"
#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/reconciliation/ReconciliationSummary.h"
#include "core/reconciliation/ResolutionProposal.h"
#include "core/reconciliation/RunDiff.h"
#include "core/security/Actor.h"

#include <QDate>

#include <atomic>
#include <chrono>
#include <functional>

namespace paydesk {

class AuditLog;
class ChannelAccountService;
class Clock;
class Database;
class PaymentService;
class Settings;

// Where a run stands, for a progress bar.
enum class ReconciliationPhase
{
    Fetching,         // downloading the statement through the channel adapter
    Keeping,          // compressing the file into the archive
    ReadingStatement, // parsing and checking the statement's lines
    ReadingOurSide,   // streaming our payments and refunds of the day
    Matching,
    Writing // the items, the pool and the summary, in one transaction
};

struct ReconciliationProgress
{
    ReconciliationPhase phase = ReconciliationPhase::Fetching;
    qint64 lines = 0; // statement lines read so far
};

struct ReconciliationRunRequest
{
    QString channelAccount; // its name
    QDate billDate;         // the channel's business day (Asia/Shanghai)
    QString file;           // a statement to import; empty: download it through the account's adapter
    // Set from another thread to stop the run: it ends cancelled, with nothing of it written.
    const std::atomic<bool> *cancel = nullptr;
    // Called on the running thread at each phase and every so many lines.
    std::function<void(const ReconciliationProgress &)> onProgress;
};

struct ReconciliationRunOutcome
{
    qint64 runId = 0;
    ReconciliationRunStatus status = ReconciliationRunStatus::Completed;
    ReconciliationSummary summary;
    // The same file was imported before and its run is the day's current one: runId is that run
    // and nothing new was done.
    bool alreadyImported = false;
    qint64 supersededRunId = 0; // the day's previous current run, which this one superseded
    int autoResolved = 0;       // missed callbacks resolved after the run (autoResolveKey)
};

// Runs reconciliation (对账) of one channel account and bill date, and reads the history: see
// docs/reconciliation.md "Runs". Running needs recon.run; reading recon.view. Every run is
// audited once (recon.run, "channel_account:NAME DATE"), ok with its counts or failed with why.
// A run blocks for as long as it takes: call it off the GUI thread.
class ReconciliationService
{
public:
    // Settings keys (values in the platform's settings table).
    static const QString CutOffSecondsKey;   // recon.cut_off_seconds: 日切 window, default 600
    static const QString MemoryBudgetMiBKey; // recon.memory_budget_mib: the matcher's budget, default 256
    static constexpr auto kHeartbeatInterval = std::chrono::seconds(30);

    ReconciliationService(Database &database, const Clock &clock, AuditLog &audit, Settings &settings,
                          ChannelAccountService &channelAccounts, PaymentService &payments);

    // The setting that turns auto-resolution on for one channel account ("on"; off by default):
    // after a run, an open channel_only payment whose order the channel confirms paid is marked
    // paid through the callback path, audited as recon.auto_resolve, with no second person.
    static QString autoResolveKey(const QString &channelAccount);

    // Errors: PermissionDenied; ChannelAccountUnknown; ReconciliationRunning (another run of the
    // day holds the lock: who and since when); the statement's (StatementWrongAccount,
    // StatementMalformed, StatementTruncated, … naming file and line) after which the run is
    // failed; Cancelled, after which it is cancelled. Nothing but the run row and the kept file is
    // written unless the run completes.
    Result<ReconciliationRunOutcome> run(const Actor &actor, const ReconciliationRunRequest &request);

    // recon.view. Newest first.
    Result<QList<ReconciliationRun>> runs(const Actor &actor, const ReconciliationRunFilter &filter);
    Result<ReconciliationRun> findRun(const Actor &actor, qint64 runId);
    Result<QList<ReconciliationItem>> items(const Actor &actor, qint64 runId, qint64 afterId, int limit);
    Result<QList<PoolDiscrepancy>> discrepancies(const Actor &actor, const DiscrepancyFilter &filter);
    Result<PoolDiscrepancy> discrepancy(const Actor &actor, qint64 id);
    // The panel's chart: discrepancies found per bill date and category in [from, to].
    Result<QList<DiscrepancyTally>> discrepanciesPerDay(const Actor &actor, const QDate &from, const QDate &to);
    // paydeskd's /metrics: open and proposed ones by category, with the oldest's age.
    Result<QList<DiscrepancyTally>> unresolvedByCategory(const Actor &actor);
    // Two runs of the same account and bill date: which items changed category and why.
    // ReconciliationRunUnknown; InvalidArgument when the runs are of different accounts or dates.
    Result<ReconciliationRunDiff> diff(const Actor &actor, qint64 olderRunId, qint64 newerRunId);

    // The discrepancy pool's maker-checker (docs/reconciliation.md "Resolving").
    // recon.resolve: open → proposed. InvalidArgument when the resolution does not fit
    // (resolutionsFor), the note is empty or the merchant unknown; the store's
    // DiscrepancyChangedMeanwhile / DiscrepancyStateConflict.
    Result<PoolDiscrepancy> propose(const Actor &actor, const ResolutionProposal &proposal);
    // recon.approve: proposed → resolved, posting the resolution's ledger entry (once) in the
    // same transaction. DiscrepancySelfApproval when the approver proposed it.
    Result<PoolDiscrepancy> approve(const Actor &actor, qint64 discrepancyId, int expectedVersion);
    // recon.approve: proposed → open again, with the reason (required).
    Result<PoolDiscrepancy> reject(const Actor &actor, qint64 discrepancyId, int expectedVersion,
                                   const QString &reason);

private:
    class Run;
    friend class Run;
    class Approval;
    friend class Approval;

    // After a completed run (autoResolveKey): how many it resolved.
    int autoResolve(const ReconciliationRun &run, const QString &channelAccount);
    Status auditFailure(const Actor &actor, const QString &action, const QString &object, const Error &error);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Settings &m_settings;
    ChannelAccountService &m_channelAccounts;
    PaymentService &m_payments;
    Actor m_actor; // finds accounts and builds adapters for a run
};

} // namespace paydesk
