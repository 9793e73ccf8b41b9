#pragma once

#include "core/routing/RoutingRule.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The routing_rule table: the only place that holds its SQL. RoutingService holds the rules,
// authorisation, units of work and audit; RoutingRules puts a route's candidates together.
// A stored method this version does not know is PaymentMethodUnknown, naming the rule.
namespace RoutingRuleStore {

Result<RoutingRule> load(const QSqlDatabase &db, qint64 id); // RoutingRuleInvalid when unknown
// All rules (merchantId 0) or one merchant's, by merchant, method, priority, weight (largest first).
Result<QList<RoutingRule>> list(const QSqlDatabase &db, qint64 merchantId);
// The merchant's rules for the method, by priority, weight (largest first), id.
Result<QList<RoutingRule>> forRoute(const QSqlDatabase &db, qint64 merchantId, PayMethod method);

// Returns the rule as stored.
Result<RoutingRule> insert(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now, const QString &by);
Status update(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now);
Status remove(const QSqlDatabase &db, qint64 id);

// The id of another rule (not `exceptId`) routing the merchant's method to the account; 0 when none.
Result<qint64> sameRoute(const QSqlDatabase &db, qint64 merchantId, PayMethod method, qint64 accountId,
                         qint64 exceptId);

} // namespace RoutingRuleStore
} // namespace paydesk
