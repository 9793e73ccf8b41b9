#include "core/routing/RoutingRules.h"

#include "core/channel/account/ChannelAccountStore.h"
#include "core/channel/account/ChannelAccountUsageStore.h"
#include "core/routing/RoutingRuleStore.h"

namespace paydesk::RoutingRules {

Result<QList<RouteCandidate>> routes(const QSqlDatabase &db, qint64 merchantId, PayMethod method)
{
    auto rules = RoutingRuleStore::forRoute(db, merchantId, method);
    if (!rules)
        return rules.error();
    QList<qint64> ids;
    for (const RoutingRule &rule : std::as_const(*rules))
        ids << rule.channelAccountId;
    auto accounts = ChannelAccountStore::loadMany(db, ids);
    if (!accounts)
        return accounts.error();
    QHash<qint64, ChannelAccount> byId;
    for (const ChannelAccount &account : std::as_const(*accounts))
        byId.insert(account.id, account);
    QList<RouteCandidate> list;
    for (const RoutingRule &rule : std::as_const(*rules)) {
        const ChannelAccount account = byId.value(rule.channelAccountId);
        list << RouteCandidate{rule, account, Money::zero(account.currency)};
    }
    return list;
}

Status addUsage(const QSqlDatabase &db, QList<RouteCandidate> &candidates, const QDate &date)
{
    QList<qint64> limited;
    for (const RouteCandidate &candidate : std::as_const(candidates)) {
        if (candidate.account.hasDailyLimit())
            limited << candidate.account.id;
    }
    if (limited.isEmpty())
        return {};
    auto used = ChannelAccountUsageStore::amountsOn(db, date, limited);
    if (!used)
        return used.error();
    for (RouteCandidate &candidate : candidates)
        candidate.usedToday = Money::fromMinor(used->value(candidate.account.id), candidate.account.currency);
    return {};
}

Result<QList<RouteCandidate>> candidates(const QSqlDatabase &db, qint64 merchantId, PayMethod method, const QDate &date)
{
    auto list = routes(db, merchantId, method);
    if (!list)
        return list.error();
    const Status used = addUsage(db, *list, date);
    if (!used)
        return used.error();
    return list;
}

} // namespace paydesk::RoutingRules
