#pragma once

#include "core/util/Clock.h"

namespace paydesk::test {

// A clock that stands still until the test moves it.
class MockClock final : public Clock
{
public:
    explicit MockClock(QDateTime now = QDateTime(QDate(2026, 11, 26), QTime(4, 0), Qt::UTC)) : m_now(std::move(now)) {}
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now.toUTC(); }
    void advanceSeconds(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace paydesk::test
