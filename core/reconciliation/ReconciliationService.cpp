#include "core/reconciliation/ReconciliationService.h"

#include "core/channel/account/ChannelAccountService.h"
#include "core/reconciliation/BothSidesAtOnce.h"
#include "core/reconciliation/PlatformSide.h"
#include "core/reconciliation/ReconciliationMatcher.h"
#include "core/reconciliation/ReconciliationSummaryJson.h"
#include "core/reconciliation/StatementArchive.h"
#include "core/reconciliation/StatementIntake.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/storage/UnitOfWork.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryFile>

namespace paydesk {

const QString ReconciliationService::CutOffSecondsKey = QStringLiteral("recon.cut_off_seconds");
const QString ReconciliationService::MemoryBudgetMiBKey = QStringLiteral("recon.memory_budget_mib");

namespace {
constexpr qint64 kProgressEveryLines = 10000;
// A keep that died this long ago left its unfinished file for good (a multi-GB bill takes minutes).
constexpr qint64 kUnfinishedFileAgeSecs = 3600;

// Items per category, payments and refunds together: what the audit record says a run found.
QJsonObject countsOf(const ReconciliationSummary &summary)
{
    QJsonObject counts;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        const auto category = DiscrepancyCategory(c);
        counts.insert(ReconciliationNames::category(category),
                      summary.of(category, RecordType::Payment).count + summary.of(category, RecordType::Refund).count);
    }
    return counts;
}

qint64 positiveSetting(Settings &settings, const QString &key, qint64 fallback)
{
    auto text = settings.value(key);
    bool ok = false;
    const qint64 value = text ? text->toLongLong(&ok) : 0;
    return ok && value > 0 ? value : fallback;
}
} // namespace

// One run, start to end: its state while it works, so that each step is a short function.
class ReconciliationService::Run
{
public:
    Run(ReconciliationService &service, const Actor &actor, const ReconciliationRunRequest &request)
        : m_service(service), m_actor(actor), m_request(request),
          m_object(QStringLiteral("channel_account:%1 %2")
                       .arg(request.channelAccount, request.billDate.toString(Qt::ISODate)))
    {
    }

    Result<ReconciliationRunOutcome> go()
    {
        const Status allowed = Authorizer(m_service.m_audit).require(m_actor, Permission::ReconcileRun, m_object);
        if (!allowed)
            return allowed.error();
        if (!m_request.billDate.isValid())
            return audited(Error(ErrorCode::InvalidArgument, QStringLiteral("bill date")));
        auto account = m_service.m_channelAccounts.findByName(m_service.m_actor, m_request.channelAccount);
        if (!account)
            return audited(account.error());
        m_account = *account;
        auto kept = keepStatement();
        if (!kept)
            return audited(kept.error());
        auto db = m_service.m_database.connection();
        if (!db)
            return audited(db.error());
        auto current = ReconciliationRunStore::current(*db, m_account.id, m_request.billDate);
        if (!current)
            return audited(current.error());
        if (*current && kept->alreadyKept && (*current)->statementFileId == kept->fileId)
            return alreadyImported(**current);
        const qint64 previousRunId = *current ? (*current)->id : 0;
        const Status begun = begin(kept->fileId);
        if (!begun)
            return audited(begun.error());
        auto summary = reconcile();
        if (!summary)
            return stop(summary.error());
        ReconciliationRunOutcome outcome;
        outcome.runId = m_runId;
        outcome.status = ReconciliationRunStatus::Completed;
        outcome.summary = *summary;
        outcome.supersededRunId = previousRunId;
        ReconciliationRun run;
        run.id = m_runId;
        run.channelAccountId = m_account.id;
        run.billDate = m_request.billDate;
        outcome.autoResolved = m_service.autoResolve(run, m_account.name);
        return outcome;
    }

private:
    void progress(ReconciliationPhase phase)
    {
        if (m_request.onProgress)
            m_request.onProgress(ReconciliationProgress{phase, m_lines});
    }
    bool cancelled() const { return m_request.cancel && m_request.cancel->load(); }
    QDateTime now() const { return m_service.m_clock.nowUtc(); }

