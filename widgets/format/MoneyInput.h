#pragma once

#include "core/money/Money.h"

#include <QLocale>

namespace paydesk::MoneyInput {

// The one place where an amount a person typed, in major units, becomes exact minor units — read
// with the locale's own marks: "1,000.50" in en_US and zh_CN, "1.000,50" in de_DE and
// "1 000,50" in fr_FR are all 100050 fen. Group separators are optional but, when typed, must
// group as the locale does (so "1,5" in en_US is refused, never read as 15 or 1.5); a locale
// whose separator is a space also takes an ordinary or no-break space. Only ASCII digits, an
// optional leading minus, at most one decimal mark. The digits then go through Money::parse:
// more decimals than the currency has is an error, never a rounding.
Result<Money> parse(const QString &text, Currency currency, const QLocale &locale = QLocale());

// The text to put back into an input field, which parse() reads back unchanged: no group
// separators, the locale's decimal mark, the currency's decimals ("1000.50", "1000,50").
QString text(const Money &amount, const QLocale &locale = QLocale());

// A whole amount written as text() writes it, for hints ("e.g. 100.00", "100,00", "100" in yen);
// just the number while the currency is not known.
QString example(qint64 major, Currency currency, const QLocale &locale = QLocale());

} // namespace paydesk::MoneyInput
