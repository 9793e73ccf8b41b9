#include "core/money/Money.h"

#include <limits>

namespace paydesk {

bool addOverflows(qint64 a, qint64 b, qint64 *result)
{
    return __builtin_add_overflow(a, b, result);
}

bool subtractOverflows(qint64 a, qint64 b, qint64 *result)
{
    return __builtin_sub_overflow(a, b, result);
}

Result<Money> Money::parse(QStringView text, Currency currency)
{
    return parse(text, currency, ParseOptions{});
}

Result<Money> Money::parse(QStringView text, Currency currency, ParseOptions options)
{
    // Every valid amount is ASCII; anything else is malformed, named as it was given.
    for (const QChar c : text) {
        if (c.unicode() > 0x7f) {
            if (!currency.isValid())
                return Error(ErrorCode::CurrencyUnknown);
            return Error(ErrorCode::AmountMalformed, text.toString());
        }
    }
    return parse(QByteArrayView(text.toLatin1()), currency, options);
}

Result<Money> Money::parse(QByteArrayView text, Currency currency)
{
    return parse(text, currency, ParseOptions{});
}

// The parser itself, on bytes, so that statement parsers need not build a QString for every
// amount of a million-line file; parse(QStringView, …) hands ASCII text to it.
Result<Money> Money::parse(QByteArrayView text, Currency currency, ParseOptions options)
{
    if (!currency.isValid())
        return Error(ErrorCode::CurrencyUnknown);
    if (text.isEmpty())
        return Error(ErrorCode::AmountEmpty);

    const int decimals = currency.decimals();
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype pos = 0;
    const bool negative = data[0] == '-';
    if (negative)
        ++pos;

    // Accumulate as a non-positive number so that the most negative amount parses too.
    qint64 accumulated = 0;
    int integerDigits = 0;
    auto addDigit = [&accumulated](int digit) {
        return !__builtin_mul_overflow(accumulated, qint64(10), &accumulated) &&
               !__builtin_sub_overflow(accumulated, qint64(digit), &accumulated);
    };
    auto isAsciiDigit = [](char c) { return c >= '0' && c <= '9'; };
    auto detail = [text] { return QString::fromUtf8(text); };

    for (; pos < size && isAsciiDigit(data[pos]); ++pos, ++integerDigits) {
        if (!addDigit(data[pos] - '0'))
            return Error(ErrorCode::AmountOutOfRange, detail());
    }
    if (integerDigits == 0)
        return Error(ErrorCode::AmountMalformed, detail());

    int fractionDigits = 0;
    if (pos < size && data[pos] == '.') {
        ++pos;
        const qsizetype fractionStart = pos;
        for (; pos < size && isAsciiDigit(data[pos]); ++pos) {
            const int digit = data[pos] - '0';
            if (fractionDigits < decimals) {
                if (!addDigit(digit))
                    return Error(ErrorCode::AmountOutOfRange, detail());
                ++fractionDigits;
            } else if (digit != 0 || !options.allowExcessZeroDecimals) {
                return Error(ErrorCode::AmountTooManyDecimals, detail());
            }
        }
        if (pos == fractionStart)
            return Error(ErrorCode::AmountMalformed, detail());
    }
    if (pos != size)
        return Error(ErrorCode::AmountMalformed, detail());

    for (; fractionDigits < decimals; ++fractionDigits) {
        if (!addDigit(0))
            return Error(ErrorCode::AmountOutOfRange, detail());
    }
    if (!negative) {
        if (accumulated == std::numeric_limits<qint64>::min())
            return Error(ErrorCode::AmountOutOfRange, detail());
        accumulated = -accumulated;
    }
    return Money(accumulated, currency);
}

QString Money::toString() const
{
    const int decimals = m_currency.decimals();
    // Work on the magnitude as unsigned so that the most negative value prints correctly.
    const quint64 magnitude = m_minor < 0 ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    QString digits = QString::number(magnitude);
    if (decimals > 0) {
        if (digits.size() <= decimals)
            digits = QString(decimals + 1 - digits.size(), QLatin1Char('0')) + digits;
        digits.insert(digits.size() - decimals, QLatin1Char('.'));
    }
    return m_minor < 0 ? QLatin1Char('-') + digits : digits;
}

Result<Money> Money::plus(const Money &other) const
{
    if (m_currency != other.m_currency)
        return Error(ErrorCode::CurrencyMismatch, m_currency.code() + QLatin1Char('/') + other.m_currency.code());
    qint64 sum = 0;
    if (addOverflows(m_minor, other.m_minor, &sum))
        return Error(ErrorCode::ArithmeticOverflow);
    return Money(sum, m_currency);
}

Result<Money> Money::minus(const Money &other) const
{
    if (m_currency != other.m_currency)
        return Error(ErrorCode::CurrencyMismatch, m_currency.code() + QLatin1Char('/') + other.m_currency.code());
    qint64 difference = 0;
    if (subtractOverflows(m_minor, other.m_minor, &difference))
        return Error(ErrorCode::ArithmeticOverflow);
    return Money(difference, m_currency);
}

Result<Money> Money::negated() const
{
    if (m_minor == std::numeric_limits<qint64>::min())
        return Error(ErrorCode::ArithmeticOverflow);
    return Money(-m_minor, m_currency);
}

Result<Money> Money::times(qint64 factor) const
{
    qint64 product = 0;
    if (__builtin_mul_overflow(m_minor, factor, &product))
        return Error(ErrorCode::ArithmeticOverflow);
    return Money(product, m_currency);
}

} // namespace paydesk
