#pragma once

#include <QElapsedTimer>

namespace paydesk::test {

// The benchmark runners' clock: a warm-up, then the measured window. An answer counts when its
// request was sent after the window opened and the answer came before it closed.
class MeasuredWindow
{
public:
    MeasuredWindow(int warmUpSeconds, int measuredSeconds)
        : m_opensNs(qint64(warmUpSeconds) * 1'000'000'000LL),
          m_closesNs(m_opensNs + qint64(measuredSeconds) * 1'000'000'000LL)
    {
        m_clock.start();
    }

    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    bool isOpen(qint64 ns) const { return ns >= m_opensNs; }
    bool isOver(qint64 ns) const { return ns >= m_closesNs; }
    bool counts(qint64 sentNs, qint64 answeredNs) const { return sentNs >= m_opensNs && answeredNs <= m_closesNs; }

private:
    QElapsedTimer m_clock;
    qint64 m_opensNs;
    qint64 m_closesNs;
};

} // namespace paydesk::test
