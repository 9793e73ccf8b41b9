#pragma once

#include "core/money/Money.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstring>

namespace paydesk {

// Byte-level helpers shared by the statement readers and writers. Statement files are split
// on ASCII bytes (',', TAB, space, '`'): safe for UTF-8 and for GBK, whose trail bytes are
// 0x40–0xFE. Fields are only decoded when they are kept.
class StatementBytes
{
public:
    // Splits `line` at every `separator` into at most `capacity` views; returns how many
    // fields there are (capacity + 1 means "more than capacity").
    static qsizetype split(QByteArrayView line, char separator, QByteArrayView *fields, qsizetype capacity)
    {
        qsizetype count = 0;
        const char *begin = line.data();
        const char *const end = begin + line.size();
        for (;;) {
            const void *hit = begin == end ? nullptr : std::memchr(begin, separator, size_t(end - begin));
            const char *stop = hit ? static_cast<const char *>(hit) : end;
            if (count == capacity)
                return capacity + 1;
            fields[count++] = QByteArrayView(begin, stop - begin);
            if (!hit)
                return count;
            begin = stop + 1;
        }
    }

    // WeChat bill lines: every field starts with '`' and fields are joined by ",`". Returns the
    // number of fields as split() does, or -1 when the line does not start with '`'.
    static qsizetype splitBackticked(QByteArrayView line, QByteArrayView *fields, qsizetype capacity)
    {
        if (line.isEmpty() || line.front() != '`')
            return -1;
        qsizetype count = 0;
        const char *begin = line.data() + 1;
        const char *const end = line.data() + line.size();
        const char *scan = begin;
        for (;;) {
            const void *hit = scan == end ? nullptr : std::memchr(scan, ',', size_t(end - scan));
            const char *comma = static_cast<const char *>(hit);
            if (comma && (comma + 1 == end || comma[1] != '`')) {
                scan = comma + 1; // a comma inside a field
                continue;
            }
            if (count == capacity)
                return capacity + 1;
            const char *stop = comma ? comma : end;
            fields[count++] = QByteArrayView(begin, stop - begin);
            if (!comma)
                return count;
            begin = scan = comma + 2;
        }
    }

    static QByteArrayView trimTrailingTabs(QByteArrayView field)
    {
        qsizetype size = field.size();
        while (size > 0 && field[size - 1] == '\t')
            --size;
        return field.first(size);
    }
    static QByteArrayView trimSpaces(QByteArrayView field)
    {
        qsizetype begin = 0;
        qsizetype end = field.size();
        while (begin < end && field[begin] == ' ')
            ++begin;
        while (end > begin && field[end - 1] == ' ')
            --end;
        return field.sliced(begin, end - begin);
    }

    static bool isAscii(QByteArrayView bytes)
    {
        const char *p = bytes.data();
        qsizetype n = bytes.size();
        for (; n >= 8; p += 8, n -= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                return false;
        }
        for (; n > 0; ++p, --n) {
            if (uchar(*p) & 0x80)
                return false;
        }
        return true;
    }
    static bool isDigits(QByteArrayView bytes)
    {
        for (char c : bytes) {
            if (c < '0' || c > '9')
                return false;
        }
        return !bytes.isEmpty();
    }
    // Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
    static bool isValidUtf8(QByteArrayView bytes);
    // Well-formed GBK (code page 936): ASCII, 0x80, or a lead byte 0x81–0xFE followed by a trail
    // byte 0x40–0x7E or 0x80–0xFE.
    static bool isValidGbk(QByteArrayView bytes);

    // Writes ASCII bytes into `target`, reusing its buffer when it is not shared.
    static void assignAscii(QString &target, QByteArrayView bytes)
    {
        target.resize(bytes.size());
        char16_t *out = reinterpret_cast<char16_t *>(target.data());
        for (qsizetype i = 0; i < bytes.size(); ++i)
            out[i] = uchar(bytes[i]);
    }
    static bool equalsAscii(const QString &text, QByteArrayView bytes)
    {
        if (text.size() != bytes.size())
            return false;
        const char16_t *chars = reinterpret_cast<const char16_t *>(text.constData());
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (chars[i] != uchar(bytes[i]))
                return false;
        }
        return true;
    }

    // Exact yuan text ("0.01", "-12.30") to fen; `allowExcessZeroDecimals` for fee columns
    // printed with 5 decimals. The error's detail names the column.
    static Result<qint64> parseYuan(QByteArrayView text, QByteArrayView utf8Column,
                                    bool allowExcessZeroDecimals = false)
    {
        Money::ParseOptions options;
        options.allowExcessZeroDecimals = allowExcessZeroDecimals;
        auto money = Money::parse(text, Currency::cny(), options);
        if (!money)
            return amountError(utf8Column, text, money.error());
        return money->minor();
    }
    static Error amountError(QByteArrayView utf8Column, QByteArrayView text, const Error &cause);

    // Appends fen as yuan with two decimals ("0.01", "-12.30"), then `extraZeros` zeros.
    static void appendYuan(QByteArray &out, qint64 minor, int extraZeros = 0);
    // Appends a non-negative integer, left-padded with zeros to `width` digits.
    static void appendNumber(QByteArray &out, quint64 value, int width = 0);

    // Totals as the WeChat bill prints them: Java's Double.toString of the yuan value ("0.47",
    // "0.0", "45.0", "1.0E7"). Formatted from the integer, never through a double.
    static QByteArray javaDoubleText(qint64 units, int decimals);
    // The reverse: exact value × 10^decimals; fails when the text has more precision.
    static Result<qint64> parseJavaDouble(QByteArrayView text, int decimals);
};

} // namespace paydesk
