#pragma once

#include "core/payment/PaymentRefundStore.h"
#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QDateTime>

namespace paydesk {

class AuditLog;
class Clock;
class Database;
class Settings;

// Refunds the channel has not settled — still requested (never confirmed by the channel) or
// processing — for longer than the platform's limit (Settings::RefundAttentionHours, default
// 24 h): money that may or may not have left, shown to finance (the console's Refunds panel and
// paydeskd's /metrics) rather than forgotten. The sweep keeps asking the channel about them.
class RefundAttention
{
public:
    RefundAttention(Database &database, const Clock &clock, AuditLog &audit, Settings &settings);

    struct List
    {
        int limitHours = 0;
        qint64 total = 0;               // how many need attention in all
        QList<UnsettledRefund> refunds; // the oldest of them, up to the limit asked for
    };
    // payment.view: oldest first.
    Result<List> list(const Actor &actor, int limit = 500);

    // For /metrics: how many refunds need attention now (no permission: a count only).
    static Result<qint64> count(Database &database, const QDateTime &now);

private:
    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Settings &m_settings;
};

} // namespace paydesk
