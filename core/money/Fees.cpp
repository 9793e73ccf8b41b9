#include "core/money/Fees.h"

namespace paydesk::Fees {

Result<Money> apply(const Money &amount, Rate rate, RoundingMode mode)
{
    auto fee = divideRounded(Int128(amount.minor()) * rate.ppm(), Rate::kPartsPerMillion, mode);
    if (!fee)
        return fee.error();
    return Money::fromMinor(*fee, amount.currency());
}

Result<Money> proRataShare(const Money &totalFee, const Money &paidAmount, const Money &refundedBefore,
                           const Money &refundNow, RoundingMode mode)
{
    const Currency currency = totalFee.currency();
    if (paidAmount.currency() != currency || refundedBefore.currency() != currency || refundNow.currency() != currency)
        return Error(ErrorCode::CurrencyMismatch);
    if (!paidAmount.isPositive() || refundedBefore.isNegative() || refundNow.isNegative())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amounts must be positive"));
    const Int128 refundedAfter = Int128(refundedBefore.minor()) + refundNow.minor();
    if (refundedAfter > paidAmount.minor())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("refunds exceed the paid amount"));

    auto before = divideRounded(Int128(totalFee.minor()) * refundedBefore.minor(), paidAmount.minor(), mode);
    auto after = divideRounded(Int128(totalFee.minor()) * refundedAfter, paidAmount.minor(), mode);
    if (!before)
        return before.error();
    if (!after)
        return after.error();
    return Money::fromMinor(*after - *before, currency);
}

Result<QList<Money>> splitProRata(const Money &total, const QList<Money> &weights, RoundingMode mode)
{
    Money whole = Money::zero(total.currency());
    for (const Money &weight : weights) {
        auto sum = whole.plus(weight);
        if (!sum)
            return sum.error();
        whole = *sum;
    }
    QList<Money> shares;
    shares.reserve(weights.size());
    Money before = Money::zero(total.currency());
    for (const Money &weight : weights) {
        auto share = proRataShare(total, whole, before, weight, mode);
        if (!share)
            return share.error();
        shares.append(*share);
        before = Money::fromMinor(before.minor() + weight.minor(), before.currency());
    }
    return shares;
}

} // namespace paydesk::Fees
