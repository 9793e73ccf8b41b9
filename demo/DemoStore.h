#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The demo's own reads of application, merchant, routing_rule and channel_account (it owns no
// table): the only place that holds the demo's order SQL. DemoOrders makes the orders from them.
namespace DemoStore {

// An enabled routing rule on an enabled account of an enabled application of an active merchant.
struct LiveRoute
{
    QString appId;
    qint64 applicationId = 0;
    qint64 merchantId = 0;
    QString merchantNo;
    QString method; // as stored: DemoOrders skips a method this version does not know
    QString account;
    qint64 accountId = 0;
};
// By app id, method, priority and account name.
Result<QList<LiveRoute>> liveRoutes(const QSqlDatabase &db);

// Up to `limit` enabled applications (id, app_id) of active merchants routed for WeChat Pay
// native, Alipay precreate and UnionPay front and open to any address, by app id.
Result<QList<std::pair<qint64, QString>>> applicationsOnEveryChannel(const QSqlDatabase &db, int limit);

} // namespace DemoStore
} // namespace paydesk
