#pragma once

#include "core/util/Result.h"

namespace paydesk {

// 128-bit intermediate for products of two 64-bit values (amount × rate) before dividing.
__extension__ typedef __int128 Int128;

// How a division that leaves a remainder becomes a whole number of minor units.
// Every money calculation that can round names one of these at its call site.
enum class RoundingMode
{
    HalfUp,   // half away from zero: what the channels use for fees (四舍五入)
    HalfEven, // banker's rounding
    Down,     // toward zero (truncate)
    Up,       // away from zero
    Floor,    // toward negative infinity
    Ceiling,  // toward positive infinity
};

// numerator / denominator rounded as asked; the quotient must fit in qint64.
Result<qint64> divideRounded(Int128 numerator, Int128 denominator, RoundingMode mode);

} // namespace paydesk
