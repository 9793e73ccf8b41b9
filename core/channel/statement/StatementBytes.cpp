#include "core/channel/statement/StatementBytes.h"

#include <limits>

namespace paydesk {

bool StatementBytes::isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p < end) {
        const uchar lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int trail = 0;
        uint min = 0;
        uint codePoint = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            trail = 1;
            min = 0x80;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            trail = 2;
            min = 0x800;
            codePoint = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            trail = 3;
            min = 0x10000;
            codePoint = lead & 0x07;
        } else {
            return false;
        }
        if (end - p <= trail)
            return false;
        for (int i = 1; i <= trail; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (p[i] & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        p += trail + 1;
    }
    return true;
}

bool StatementBytes::isValidGbk(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const auto *const end = p + bytes.size();
    while (p < end) {
        const uchar lead = *p;
        if (lead <= 0x80) { // ASCII, and 0x80 (the euro sign of code page 936)
            ++p;
            continue;
        }
        if (lead == 0xFF || p + 1 == end)
            return false;
        const uchar trail = p[1];
        if (trail < 0x40 || trail == 0x7F || trail == 0xFF)
            return false;
        p += 2;
    }
    return true;
}

Error StatementBytes::amountError(QByteArrayView utf8Column, QByteArrayView text, const Error &cause)
{
    return Error(ErrorCode::StatementMalformed,
                 QStringLiteral("%1 '%2': %3")
                     .arg(QString::fromUtf8(utf8Column), QString::fromUtf8(text), Error::describe(cause.code())));
}

void StatementBytes::appendNumber(QByteArray &out, quint64 value, int width)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    for (int pad = width - count; pad > 0; --pad)
        out.append('0');
    while (count > 0)
        out.append(digits[--count]);
}

void StatementBytes::appendYuan(QByteArray &out, qint64 minor, int extraZeros)
{
    const quint64 magnitude = minor < 0 ? quint64(0) - quint64(minor) : quint64(minor);
    if (minor < 0)
        out.append('-');
    appendNumber(out, magnitude / 100);
    out.append('.');
    appendNumber(out, magnitude % 100, 2);
    for (; extraZeros > 0; --extraZeros)
        out.append('0');
}

QByteArray StatementBytes::javaDoubleText(qint64 units, int decimals)
{
    if (units == 0)
        return QByteArrayLiteral("0.0");
    const quint64 magnitude = units < 0 ? quint64(0) - quint64(units) : quint64(units);
    QByteArray digits;
    appendNumber(digits, magnitude);
    QByteArray out;
    if (units < 0)
        out.append('-');
    const int exponent = int(digits.size()) - 1 - decimals; // of the leading digit
    if (exponent >= -3 && exponent < 7) {
        // Plain notation: the integer part, then the fraction without trailing zeros (at least one digit).
        if (digits.size() <= decimals)
            digits.prepend(QByteArray(decimals + 1 - digits.size(), '0'));
        const qsizetype point = digits.size() - decimals;
        QByteArray fraction = digits.mid(point);
        while (fraction.size() > 1 && fraction.endsWith('0'))
            fraction.chop(1);
        if (fraction.isEmpty())
            fraction = QByteArrayLiteral("0");
        out += digits.left(point) + '.' + fraction;
    } else {
        QByteArray significant = digits;
        while (significant.size() > 1 && significant.endsWith('0'))
            significant.chop(1);
        out += significant.left(1) + '.' + (significant.size() > 1 ? significant.mid(1) : QByteArrayLiteral("0"));
        out += 'E' + QByteArray::number(exponent);
    }
    return out;
}

Result<qint64> StatementBytes::parseJavaDouble(QByteArrayView text, int decimals)
{
    const auto malformed = [text] { return Error(ErrorCode::AmountMalformed, QString::fromUtf8(text)); };
    qsizetype pos = 0;
    const bool negative = pos < text.size() && text[pos] == '-';
    if (negative)
        ++pos;
    quint64 mantissa = 0;
    int fractionDigits = 0;
    int integerDigits = 0;
    auto addDigit = [&mantissa](char c) {
        return !__builtin_mul_overflow(mantissa, quint64(10), &mantissa) &&
               !__builtin_add_overflow(mantissa, quint64(c - '0'), &mantissa);
    };
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++integerDigits) {
        if (!addDigit(text[pos]))
            return Error(ErrorCode::AmountOutOfRange, QString::fromUtf8(text));
    }
    if (integerDigits == 0)
        return malformed();
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++fractionDigits) {
            if (!addDigit(text[pos]))
                return Error(ErrorCode::AmountOutOfRange, QString::fromUtf8(text));
        }
        if (fractionDigits == 0)
            return malformed();
    }
    int exponent = 0;
    if (pos < text.size() && (text[pos] == 'E' || text[pos] == 'e')) {
        ++pos;
        const bool negativeExponent = pos < text.size() && text[pos] == '-';
        if (negativeExponent)
            ++pos;
        int exponentDigits = 0;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++exponentDigits) {
            exponent = exponent * 10 + (text[pos] - '0');
            if (exponent > 400)
                return Error(ErrorCode::AmountOutOfRange, QString::fromUtf8(text));
        }
        if (exponentDigits == 0)
            return malformed();
        if (negativeExponent)
            exponent = -exponent;
    }
    if (pos != text.size())
        return malformed();

    // value × 10^decimals = mantissa × 10^(exponent + decimals − fractionDigits), exactly.
    int shift = exponent + decimals - fractionDigits;
    for (; shift < 0; ++shift) {
        if (mantissa % 10 != 0)
            return Error(ErrorCode::AmountTooManyDecimals, QString::fromUtf8(text));
        mantissa /= 10;
    }
    for (; shift > 0 && mantissa != 0; --shift) {
        if (__builtin_mul_overflow(mantissa, quint64(10), &mantissa))
            return Error(ErrorCode::AmountOutOfRange, QString::fromUtf8(text));
    }
    if (mantissa > quint64(std::numeric_limits<qint64>::max()))
        return Error(ErrorCode::AmountOutOfRange, QString::fromUtf8(text));
    return negative ? -qint64(mantissa) : qint64(mantissa);
}

} // namespace paydesk
