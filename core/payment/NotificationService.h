#pragma once

#include "core/payment/PaymentNotification.h"
#include "core/payment/PaymentOrder.h"
#include "core/security/Actor.h"
#include "core/storage/Settings.h"
#include "core/util/Result.h"

#include <QHash>
#include <QSqlDatabase>

#include <limits>

namespace paydesk {

class AuditLog;
class Clock;
class Database;

// What a dispatcher already has in flight, by application, and how many one application may have.
struct NotificationRoom
{
    QHash<qint64, int> inFlight;
    int perApplication = std::numeric_limits<int>::max();
};

// Merchant notifications (回调通知): the platform tells an application that its order was paid or
// its refund finished. A notification is written in the same unit of work as the change it
// reports (see enqueue), so it cannot be lost; the dispatcher posts it and retries on the
// schedule until the application answers "success"; every attempt is recorded. Support can ask
// for a resend.
class NotificationService
{
public:
    NotificationService(Database &database, const Clock &clock, AuditLog &audit);

    // Seconds between a failed attempt and the next: 15 s, 1 m, 5 m, 30 m, 2 h, 6 h, 15 h. After
    // the last retry fails the notification is failed (a resend starts it again).
    static const QList<int> &retryScheduleSeconds();
    // The application's acknowledgement: HTTP 2xx with the body "success" (any case, blanks around).
    static bool isAcknowledgement(int httpStatus, const QByteArray &body);

    // Inside the caller's unit of work: a notification about `order` (kind "payment") or one of
    // its refunds (kind "refund"), due now. Orders without a notify URL get none.
    static Status enqueue(const QSqlDatabase &db, const PaymentOrder &order, const PaymentRefund *refund,
                          const QString &event, const QDateTime &now);

    // For the dispatcher: notifications due now, each leased for `leaseSeconds`, oldest first —
    // none of an application that already has `perApplication` posts in flight (`inFlight`, by
    // application id), so that one application's slow endpoint leaves the others' notifications
    // to be posted. Those left out are not leased.
    using Room = NotificationRoom;
    Result<QList<PaymentNotification>> claimDue(int limit, int leaseSeconds = 30, const Room &room = Room());
    struct Answer
    {
        int httpStatus = 0; // 0: no answer
        QByteArray body;
        QString transportError; // not empty: no usable answer (unreachable, refused target, too large, too late)
        int durationMs = 0;
    };
    // What an answer means: delivered (acknowledged), rejected (answered otherwise), unreachable
    // (no answer, or a transport error whatever status line came before it).
    static AttemptOutcome outcomeOf(const Answer &answer);
    // Records what the application answered; the notification is delivered, or scheduled again,
    // or failed once the schedule is used up. Also written to the order's story. An answer with a
    // transport error is recorded as unreachable with that error as its response, whatever status
    // line came before it.
    Result<PaymentNotification> recordAttempt(const PaymentNotification &notification, const Answer &answer);

    // The order's notifications with their attempts (payment.view).
    Result<QList<PaymentNotification>> forOrder(const Actor &actor, const QString &orderNo);
    // Makes the order's notifications pending and due now (payment.operate); audited. Refused
    // when the order has none (no notify URL, or not yet paid).
    Result<int> resend(const Actor &actor, const QString &orderNo);
    Result<qint64> backlog();
    // Whether notify URLs may be plain http and reach loopback or private addresses
    // (Settings::DevelopmentEndpoints).
    Result<bool> developmentEndpoints();

private:
    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Settings m_settings; // cached: read for every notification posted
};

} // namespace paydesk
