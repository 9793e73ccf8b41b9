#pragma once

#include "core/util/Result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace paydesk {

// The channel_account_usage table: the only place that writes it and sums it
// (ChannelAccountStore::rulesAndUsage only counts an account's rows). ChannelAccountUsage holds
// the checks and the unit of work; the router reads its candidates' day here. Amounts are in the
// account's minor units.
namespace ChannelAccountUsageStore {

// Adds one payment of `amount` to the account's day in `slot` (a row per writing thread).
Status add(const QSqlDatabase &db, qint64 accountId, const QDate &businessDate, int slot, qint64 amount);

struct DayTotal
{
    qint64 amount = 0;
    qint64 count = 0;
};
// The account's day summed over its slots; empty when nothing went through.
Result<std::optional<DayTotal>> dayTotal(const QSqlDatabase &db, qint64 accountId, const QDate &businessDate);
// The amounts of the accounts (non-empty) on the day, by account id; those with none are absent.
Result<QHash<qint64, qint64>> amountsOn(const QSqlDatabase &db, const QDate &businessDate,
                                        const QList<qint64> &accountIds);

} // namespace ChannelAccountUsageStore
} // namespace paydesk
