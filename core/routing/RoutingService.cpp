#include "core/routing/RoutingService.h"

#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountStore.h"
#include "core/fee/EffectiveRates.h"
#include "core/merchant/MerchantReference.h"
#include "core/routing/Router.h"
#include "core/routing/RoutingRuleStore.h"
#include "core/routing/RoutingRules.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QSet>

namespace paydesk {

namespace {
QString objectName(qint64 id)
{
    return QStringLiteral("routing_rule:%1").arg(id);
}

QJsonObject describe(const RoutingRule &rule)
{
    return QJsonObject{{QStringLiteral("merchant_id"), QString::number(rule.merchantId)},
                       {QStringLiteral("method"), ChannelNames::method(rule.method)},
                       {QStringLiteral("channel_account"), rule.accountName},
                       {QStringLiteral("priority"), rule.priority},
                       {QStringLiteral("weight"), rule.weight},
                       {QStringLiteral("enabled"), rule.enabled}};
}

Error invalid(const QString &why)
{
    return Error(ErrorCode::RoutingRuleInvalid, why);
}
} // namespace

RoutingService::RoutingService(Database &database, const Clock &clock, AuditLog &audit)
    : m_database(database), m_clock(clock), m_audit(audit), m_routes(database)
{
}

Status RoutingService::validate(const QSqlDatabase &db, const RoutingRule &rule)
{
    if (ChannelNames::method(rule.method).isEmpty())
        return Error(ErrorCode::PaymentMethodUnknown, QString::number(int(rule.method)));
    if (rule.priority < 1 || rule.priority > RoutingRule::kMaxPriority)
        return invalid(QStringLiteral("priority must be 1–%1").arg(RoutingRule::kMaxPriority));
    if (rule.weight < 1 || rule.weight > RoutingRule::kMaxWeight)
        return invalid(QStringLiteral("weight must be 1–%1").arg(RoutingRule::kMaxWeight));
    auto merchant = MerchantReference::loadOpen(db, rule.merchantId);
    if (!merchant)
        return merchant.error();
    auto account = ChannelAccountStore::load(db, rule.channelAccountId);
    if (!account)
        return account.error();
    if (ChannelNames::channelOf(rule.method) != account->channel)
        return invalid(
            QStringLiteral("%1 is a %2 account and cannot take %3")
                .arg(account->name, ChannelNames::channel(account->channel), ChannelNames::method(rule.method)));
    if (account->mode == ChannelAccountMode::Own && account->ownerMerchantId != rule.merchantId)
        return invalid(
            QStringLiteral("%1 is merchant %2's own account").arg(account->name).arg(account->ownerMerchantId));
    if (account->currency != merchant->currency)
        return invalid(QStringLiteral("%1 takes %2; the merchant settles in %3")
                           .arg(account->name, account->currency.code(), merchant->currency.code()));
    auto duplicate = RoutingRuleStore::sameRoute(db, rule.merchantId, rule.method, rule.channelAccountId, rule.id);
    if (!duplicate)
        return duplicate.error();
    if (*duplicate != 0)
        return invalid(QStringLiteral("rule %1 already routes %2 of this merchant to %3")
                           .arg(QString::number(*duplicate), ChannelNames::method(rule.method), account->name));
    return {};
}

Result<QList<RoutingRule>> RoutingService::rules(const Actor &actor, qint64 merchantId)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView,
                                               merchantId > 0 ? QStringLiteral("routing:merchant:%1").arg(merchantId)
                                                              : QStringLiteral("routing"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return RoutingRuleStore::list(*connection, merchantId);
}

Result<RoutingRule> RoutingService::rule(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, objectName(id));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return RoutingRuleStore::load(*connection, id);
}

Result<RoutingRule> RoutingService::createRule(const Actor &actor, const RoutingRule &rule)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::RoutingManage,
                                               QStringLiteral("routing:merchant:%1").arg(rule.merchantId));
    if (!allowed)
        return allowed.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    RoutingRule fresh = rule;
    fresh.id = 0;
    auto valid = validate(work.connection(), fresh);
    if (!valid)
        return valid.error();
    auto created = RoutingRuleStore::insert(work.connection(), fresh, m_clock.nowUtc(), actor.name());
    if (!created)
        return created.error();
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("routing.rule.create"), objectName(created->id), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), describe(*created)}}});
    if (!done)
        return done.error();
    return created;
}

