#pragma once

#include "core/money/Money.h"

#include <QLocale>

namespace paydesk::MoneyInput {

// An amount a person typed in major units ("1,000.50" yuan) to exact minor units through
// Money::parse: the group separators people type are dropped, nothing else is forgiven (more
// decimals than the currency has is an error, never a rounding).
inline Result<Money> parse(const QString &text, Currency currency, const QLocale &locale = QLocale())
{
    QString plain = text.trimmed();
    plain.remove(QLatin1Char(','));
    if (locale.groupSeparator() != locale.decimalPoint())
        plain.remove(locale.groupSeparator());
    plain.remove(QLatin1Char(' '));
    return Money::parse(plain, currency);
}

// The text to put back into an input field: plain, no group separators, the currency's decimals.
inline QString text(const Money &amount)
{
    return amount.isValid() ? amount.toString() : QString();
}

} // namespace paydesk::MoneyInput
