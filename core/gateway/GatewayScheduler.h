#pragma once

#include <QAtomicInt>
#include <QObject>
#include <QTimer>

namespace paydesk {

class GatewayAuthenticator;
class PaydeskCore;

// The gateway's scheduled work, on a worker thread so requests are never held up: asks the
// channels about pending orders and processing refunds (recovers missed callbacks), closes
// expired orders, and forgets nonces older than the replay window. A run still going when the
// timer fires again is not started twice.
class GatewayScheduler : public QObject
{
    Q_OBJECT
public:
    GatewayScheduler(PaydeskCore &core, GatewayAuthenticator &authenticator, QObject *parent = nullptr);

    void start(int intervalSeconds);
    // Stops the timer and waits for a run under way.
    void stop();
    // One run now, on the calling thread (tests, and the timer's worker).
    void runOnce();

signals:
    void ran(int ordersQueried, int ordersSucceeded, int ordersClosed, int refundsQueried);

private:
    PaydeskCore &m_core;
    GatewayAuthenticator &m_authenticator;
    QTimer m_timer;
    QAtomicInt m_running;
};

} // namespace paydesk
