#include "core/reconciliation/DayCutOff.h"

namespace paydesk {

DayCutOff::DayCutOff(QDate businessDate, const QTimeZone &zone, std::chrono::seconds window)
{
    const QDateTime midnight(businessDate.addDays(1), QTime(0, 0), zone);
    if (!businessDate.isValid() || !midnight.isValid() || window.count() < 0)
        return;
    m_endMs = midnight.toMSecsSinceEpoch();
    m_startMs = m_endMs - std::chrono::duration_cast<std::chrono::milliseconds>(window).count();
    m_valid = true;
}

QDateTime DayCutOff::start() const
{
    return QDateTime::fromMSecsSinceEpoch(m_startMs, Qt::UTC);
}

QDateTime DayCutOff::midnight() const
{
    return QDateTime::fromMSecsSinceEpoch(m_endMs, Qt::UTC);
}

} // namespace paydesk
