#pragma once

#include "core/reconciliation/ReconciliationSchedule.h"
#include "core/security/Actor.h"

#include <QAtomicInt>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace paydesk {

class PaydeskCore;

// paydeskd's T+1 reconciliation: checks every so often whether ReconciliationSchedule wants a
// run and runs it, downloading the bill through the channel account. The runs take as long as the
// day's bill takes, so they go to a worker thread of their own (with its own database connection,
// as every thread has), never the event loop's or the gateway's request workers; a check still
// going when the timer fires again is not started twice.
class ReconciliationScheduler : public QObject
{
    Q_OBJECT
public:
    // `source` names the process in the audit log ("paydeskd@host").
    ReconciliationScheduler(PaydeskCore &core, const QString &source, QObject *parent = nullptr);
    ~ReconciliationScheduler() override;

    // Checks at once and then every checkSeconds.
    void start(int checkSeconds = 60);
    // Stops the timer, cancels a run under way (it ends cancelled with nothing written; the next
    // start tries the day again) and waits for it.
    void stop();

    struct Attempt
    {
        ScheduledRun run;
        ScheduledOutcome outcome = ScheduledOutcome::Done;
        qint64 runId = 0; // 0 when the run failed
        QString error;
    };
    // One check now, on the calling thread (the worker's, and tests').
    QList<Attempt> runOnce();

signals:
    void ran(int tried, int completed);

private:
    void check(); // on the timer: a check on the worker unless one is going
    Result<bool> hasCurrentRun(qint64 channelAccountId, const QDate &billDate);
    Attempt attempt(const ScheduledRun &run);

    PaydeskCore &m_core;
    Actor m_actor;
    ReconciliationSchedule m_schedule;
    QStringList m_invalidSettings; // the last check's, so that a wrong setting is logged once
    QTimer m_timer;
    QThreadPool m_worker;
    QAtomicInt m_running;
    std::atomic<bool> m_cancel{false};
};

} // namespace paydesk
