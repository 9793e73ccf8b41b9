#pragma once

#include <QDate>
#include <QString>

namespace paydesk {

// The two registration numbers a merchant can have, checked by their check characters:
// the 18-character unified social credit code of an organisation (统一社会信用代码,
// GB 32100-2015) and the 18-character resident identity card number of a person (公民身份号码,
// GB 11643-1999, ISO 7064 MOD 11-2). Both expect upper-case text without spaces.
class RegistrationNumber
{
public:
    // Why the text is not a valid code, or an empty string when it is.
    static QString creditCodeProblem(const QString &code);
    // `today` (when valid) also refuses birth dates in the future.
    static QString residentIdProblem(const QString &id, const QDate &today = QDate());

    // The check character of the first 17 characters, or a null QChar when they cannot be one.
    static QChar creditCodeCheckCharacter(QStringView first17);
    static QChar residentIdCheckCharacter(QStringView first17);
};

} // namespace paydesk
