#pragma once

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <chrono>

namespace paydesk {

// 日切: the stretch just before a business day's midnight in which one side may book a transaction
// that the other books on the next day.
class DayCutOff
{
public:
    DayCutOff(QDate businessDate, const QTimeZone &zone, std::chrono::seconds window);

    // False for an invalid date or a negative window; a zero window carries nothing over.
    bool isValid() const { return m_valid; }
    // Whether a UTC instant (milliseconds since the epoch) falls in [midnight − window, midnight).
    bool contains(qint64 msecsSinceEpoch) const { return msecsSinceEpoch >= m_startMs && msecsSinceEpoch < m_endMs; }
    QDateTime start() const;
    QDateTime midnight() const;

private:
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    bool m_valid = false;
};

} // namespace paydesk
