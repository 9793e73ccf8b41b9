#include "core/reconciliation/ResolutionPostings.h"

#include "core/ledger/AccountName.h"
#include "core/util/Error.h"

namespace paydesk::ResolutionPostings {

namespace {
bool lineMovedMoney(const ReconciliationItem &item)
{
    return item.channelStatus && (*item.channelStatus == StatementLineStatus::Succeeded ||
                                  *item.channelStatus == StatementLineStatus::Abnormal);
}

bool recordMovedMoney(const ReconciliationItem &item)
{
    return item.platformStatus && *item.platformStatus == PlatformStatus::Succeeded;
}

// +1 for a payment (money in), −1 for a refund (money out).
qint64 directionOf(const ReconciliationItem &item)
{
    return item.type == RecordType::Payment ? 1 : -1;
}

// Lines of one entry, zero lines left out.
class Lines
{
public:
    explicit Lines(Currency currency) : m_currency(currency) {}

    void add(const AccountName &account, qint64 amount)
    {
        if (amount != 0)
            m_postings << PostingDraft{account.name(), Money::fromMinor(amount, m_currency)};
    }

    Result<EntryDraft> entry(const PoolDiscrepancy &discrepancy, DiscrepancyResolution resolution, EntryKind kind,
                             const ResolutionTarget &target) const
    {
        if (m_postings.isEmpty()) {
            return Error(ErrorCode::InvalidArgument, QStringLiteral("discrepancy %1: nothing to post for %2")
                                                         .arg(discrepancy.id)
                                                         .arg(ReconciliationNames::resolution(resolution)));
        }
        EntryDraft draft;
        draft.businessDate = target.businessDate;
        draft.kind = kind;
        draft.reference = discrepancy.orderNo.isEmpty() ? discrepancy.channelTransactionId : discrepancy.orderNo;
        draft.memo = QStringLiteral("reconciliation %1 %2 of %3")
                         .arg(ReconciliationNames::resolution(resolution), discrepancy.matchKey,
                              discrepancy.billDate.toString(Qt::ISODate));
        draft.eventKey = eventKey(discrepancy.id, resolution);
        draft.createdBy = target.createdBy;
        draft.postings = m_postings;
        return draft;
    }

private:
    Currency m_currency;
    QList<PostingDraft> m_postings;
};

// Against the receivable and fee lines of a difference, `other` takes the gross.
Result<EntryDraft> differenceAgainst(const PoolDiscrepancy &discrepancy, const PostedDifference &difference,
                                     const AccountName &other, DiscrepancyResolution resolution,
                                     const ResolutionTarget &target)
{
    Lines lines(discrepancy.item.currency);
    lines.add(AccountName::channelReceivable(target.channelAccount), difference.receivable);
    lines.add(AccountName::channelFeeExpense(), difference.fee);
    lines.add(other, -difference.gross());
    return lines.entry(discrepancy, resolution, EntryKind::Adjustment, target);
}

Status needsMerchant(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target)
{
    if (target.merchantNo.isEmpty()) {
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("discrepancy %1: no merchant to take the difference").arg(discrepancy.id));
    }
    return {};
}
} // namespace

PostedDifference differenceOf(const ReconciliationItem &item)
{
    const qint64 direction = directionOf(item);
    const qint64 channelAmount = lineMovedMoney(item) ? item.channelAmount.value_or(0) : 0;
    const qint64 channelFee = lineMovedMoney(item) ? item.channelFee.value_or(0) : 0;
    const qint64 ourAmount = recordMovedMoney(item) ? item.platformAmount.value_or(0) : 0;
    const qint64 ourFee = recordMovedMoney(item) ? item.platformFee.value_or(0) : 0;
    // Statement amounts are bounded by the parsers (at most 18 digits of minor units less a
    // margin), so these differences cannot overflow.
    PostedDifference difference;
    difference.receivable = direction * ((channelAmount - channelFee) - (ourAmount - ourFee));
    difference.fee = direction * (channelFee - ourFee);
    return difference;
}

PostedDifference feeDifferenceOf(const ReconciliationItem &item)
{
    PostedDifference difference;
    difference.fee = directionOf(item) * (item.channelFee.value_or(0) - item.platformFee.value_or(0));
    difference.receivable = -difference.fee;
    return difference;
}

Result<EntryDraft> park(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target)
{
    return differenceAgainst(discrepancy, differenceOf(discrepancy.item), AccountName::suspense(),
                             DiscrepancyResolution::ParkInSuspense, target);
}

Result<EntryDraft> adjustAmount(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target)
{
    const Status merchant = needsMerchant(discrepancy, target);
    if (!merchant)
        return merchant.error();
    return differenceAgainst(discrepancy, differenceOf(discrepancy.item),
                             AccountName::merchantPending(target.merchantNo), DiscrepancyResolution::AdjustAmount,
                             target);
}

Result<EntryDraft> placeParked(const PoolDiscrepancy &discrepancy, DiscrepancyResolution resolution,
                               qint64 parkedSuspense, const ResolutionTarget &target)
{
    const Status merchant = needsMerchant(discrepancy, target);
    if (!merchant)
        return merchant.error();
    Lines lines(discrepancy.item.currency);
    lines.add(AccountName::suspense(), -parkedSuspense);
    lines.add(AccountName::merchantPending(target.merchantNo), parkedSuspense);
    return lines.entry(discrepancy, resolution, EntryKind::Adjustment, target);
}

Result<EntryDraft> adjustFee(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target)
{
    const PostedDifference difference = feeDifferenceOf(discrepancy.item);
    Lines lines(discrepancy.item.currency);
    lines.add(AccountName::channelFeeExpense(), difference.fee);
    lines.add(AccountName::channelReceivable(target.channelAccount), difference.receivable);
    return lines.entry(discrepancy, DiscrepancyResolution::AdjustFee, EntryKind::Adjustment, target);
}

QString eventKey(qint64 discrepancyId, DiscrepancyResolution resolution)
{
    return QStringLiteral("recon:%1:%2").arg(discrepancyId).arg(ReconciliationNames::resolution(resolution));
}

} // namespace paydesk::ResolutionPostings
