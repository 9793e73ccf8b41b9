#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

namespace paydesk {

// What CallbackThrottle allows (defaults as docs/security.md, "Refused callbacks", describes).
struct CallbackThrottleLimits
{
    int burst = 20;           // refusals a sender may cause at once
    int refillPerMinute = 20; // and then this many a minute
    int maxKeys = 10000;
};

// How many callbacks that failed verification one sender may have Paydesk check, per channel
// account: a token bucket per (sender, account) that each refusal empties by one and time refills.
// Once it is empty the sender's next callbacks to that account are answered 429 before any
// signature work, until the bucket refills. Another sender, or the same sender at another account,
// has its own bucket, so a flood from one address never slows a channel's genuine callbacks from
// another. Senders are counted by addressGroupOf (IPv4 addresses, IPv6 /64 networks). The
// table is bounded: past `maxKeys` the sender nearest to a full bucket is forgotten. In memory,
// per process.
class CallbackThrottle
{
public:
    using Limits = CallbackThrottleLimits;

    explicit CallbackThrottle(Limits limits = Limits{});

    // True when `sender` has used up its refusals at `account`: answer 429 without verifying.
    bool isLimited(const QHostAddress &sender, const QString &account, const QDateTime &now);
    // A callback from `sender` to `account` failed verification.
    void refused(const QHostAddress &sender, const QString &account, const QDateTime &now);

private:
    struct Bucket
    {
        qint64 milliTokens = 0; // tokens × 1000, so refills need no floating point
        qint64 atMs = 0;        // when milliTokens was last brought up to date
    };
    void refill(Bucket &bucket, qint64 nowMs) const;
    void makeRoom(qint64 nowMs);

    const Limits m_limits;
    QMutex m_mutex;
    QHash<QString, Bucket> m_buckets; // "sender account"
};

} // namespace paydesk
