#include "core/util/Clock.h"

namespace paydesk {

QDate Clock::businessDate(const QTimeZone &zone) const
{
    return nowUtc().toTimeZone(zone).date();
}

QTimeZone Clock::platformTimeZone()
{
    const QByteArray configured = qgetenv("PAYDESK_TIME_ZONE");
    QTimeZone zone(configured.isEmpty() ? QByteArrayLiteral("Asia/Shanghai") : configured);
    // A machine without tzdata still gets the right offset for China (no DST since 1991).
    return zone.isValid() ? zone : QTimeZone(8 * 3600);
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace paydesk