Result<RoutingRule> RoutingService::updateRule(const Actor &actor, const RoutingRule &rule)
{
    AuditedChange<RoutingRule> change;
    change.permission = Permission::RoutingManage;
    change.refusedObject = objectName(rule.id);
    change.load = [&rule](const QSqlDatabase &db) { return RoutingRuleStore::load(db, rule.id); };
    change.write = [&](const QSqlDatabase &db, const RoutingRule &before) -> Result<bool> {
        RoutingRule changed = rule;
        changed.merchantId = before.merchantId;
        auto valid = validate(db, changed);
        if (!valid)
            return valid.error();
        auto updated = RoutingRuleStore::update(db, changed, m_clock.nowUtc());
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [&rule](const RoutingRule &before, const RoutingRule &after) {
        return AuditEvent{QStringLiteral("routing.rule.update"), objectName(rule.id), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    return applyAudited(m_database, m_audit, actor, change);
}

Status RoutingService::setRuleEnabled(const Actor &actor, qint64 id, bool enabled)
{
    AuditedChange<RoutingRule> change;
    change.permission = Permission::RoutingManage;
    change.refusedObject = objectName(id);
    change.load = [id](const QSqlDatabase &db) { return RoutingRuleStore::load(db, id); };
    change.write = [&](const QSqlDatabase &db, const RoutingRule &before) -> Result<bool> {
        if (before.enabled == enabled)
            return false;
        RoutingRule after = before;
        after.enabled = enabled;
        auto updated = RoutingRuleStore::update(db, after, m_clock.nowUtc());
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [id, enabled](const RoutingRule &before, const RoutingRule &after) {
        return AuditEvent{enabled ? QStringLiteral("routing.rule.enable") : QStringLiteral("routing.rule.disable"),
                          objectName(id), AuditResult::Ok, beforeAndAfter(describe(before), describe(after))};
    };
    auto changed = applyAudited(m_database, m_audit, actor, change);
    if (!changed)
        return changed.error();
    return {};
}

Status RoutingService::deleteRule(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::RoutingManage, objectName(id));
    if (!allowed)
        return allowed;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto before = RoutingRuleStore::load(work.connection(), id);
    if (!before)
        return before.error();
    auto removed = RoutingRuleStore::remove(work.connection(), id);
    if (!removed)
        return removed;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("routing.rule.delete"), objectName(id), AuditResult::Ok,
                           QJsonObject{{QStringLiteral("before"), describe(*before)}}});
}

Result<RouteDecision> RoutingService::route(const RouteRequest &request, QRandomGenerator &random)
{
    if (!request.amount.isValid() || !request.amount.isPositive() || !request.businessDate.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a route needs a positive amount and a business date"));
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto candidates = m_routes.get({request.merchantId, int(request.method)}, [&] {
        return RoutingRules::routes(*connection, request.merchantId, request.method);
    });
    if (!candidates)
        return candidates.error();
    const Status used = RoutingRules::addUsage(*connection, *candidates, request.businessDate);
    if (!used)
        return used.error();
    return Router::route(request, *candidates, random);
}

Result<RouteDecision> RoutingService::explain(const Actor &actor, const RouteRequest &request)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView,
                                               QStringLiteral("routing:merchant:%1").arg(request.merchantId));
    if (!allowed)
        return allowed.error();
    if (!request.amount.isValid() || !request.amount.isPositive() || !request.businessDate.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a route needs a positive amount and a business date"));
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto candidates = RoutingRules::candidates(*connection, request.merchantId, request.method, request.businessDate);
    if (!candidates)
        return candidates.error();
    return Router::explain(request, *candidates);
}

Status RoutingService::readiness(qint64 merchantId, const QDate &businessDate)
{
    auto missing = readinessProblems(merchantId, businessDate);
    if (!missing)
        return missing.error();
    if (!missing->isEmpty())
        return Error(ErrorCode::MerchantNotReady, missing->join(QStringLiteral("; ")));
    return {};
}

Result<QStringList> RoutingService::readinessProblems(qint64 merchantId, const QDate &businessDate)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto merchant = MerchantReference::load(*connection, merchantId);
    if (!merchant)
        return merchant.error();
    auto rules = RoutingRuleStore::list(*connection, merchantId);
    if (!rules)
        return rules.error();
    QList<qint64> accountIds;
    for (const RoutingRule &rule : std::as_const(*rules))
        accountIds << rule.channelAccountId;
    auto accounts = ChannelAccountStore::loadMany(*connection, accountIds);
    if (!accounts)
        return accounts.error();
    QSet<qint64> enabledAccounts;
    for (const ChannelAccount &account : std::as_const(*accounts)) {
        if (account.enabled)
            enabledAccounts.insert(account.id);
    }
    QList<PayMethod> methods;
    for (const RoutingRule &rule : std::as_const(*rules)) {
        if (rule.enabled && enabledAccounts.contains(rule.channelAccountId) && !methods.contains(rule.method))
            methods << rule.method;
    }
    QStringList missing;
    if (methods.isEmpty())
        missing << QStringLiteral("no enabled routing rule on an enabled channel account");
    const EffectiveRates merchantRates(RateSubject::Merchant);
    for (PayMethod method : std::as_const(methods)) {
        auto rate = merchantRates.on(*connection, merchantId, method, businessDate);
        if (!rate)
            return rate.error();
        if (!*rate)
            missing << QStringLiteral("no merchant rate for %1 in effect on %2")
                           .arg(ChannelNames::method(method), businessDate.toString(Qt::ISODate));
    }
    return missing;
}

} // namespace paydesk
