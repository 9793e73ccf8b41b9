#pragma once

#include "core/money/Money.h"
#include "core/money/Rate.h"
#include "core/money/Rounding.h"

#include <QList>

namespace paydesk {

// Fee arithmetic: amount × rate, and returning a fee pro rata when an amount is refunded in
// parts. The rounding mode is always the caller's explicit choice.
namespace Fees {

// amount × rate, rounded to whole minor units.
Result<Money> apply(const Money &amount, Rate rate, RoundingMode mode);

// The share of `totalFee` that goes back with a refund of `refundNow`, when `refundedBefore`
// of `paidAmount` was already refunded. Computed as round(F·(before+now)/paid) − round(F·before/paid),
// so the shares of any sequence of refunds add up to round(F·refunded/paid), and to exactly F
// once everything is refunded: the last refund takes the remainder and totals never drift.
Result<Money> proRataShare(const Money &totalFee, const Money &paidAmount, const Money &refundedBefore,
                           const Money &refundNow, RoundingMode mode);

// Splits `total` across parts proportional to `weights` (which must add up to the weight of
// the whole, e.g. refunds adding up to the paid amount); the results always add up to `total`.
Result<QList<Money>> splitProRata(const Money &total, const QList<Money> &weights, RoundingMode mode);

} // namespace Fees
} // namespace paydesk
