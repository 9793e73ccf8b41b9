#pragma once

#include "core/routing/Router.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The routing_rule rows, without permission checks or audit.
namespace RoutingRules {

Result<RoutingRule> load(const QSqlDatabase &db, qint64 id); // RoutingRuleInvalid when unknown
// All rules (merchantId 0) or one merchant's, by merchant, method, priority, weight (largest first).
Result<QList<RoutingRule>> list(const QSqlDatabase &db, qint64 merchantId);
// The merchant's rules for the method with their accounts and the accounts' usage on `date`.
Result<QList<RouteCandidate>> candidates(const QSqlDatabase &db, qint64 merchantId, PayMethod method,
                                         const QDate &date);
// The same in two steps: the rules with their accounts (reference data only, usage zero)...
Result<QList<RouteCandidate>> routes(const QSqlDatabase &db, qint64 merchantId, PayMethod method);
// ...and the usage on `date` of those accounts that have a daily limit (the others' is not read).
Status addUsage(const QSqlDatabase &db, QList<RouteCandidate> &candidates, const QDate &date);

Result<RoutingRule> insert(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now, const QString &by);
Status update(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now);
Status remove(const QSqlDatabase &db, qint64 id);

// The id of another rule (not `exceptId`) routing the merchant's method to the account; 0 when none.
Result<qint64> sameRoute(const QSqlDatabase &db, qint64 merchantId, PayMethod method, qint64 accountId,
                         qint64 exceptId);

} // namespace RoutingRules
} // namespace paydesk
