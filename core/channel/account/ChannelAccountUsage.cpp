#include "core/channel/account/ChannelAccountUsage.h"

#include "core/channel/account/ChannelAccountStore.h"
#include "core/channel/account/ChannelAccountUsageStore.h"
#include "core/storage/Database.h"
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
    const Status added =
        ChannelAccountUsageStore::add(work.connection(), account.id, businessDate, slot, amount.minor());
    if (!added)
        return added;
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
    auto total = ChannelAccountUsageStore::dayTotal(*connection, accountId, businessDate);
    if (!total)
        return total.error();
    AccountUsage usage{accountId, businessDate, Money::zero(account->currency), 0};
    if (*total) {
        usage.amount = Money::fromMinor((*total)->amount, account->currency);
        usage.count = (*total)->count;
    }
    return usage;
}

} // namespace paydesk
