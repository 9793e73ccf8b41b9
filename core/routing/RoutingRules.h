#pragma once

#include "core/routing/Router.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// What the router judges a payment by: a merchant's rules for a method (RoutingRuleStore) with
// their accounts (ChannelAccountStore) and the accounts' usage (ChannelAccountUsageStore).
// No permission checks or audit.
namespace RoutingRules {

// The merchant's rules for the method with their accounts and the accounts' usage on `date`.
Result<QList<RouteCandidate>> candidates(const QSqlDatabase &db, qint64 merchantId, PayMethod method,
                                         const QDate &date);
// The same in two steps: the rules with their accounts (reference data only, usage zero)...
Result<QList<RouteCandidate>> routes(const QSqlDatabase &db, qint64 merchantId, PayMethod method);
// ...and the usage on `date` of those accounts that have a daily limit (the others' is not read).
Status addUsage(const QSqlDatabase &db, QList<RouteCandidate> &candidates, const QDate &date);

} // namespace RoutingRules
} // namespace paydesk
