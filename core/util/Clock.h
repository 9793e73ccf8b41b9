#pragma once

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace paydesk {

// Where "now" comes from. Production uses SystemClock; tests inject a clock they can move.
// Instants are UTC; business dates are taken in the platform time zone.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

    QDate businessDate(const QTimeZone &zone = platformTimeZone()) const;

    // Asia/Shanghai unless PAYDESK_TIME_ZONE names another IANA zone.
    static QTimeZone platformTimeZone();
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    static const SystemClock &instance();
};

} // namespace paydesk
