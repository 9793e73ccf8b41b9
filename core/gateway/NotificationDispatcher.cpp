#include "NotificationDispatcher.h"

#include "GatewayMetrics.h"
#include "GatewaySignature.h"
#include "PlatformKey.h"
#include "payment/NotificationService.h"
#include "util/Error.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QUrl>

#include <memory>

namespace paydesk {

NotificationDispatcher::NotificationDispatcher(NotificationService &notifications, PlatformKey &platformKey,
                                               GatewayMetrics *metrics, QObject *parent)
    : QObject(parent), m_notifications(notifications), m_platformKey(platformKey), m_metrics(metrics)
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
    const int room = kMaxInFlight - m_inFlight;
    if (room <= 0)
        return;
    auto due = m_notifications.claimDue(qMin(room, kBatch));
    if (!due) {
        qWarning("notifications: %s", qPrintable(due.error().message()));
        return;
    }
    for (const PaymentNotification &notification : std::as_const(*due))
        post(notification);
}

void NotificationDispatcher::post(const PaymentNotification &notification)
{
    // Nothing can be signed (the vault is locked?): an attempt that reached no one, retried on schedule.
    auto notSigned = [&](const Error &error) {
        NotificationService::Answer unsent;
        unsent.transportError = QStringLiteral("not signed: ") + error.message();
        const auto recorded = m_notifications.recordAttempt(notification, unsent);
        if (!recorded)
            qWarning("notification %lld: %s", notification.id, qPrintable(recorded.error().message()));
        if (m_metrics)
            m_metrics->observeNotification(QStringLiteral("unreachable"));
        emit attempted(notification.id, QStringLiteral("unreachable"));
    };
    auto key = m_platformKey.privateKey();
    if (!key)
        return notSigned(key.error());
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce = GatewaySignature::newNonce();
    auto signature = key->signSha256(GatewaySignature::notificationContent(timestamp, nonce, notification.body));
    if (!signature)
        return notSigned(signature.error());
    QNetworkRequest request{QUrl(notification.url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Paydesk-App-Id", notification.appId.toLatin1());
    request.setRawHeader("Paydesk-Notification-Id", QByteArray::number(notification.id));
    request.setRawHeader("Paydesk-Timestamp", timestamp);
    request.setRawHeader("Paydesk-Nonce", nonce);
    request.setRawHeader("Paydesk-Sign-Type", "RSA2");
    request.setRawHeader("Paydesk-Signature", signature->toBase64());
    request.setTransferTimeout(kTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    ++m_inFlight;
    QNetworkReply *reply = m_network.post(request, notification.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, notification, clock] {
        reply->deleteLater();
        --m_inFlight;
        NotificationService::Answer answer;
        answer.durationMs = int(clock->elapsed());
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->read(4096);
        if (answer.httpStatus == 0)
            answer.transportError = reply->errorString();
        auto recorded = m_notifications.recordAttempt(notification, answer);
        if (!recorded) {
            qWarning("notification %lld: %s", notification.id, qPrintable(recorded.error().message()));
            return;
        }
        const QString outcome = NotificationService::isAcknowledgement(answer.httpStatus, answer.body)
                                    ? QStringLiteral("delivered")
                                    : answer.httpStatus > 0 ? QStringLiteral("rejected") : QStringLiteral("unreachable");
        if (m_metrics)
            m_metrics->observeNotification(outcome);
        emit attempted(notification.id, outcome);
    });
}

} // namespace paydesk
