#include "core/routing/RoutingRuleStore.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"

namespace paydesk::RoutingRuleStore {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT r.id, r.merchant_id, r.method, r.channel_account_id, r.priority, r.weight, r.enabled, a.name, "
    "r.created_at, "
    "r.created_by, r.updated_at FROM routing_rule r JOIN channel_account a ON a.id = r.channel_account_id ");

Result<QList<RoutingRule>> select(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto query = Sql::run(db, kSelect + where, values);
    if (!query)
        return query.error();
    QList<RoutingRule> rules;
    while (query->next()) {
        RoutingRule rule;
        rule.id = query->value(0).toLongLong();
        rule.merchantId = query->value(1).toLongLong();
        if (!ChannelNames::methodFromName(query->value(2).toString(), &rule.method))
            return Error(ErrorCode::PaymentMethodUnknown, query->value(2).toString())
                .within(QStringLiteral("routing rule %1").arg(rule.id));
        rule.channelAccountId = query->value(3).toLongLong();
        rule.priority = query->value(4).toInt();
        rule.weight = query->value(5).toInt();
        rule.enabled = query->value(6).toInt() != 0;
        rule.accountName = query->value(7).toString();
        rule.createdAt = QDateTime::fromMSecsSinceEpoch(query->value(8).toLongLong(), Qt::UTC);
        rule.createdBy = query->value(9).toString();
        rule.updatedAt = QDateTime::fromMSecsSinceEpoch(query->value(10).toLongLong(), Qt::UTC);
        rules << rule;
    }
    return rules;
}
} // namespace

Result<RoutingRule> load(const QSqlDatabase &db, qint64 id)
{
    auto rules = select(db, QStringLiteral("WHERE r.id = ?"), {id});
    if (!rules)
        return rules.error();
    if (rules->isEmpty())
        return Error(ErrorCode::RoutingRuleInvalid, QStringLiteral("no routing rule %1").arg(id));
    return rules->first();
}

Result<QList<RoutingRule>> list(const QSqlDatabase &db, qint64 merchantId)
{
    const QString order = QStringLiteral("ORDER BY r.merchant_id, r.method, r.priority, r.weight DESC, r.id");
    if (merchantId > 0)
        return select(db, QStringLiteral("WHERE r.merchant_id = ? ") + order, {merchantId});
    return select(db, order, {});
}

Result<QList<RoutingRule>> forRoute(const QSqlDatabase &db, qint64 merchantId, PayMethod method)
{
    return select(db,
                  QStringLiteral("WHERE r.merchant_id = ? AND r.method = ? ORDER BY r.priority, r.weight DESC, r.id"),
                  {merchantId, ChannelNames::method(method)});
}

Result<RoutingRule> insert(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now, const QString &by)
{
    const qint64 at = now.toMSecsSinceEpoch();
    auto inserted = Sql::exec(
        db,
        QStringLiteral("INSERT INTO routing_rule (merchant_id, method, channel_account_id, priority, weight, enabled, "
                       "created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {rule.merchantId, ChannelNames::method(rule.method), rule.channelAccountId, rule.priority, rule.weight,
         rule.enabled ? 1 : 0, at, by, at});
    if (!inserted)
        return inserted.error();
    auto created = select(db, QStringLiteral("WHERE r.merchant_id = ? AND r.method = ? AND r.channel_account_id = ?"),
                          {rule.merchantId, ChannelNames::method(rule.method), rule.channelAccountId});
    if (!created)
        return created.error();
    if (created->isEmpty())
        return Error(ErrorCode::QueryFailed, QStringLiteral("the routing rule just written is gone"));
    return created->first();
}

Status update(const QSqlDatabase &db, const RoutingRule &rule, const QDateTime &now)
{
    return Sql::exec(
        db,
        QStringLiteral(
            "UPDATE routing_rule SET method = ?, channel_account_id = ?, priority = ?, weight = ?, enabled = ?, "
            "updated_at = ? WHERE id = ?"),
        {ChannelNames::method(rule.method), rule.channelAccountId, rule.priority, rule.weight, rule.enabled ? 1 : 0,
         now.toMSecsSinceEpoch(), rule.id});
}

Status remove(const QSqlDatabase &db, qint64 id)
{
    return Sql::exec(db, QStringLiteral("DELETE FROM routing_rule WHERE id = ?"), {id});
}

Result<qint64> sameRoute(const QSqlDatabase &db, qint64 merchantId, PayMethod method, qint64 accountId, qint64 exceptId)
{
    auto duplicate = Sql::scalar(
        db,
        QStringLiteral("SELECT id FROM routing_rule WHERE merchant_id = ? AND method = ? AND channel_account_id = ? "
                       "AND id <> ?"),
        {merchantId, ChannelNames::method(method), accountId, exceptId});
    if (!duplicate)
        return duplicate.error();
    return duplicate->isValid() ? duplicate->toLongLong() : qint64(0);
}

} // namespace paydesk::RoutingRuleStore