    // The statement downloaded into a temporary file or the operator's file, kept in the archive
    // before the run begins (a file kept twice is found out there, before any run exists).
    Result<KeptStatement> keepStatement()
    {
        auto db = m_service.m_database.connection();
        if (!db)
            return db.error();
        // Halves left by a process that died while keeping a file.
        auto removed = StatementFileStore::removeUnfinished(*db, now().addSecs(-kUnfinishedFileAgeSecs));
        if (!removed)
            return removed.error();
        StatementToKeep file;
        file.channelAccountId = m_account.id;
        file.billDate = m_request.billDate;
        file.keptBy = m_actor.name();
        if (m_request.file.isEmpty()) {
            progress(ReconciliationPhase::Fetching);
            auto adapter = m_service.m_channelAccounts.adapterFor(m_service.m_actor, m_account.id);
            if (!adapter)
                return adapter.error();
            auto bytes = (*adapter)->downloadStatement(m_request.billDate);
            if (!bytes)
                return bytes.error();
            m_download.setFileTemplate(QDir::tempPath() + QStringLiteral("/paydesk-statement-XXXXXX"));
            if (!m_download.open() || m_download.write(*bytes) != bytes->size() || !m_download.flush())
                return Error(ErrorCode::FileUnwritable, m_download.errorString());
            m_path = m_download.fileName();
            file.origin = StatementOrigin::Download;
            file.fileName = QStringLiteral("%1-%2").arg(m_account.name, m_request.billDate.toString(Qt::ISODate));
        } else {
            m_path = m_request.file;
            file.origin = StatementOrigin::Import;
            file.fileName = QFileInfo(m_path).fileName();
        }
        m_fileName = file.fileName;
        file.format = StatementIntake::detectedFormat(m_path);
        progress(ReconciliationPhase::Keeping);
        return StatementArchive::keep(m_service.m_database, m_path, file, now());
    }

    // Takes the day's lock: the committed running row.
    Status begin(qint64 statementFileId)
    {
        m_cutOff = std::chrono::seconds(positiveSetting(m_service.m_settings, CutOffSecondsKey, 600));
        m_budgetMiB = positiveSetting(m_service.m_settings, MemoryBudgetMiBKey, 256);
        UnitOfWork work(m_service.m_database);
        if (!work.isActive())
            return work.error();
        ReconciliationRunStart start;
        start.channelAccountId = m_account.id;
        start.billDate = m_request.billDate;
        start.statementFileId = statementFileId;
        start.startedBy = m_actor.name();
        start.settings = QJsonObject{{QStringLiteral("cut_off_seconds"), qint64(m_cutOff.count())},
                                     {QStringLiteral("memory_budget_mib"), m_budgetMiB},
                                     {QStringLiteral("currency"), m_account.currency.code()},
                                     {QStringLiteral("file"), m_fileName}};
        auto id = ReconciliationRunStore::begin(work.connection(), start, now());
        if (!id)
            return id.error();
        const Status committed = work.commit();
        if (!committed)
            return committed;
        m_runId = *id;
        m_clockSinceHeartbeat.start();
        m_duration.start();
        return {};
    }

    // Keeps the lease while the run works; stops it when it was cancelled or taken over.
    Status pulse()
    {
        if (cancelled())
            return Error(ErrorCode::Cancelled);
        if (m_clockSinceHeartbeat.elapsed() < std::chrono::milliseconds(kHeartbeatInterval).count())
            return {};
        auto db = m_service.m_database.connection();
        if (!db)
            return db.error();
        const Status beat = ReconciliationRunStore::heartbeat(*db, m_runId, now());
        m_clockSinceHeartbeat.restart();
        return beat;
    }

