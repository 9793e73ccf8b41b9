#include "core/reconciliation/ResolutionPostings.h"
#include "core/reconciliation/ResolutionProposal.h"

namespace paydesk {

namespace {
using R = DiscrepancyResolution;

// What fits an open discrepancy, by what the channel and we each hold (docs/reconciliation.md
// "Resolving"). Parking fits whenever the two sides' money differs.
QList<R> forOpen(const PoolDiscrepancy &d)
{
    const bool moneyDiffers = !ResolutionPostings::differenceOf(d.item).isZero();
    const bool payment = d.type == RecordType::Payment;
    const bool ourOrder = !d.orderNo.isEmpty() && d.merchantId != 0;
    QList<R> fits;
    switch (d.category) {
    case DiscrepancyCategory::ChannelOnly:
        // The missed callback: our order exists and is unpaid.
        if (payment && ourOrder && d.item.hasPlatformSide())
            fits << R::ChannelOnlyMarkPaid;
        break;
    case DiscrepancyCategory::PlatformOnly:
        if (payment && ourOrder)
            fits << R::ReversePayment;
        break;
    case DiscrepancyCategory::StatusMismatch:
        // A payment the channel revoked that we hold as paid.
        if (payment && ourOrder && d.item.hasPlatformSide() && d.item.channelStatus &&
            *d.item.channelStatus == StatementLineStatus::Revoked)
            fits << R::ReversePayment;
        break;
    case DiscrepancyCategory::AmountMismatch:
        if (ourOrder && moneyDiffers)
            fits << R::AdjustAmount;
        break;
    case DiscrepancyCategory::FeeMismatch:
        if (!ResolutionPostings::feeDifferenceOf(d.item).isZero())
            fits << R::AdjustFee;
        break;
    case DiscrepancyCategory::DuplicateInStatement:
    case DiscrepancyCategory::CarriedOver:
    case DiscrepancyCategory::Matched:
        break;
    }
    if (moneyDiffers && d.category != DiscrepancyCategory::FeeMismatch &&
        d.category != DiscrepancyCategory::DuplicateInStatement)
        fits << R::ParkInSuspense;
    // No money to move (a duplicate line, a refund still under way at the channel): the note says
    // why it is settled.
    if (!moneyDiffers || d.category == DiscrepancyCategory::DuplicateInStatement)
        fits << R::Acknowledge;
    return fits;
}

// What places money parked in suspense.
QList<R> forParked(const PoolDiscrepancy &d)
{
    if (d.merchantId != 0 && d.category == DiscrepancyCategory::AmountMismatch)
        return {R::AdjustAmount}; // the difference to the order's merchant
    QList<R> fits;
    // A payment nobody here ordered: back to the payer, or to the merchant it turns out to be.
    if (d.type == RecordType::Payment && d.category == DiscrepancyCategory::ChannelOnly &&
        !d.item.channelTransactionId.isEmpty())
        fits << R::RefundToPayer;
    fits << R::AssignToMerchant;
    return fits;
}
} // namespace

QList<DiscrepancyResolution> resolutionsFor(const PoolDiscrepancy &discrepancy)
{
    switch (discrepancy.status) {
    case DiscrepancyStatus::Open:
        return forOpen(discrepancy);
    case DiscrepancyStatus::Resolved:
        if (discrepancy.parkedEntryId && discrepancy.resolution == DiscrepancyResolution::ParkInSuspense)
            return forParked(discrepancy);
        return {};
    case DiscrepancyStatus::Proposed:
    case DiscrepancyStatus::Gone:
        return {};
    }
    return {};
}

} // namespace paydesk
