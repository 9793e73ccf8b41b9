#include "demo/DemoStore.h"

#include "core/storage/Sql.h"

namespace paydesk::DemoStore {

Result<QList<LiveRoute>> liveRoutes(const QSqlDatabase &db)
{
    auto q =
        Sql::run(db, QStringLiteral("SELECT a.app_id, a.merchant_id, r.method, c.name, c.id, a.id, m.merchant_no "
                                    "FROM application a "
                                    "JOIN merchant m ON m.id = a.merchant_id AND m.status = 'active' "
                                    "JOIN routing_rule r ON r.merchant_id = a.merchant_id AND r.enabled = 1 "
                                    "JOIN channel_account c ON c.id = r.channel_account_id AND c.status = 'enabled' "
                                    "WHERE a.status = 'enabled' ORDER BY a.app_id, r.method, r.priority, c.name"));
    if (!q)
        return q.error();
    QList<LiveRoute> routes;
    while (q->next())
        routes << LiveRoute{q->value(0).toString(),  q->value(5).toLongLong(), q->value(1).toLongLong(),
                            q->value(6).toString(),  q->value(2).toString(),   q->value(3).toString(),
                            q->value(4).toLongLong()};
    return routes;
}

Result<QList<std::pair<qint64, QString>>> applicationsOnEveryChannel(const QSqlDatabase &db, int limit)
{
    auto q = Sql::run(
        db,
        QStringLiteral("SELECT a.id, a.app_id FROM application a JOIN merchant m ON m.id = a.merchant_id "
                       "WHERE m.status = 'active' AND a.status = 'enabled' AND a.ip_allowlist = '' AND "
                       "(SELECT count(DISTINCT r.method) FROM routing_rule r WHERE r.merchant_id = a.merchant_id "
                       "AND r.enabled = 1 AND r.method IN ('wechat.native', 'alipay.precreate', 'unionpay.front')) = 3 "
                       "ORDER BY a.app_id LIMIT ?"),
        {limit});
    if (!q)
        return q.error();
    QList<std::pair<qint64, QString>> found;
    while (q->next())
        found << std::pair{q->value(0).toLongLong(), q->value(1).toString()};
    return found;
}

} // namespace paydesk::DemoStore
