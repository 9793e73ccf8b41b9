#include "core/reconciliation/ReconciliationRecords.h"

namespace paydesk {

namespace {
// Our number when the item has it, else the channel's.
QString firstNonEmpty(const QString &ours, const QString &theirs)
{
    return ours.isEmpty() ? theirs : ours;
}
} // namespace

ReconciliationItem ReconciliationItem::fromDiscrepancy(const Discrepancy &discrepancy)
{
    ReconciliationItem item;
    item.category = discrepancy.category;
    item.type = discrepancy.type;
    if (const auto &c = discrepancy.channel) {
        item.orderNo = c->orderNo;
        item.refundNo = c->refundNo;
        item.channelTransactionId = c->channelTransactionId;
        item.channelRefundNo = c->channelRefundNo;
        item.channelAmount = c->amount.minor();
        item.channelFee = c->fee.minor();
        item.currency = c->amount.currency();
        item.channelStatus = c->status;
        item.tradeTime = c->tradeTime;
        item.statementFile = c->file;
        item.lineNumber = c->lineNumber;
        item.carried = c->carried;
    }
    if (const auto &p = discrepancy.platform) {
        item.orderNo = firstNonEmpty(p->orderNo, item.orderNo);
        item.refundNo = firstNonEmpty(p->refundNo, item.refundNo);
        item.channelTransactionId = firstNonEmpty(item.channelTransactionId, p->channelTransactionId);
        item.channelRefundNo = firstNonEmpty(item.channelRefundNo, p->channelRefundNo);
        item.platformAmount = p->amount.minor();
        item.platformFee = p->channelFee.minor();
        item.currency = p->amount.currency();
        item.platformStatus = p->status;
        item.platformTime = p->time;
        item.platformRowId = p->rowId;
        item.carried = item.carried || p->carried;
    }
    if (discrepancy.firstListedAt)
        item.firstListedLine = discrepancy.firstListedAt->lineNumber;
    item.matchKey = matchKeyOf(item);
    return item;
}

std::optional<ChannelRecord> ReconciliationItem::channelRecord() const
{
    if (!hasChannelSide())
        return std::nullopt;
    ChannelRecord record;
    record.type = type;
    record.channelTransactionId = channelTransactionId;
    record.orderNo = orderNo;
    record.channelRefundNo = channelRefundNo;
    record.refundNo = refundNo;
    record.amount = Money::fromMinor(*channelAmount, currency);
    record.fee = Money::fromMinor(channelFee.value_or(0), currency);
    record.status = channelStatus.value_or(StatementLineStatus::Succeeded);
    record.tradeTime = tradeTime;
    record.file = statementFile;
    record.lineNumber = lineNumber;
    record.carried = true; // it is fed in again, never carried a second time
    return record;
}

std::optional<PlatformRecord> ReconciliationItem::platformRecord() const
{
    if (!hasPlatformSide())
        return std::nullopt;
    PlatformRecord record;
    record.type = type;
    record.rowId = platformRowId;
    record.orderNo = orderNo;
    record.refundNo = refundNo;
    record.channelTransactionId = channelTransactionId;
    record.channelRefundNo = channelRefundNo;
    record.amount = Money::fromMinor(*platformAmount, currency);
    record.channelFee = Money::fromMinor(platformFee.value_or(0), currency);
    record.status = platformStatus.value_or(PlatformStatus::Succeeded);
    record.time = platformTime;
    record.carried = true;
    return record;
}

QString matchKeyOf(const ReconciliationItem &item)
{
    QString key = item.type == RecordType::Refund ? firstNonEmpty(item.refundNo, item.channelRefundNo)
                                                  : firstNonEmpty(item.orderNo, item.channelTransactionId);
    // A line with none of the numbers (the matcher refuses such records, but a key must never be
    // shared by unrelated items): where it stands in the statement.
    if (key.isEmpty())
        key = QStringLiteral("%1:%2").arg(item.statementFile).arg(item.lineNumber);
    if (item.category == DiscrepancyCategory::DuplicateInStatement)
        key += QStringLiteral("#duplicate");
    return key;
}

} // namespace paydesk
