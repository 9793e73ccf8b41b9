#include "core/payment/NotificationService.h"

#include "core/payment/NotificationStore.h"
#include "core/payment/PaymentJson.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace paydesk {

NotificationService::NotificationService(Database &database, const Clock &clock, AuditLog &audit)
    : m_database(database), m_clock(clock), m_audit(audit), m_settings(database)
{
}

const QList<int> &NotificationService::retryScheduleSeconds()
{
    static const QList<int> schedule{15, 60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 15 * 3600};
    return schedule;
}

bool NotificationService::isAcknowledgement(int httpStatus, const QByteArray &body)
{
    return httpStatus >= 200 && httpStatus < 300 && body.trimmed().compare("success", Qt::CaseInsensitive) == 0;
}

AttemptOutcome NotificationService::outcomeOf(const Answer &answer)
{
    if (answer.httpStatus <= 0 || !answer.transportError.isEmpty())
        return AttemptOutcome::Unreachable;
    return isAcknowledgement(answer.httpStatus, answer.body) ? AttemptOutcome::Delivered : AttemptOutcome::Rejected;
}

Status NotificationService::enqueue(const QSqlDatabase &db, const PaymentOrder &order, const PaymentRefund *refund,
                                    const QString &event, const QDateTime &now)
{
    if (order.notifyUrl.isEmpty())
        return {};
    QJsonObject data = refund ? PaymentJson::refund(*refund, order.merchantOrderNo) : PaymentJson::order(order);
    const QJsonObject body{{QStringLiteral("event"), event},
                           {QStringLiteral("created_at"), PaymentJson::instant(now)},
                           {QStringLiteral("data"), data}};
    PaymentNotification n;
    n.orderId = order.id;
    n.refundId = refund ? refund->id : 0;
    n.applicationId = order.applicationId;
    n.kind = refund ? NotificationKind::Refund : NotificationKind::Payment;
    n.url = order.notifyUrl;
    n.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    n.nextAt = now;
    n.createdAt = now;
    return NotificationStore::enqueue(db, n);
}

Result<QList<PaymentNotification>> NotificationService::claimDue(int limit, int leaseSeconds, const Room &room)
{
    const QDateTime now = m_clock.nowUtc();
    QList<qint64> full;
    for (auto it = room.inFlight.cbegin(); it != room.inFlight.cend(); ++it) {
        if (it.value() >= room.perApplication)
            full << it.key();
    }
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto claimed = NotificationStore::claimDue(work.connection(), now, now.addSecs(leaseSeconds), limit, full,
                                               [&, taken = QHash<qint64, int>()](qint64 application) mutable {
                                                   const int busy =
                                                       room.inFlight.value(application) + taken.value(application);
                                                   if (busy >= room.perApplication)
                                                       return false;
                                                   ++taken[application];
                                                   return true;
                                               });
    if (!claimed)
        return claimed.error();
    const Status committed = work.commit();
    if (!committed)
        return committed.error();
    return claimed;
}

Result<PaymentNotification> NotificationService::recordAttempt(const PaymentNotification &notification,
                                                               const Answer &answer)
{
    const QDateTime now = m_clock.nowUtc();
    NotificationAttempt attempt;
    attempt.attempt = notification.attempts + 1;
    attempt.at = now;
    attempt.httpStatus = answer.httpStatus;
    attempt.durationMs = answer.durationMs;
    attempt.outcome = outcomeOf(answer);
    const bool answered = attempt.outcome != AttemptOutcome::Unreachable;
    attempt.response = answered ? QString::fromUtf8(answer.body.left(200)) : answer.transportError.left(200);

    PaymentNotification after = notification;
    after.attempts = attempt.attempt;
    if (attempt.outcome == AttemptOutcome::Delivered) {
        after.status = NotificationStatus::Delivered;
        after.roundFailures = 0;
        after.deliveredAt = now;
        after.nextAt = now;
    } else {
        // The n-th failure since the last resend waits schedule[n-1].
        const QList<int> &schedule = retryScheduleSeconds();
        after.roundFailures = notification.roundFailures + 1;
        const int failuresThisRound = after.roundFailures;
        if (failuresThisRound <= schedule.size()) {
            after.status = NotificationStatus::Pending;
            after.nextAt = now.addSecs(schedule.at(failuresThisRound - 1));
        } else {
            after.status = NotificationStatus::Failed;
            after.nextAt = now;
        }
    }

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    Status step = NotificationStore::recordAttempt(work.connection(), after, attempt);
    if (!step)
        return step.error();
    step = PaymentOrderStore::addEvent(work.connection(), notification.orderId, PaymentEventKind::Notify,
                                       NotificationNames::outcome(attempt.outcome),
                                       QJsonObject{{QStringLiteral("notification"), QString::number(notification.id)},
                                                   {QStringLiteral("kind"), NotificationNames::kind(notification.kind)},
                                                   {QStringLiteral("attempt"), attempt.attempt},
                                                   {QStringLiteral("url"), notification.url},
                                                   {QStringLiteral("http_status"), attempt.httpStatus},
                                                   {QStringLiteral("duration_ms"), attempt.durationMs},
                                                   {QStringLiteral("response"), attempt.response},
                                                   {QStringLiteral("status"), NotificationNames::status(after.status)},
                                                   {QStringLiteral("next_at"), PaymentJson::instant(after.nextAt)}},
                                       now, notification.refundId);
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    return after;
}

Result<QList<PaymentNotification>> NotificationService::forOrder(const Actor &actor, const QString &orderNo)
{
    const Status allowed =
        Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("order:") + orderNo);
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto order = PaymentOrderStore::loadByNo(*connection, orderNo);
    if (!order)
        return order.error();
    return NotificationStore::forOrder(*connection, order->id);
}

Result<int> NotificationService::resend(const Actor &actor, const QString &orderNo)
{
    const QString object = QStringLiteral("order:") + orderNo;
    const Status allowed = Authorizer(m_audit).require(actor, Permission::PaymentOperate, object);
    if (!allowed)
        return allowed.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto order = PaymentOrderStore::loadByNo(work.connection(), orderNo, true);
    if (!order)
        return order.error();
    auto notifications = NotificationStore::forOrder(work.connection(), order->id);
    if (!notifications)
        return notifications.error();
    if (notifications->isEmpty())
        return Error(ErrorCode::NotificationUnknown,
                     QStringLiteral("%1 has no notifications (no notify URL, or nothing to report yet)").arg(orderNo));
    const QDateTime now = m_clock.nowUtc();
    QJsonArray ids;
    for (const PaymentNotification &n : std::as_const(*notifications)) {
        const Status step = NotificationStore::resend(work.connection(), n.id, now);
        if (!step)
            return step.error();
        ids << QString::number(n.id);
    }
    Status step = PaymentOrderStore::addEvent(
        work.connection(), order->id, PaymentEventKind::Notify, QStringLiteral("resend"),
        QJsonObject{{QStringLiteral("by"), actor.name()}, {QStringLiteral("notifications"), ids}}, now);
    if (!step)
        return step.error();
    step = m_audit.append(actor, {QStringLiteral("notification.resend"), object, AuditResult::Ok,
                                  QJsonObject{{QStringLiteral("notifications"), ids}}});
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    return int(ids.size());
}

Result<bool> NotificationService::developmentEndpoints()
{
    return m_settings.developmentEndpoints();
}

Result<qint64> NotificationService::backlog()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return NotificationStore::backlog(*connection);
}

} // namespace paydesk
