#include "core/payment/CallbackThrottle.h"

#include "core/util/AddressGroup.h"

#include <QMutexLocker>

#include <algorithm>

namespace paydesk {

namespace {
QString keyOf(const QString &sender, const QString &account)
{
    return sender + QLatin1Char(' ') + account;
}
} // namespace

CallbackThrottle::CallbackThrottle(Limits limits) : m_limits(limits) {}

void CallbackThrottle::refill(Bucket &bucket, qint64 nowMs) const
{
    const qint64 capacity = qint64(m_limits.burst) * 1000;
    const qint64 elapsed = std::max<qint64>(0, nowMs - bucket.atMs);
    // refillPerMinute tokens per 60,000 ms = refillPerMinute milli-tokens per 60 ms.
    const qint64 gained = elapsed >= 60LL * 1000 * m_limits.burst ? capacity : elapsed * m_limits.refillPerMinute / 60;
    bucket.milliTokens = std::min(capacity, bucket.milliTokens + gained);
    bucket.atMs = nowMs;
}

bool CallbackThrottle::isLimited(const QHostAddress &sender, const QString &account, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_buckets.find(keyOf(addressGroupOf(sender), account));
    if (found == m_buckets.end())
        return false;
    refill(*found, now.toMSecsSinceEpoch());
    return found->milliTokens < 1000;
}

void CallbackThrottle::makeRoom(qint64 nowMs)
{
    // Full buckets say nothing a missing one would not; drop them first, then the quietest.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(*it, nowMs);
        if (it->milliTokens >= qint64(m_limits.burst) * 1000)
            it = m_buckets.erase(it);
        else
            ++it;
    }
    if (m_buckets.size() < m_limits.maxKeys)
        return;
    auto quietest = std::min_element(m_buckets.begin(), m_buckets.end(),
                                     [](const Bucket &a, const Bucket &b) { return a.milliTokens > b.milliTokens; });
    m_buckets.erase(quietest);
}

void CallbackThrottle::refused(const QHostAddress &sender, const QString &account, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QString key = keyOf(addressGroupOf(sender), account);
    QMutexLocker lock(&m_mutex);
    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= m_limits.maxKeys)
            makeRoom(nowMs);
        found = m_buckets.insert(key, Bucket{qint64(m_limits.burst) * 1000, nowMs});
    }
    refill(*found, nowMs);
    found->milliTokens = std::max<qint64>(0, found->milliTokens - 1000);
}

} // namespace paydesk
