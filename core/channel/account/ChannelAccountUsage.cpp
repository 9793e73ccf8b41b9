#include "ChannelAccountUsage.h"

#include "ChannelAccountStore.h"
#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/UnitOfWork.h"

namespace paydesk {

Result<AccountUsage> ChannelAccountUsage::record(const ChannelAccount &account, const QDate &businessDate, const Money &amount)
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
    // One statement: every payment of the account's day meets on this row, so it is held locked
    // for as short a time as possible.
    auto totals =
        Sql::run(work.connection(),
                 QStringLiteral("INSERT INTO channel_account_usage (channel_account_id, business_date, amount, count) "
                                "VALUES (?, ?, ?, 1) ON CONFLICT (channel_account_id, business_date) DO UPDATE SET "
                                "amount = channel_account_usage.amount + excluded.amount, "
                                "count = channel_account_usage.count + 1 RETURNING amount, count"),
                 {account.id, businessDate.toString(Qt::ISODate), amount.minor()});
    if (!totals)
        return totals.error();
    if (!totals->next())
        return Error(ErrorCode::QueryFailed, QStringLiteral("channel_account_usage: the upsert returned no row"));
    AccountUsage usage{account.id, businessDate, Money::fromMinor(totals->value(0).toLongLong(), account.currency),
                       totals->value(1).toLongLong()};
    totals->finish();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return usage;
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
        QStringLiteral(
            "SELECT amount, count FROM channel_account_usage WHERE channel_account_id = ? AND business_date = ?"),
        {accountId, businessDate.toString(Qt::ISODate)});
    if (!query)
        return query.error();
    AccountUsage usage{accountId, businessDate, Money::zero(account->currency), 0};
    if (query->next()) {
        usage.amount = Money::fromMinor(query->value(0).toLongLong(), account->currency);
        usage.count = query->value(1).toLongLong();
    }
    return usage;
}

} // namespace paydesk
