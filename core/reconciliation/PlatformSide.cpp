#include "core/reconciliation/PlatformSide.h"

#include "core/payment/ReconciliationSourceStore.h"
#include "core/reconciliation/ReconciliationMatcher.h"
#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/storage/Database.h"

namespace paydesk::PlatformSide {

namespace {
constexpr qint64 kPulseEvery = 10000;

qint64 midnightMs(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
}
} // namespace

Result<qint64> feed(Database &database, qint64 channelAccountId, const QDate &billDate, const QTimeZone &zone,
                    ReconciliationMatcher &matcher, const Pulse &pulse)
{
    qint64 records = 0;
    Status failed;
    const auto add = [&](const PlatformRecord &record) {
        failed = matcher.addPlatform(record);
        if (failed && ++records % kPulseEvery == 0)
            failed = pulse(records);
        return failed.ok();
    };
    const qint64 from = midnightMs(billDate, zone);
    const qint64 to = midnightMs(billDate.addDays(1), zone);
    Status read = ReconciliationSourceStore::forEachPaidOrder(database, channelAccountId, from, to, add);
    if (read)
        read = ReconciliationSourceStore::forEachSucceededRefund(database, channelAccountId, from, to, add);
    if (!failed)
        return failed.error();
    if (!read)
        return read.error();

    auto db = database.connection();
    if (!db)
        return db.error();
    auto carried = ReconciliationRunStore::carriedOver(*db, channelAccountId, billDate.addDays(-1));
    if (!carried)
        return carried.error();
    for (const ReconciliationItem &item : std::as_const(*carried)) {
        Status added;
        if (auto channel = item.channelRecord()) {
            channel->carried = true;
            added = matcher.addChannel(*channel);
        } else if (auto platform = item.platformRecord()) {
            platform->carried = true;
            added = matcher.addPlatform(*platform);
        }
        if (!added)
            return added.error();
        ++records;
    }
    return records;
}

Status addUnpaidOrders(Database &database, qint64 channelAccountId, QList<ReconciliationItem> &items)
{
    QStringList numbers;
    for (const ReconciliationItem &item : std::as_const(items)) {
        if (item.category == DiscrepancyCategory::ChannelOnly && item.type == RecordType::Payment &&
            !item.hasPlatformSide() && !item.orderNo.isEmpty())
            numbers << item.orderNo;
    }
    if (numbers.isEmpty())
        return {};
    auto db = database.connection();
    if (!db)
        return db.error();
    auto orders = ReconciliationSourceStore::ordersByNumber(*db, channelAccountId, numbers);
    if (!orders)
        return orders.error();
    for (ReconciliationItem &item : items) {
        const auto found = orders->constFind(item.orderNo);
        if (item.category != DiscrepancyCategory::ChannelOnly || item.type != RecordType::Payment ||
            item.hasPlatformSide() || found == orders->constEnd())
            continue;
        item.platformAmount = found->amount.minor();
        item.platformFee = found->channelFee.minor();
        item.platformStatus = found->status;
        item.platformTime = found->time;
        item.platformRowId = found->rowId;
    }
    return {};
}

} // namespace paydesk::PlatformSide
