#include "core/gateway/NotificationDispatcher.h"

#include "core/gateway/GatewayMetrics.h"
#include "core/gateway/GatewaySignature.h"
#include "core/gateway/PlatformKey.h"
#include "core/payment/NotificationService.h"
#include "core/util/Error.h"

#include <QDateTime>

namespace paydesk {

NotificationDispatcher::NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey,
                                               GatewayMetrics *metrics, QObject *parent)
    : NotificationDispatcher(notifications, platformKey, metrics, Limits(), parent)
{
}

NotificationDispatcher::NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey,
                                               GatewayMetrics *metrics, const Limits &limits, QObject *parent)
    : QObject(parent), m_notifications(notifications), m_platformKey(platformKey), m_metrics(metrics), m_limits(limits),
      m_delivery(limits.delivery, this)
{
    connect(&m_timer, &QTimer::timeout, this, &NotificationDispatcher::dispatchDue);
}

void NotificationDispatcher::start(int pollMs)
{
    m_timer.start(pollMs);
}

void NotificationDispatcher::stop()
{
    m_timer.stop();
}

void NotificationDispatcher::dispatchDue()
{
    // A notification is leased for longer than a post can take, so no other dispatcher takes it
    // while this one still waits for its answer.
    const int leaseSeconds = m_limits.delivery.deadlineMs / 1000 + 30;
    // Each round leaves out the applications already at their share; those that were held back
    // by the share in one round make room for the others' notifications in the next.
    for (int round = 0; round < 8; ++round) {
        const int room = m_limits.maxInFlight - m_inFlight;
        if (room <= 0)
            return;
        NotificationService::Room rules;
        rules.inFlight = m_inFlightByApplication;
        rules.perApplication = m_limits.perApplication;
        auto due = m_notifications.claimDue(qMin(room, kBatch), leaseSeconds, rules);
        if (!due) {
            qWarning("notifications: %s", qPrintable(due.error().message()));
            return;
        }
        if (due->isEmpty())
            return;
        for (const PaymentNotification &notification : std::as_const(*due))
            post(notification);
    }
}

void NotificationDispatcher::post(const PaymentNotification &notification)
{
    // Nothing can be signed (the vault is locked?): an attempt that reached no one, retried on schedule.
    auto notSigned = [&](const Error &error) {
        NotificationDelivery::Outcome unsent;
        unsent.failure = QStringLiteral("not signed: ") + error.message();
        record(notification, unsent);
    };
    auto key = m_platformKey.privateKey();
    if (!key)
        return notSigned(key.error());
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce = GatewaySignature::newNonce();
    auto signature = key->signSha256(GatewaySignature::notificationContent(timestamp, nonce, notification.body));
    if (!signature)
        return notSigned(signature.error());
    NotificationDelivery::Post post;
    post.url = notification.url;
    post.body = notification.body;
    post.headers = {{"Content-Type", "application/json"},
                    {"Paydesk-App-Id", notification.appId.toLatin1()},
                    {"Paydesk-Notification-Id", QByteArray::number(notification.id)},
                    {"Paydesk-Timestamp", timestamp},
                    {"Paydesk-Nonce", nonce},
                    {"Paydesk-Sign-Type", "RSA2"},
                    {"Paydesk-Signature", signature->toBase64()}};
    // Read when the post starts: turning development endpoints off stops the next post.
    auto development = m_notifications.developmentEndpoints();
    post.developmentEndpoints = development && *development;

    ++m_inFlight;
    ++m_inFlightByApplication[notification.applicationId];
    m_delivery.post(post, [this, notification](const NotificationDelivery::Outcome &outcome) {
        --m_inFlight;
        if (--m_inFlightByApplication[notification.applicationId] <= 0)
            m_inFlightByApplication.remove(notification.applicationId);
        record(notification, outcome);
    });
}

void NotificationDispatcher::record(const PaymentNotification &notification,
                                    const NotificationDelivery::Outcome &outcome)
{
    NotificationService::Answer answer;
    answer.durationMs = outcome.durationMs;
    answer.httpStatus = outcome.httpStatus;
    answer.body = outcome.body;
    answer.transportError = outcome.failure;
    auto recorded = m_notifications.recordAttempt(notification, answer);
    if (!recorded) {
        qWarning("notification %lld: %s", notification.id, qPrintable(recorded.error().message()));
        return;
    }
    const QString result = NotificationNames::outcome(NotificationService::outcomeOf(answer));
    if (m_metrics)
        m_metrics->observeNotification(result);
    emit attempted(notification.id, result);
}

} // namespace paydesk
