#include "widgets/format/MoneyInput.h"

#include <QList>

namespace paydesk::MoneyInput {

namespace {

// How the locale groups the integer digits, learnt from how it writes a long number: the last
// group's size and the size of those before it (3 and 3 mostly; 3 and 2 in hi_IN's "12,34,567").
struct Grouping
{
    qsizetype last = 3;
    qsizetype others = 3;
};

Grouping groupingOf(const QLocale &locale, const QString &separator)
{
    QLocale grouped = locale;
    grouped.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    const QStringList groups = grouped.toString(qlonglong(1234567890123456)).split(separator);
    if (groups.size() < 3)
        return {};
    return {groups.last().size(), groups.at(groups.size() - 2).size()};
}

bool isSpaceSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QChar(0x00a0) || c == QChar(0x202f);
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// The groups must be as the locale writes them: none empty, the last of the full size, the
// first no longer than the others.
bool groupsAsTheLocaleWrites(const QList<qsizetype> &groups, Grouping grouping)
{
    for (int i = 0; i < groups.size(); ++i) {
        const qsizetype size = groups.at(i);
        const bool first = i == 0;
        const bool last = i == groups.size() - 1;
        const qsizetype expected = last ? grouping.last : grouping.others;
        if (size == 0 || (first ? size > expected : size != expected))
            return false;
    }
    return true;
}

} // namespace

Result<Money> parse(const QString &text, Currency currency, const QLocale &locale)
{
    if (!currency.isValid())
        return Error(ErrorCode::CurrencyUnknown);
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return Error(ErrorCode::AmountEmpty);
    const QString decimalMark = locale.decimalPoint();
    QString groupMark = locale.groupSeparator();
    if (groupMark == decimalMark)
        groupMark.clear();
    const bool spaceGroups = groupMark.size() == 1 && groupMark.at(0).isSpace();
    const auto malformed = [&typed]() { return Error(ErrorCode::AmountMalformed, typed); };

    // Rewritten as Money::parse reads it: "-1234.50".
    QString plain;
    qsizetype pos = 0;
    if (typed.startsWith(QLatin1Char('-'))) {
        pos = 1;
        plain += QLatin1Char('-');
    } else if (const QString minus = locale.negativeSign(); !minus.isEmpty() && typed.startsWith(minus)) {
        pos = minus.size();
        plain += QLatin1Char('-');
    }

    // The length of a group separator at `at`, or 0 when there is none.
    const auto separatorAt = [&](qsizetype at) -> qsizetype {
        if (spaceGroups)
            return isSpaceSeparator(typed.at(at)) ? 1 : 0;
        return !groupMark.isEmpty() && QStringView(typed).sliced(at).startsWith(groupMark) ? groupMark.size() : 0;
    };
    QList<qsizetype> groups{0}; // the integer digits' group sizes, as typed
    while (pos < typed.size()) {
        if (isAsciiDigit(typed.at(pos))) {
            plain += typed.at(pos++);
            ++groups.last();
        } else if (const qsizetype separator = separatorAt(pos)) {
            pos += separator;
            groups.append(0);
        } else {
            break;
        }
    }
    if (groups.size() > 1 && !groupsAsTheLocaleWrites(groups, groupingOf(locale, locale.groupSeparator())))
        return malformed();

    if (pos < typed.size()) {
        if (!QStringView(typed).sliced(pos).startsWith(decimalMark))
            return malformed();
        pos += decimalMark.size();
        plain += QLatin1Char('.');
        for (; pos < typed.size(); ++pos) {
            if (!isAsciiDigit(typed.at(pos)))
                return malformed();
            plain += typed.at(pos);
        }
    }

    auto amount = Money::parse(plain, currency);
    if (!amount)
        return Error(amount.error().code(), typed); // named as the person typed it
    return amount;
}

QString text(const Money &amount, const QLocale &locale)
{
    if (!amount.isValid())
        return {};
    QString plain = amount.toString();
    const qsizetype point = plain.indexOf(QLatin1Char('.'));
    if (point >= 0)
        plain.replace(point, 1, locale.decimalPoint());
    return plain;
}

QString example(qint64 major, Currency currency, const QLocale &locale)
{
    if (!currency.isValid())
        return QString::number(major);
    return text(Money::fromMinor(major * currency.minorPerMajor(), currency), locale);
}

} // namespace paydesk::MoneyInput
