#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace paydesk {

// One attempt to post a notification and what came back.
struct NotificationAttempt
{
    int attempt = 0; // 1, 2, …
    QDateTime at;
    int httpStatus = 0; // 0: no answer
    int durationMs = 0;
    QString outcome;  // delivered, rejected (answered, not "success"), unreachable
    QString response; // the answer's first bytes, or the transport error
};

// A notification the platform owes an application (the outbox row) with its attempts.
struct PaymentNotification
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString orderNo;
    qint64 refundId = 0;
    qint64 applicationId = 0;
    QString appId;
    QString kind; // payment, refund
    QString url;
    QByteArray body; // JSON, exactly as it is signed and posted
    QString status;  // pending, delivered, failed
    int attempts = 0;
    int roundFailures = 0; // failed attempts since the last resend: where the schedule stands
    QDateTime nextAt;
    QDateTime createdAt;
    QDateTime deliveredAt;
    QList<NotificationAttempt> attemptLog; // filled by the queries that say so
};

} // namespace paydesk
