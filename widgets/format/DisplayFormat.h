#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/money/Money.h"

#include <QDate>
#include <QLocale>

namespace paydesk {

// The one place where amounts, dates and times become text for people, in the chosen locale
// (group separators, decimal point, date order). Exact: formats the integer minor units,
// never a double. Instants are shown in the platform time zone.
namespace DisplayFormat {

QString money(const Money &amount, const QLocale &locale = QLocale());
QString moneyWithCurrency(const Money &amount, const QLocale &locale = QLocale());
QString date(const QDate &date, const QLocale &locale = QLocale());
QString dateTime(const QDateTime &instant, const QLocale &locale = QLocale());
// Translated name of a journal entry kind ("Payment", "支付").
QString entryKind(EntryKind kind);

} // namespace DisplayFormat
} // namespace paydesk
