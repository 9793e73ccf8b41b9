#pragma once

#include "core/security/Actor.h"
#include "core/security/AuditLog.h"

#include <QHash>
#include <QList>
#include <QMutex>

#include <memory>

class QTimer;

namespace paydesk {

class Clock;

// Audit records of events that arrive at a stranger's pace (callbacks refused before or after
// verification): one durable row per event would let anyone grow the audit log and hold its lock.
// The first event of each (object, reason) in a minute is written at once with its detail; the
// others are counted in memory and written as one summary record per object, reason and minute
// ("<action>.summary", with the count and the senders) when the minute has ended — on the next
// record, on a one-second timer where the thread that made the aggregator runs an event loop,
// and on flush(true) or destruction (shutdown). A crash loses at most the counts of the current
// minute (and of one that ended less than a second before); the first event's row is never lost.
// The rows go through AuditLog::append, so the chain stays intact. Safe to share between threads.
class AuditLogAggregator
{
public:
    AuditLogAggregator(AuditLog &audit, const Clock &clock, Actor actor);
    ~AuditLogAggregator();
    AuditLogAggregator(const AuditLogAggregator &) = delete;
    AuditLogAggregator &operator=(const AuditLogAggregator &) = delete;

    // `event` is written when it is the first of its object and `reason` this minute, else
    // counted; `sender` is tallied for the summary. An error means the first record could not be
    // written (the caller answers with a server error, so a genuine sender retries).
    Status record(const AuditEvent &event, const QString &reason, const QString &sender);
    // Writes the summaries of minutes that have ended; `all` writes the current minute's too.
    Status flush(bool all = false);

    static constexpr int kSendersKept = 10; // senders named in a summary; the rest are counted together

private:
    struct Tally
    {
        QString action;
        QString object;
        AuditResult result;
        QString reason;
        qint64 minuteMs = 0; // the minute's start
        qint64 count = 0;    // events after the first (which has its own record)
        QDateTime lastAt;
        QHash<QString, qint64> senders;
        qint64 otherSenders = 0; // counted beyond kSendersKept
    };
    Status write(const Tally &tally);
    QList<Tally> takeEnded(qint64 minuteMs, bool all);

    AuditLog &m_audit;
    const Clock &m_clock;
    const Actor m_actor;
    QMutex m_mutex;
    QHash<QString, Tally> m_tallies; // by object and reason, the current minute's
    std::unique_ptr<QTimer> m_timer;
};

} // namespace paydesk
