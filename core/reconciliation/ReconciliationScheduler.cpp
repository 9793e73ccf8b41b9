#include "core/reconciliation/ReconciliationScheduler.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QDebug>

#include <algorithm>

namespace paydesk {

ReconciliationScheduler::ReconciliationScheduler(PaydeskCore &core, const QString &source, QObject *parent)
    : QObject(parent), m_core(core),
      m_actor(Actor::system(QStringLiteral("paydeskd"),
                            {Permission::ReconcileRun, Permission::ReconcileView, Permission::ChannelView}, source))
{
    // One thread: checks never overlap, and a long run does not hold a request worker.
    m_worker.setMaxThreadCount(1);
    connect(&m_timer, &QTimer::timeout, this, &ReconciliationScheduler::check);
}

ReconciliationScheduler::~ReconciliationScheduler()
{
    stop();
}

void ReconciliationScheduler::start(int checkSeconds)
{
    m_cancel.store(false);
    m_timer.start(qMax(1, checkSeconds) * 1000);
    QTimer::singleShot(0, this, &ReconciliationScheduler::check);
}

void ReconciliationScheduler::check()
{
    if (!m_timer.isActive() || !m_running.testAndSetOrdered(0, 1))
        return;
    m_worker.start([this] {
        runOnce();
        m_running.storeRelease(0);
    });
}

void ReconciliationScheduler::stop()
{
    m_timer.stop();
    m_cancel.store(true);
    m_worker.waitForDone();
}

Result<bool> ReconciliationScheduler::hasCurrentRun(qint64 channelAccountId, const QDate &billDate)
{
    ReconciliationRunFilter filter;
    filter.channelAccountId = channelAccountId;
    filter.from = billDate;
    filter.to = billDate;
    filter.status = ReconciliationRunStatus::Completed;
    auto runs = m_core.reconciliation().runs(m_actor, filter);
    if (!runs) {
        qWarning().noquote() << "reconciliation schedule: runs of account" << channelAccountId << "-"
                             << runs.error().message();
        return runs.error();
    }
    return std::any_of(runs->cbegin(), runs->cend(),
                       [](const ReconciliationRun &run) { return run.supersededByRunId == 0; });
}

ReconciliationScheduler::Attempt ReconciliationScheduler::attempt(const ScheduledRun &run)
{
    ReconciliationRunRequest request;
    request.channelAccount = run.channelAccount;
    request.billDate = run.billDate;
    request.cancel = &m_cancel;
    auto outcome = m_core.reconciliation().run(m_actor, request);
    Attempt attempt{run, ScheduledOutcome::Done, 0, QString()};
    const QString day = run.channelAccount + QLatin1Char(' ') + run.billDate.toString(Qt::ISODate);
    if (outcome) {
        attempt.runId = outcome->runId;
        qInfo().noquote() << "reconciliation schedule:" << day << "run" << outcome->runId
                          << (outcome->alreadyImported ? "(already imported)" : "completed,")
                          << outcome->summary.discrepancyCount() << "items not matched";
        return attempt;
    }
    attempt.outcome = ReconciliationSchedule::outcomeOf(outcome.error().code());
    attempt.error = outcome.error().message();
    qWarning().noquote() << "reconciliation schedule:" << day << "attempt" << run.attempt << "-" << attempt.error
                         << (attempt.outcome == ScheduledOutcome::Retry ? "(will retry)" : "(not retried today)");
    return attempt;
}

QList<ReconciliationScheduler::Attempt> ReconciliationScheduler::runOnce()
{
    QStringList invalid;
    m_schedule.setSettings(ReconciliationScheduleSettings::read(m_core.settings(), &invalid));
    if (invalid != m_invalidSettings && !invalid.isEmpty())
        qWarning().noquote() << "reconciliation schedule: invalid settings, defaults used:" << invalid.join(u", ");
    m_invalidSettings = invalid;
    if (!m_schedule.billDateAt(m_core.clock().nowUtc()).isValid())
        return {};
    auto accounts = m_core.channelAccounts().list(m_actor);
    if (!accounts) {
        qWarning().noquote() << "reconciliation schedule: channel accounts -" << accounts.error().message();
        return {};
    }
    QList<ReconciliationSchedule::Account> enabled;
    for (const ChannelAccount &account : std::as_const(*accounts)) {
        if (account.enabled)
            enabled.append({account.id, account.name, account.createdAt.toTimeZone(Clock::platformTimeZone()).date()});
    }
    const auto due = m_schedule.due(m_core.clock().nowUtc(), enabled,
                                    [this](qint64 id, const QDate &date) { return hasCurrentRun(id, date); });
    QList<Attempt> attempts;
    int completed = 0;
    for (const ScheduledRun &run : due) {
        if (m_cancel.load())
            break;
        attempts.append(attempt(run));
        m_schedule.record(run, attempts.last().outcome, m_core.clock().nowUtc());
        if (attempts.last().outcome == ScheduledOutcome::Done)
            ++completed;
    }
    if (!attempts.isEmpty())
        emit ran(int(attempts.size()), completed);
    return attempts;
}

} // namespace paydesk
