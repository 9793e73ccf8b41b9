#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace paydesk {

enum class NotificationKind
{
    Payment,
    Refund
};
// pending: being retried; delivered; failed: the schedule is used up (an operator may resend).
enum class NotificationStatus
{
    Pending,
    Delivered,
    Failed
};
// delivered: acknowledged; rejected: answered, but not with the acknowledgement; unreachable.
enum class AttemptOutcome
{
    Delivered,
    Rejected,
    Unreachable
};

// The stable names stored in the database and written into order stories and audit details.
namespace NotificationNames {
QString kind(NotificationKind kind); // "payment", "refund"
bool kindFromName(const QString &name, NotificationKind *kind);
QString status(NotificationStatus status); // "pending", "delivered", "failed"
bool statusFromName(const QString &name, NotificationStatus *status);
QString outcome(AttemptOutcome outcome); // "delivered", "rejected", "unreachable"
bool outcomeFromName(const QString &name, AttemptOutcome *outcome);
} // namespace NotificationNames

// One attempt to post a notification and what came back.
struct NotificationAttempt
{
    int attempt = 0; // 1, 2, …
    QDateTime at;
    int httpStatus = 0; // 0: no answer
    int durationMs = 0;
    AttemptOutcome outcome = AttemptOutcome::Unreachable;
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
    NotificationKind kind = NotificationKind::Payment;
    QString url;
    QByteArray body; // JSON, exactly as it is signed and posted
    NotificationStatus status = NotificationStatus::Pending;
    int attempts = 0;
    int roundFailures = 0; // failed attempts since the last resend: where the schedule stands
    QDateTime nextAt;
    QDateTime createdAt;
    QDateTime deliveredAt;
    QList<NotificationAttempt> attemptLog; // filled by the queries that say so
};

} // namespace paydesk
