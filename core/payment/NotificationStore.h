#pragma once

#include "core/payment/PaymentNotification.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

#include <functional>

namespace paydesk {

// SQL of payment_notification and notification_attempt; callers own the unit of work.
namespace NotificationStore {

Status enqueue(const QSqlDatabase &db, const PaymentNotification &notification);

// Takes up to `limit` pending notifications due at `now` for delivery, oldest first, none of
// the applications in `excludedApplications` and only those `admit` (called with each one's
// application id, in order) takes: each is moved to `leaseUntil` so that another dispatcher
// (another paydeskd on the same database) leaves it alone while this one posts it. A dispatcher
// that dies mid-post only delays the next attempt.
Result<QList<PaymentNotification>> claimDue(const QSqlDatabase &db, const QDateTime &now, const QDateTime &leaseUntil,
                                            int limit, const QList<qint64> &excludedApplications = {},
                                            const std::function<bool(qint64)> &admit = {});

Result<PaymentNotification> load(const QSqlDatabase &db, qint64 id, bool withAttempts = false);
Result<QList<PaymentNotification>> forOrder(const QSqlDatabase &db, qint64 orderId);

// Records an attempt and the notification's new state in one go.
Status recordAttempt(const QSqlDatabase &db, const PaymentNotification &after, const NotificationAttempt &attempt);
// Pending again, due at `now` (attempts keep counting).
Status resend(const QSqlDatabase &db, qint64 id, const QDateTime &now);

Result<qint64> backlog(const QSqlDatabase &db); // pending notifications

} // namespace NotificationStore
} // namespace paydesk
