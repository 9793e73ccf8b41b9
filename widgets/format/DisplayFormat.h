#pragma once

#include "money/Money.h"

#include <QDate>
#include <QLocale>

namespace paydesk {

// The one place where amounts and dates become text for people, in the chosen locale
// (group separators, decimal point). Exact: formats the integer minor units, never a double.
namespace DisplayFormat {

QString money(const Money &amount, const QLocale &locale = QLocale());
QString moneyWithCurrency(const Money &amount, const QLocale &locale = QLocale());
QString date(const QDate &date, const QLocale &locale = QLocale());

} // namespace DisplayFormat
} // namespace paydesk
