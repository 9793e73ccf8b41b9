#pragma once

#include "core/gateway/NotificationDelivery.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace paydesk {

class GatewayMetrics;
class NotificationService;
class PlatformKey;
struct PaymentNotification;

// Posts due merchant notifications (NotificationService) to the applications' notify URLs,
// signed with the platform key (GatewaySignature::notificationContent), and records each answer.
// Runs on the thread that owns it, posting through NotificationDelivery (asynchronous, bounded
// answers, one deadline per attempt, only to addresses OutboundAddress allows). At most
// `maxInFlight` posts run at once, and at most `perApplication` for any one application, so a
// slow endpoint holds up nothing but its own application's notifications.
class NotificationDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxInFlight = 200;
        int perApplication = 8;
        NotificationDelivery::Limits delivery;
    };

    NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey, GatewayMetrics *metrics,
                           QObject *parent = nullptr);
    NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey, GatewayMetrics *metrics,
                           const Limits &limits, QObject *parent = nullptr);

    void start(int pollMs = 1000);
    void stop();
    // Claims and posts what is due now (the timer calls it; tests may too).
    void dispatchDue();
    int inFlight() const { return m_inFlight; }
    int inFlight(qint64 applicationId) const { return m_inFlightByApplication.value(applicationId); }
    const Limits &limits() const { return m_limits; }
    // For tests (name resolution of their choice): see NotificationDelivery::setResolveOverrides.
    NotificationDelivery &delivery() { return m_delivery; }

    static constexpr int kBatch = 100;

signals:
    void attempted(qint64 notificationId, const QString &outcome);

private:
    void post(const PaymentNotification &notification);
    void record(const PaymentNotification &notification, const NotificationDelivery::Outcome &outcome);

    NotificationService &m_notifications;
    PlatformKey &m_platformKey;
    GatewayMetrics *m_metrics;
    Limits m_limits;
    NotificationDelivery m_delivery;
    QTimer m_timer;
    int m_inFlight = 0;
    QHash<qint64, int> m_inFlightByApplication;
};

} // namespace paydesk
