#pragma once

#include "core/util/Result.h"

#include <QDate>

class QIODevice;

namespace paydesk {

class Database;
class FeeService;

// Weeks of realistic orders and refunds as an OrderImport CSV: for every active merchant's
// application and every method it is routed for, orders through the day's hours (busier at
// lunch and in the evening), amounts mostly small with a long tail, 85 % paid, 10 % closed
// unpaid, 5 % failed, and about one paid order in twelve refunded in part or in full (some
// twice). Fees are those of today's rates, written into the file. Deterministic for a seed.
// The demo imports a month of it; the benchmarks millions.
namespace DemoOrders {

struct Options
{
    qint64 orders = 20000;
    int days = 30;
    QDate lastDay; // the last day with orders (platform time); invalid: yesterday
    quint32 seed = 2026;
};
struct Summary
{
    qint64 orders = 0;
    qint64 refunds = 0;
};

Result<Summary> write(Database &database, FeeService &fees, QIODevice &out, const Options &options);

// Up to `limit` enabled applications (id, app_id) of active merchants routed for WeChat Pay
// native, Alipay precreate and UnionPay front and open to any address: what the demo's live
// traffic sends from.
Result<QList<std::pair<qint64, QString>>> applicationsOnEveryChannel(Database &database, int limit);

} // namespace DemoOrders
} // namespace paydesk
