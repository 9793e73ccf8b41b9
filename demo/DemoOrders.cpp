#include "demo/DemoOrders.h"

#include "core/channel/ChannelNames.h"
#include "core/fee/FeeService.h"
#include "core/money/Fees.h"
#include "core/storage/Database.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"
#include "demo/DemoStore.h"

#include <QIODevice>
#include <QRandomGenerator>

namespace paydesk::DemoOrders {

namespace {

struct Route
{
    QString appId;
    qint64 merchantId = 0;
    PayMethod method = PayMethod::WeChatNative;
    QString account;
    qint64 accountId = 0;
    Rate merchantRate;
    Rate channelRate;
};

const char *const kSubjects[] = {"午餐套餐", "咖啡两杯", "会员充值",      "停车费",    "酒店押金",
                                 "外卖订单", "电影票",   "水果拼盘",      "打车费用",  "书店购书",
                                 "健身月卡", "话费充值", "西湖龙井 250g", "火锅双人餐"};

// When in the day an order is made: busier at lunch and in the evening.
int secondOfDay(QRandomGenerator &random)
{
    static const int weights[24] = {1, 1, 1, 1, 1, 2, 3, 5, 7, 6, 6, 9, 12, 9, 6, 6, 7, 9, 12, 12, 10, 7, 4, 2};
    int total = 0;
    for (int w : weights)
        total += w;
    int pick = int(random.bounded(total));
    int hour = 0;
    while (pick >= weights[hour]) {
        pick -= weights[hour];
        ++hour;
    }
    return hour * 3600 + int(random.bounded(3600));
}

// Mostly small amounts, a long tail (in fen): a tier by weight, then evenly within it.
qint64 amount(QRandomGenerator &random)
{
    struct Tier
    {
        int weight;
        qint64 from;
        qint64 to;
    };
    static const Tier tiers[] = {{35, 100, 2000},    {25, 2000, 5000},   {20, 5000, 15000},
                                 {12, 15000, 50000}, {6, 50000, 200000}, {2, 200000, 5000000}};
    int pick = int(random.bounded(100));
    for (const Tier &tier : tiers) {
        if (pick < tier.weight)
            return tier.from + qint64(random.bounded(quint64(tier.to - tier.from)));
        pick -= tier.weight;
    }
    return 100;
}

QByteArray feeOf(qint64 fen, Rate rate)
{
    // The same rounding as the gateway's quotes (Fees::apply, half up).
    return Fees::apply(Money::fromMinor(fen, Currency::cny()), rate, RoundingMode::HalfUp)
        .value_or(Money::zero(Currency::cny()))
        .toString()
        .toLatin1();
}

QByteArray money(qint64 fen)
{
    return QByteArray::number(fen / 100) + '.' + QByteArray::number(fen % 100).rightJustified(2, '0');
}

QByteArray instant(const QDateTime &at)
{
    return at.toTimeZone(Clock::platformTimeZone()).toString(Qt::ISODate).toLatin1();
}

// The channel's id of the n-th refund in the file (numbered, so the draws stay as they were).
QByteArray channelRefundId(qint64 n)
{
    return "RF" + QByteArray::number(n + 1).rightJustified(14, '0');
}

} // namespace

Result<Summary> write(Database &database, FeeService &fees, QIODevice &out, const Options &options)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto live = DemoStore::liveRoutes(*connection);
    if (!live)
        return live.error();
    QList<Route> routes;
    QSet<QString> seen;
    const QDate today = SystemClock::instance().businessDate();
    const QDateTime now = SystemClock::instance().nowUtc();
    for (const DemoStore::LiveRoute &row : std::as_const(*live)) {
        Route route;
        route.appId = row.appId;
        route.merchantId = row.merchantId;
        if (!ChannelNames::methodFromName(row.method, &route.method))
            continue;
        route.account = row.account;
        route.accountId = row.accountId;
        const QString once = route.appId + QLatin1Char('|') + row.method;
        if (seen.contains(once))
            continue; // the first rule of each method: where most of its payments go
        seen.insert(once);
        routes << route;
    }
    for (Route &route : routes) {
        auto quote = fees.quote(route.merchantId, route.accountId, route.method,
                                Money::fromMinor(10000, Currency::cny()), today);
        if (!quote)
            return quote.error().within(route.appId);
        route.merchantRate = quote->merchantRate;
        route.channelRate = quote->channelRate;
    }
    if (routes.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no active merchant has a routed application"));

    QRandomGenerator random(options.seed);
    const QDate lastDay = options.lastDay.isValid() ? options.lastDay : today.addDays(-1);
    const QDate firstDay = lastDay.addDays(1 - options.days);
    Summary summary;
    out.write("type,app_id,merchant_order_no,merchant_refund_no,method,amount,subject,status,created_at,paid_at,"
              "channel_account,channel_transaction_id,payer_id,merchant_fee,channel_fee\n");
    QByteArray buffer;
    for (qint64 n = 0; n < options.orders; ++n) {
        const Route &route = routes.at(int(random.bounded(int(routes.size()))));
        // Orders spread evenly over the days, in time order within the file.
        const QDate day = firstDay.addDays(int(n * options.days / options.orders));
        const QDateTime created = QDateTime(day, QTime(0, 0), Clock::platformTimeZone()).addSecs(secondOfDay(random));
        const qint64 fen = amount(random);
        const int roll = int(random.bounded(100));
        const char *status = roll < 85 ? "succeeded" : roll < 95 ? "closed" : "failed";
        const bool paid = roll < 85;
        const QByteArray number = "D" + QByteArray::number(options.seed) + "-" + QByteArray::number(n);
        const QDateTime paidAt = created.addSecs(5 + random.bounded(115));
        buffer += "order," + route.appId.toLatin1() + ',' + number + ",," +
                  ChannelNames::method(route.method).toLatin1() + ',' + money(fen) + ',' +
                  kSubjects[random.bounded(int(std::size(kSubjects)))] + ',' + status + ',' + instant(created) + ',' +
                  (paid ? instant(paidAt) : QByteArray()) + ',' + route.account.toLatin1() + ',' +
                  (paid ? "T" + QByteArray::number(random.generate64() % 10000000000000ULL) : QByteArray()) + ',' +
                  (paid ? "u" + QByteArray::number(random.bounded(1000000)) : QByteArray()) + ',' +
                  feeOf(fen, route.merchantRate) + ',' + feeOf(fen, route.channelRate) + '\n';
        ++summary.orders;
        if (paid && random.bounded(12) == 0) {
            // Refunded: in full, or in part, sometimes twice.
            const int parts = random.bounded(3) == 0 ? 2 : 1;
            qint64 left = fen;
            for (int part = 0; part < parts && left > 0; ++part) {
                const qint64 share =
                    random.bounded(2) == 0 ? left : qMax<qint64>(1, left * (20 + random.bounded(60)) / 100);
                left -= share;
                const QDateTime asked = paidAt.addSecs(600 + random.bounded(2 * 86400));
                if (asked.addSecs(120) > now)
                    break; // no refunds from the future
                buffer += "refund," + route.appId.toLatin1() + ',' + number + ',' + number + "-R" +
                          QByteArray::number(part + 1) + ",," + money(share) + ",,succeeded," + instant(asked) + ',' +
                          instant(asked.addSecs(3 + random.bounded(60))) + ",," + channelRefundId(summary.refunds) +
                          ",,,\n";
                ++summary.refunds;
            }
        }
        if (buffer.size() > (1 << 20)) {
            if (out.write(buffer) != buffer.size())
                return Error(ErrorCode::FileUnwritable, out.errorString());
            buffer.clear();
        }
    }
    if (out.write(buffer) != buffer.size())
        return Error(ErrorCode::FileUnwritable, out.errorString());
    return summary;
}

Result<QList<std::pair<qint64, QString>>> applicationsOnEveryChannel(Database &database, int limit)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return DemoStore::applicationsOnEveryChannel(*connection, limit);
}

} // namespace paydesk::DemoOrders
