#include "core/gateway/GatewayScheduler.h"

#include "core/PaydeskCore.h"
#include "core/gateway/GatewayAuthenticator.h"
#include "core/util/Error.h"

#include <QThread>
#include <QThreadPool>

namespace paydesk {

GatewayScheduler::GatewayScheduler(PaydeskCore &core, GatewayAuthenticator &authenticator, QObject *parent)
    : QObject(parent), m_core(core), m_authenticator(authenticator)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_running.testAndSetOrdered(0, 1))
            return;
        QThreadPool::globalInstance()->start([this] {
            runOnce();
            m_running.storeRelease(0);
        });
    });
}

void GatewayScheduler::start(int intervalSeconds)
{
    m_timer.start(intervalSeconds * 1000);
}

void GatewayScheduler::stop()
{
    m_timer.stop();
    while (m_running.loadAcquire() != 0)
        QThread::msleep(10);
}

void GatewayScheduler::runOnce()
{
    const QDateTime now = m_core.clock().nowUtc();
    auto orders = m_core.payments().sweep(now);
    if (!orders)
        qWarning("sweep of orders: %s", qPrintable(orders.error().message()));
    auto refunds = m_core.refunds().sweep(now);
    if (!refunds)
        qWarning("sweep of refunds: %s", qPrintable(refunds.error().message()));
    auto nonces = m_authenticator.forgetOldNonces();
    if (!nonces)
        qWarning("nonces: %s", qPrintable(nonces.error().message()));
    emit ran(orders ? orders->queried : 0, orders ? orders->succeeded : 0, orders ? orders->closed : 0,
             refunds ? refunds->queried : 0);
}

} // namespace paydesk