    // The statement's lines and our side of the day into the matcher, both read at once.
    Status readBothSides(ReconciliationMatcher &matcher, const QTimeZone &zone)
    {
        const auto expected = StatementExpectation::of(m_account, m_request.billDate, m_fileName);
        Database &database = m_service.m_database;
        const qint64 accountId = m_account.id;
        const QDate day = m_request.billDate;
        const QString path = m_path;
        auto phase = ReconciliationPhase::ReadingStatement;
        qint64 ourRecords = 0;
        BothSidesAtOnce::Handlers handlers;
        handlers.onChannel = [&](const ChannelRecord &record) {
            Status added = matcher.addChannel(record);
            if (added && ++m_lines % kProgressEveryLines == 0) {
                added = pulse();
                progress(phase);
            }
            return added;
        };
        handlers.onPlatform = [&](const PlatformRecord &record) {
            Status added = matcher.addPlatform(record);
            if (added && ++ourRecords % kProgressEveryLines == 0)
                added = pulse();
            return added;
        };
        handlers.onChannelDone = [&] {
            phase = ReconciliationPhase::ReadingOurSide;
            progress(phase);
        };
        return BothSidesAtOnce::run(
            [&](const BothSidesAtOnce::ChannelEmit &give) -> Status {
                auto statement = StatementIntake::read(path, expected, give);
                return statement ? Status() : Status(statement.error());
            },
            [&](const BothSidesAtOnce::PlatformEmit &give) -> Status {
                const Status streamed = PlatformSide::forEachOfTheDay(database, accountId, day, zone, give);
                database.discardThreadConnection(); // this reader's thread ends here
                return streamed;
            },
            handlers);
    }

    Result<ReconciliationSummary> reconcile()
    {
        ReconciliationOptions options;
        options.businessDate = m_request.billDate;
        options.currency = m_account.currency;
        options.cutOffWindow = m_cutOff;
        options.memoryBudgetBytes = m_budgetMiB << 20;
        options.spillDirectory = QDir::tempPath();
        options.cancel = m_request.cancel;
        ReconciliationMatcher matcher(options);

        progress(ReconciliationPhase::ReadingStatement);
        const Status read = readBothSides(matcher, options.timeZone);
        if (!read)
            return read.error();
        auto carried = PlatformSide::feedCarriedOver(m_service.m_database, m_account.id, m_request.billDate, matcher);
        if (!carried)
            return carried.error();
        const Status beat = pulse();
        if (!beat)
            return beat.error();

        progress(ReconciliationPhase::Matching);
        Status failed;
        QList<ReconciliationItem> items;
        auto summary = matcher.finish([&](const Discrepancy &discrepancy) {
            items.append(ReconciliationItem::fromDiscrepancy(discrepancy));
            if (items.size() % kProgressEveryLines == 0)
                failed = pulse(); // a day with many discrepancies still keeps its lease
            return failed.ok() && !cancelled();
        });
        if (!failed)
            return failed.error();
        if (!summary)
            return summary.error();
        const Status unpaid = PlatformSide::addUnpaidOrders(m_service.m_database, m_account.id, items);
        if (!unpaid)
            return unpaid.error();
        const Status unfinished =
            PlatformSide::reclassifyUnfinishedRefunds(m_service.m_database, m_account.id, items, *summary);
        if (!unfinished)
            return unfinished.error();
        const Status last = pulse();
        if (!last)
            return last.error();

        progress(ReconciliationPhase::Writing);
        const QJsonObject json = ReconciliationSummaryJson::write(*summary, m_duration.elapsed());
        UnitOfWork work(m_service.m_database);
        if (!work.isActive())
            return work.error();
        const Status finished = ReconciliationRunStore::finish(m_service.m_database, m_runId, json, items, now());
        if (!finished)
            return finished.error();
        QJsonObject detail{{QStringLiteral("run_id"), QString::number(m_runId)},
                           {QStringLiteral("lines"), m_lines},
                           {QStringLiteral("discrepancies"), summary->discrepancyCount()},
                           {QStringLiteral("items"), qint64(items.size())},
                           {QStringLiteral("counts"), countsOf(*summary)}};
        const Status logged =
            m_service.m_audit.append(m_actor, {QStringLiteral("recon.run"), m_object, AuditResult::Ok, detail});
        if (!logged)
            return logged.error();
        const Status committed = work.commit();
        if (!committed)
            return committed.error();
        return *summary;
    }

