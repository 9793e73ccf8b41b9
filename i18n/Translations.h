#pragma once

#include <QLocale>

namespace paydesk {

// Loads the Paydesk translation (and Qt's own) for a locale into the application.
// Simplified Chinese is complete; any other language falls back to English.
namespace Translations {

// Returns true when a Paydesk translation for the locale's language was installed.
bool install(const QLocale &locale);
// The languages the user can choose, as locale names ("en", "zh_CN").
QStringList available();

} // namespace Translations
} // namespace paydesk
