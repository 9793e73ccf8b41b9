#pragma once

#include "core/money/Currency.h"
#include "core/util/Result.h"

#include <QByteArrayView>
#include <QString>

namespace paydesk {

// An exact amount: a whole number of minor units (fen for CNY) in one currency.
// There is deliberately no constructor from a floating-point number; text goes through parse().
class Money
{
public:
    Money() = default; // zero in no currency; isValid() is false
    static Money fromMinor(qint64 minor, Currency currency) { return Money(minor, currency); }
    static Money zero(Currency currency) { return Money(0, currency); }

    struct ParseOptions
    {
        // Bill files print fees with more decimals than the currency has ("0.60000"); zeros
        // beyond the currency's decimals are then accepted. Non-zero excess digits never are.
        bool allowExcessZeroDecimals = false;
    };
    // Exact decimal text ("12", "-0.01", "99.40") to minor units. Only ASCII digits, an optional
    // leading '-', and at most the currency's decimals after a '.'. Anything else is an error.
    static Result<Money> parse(QStringView text, Currency currency);
    static Result<Money> parse(QStringView text, Currency currency, ParseOptions options);
    // The same rules over bytes, for statement files read as raw bytes (UTF-8, GBK): only ASCII
    // bytes can be digits, '-' or '.', so any other byte makes the text malformed.
    static Result<Money> parse(QByteArrayView text, Currency currency);
    static Result<Money> parse(QByteArrayView text, Currency currency, ParseOptions options);

    bool isValid() const { return m_currency.isValid(); }
    qint64 minor() const { return m_minor; }
    Currency currency() const { return m_currency; }
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }
    bool isPositive() const { return m_minor > 0; }

    // Plain decimal text with exactly the currency's decimals: "-12.30", "100" (JPY).
    QString toString() const;

    Result<Money> plus(const Money &other) const;
    Result<Money> minus(const Money &other) const;
    Result<Money> negated() const;
    Result<Money> times(qint64 factor) const;

    friend bool operator==(const Money &a, const Money &b)
    {
        return a.m_minor == b.m_minor && a.m_currency == b.m_currency;
    }
    friend bool operator!=(const Money &a, const Money &b) { return !(a == b); }

private:
    Money(qint64 minor, Currency currency) : m_minor(minor), m_currency(currency) {}
    qint64 m_minor = 0;
    Currency m_currency;
};

// Checked helpers on raw minor units, shared by Money and by sums in the ledger.
bool addOverflows(qint64 a, qint64 b, qint64 *result);
bool subtractOverflows(qint64 a, qint64 b, qint64 *result);

} // namespace paydesk
