#pragma once

#include "core/storage/ReferenceCache.h"
#include "core/util/Result.h"

#include <QString>

namespace paydesk {

class Database;

// Platform-wide settings kept in the database (key → text), shared by every console and
// daemon on it. Known keys are named here. Values are cached until any setting or other
// reference data changes (migration 0011 makes settings move the reference generation), so the
// payment path reads them without a statement of its own.
class Settings
{
public:
    static const QString Environment; // "demo", "test" or "production": shown in every console
    // Refunds asked for by operators above this amount (in fen) need an approver; default 100000.
    static const QString RefundApprovalThreshold;
    // "on": development endpoints are allowed — plain http and loopback/private addresses for
    // merchant notify URLs and paydeskd's --public-url. Real channels and a production platform
    // need neither; the demo database turns it on. Anything else (or unset) is off.
    static const QString DevelopmentEndpoints;
    // The largest single amount (in fen) an order, a refund, an operator's refund request or an
    // imported line may have; default kDefaultMaxAmountMinor (10,000,000.00).
    static const QString MaxAmount;
    // Hours after which a refund the channel has not settled (still requested or processing) is
    // shown to finance as needing attention; default 24.
    static const QString RefundAttentionHours;

    static constexpr qint64 kDefaultMaxAmountMinor = 1000000000;
    static constexpr int kDefaultRefundAttentionHours = 24;

    explicit Settings(Database &database);

    Result<QString> value(const QString &key, const QString &fallback = QString());
    Status setValue(const QString &key, const QString &value);
    // DevelopmentEndpoints read as a flag (off when unset).
    Result<bool> developmentEndpoints();
    // MaxAmount in minor units; the default when unset or not a positive whole number.
    Result<qint64> maxAmountMinor();
    // RefundAttentionHours; the default when unset or not a positive whole number.
    Result<int> refundAttentionHours();

private:
    Database &m_database;
    ReferenceCache<QString, QString> m_cache; // unset keys are cached as a null string
};

} // namespace paydesk
