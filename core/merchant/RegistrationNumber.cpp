#include "core/merchant/RegistrationNumber.h"

namespace paydesk {

namespace {
// GB 32100-2015: the 31 characters a code may use (no I, O, S, V, Z), valued 0–30.
constexpr QLatin1StringView kCreditCodeAlphabet("0123456789ABCDEFGHJKLMNPQRTUWXY");
// Weight of position i is 3^i mod 31.
constexpr int kCreditCodeWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
constexpr int kResidentIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr QLatin1StringView kResidentIdChecks("10X98765432");

bool allDigits(QStringView text)
{
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}
} // namespace

QChar RegistrationNumber::creditCodeCheckCharacter(QStringView first17)
{
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const qsizetype value = kCreditCodeAlphabet.indexOf(first17.at(i));
        if (value < 0)
            return {};
        sum += int(value) * kCreditCodeWeights[i];
    }
    const int check = (31 - sum % 31) % 31;
    return kCreditCodeAlphabet.at(check);
}

QChar RegistrationNumber::residentIdCheckCharacter(QStringView first17)
{
    if (first17.size() != 17 || !allDigits(first17))
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * kResidentIdWeights[i];
    return kResidentIdChecks.at(sum % 11);
}

QString RegistrationNumber::creditCodeProblem(const QString &code)
{
    if (code.size() != 18)
        return QStringLiteral("a unified social credit code has 18 characters, not %1").arg(code.size());
    for (int i = 0; i < 18; ++i) {
        if (kCreditCodeAlphabet.indexOf(code.at(i)) < 0)
            return QStringLiteral("character %1 ('%2') is not allowed in a unified social credit code")
                .arg(i + 1)
                .arg(code.at(i));
    }
    if (!allDigits(QStringView(code).mid(2, 6)))
        return QStringLiteral("characters 3 to 8 must be the digits of an administrative division code");
    const QChar expected = creditCodeCheckCharacter(QStringView(code).left(17));
    if (code.at(17) != expected)
        return QStringLiteral("the check character is %1, not %2").arg(expected).arg(code.at(17));
    return {};
}

QString RegistrationNumber::residentIdProblem(const QString &id, const QDate &today)
{
    if (id.size() != 18)
        return QStringLiteral("a resident ID number has 18 characters, not %1").arg(id.size());
    const QStringView first17 = QStringView(id).left(17);
    if (!allDigits(first17))
        return QStringLiteral("the first 17 characters of a resident ID number are digits");
    if (!allDigits(QStringView(id).right(1)) && id.at(17) != QLatin1Char('X'))
        return QStringLiteral("the last character of a resident ID number is a digit or X");
    if (id.at(0) == QLatin1Char('0') || id.at(0) == QLatin1Char('9'))
        return QStringLiteral("characters 1 to 6 are not a region code");
    const QDate birth = QDate::fromString(id.mid(6, 8), QStringLiteral("yyyyMMdd"));
    if (!birth.isValid() || birth.year() < 1800)
        return QStringLiteral("characters 7 to 14 are not a birth date");
    if (today.isValid() && birth > today)
        return QStringLiteral("the birth date %1 is in the future").arg(birth.toString(Qt::ISODate));
    const QChar expected = residentIdCheckCharacter(first17);
    if (id.at(17) != expected)
        return QStringLiteral("the check character is %1, not %2").arg(expected).arg(id.at(17));
    return {};
}

} // namespace paydesk
