#include "core/security/AuditLogAggregator.h"

#include "core/util/Clock.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

namespace paydesk {

namespace {
constexpr qint64 kMinuteMs = 60 * 1000;

qint64 minuteOf(const QDateTime &at)
{
    const qint64 ms = at.toMSecsSinceEpoch();
    return ms - ((ms % kMinuteMs) + kMinuteMs) % kMinuteMs;
}

QString keyOf(const QString &object, const QString &reason)
{
    return object + QLatin1Char('\n') + reason;
}
} // namespace

AuditLogAggregator::AuditLogAggregator(AuditLog &audit, const Clock &clock, Actor actor)
    : m_audit(audit), m_clock(clock), m_actor(std::move(actor))
{
    // Summaries of a quiet minute are written within a second of its end where an event loop runs.
    QCoreApplication *application = QCoreApplication::instance();
    if (application && QThread::currentThread() == application->thread()) {
        m_timer = std::make_unique<QTimer>();
        m_timer->setInterval(1000);
        m_timer->callOnTimeout([this] { (void)flush(false); });
        m_timer->start();
    }
}

AuditLogAggregator::~AuditLogAggregator()
{
    m_timer.reset();
    (void)flush(true);
}

QList<AuditLogAggregator::Tally> AuditLogAggregator::takeEnded(qint64 minuteMs, bool all)
{
    QList<Tally> ended;
    for (auto it = m_tallies.begin(); it != m_tallies.end();) {
        if (all || it->minuteMs < minuteMs) {
            if (it->count > 0)
                ended << *it;
            it = m_tallies.erase(it);
        } else {
            ++it;
        }
    }
    return ended;
}

Status AuditLogAggregator::write(const Tally &tally)
{
    QJsonObject senders;
    for (auto it = tally.senders.cbegin(); it != tally.senders.cend(); ++it)
        senders.insert(it.key(), QString::number(it.value()));
    QJsonObject detail{
        {QStringLiteral("reason"), tally.reason},
        {QStringLiteral("minute"), QDateTime::fromMSecsSinceEpoch(tally.minuteMs, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("count"), QString::number(tally.count)},
        {QStringLiteral("last_at"), tally.lastAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("senders"), senders}};
    if (tally.otherSenders > 0)
        detail.insert(QStringLiteral("other_senders"), QString::number(tally.otherSenders));
    return m_audit.append(m_actor, {tally.action + QStringLiteral(".summary"), tally.object, tally.result, detail});
}

Status AuditLogAggregator::flush(bool all)
{
    QList<Tally> ended;
    {
        QMutexLocker lock(&m_mutex);
        ended = takeEnded(minuteOf(m_clock.nowUtc()), all);
    }
    Status result;
    for (const Tally &tally : std::as_const(ended)) {
        const Status written = write(tally);
        if (!written)
            result = written; // the others are still written; this minute's count is lost
    }
    return result;
}

Status AuditLogAggregator::record(const AuditEvent &event, const QString &reason, const QString &sender)
{
    const QDateTime now = m_clock.nowUtc();
    const qint64 minute = minuteOf(now);
    const QString key = keyOf(event.object, reason);
    QList<Tally> ended;
    bool first = false;
    {
        QMutexLocker lock(&m_mutex);
        ended = takeEnded(minute, false);
        auto tally = m_tallies.find(key);
        if (tally == m_tallies.end()) {
            first = true;
            m_tallies.insert(key, Tally{event.action, event.object, event.result, reason, minute, 0, now, {}, 0});
        } else {
            ++tally->count;
            tally->lastAt = now;
            if (tally->senders.contains(sender) || tally->senders.size() < kSendersKept)
                ++tally->senders[sender];
            else
                ++tally->otherSenders;
        }
    }
    for (const Tally &tally : std::as_const(ended))
        (void)write(tally); // a failed summary does not refuse this event
    if (!first)
        return {};
    AuditEvent written = event;
    written.detail.insert(QStringLiteral("sender"), sender);
    written.detail.insert(
        QStringLiteral("aggregated"),
        QStringLiteral("first of this minute; later ones are counted in %1.summary").arg(event.action));
    const Status appended = m_audit.append(m_actor, written);
    if (!appended) {
        // Not on record: the next event of its kind is written in its place.
        QMutexLocker lock(&m_mutex);
        auto tally = m_tallies.find(key);
        if (tally != m_tallies.end() && tally->minuteMs == minute && tally->count == 0)
            m_tallies.erase(tally);
    }
    return appended;
}

} // namespace paydesk
