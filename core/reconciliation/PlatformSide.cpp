#include "core/reconciliation/PlatformSide.h"

#include "core/payment/ReconciliationSourceStore.h"
#include "core/reconciliation/ReconciliationMatcher.h"
#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/storage/Database.h"

namespace paydesk::PlatformSide {

namespace {
qint64 midnightMs(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
}

// A one-sided item gets the record of ours a lookup found after the match.
void attachOurSide(ReconciliationItem &item, const PlatformRecord &ours)
{
    item.platformAmount = ours.amount.minor();
    item.platformFee = ours.channelFee.minor();
    item.platformStatus = ours.status;
    item.platformTime = ours.time;
    item.platformRowId = ours.rowId;
}
} // namespace

Status forEachOfTheDay(Database &database, qint64 channelAccountId, const QDate &billDate, const QTimeZone &zone,
                       const std::function<bool(const PlatformRecord &)> &onRecord)
{
    const qint64 from = midnightMs(billDate, zone);
    const qint64 to = midnightMs(billDate.addDays(1), zone);
    const Status paid = ReconciliationSourceStore::forEachPaidOrder(database, channelAccountId, from, to, onRecord);
    if (!paid)
        return paid;
    return ReconciliationSourceStore::forEachSucceededRefund(database, channelAccountId, from, to, onRecord);
}

Result<qint64> feedCarriedOver(Database &database, qint64 channelAccountId, const QDate &billDate,
                               ReconciliationMatcher &matcher)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    auto carried = ReconciliationRunStore::carriedOver(*db, channelAccountId, billDate.addDays(-1));
    if (!carried)
        return carried.error();
    qint64 records = 0;
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
        attachOurSide(item, *found);
    }
    return {};
}

Status reclassifyUnfinishedRefunds(Database &database, qint64 channelAccountId, QList<ReconciliationItem> &items,
                                   ReconciliationSummary &summary)
{
    const auto candidate = [](const ReconciliationItem &item) {
        return item.category == DiscrepancyCategory::ChannelOnly && item.type == RecordType::Refund &&
               !item.hasPlatformSide() && !item.refundNo.isEmpty();
    };
    QStringList numbers;
    for (const ReconciliationItem &item : std::as_const(items)) {
        if (candidate(item))
            numbers << item.refundNo;
    }
    if (numbers.isEmpty())
        return {};
    auto db = database.connection();
    if (!db)
        return db.error();
    auto refunds = ReconciliationSourceStore::refundsByNumber(*db, channelAccountId, numbers);
    if (!refunds)
        return refunds.error();
    for (ReconciliationItem &item : items) {
        const auto found = refunds->constFind(item.refundNo);
        if (!candidate(item) || found == refunds->constEnd() || found->status == PlatformStatus::Succeeded)
            continue;
        // Out of channel_only (its channel amount only), into status_mismatch with both sides.
        CategoryTally &from = summary.of(DiscrepancyCategory::ChannelOnly, RecordType::Refund);
        from.count -= 1;
        from.channelAmount -= item.channelAmount.value_or(0);
        const Status added = summary.of(DiscrepancyCategory::StatusMismatch, RecordType::Refund)
                                 .add(item.channelAmount.value_or(0), found->amount.minor());
        if (!added)
            return added;
        item.category = DiscrepancyCategory::StatusMismatch;
        attachOurSide(item, *found);
    }
    return {};
}

} // namespace paydesk::PlatformSide
