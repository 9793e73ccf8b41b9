#include "core/money/Rounding.h"

#include <limits>

namespace paydesk {

Result<qint64> divideRounded(Int128 numerator, Int128 denominator, RoundingMode mode)
{
    if (denominator == 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("division by zero"));
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    Int128 quotient = numerator / denominator; // truncates toward zero
    const Int128 remainder = numerator % denominator;
    if (remainder != 0) {
        const bool negative = numerator < 0;
        const Int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
        bool awayFromZero = false;
        switch (mode) {
        case RoundingMode::HalfUp:
            awayFromZero = twice >= denominator;
            break;
        case RoundingMode::HalfEven:
            awayFromZero = twice > denominator || (twice == denominator && (quotient % 2 != 0));
            break;
        case RoundingMode::Down:
            awayFromZero = false;
            break;
        case RoundingMode::Up:
            awayFromZero = true;
            break;
        case RoundingMode::Floor:
            awayFromZero = negative;
            break;
        case RoundingMode::Ceiling:
            awayFromZero = !negative;
            break;
        }
        if (awayFromZero)
            quotient += negative ? -1 : 1;
    }
    if (quotient > std::numeric_limits<qint64>::max() || quotient < std::numeric_limits<qint64>::min())
        return Error(ErrorCode::ArithmeticOverflow);
    return qint64(quotient);
}

} // namespace paydesk
