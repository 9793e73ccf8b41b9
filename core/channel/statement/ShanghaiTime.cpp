#include "core/channel/statement/ShanghaiTime.h"

#include "core/channel/statement/StatementBytes.h"

#include <QTimeZone>

namespace paydesk {

namespace {
constexpr qint64 kOffsetSeconds = 8 * 3600;
// From 1992 on, Asia/Shanghai is UTC+8 all year (in UTC seconds since the epoch).
constexpr qint64 kFixedOffsetSince = 694195200; // 1992-01-01T00:00:00Z

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

void civilFromDays(qint64 days, int *year, int *month, int *day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    *day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    *month = int(mp < 10 ? mp + 3 : mp - 9);
    *year = int(yearOfEra + era * 400 + (*month <= 2));
}

int daysInMonth(int year, int month)
{
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

const QTimeZone &shanghai()
{
    static const QTimeZone zone("Asia/Shanghai");
    return zone;
}

int digits(QByteArrayView text, qsizetype at, int count, bool *ok)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9')
            *ok = false;
        value = value * 10 + (c - '0');
    }
    return value;
}
} // namespace

QDateTime ShanghaiTime::toUtc(int year, int month, int day, int hour, int minute, int second)
{
    if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
        hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        return {};
    const qint64 localSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    const qint64 utcSeconds = localSeconds - kOffsetSeconds;
    if (utcSeconds >= kFixedOffsetSince)
        return QDateTime::fromMSecsSinceEpoch(utcSeconds * 1000, Qt::UTC);
    if (!shanghai().isValid())
        return QDateTime::fromMSecsSinceEpoch(utcSeconds * 1000, Qt::UTC);
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), shanghai()).toUTC();
}

QDateTime ShanghaiTime::parse(QByteArrayView text)
{
    if (text.size() != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        return {};
    bool ok = true;
    const int year = digits(text, 0, 4, &ok);
    const int month = digits(text, 5, 2, &ok);
    const int day = digits(text, 8, 2, &ok);
    const int hour = digits(text, 11, 2, &ok);
    const int minute = digits(text, 14, 2, &ok);
    const int second = digits(text, 17, 2, &ok);
    if (!ok)
        return {};
    return toUtc(year, month, day, hour, minute, second);
}

ShanghaiTime::Fields ShanghaiTime::toLocal(const QDateTime &utc)
{
    Fields fields;
    const qint64 utcSeconds = utc.toSecsSinceEpoch();
    qint64 localSeconds = utcSeconds + kOffsetSeconds;
    if (utcSeconds < kFixedOffsetSince && shanghai().isValid())
        localSeconds = utcSeconds + shanghai().offsetFromUtc(utc);
    qint64 days = localSeconds / 86400;
    qint64 secondOfDay = localSeconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    civilFromDays(days, &fields.year, &fields.month, &fields.day);
    fields.hour = int(secondOfDay / 3600);
    fields.minute = int(secondOfDay / 60 % 60);
    fields.second = int(secondOfDay % 60);
    return fields;
}

void ShanghaiTime::append(QByteArray &out, const QDateTime &utc)
{
    const Fields f = toLocal(utc);
    StatementBytes::appendNumber(out, quint64(f.year), 4);
    out.append('-');
    StatementBytes::appendNumber(out, quint64(f.month), 2);
    out.append('-');
    StatementBytes::appendNumber(out, quint64(f.day), 2);
    out.append(' ');
    StatementBytes::appendNumber(out, quint64(f.hour), 2);
    out.append(':');
    StatementBytes::appendNumber(out, quint64(f.minute), 2);
    out.append(':');
    StatementBytes::appendNumber(out, quint64(f.second), 2);
}

} // namespace paydesk
