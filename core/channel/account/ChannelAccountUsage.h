#pragma once

#include "core/money/Money.h"
#include "core/util/Result.h"

#include <QDate>

namespace paydesk {

class Database;
struct ChannelAccount;

// What went through one channel account on one business date, for its daily limit.
struct AccountUsage
{
    qint64 accountId = 0;
    QDate businessDate;
    Money amount;     // in the account's currency; zero when nothing went through
    qint64 count = 0; // payments
};

// Keeps channel_account_usage (its SQL is in ChannelAccountUsageStore). No permission check and
// no audit record of its own: the payment module calls recordUsage inside its own (checked,
// audited) unit of work, which this joins, so the usage and the payment commit or vanish
// together. An account's day is kept in up to kUsageSlots rows, one per writing thread, and read
// as their sum.
class ChannelAccountUsage
{
public:
    explicit ChannelAccountUsage(Database &database) : m_database(database) {}

    static constexpr int kUsageSlots = 16;

    // Adds one payment of `amount` (positive, in the account's currency), in the caller's unit
    // of work if it has one. It does not refuse a payment beyond the daily limit: the router
    // checks limits before choosing.
    // The caller passes the account as it knows it (its id and currency are all that is used).
    Status record(const ChannelAccount &account, const QDate &businessDate, const Money &amount);
    Result<AccountUsage> on(qint64 accountId, const QDate &businessDate);

private:
    Database &m_database;
};

} // namespace paydesk
