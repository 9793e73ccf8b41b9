#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace paydesk {

// Channel statements print China Standard Time without a zone; Paydesk stores UTC. China has
// kept UTC+8 without daylight saving since September 1991, so later times convert with plain
// arithmetic (no time-zone lookup per line); earlier ones go through QTimeZone.
class ShanghaiTime
{
public:
    // A local time given by its fields → UTC; invalid when a field is out of range.
    static QDateTime toUtc(int year, int month, int day, int hour, int minute, int second);
    // "yyyy-MM-dd HH:mm:ss" → UTC; invalid when the text is anything else.
    static QDateTime parse(QByteArrayView text);

    struct Fields
    {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    };
    static Fields toLocal(const QDateTime &utc);
    // Appends "yyyy-MM-dd HH:mm:ss" in China Standard Time.
    static void append(QByteArray &out, const QDateTime &utc);
};

} // namespace paydesk