    // Ends the begun run failed (or cancelled) with why, and audits it; the error is the answer.
    Result<ReconciliationRunOutcome> stop(const Error &error)
    {
        const auto status =
            error.code() == ErrorCode::Cancelled ? ReconciliationRunStatus::Cancelled : ReconciliationRunStatus::Failed;
        UnitOfWork work(m_service.m_database);
        if (work.isActive()) {
            const Status stopped =
                ReconciliationRunStore::stop(work.connection(), m_runId, status, error.message(), now());
            // A run taken over after its lease is no longer ours to stop: its audit record still says why.
            if (stopped || stopped.error().code() == ErrorCode::ReconciliationRunNotRunning) {
                if (m_service.m_audit.append(m_actor, failedEvent(error)))
                    (void)work.commit();
            }
        }
        return error;
    }

    AuditEvent failedEvent(const Error &error) const
    {
        QJsonObject detail{{QStringLiteral("error"), QString::fromLatin1(errorCodeName(error.code()))},
                           {QStringLiteral("reason"), error.message()}};
        if (m_runId)
            detail.insert(QStringLiteral("run_id"), QString::number(m_runId));
        return {QStringLiteral("recon.run"), m_object, AuditResult::Failed, detail};
    }

    // A failure before any run began: audited, and the answer.
    Error audited(const Error &error)
    {
        UnitOfWork work(m_service.m_database);
        if (work.isActive() && m_service.m_audit.append(m_actor, failedEvent(error)))
            (void)work.commit();
        return error;
    }

    Result<ReconciliationRunOutcome> alreadyImported(const ReconciliationRun &run)
    {
        ReconciliationRunOutcome outcome;
        outcome.runId = run.id;
        outcome.status = run.status;
        outcome.alreadyImported = true;
        auto summary = ReconciliationSummaryJson::read(run.summary);
        if (summary)
            outcome.summary = *summary;
        UnitOfWork work(m_service.m_database);
        if (!work.isActive())
            return work.error();
        const Status logged =
            m_service.m_audit.append(m_actor, {QStringLiteral("recon.run"), m_object, AuditResult::Ok,
                                               QJsonObject{{QStringLiteral("run_id"), QString::number(run.id)},
                                                           {QStringLiteral("already_imported"), true}}});
        if (!logged)
            return logged.error();
        const Status committed = work.commit();
        if (!committed)
            return committed.error();
        return outcome;
    }

    ReconciliationService &m_service;
    const Actor &m_actor;
    const ReconciliationRunRequest &m_request;
    const QString m_object;
    ChannelAccount m_account;
    QTemporaryFile m_download; // a downloaded statement, removed when the run ends
    QString m_path;
    QString m_fileName;
    std::chrono::seconds m_cutOff{600};
    qint64 m_budgetMiB = 256;
    qint64 m_runId = 0;
    qint64 m_lines = 0;
    QElapsedTimer m_clockSinceHeartbeat;
    QElapsedTimer m_duration;
};

ReconciliationService::ReconciliationService(Database &database, const Clock &clock, AuditLog &audit,
                                             Settings &settings, ChannelAccountService &channelAccounts,
                                             PaymentService &payments)
    : m_database(database), m_clock(clock), m_audit(audit), m_settings(settings), m_channelAccounts(channelAccounts),
      m_payments(payments),
      m_actor(Actor::system(QStringLiteral("reconciliation"), {Permission::ChannelView, Permission::ChannelManage},
                            QStringLiteral("core")))
{
}

Result<ReconciliationRunOutcome> ReconciliationService::run(const Actor &actor, const ReconciliationRunRequest &request)
{
    return Run(*this, actor, request).go();
}

} // namespace paydesk
