#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace paydesk::ChannelTime {

// The channels write times in China Standard Time (UTC+8, no daylight saving since 1991) in
// their own patterns; Paydesk keeps UTC. Used by the adapters and by the sandbox alike.

inline const QTimeZone &china()
{
    static const QTimeZone zone(8 * 3600);
    return zone;
}

// `instant` in China time with a QDateTime pattern ("yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss").
inline QString format(const QDateTime &instant, const QString &pattern)
{
    return instant.toTimeZone(china()).toString(pattern);
}

// China time text in `pattern` → UTC; invalid when the text does not match.
inline QDateTime parse(const QString &text, const QString &pattern)
{
    QDateTime local = QDateTime::fromString(text, pattern);
    if (!local.isValid())
        return {};
    local.setTimeZone(china());
    return local.toUTC();
}

// RFC 3339 with the +08:00 offset, as WeChat Pay v3 writes times: 2026-11-27T10:34:56+08:00.
inline QString rfc3339(const QDateTime &instant)
{
    return instant.toTimeZone(china()).toString(Qt::ISODate);
}

inline QDate date(const QDateTime &instant)
{
    return instant.toTimeZone(china()).date();
}

} // namespace paydesk::ChannelTime
