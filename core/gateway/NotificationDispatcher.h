#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

namespace paydesk {

class GatewayMetrics;
class NotificationService;
class PlatformKey;
struct PaymentNotification;

// Posts due merchant notifications (NotificationService) to the applications' notify URLs,
// signed with the platform key (GatewaySignature::notificationContent), and records each answer.
// Runs on the thread that owns it, with Qt's asynchronous network access: a slow application
// holds up nothing but its own notification.
class NotificationDispatcher : public QObject
{
    Q_OBJECT
public:
    NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey, GatewayMetrics *metrics,
                           QObject *parent = nullptr);

    void start(int pollMs = 1000);
    void stop();
    // Claims and posts what is due now (the timer calls it; tests may too).
    void dispatchDue();
    int inFlight() const { return m_inFlight; }

    static constexpr int kBatch = 100;
    static constexpr int kMaxInFlight = 200;
    static constexpr int kTimeoutMs = 10000;

signals:
    void attempted(qint64 notificationId, const QString &outcome);

private:
    void post(const PaymentNotification &notification);

    NotificationService &m_notifications;
    PlatformKey &m_platformKey;
    GatewayMetrics *m_metrics;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    int m_inFlight = 0;
};

} // namespace paydesk
