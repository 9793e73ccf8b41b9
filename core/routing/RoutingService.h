#pragma once

#include "core/routing/RouteDecision.h"
#include "core/routing/RouteRequest.h"
#include "core/routing/Router.h"
#include "core/routing/RoutingRule.h"
#include "core/security/Actor.h"
#include "core/storage/ReferenceCache.h"
#include "core/util/Clock.h"

#include <QList>

class QRandomGenerator;
class QSqlDatabase;

namespace paydesk {

class AuditLog;
class Database;

// Routing (路由): which channel account takes a merchant's payment. Rules are kept here
// (routing.manage to change, channel.view to read, changes audited with before/after); route()
// picks an account for the payment core, explain() shows the console's "why this account"
// without drawing; readinessProblems() is the merchant activation check.
class RoutingService
{
public:
    RoutingService(Database &database, const Clock &clock, AuditLog &audit);

    // All rules (merchantId 0) or one merchant's.
    Result<QList<RoutingRule>> rules(const Actor &actor, qint64 merchantId = 0);
    Result<RoutingRule> rule(const Actor &actor, qint64 id);
    // The account's channel must serve the method, an own account must be the merchant's, the
    // currencies must agree, and (merchant, method, account) must be new. RoutingRuleInvalid otherwise.
    Result<RoutingRule> createRule(const Actor &actor, const RoutingRule &rule);
    // Changes method, account, priority, weight and enabled of rule `rule.id` (the merchant stays).
    Result<RoutingRule> updateRule(const Actor &actor, const RoutingRule &rule);
    Status setRuleEnabled(const Actor &actor, qint64 id, bool enabled);
    Status deleteRule(const Actor &actor, qint64 id);

    // For the payment core (no permission check; it acts for the platform): the account for this
    // payment, or NoRoute naming every rule's reason. Draws with `random`: pass
    // *QRandomGenerator::global() in production, a seeded generator in tests.
    Result<RouteDecision> route(const RouteRequest &request, QRandomGenerator &random);
    // The same judgement without a draw (channel.view): every rule with why it would or would not be used.
    Result<RouteDecision> explain(const Actor &actor, const RouteRequest &request);

    // The merchant can take payments on `businessDate`: at least one enabled rule on an enabled
    // account, and a merchant rate in effect for every method that has one. MerchantNotReady
    // lists everything missing.
    Status readiness(qint64 merchantId, const QDate &businessDate);
    // The same, one problem per item (empty: ready): what the merchant's activation check lists.
    Result<QStringList> readinessProblems(qint64 merchantId, const QDate &businessDate);

private:
    Status validate(const QSqlDatabase &db, const RoutingRule &rule);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    ReferenceCache<std::pair<qint64, int>, QList<RouteCandidate>> m_routes; // by merchant and method
};

} // namespace paydesk
