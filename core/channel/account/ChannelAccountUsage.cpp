#include "core/channel/account/ChannelAccountUsage.h"

#include "core/channel/account/ChannelAccountStore.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"

#include <atomic>

namespace paydesk {

Status ChannelAccountUsage::record(const ChannelAccount &account, const QDate &businessDate, const Money &amount)
{
    if (!businessDate.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("usage needs a business date"));
    if (!amount.isPositive())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("usage is recorded for a positive amount"));
    if (account.currency != amount.currency())
        return Error(ErrorCode::CurrencyMismatch,
                     QStringLiteral("%1 is in %2, the payment in %3")
                         .arg(account.name, account.currency.code(), amount.currency().code()));
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    // Each thread adds to a slot of its own, so concurrent payments through one account do not
    // wait for each other's commits on one row (migration 0009); the day's usage is the sum.
    static std::atomic<int> nextSlot{0};
    thread_local const int slot = nextSlot.fetch_add(1, std::memory_order_relaxed) % kUsageSlots;
    auto added = Sql::run(
        work.connection(),
        QStringLiteral("INSERT INTO channel_account_usage (channel_account_id, business_date, slot, amount, count) "
                       "VALUES (?, ?, ?, ?, 1) ON CONFLICT (channel_account_id, business_date, slot) DO UPDATE SET "
                       "amount = channel_account_usage.amount + excluded.amount, "
                       "count = channel_account_usage.count + 1"),
        {account.id, businessDate.toString(Qt::ISODate), slot, amount.minor()});
    if (!added)
        return added.error();
    return work.commit();
}

Result<AccountUsage> ChannelAccountUsage::on(qint64 accountId, const QDate &businessDate)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto account = ChannelAccountStore::load(*connection, accountId);
    if (!account)
        return account.error();
    auto query = Sql::run(
        *connection,
        QStringLiteral("SELECT CAST(sum(amount) AS BIGINT), CAST(sum(count) AS BIGINT) FROM channel_account_usage "
                       "WHERE channel_account_id = ? AND business_date = ?"),
        {accountId, businessDate.toString(Qt::ISODate)});
    if (!query)
        return query.error();
    AccountUsage usage{accountId, businessDate, Money::zero(account->currency), 0};
    if (query->next() && !query->isNull(0)) {
        usage.amount = Money::fromMinor(query->value(0).toLongLong(), account->currency);
        usage.count = query->value(1).toLongLong();
    }
    return usage;
}

} // namespace paydesk
