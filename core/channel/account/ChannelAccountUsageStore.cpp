#include "core/channel/account/ChannelAccountUsageStore.h"

#include "core/storage/Sql.h"

namespace paydesk::ChannelAccountUsageStore {

Status add(const QSqlDatabase &db, qint64 accountId, const QDate &businessDate, int slot, qint64 amount)
{
    auto added = Sql::run(
        db,
        QStringLiteral("INSERT INTO channel_account_usage (channel_account_id, business_date, slot, amount, count) "
                       "VALUES (?, ?, ?, ?, 1) ON CONFLICT (channel_account_id, business_date, slot) DO UPDATE SET "
                       "amount = channel_account_usage.amount + excluded.amount, "
                       "count = channel_account_usage.count + 1"),
        {accountId, businessDate.toString(Qt::ISODate), slot, amount});
    if (!added)
        return added.error();
    return {};
}

Result<std::optional<DayTotal>> dayTotal(const QSqlDatabase &db, qint64 accountId, const QDate &businessDate)
{
    auto query = Sql::run(
        db,
        QStringLiteral("SELECT CAST(sum(amount) AS BIGINT), CAST(sum(count) AS BIGINT) FROM channel_account_usage "
                       "WHERE channel_account_id = ? AND business_date = ?"),
        {accountId, businessDate.toString(Qt::ISODate)});
    if (!query)
        return query.error();
    if (!query->next() || query->isNull(0))
        return std::optional<DayTotal>();
    return std::optional<DayTotal>(DayTotal{query->value(0).toLongLong(), query->value(1).toLongLong()});
}

Result<QHash<qint64, qint64>> amountsOn(const QSqlDatabase &db, const QDate &businessDate,
                                        const QList<qint64> &accountIds)
{
    QVariantList values{businessDate.toString(Qt::ISODate)};
    for (qint64 id : accountIds)
        values << id;
    auto usage = Sql::run(
        db,
        QStringLiteral(
            "SELECT channel_account_id, CAST(sum(amount) AS BIGINT) FROM channel_account_usage WHERE business_date = ? "
            "AND channel_account_id IN (") +
            Sql::placeholders(int(accountIds.size())) + QStringLiteral(") GROUP BY channel_account_id"),
        values);
    if (!usage)
        return usage.error();
    QHash<qint64, qint64> used;
    while (usage->next())
        used.insert(usage->value(0).toLongLong(), usage->value(1).toLongLong());
    return used;
}

} // namespace paydesk::ChannelAccountUsageStore
