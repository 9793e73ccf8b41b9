#include "core/payment/NotificationStore.h"

#include "core/payment/PaymentRecords.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/util/Error.h"

#include <QSqlQuery>

namespace paydesk::NotificationStore {

namespace {
using PaymentRecords::instant;

const QString kSelect = QStringLiteral(
    "SELECT n.id, n.order_id, o.order_no, n.refund_id, n.application_id, a.app_id, n.kind, n.url, n.body, n.status, "
    "n.attempts, n.round_failures, n.next_at, n.created_at, n.delivered_at FROM payment_notification n "
    "JOIN payment_order o ON o.id = n.order_id JOIN application a ON a.id = n.application_id ");

// QueryFailed for a kind or status this version does not know.
Result<PaymentNotification> read(const QSqlQuery &q)
{
    PaymentNotification n;
    int c = 0;
    n.id = q.value(c++).toLongLong();
    n.orderId = q.value(c++).toLongLong();
    n.orderNo = q.value(c++).toString();
    n.refundId = q.value(c++).toLongLong();
    n.applicationId = q.value(c++).toLongLong();
    n.appId = q.value(c++).toString();
    auto kind =
        StoredName::read<NotificationKind>(q.value(c++), NotificationNames::kindFromName, "payment_notification.kind");
    if (!kind)
        return kind.error();
    n.kind = *kind;
    n.url = q.value(c++).toString();
    n.body = q.value(c++).toString().toUtf8();
    auto status = StoredName::read<NotificationStatus>(q.value(c++), NotificationNames::statusFromName,
                                                       "payment_notification.status");
    if (!status)
        return status.error();
    n.status = *status;
    n.attempts = q.value(c++).toInt();
    n.roundFailures = q.value(c++).toInt();
    n.nextAt = instant(q.value(c++));
    n.createdAt = instant(q.value(c++));
    n.deliveredAt = instant(q.value(c++));
    return n;
}

Result<QList<PaymentNotification>> loadAll(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    return Sql::readAll<PaymentNotification>(Sql::run(db, kSelect + where, values), read);
}

Result<QList<NotificationAttempt>> attempts(const QSqlDatabase &db, qint64 notificationId)
{
    auto q = Sql::run(
        db,
        QStringLiteral("SELECT attempt, at, http_status, duration_ms, outcome, response FROM notification_attempt "
                       "WHERE notification_id = ? ORDER BY attempt"),
        {notificationId});
    if (!q)
        return q.error();
    QList<NotificationAttempt> all;
    while (q->next()) {
        NotificationAttempt a;
        a.attempt = q->value(0).toInt();
        a.at = instant(q->value(1));
        a.httpStatus = q->value(2).toInt();
        a.durationMs = q->value(3).toInt();
        auto outcome = StoredName::read<AttemptOutcome>(q->value(4), NotificationNames::outcomeFromName,
                                                        "notification_attempt.outcome");
        if (!outcome)
            return outcome.error();
        a.outcome = *outcome;
        a.response = q->value(5).toString();
        all << a;
    }
    return all;
}
} // namespace

Status enqueue(const QSqlDatabase &db, const PaymentNotification &n)
{
    const qint64 now = n.createdAt.toMSecsSinceEpoch();
    return Sql::exec(
        db,
        QStringLiteral(
            "INSERT INTO payment_notification (order_id, refund_id, application_id, kind, url, body, "
            "status, attempts, next_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"),
        {n.orderId, n.refundId > 0 ? QVariant(n.refundId) : QVariant(QMetaType(QMetaType::LongLong)), n.applicationId,
         NotificationNames::kind(n.kind), n.url, QString::fromUtf8(n.body), n.nextAt.toMSecsSinceEpoch(), now, now});
}

Result<QList<PaymentNotification>> claimDue(const QSqlDatabase &db, const QDateTime &now, const QDateTime &leaseUntil,
                                            int limit, const QList<qint64> &excludedApplications,
                                            const std::function<bool(qint64)> &admit)
{
    QString where = QStringLiteral("WHERE n.status = 'pending' AND n.next_at <= ?");
    QVariantList values{now.toMSecsSinceEpoch()};
    if (!excludedApplications.isEmpty()) {
        QStringList marks;
        for (qint64 application : excludedApplications) {
            marks << QStringLiteral("?");
            values << application;
        }
        where += QStringLiteral(" AND n.application_id NOT IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    values << limit;
    auto due = loadAll(db, where + QStringLiteral(" ORDER BY n.next_at, n.id LIMIT ?"), values);
    if (!due)
        return due.error();
    QList<PaymentNotification> claimed;
    for (PaymentNotification n : std::as_const(*due)) {
        if (admit && !admit(n.applicationId))
            continue;
        auto q =
            Sql::run(db,
                     QStringLiteral("UPDATE payment_notification SET next_at = ?, updated_at = ? "
                                    "WHERE id = ? AND status = 'pending' AND next_at = ?"),
                     {leaseUntil.toMSecsSinceEpoch(), now.toMSecsSinceEpoch(), n.id, n.nextAt.toMSecsSinceEpoch()});
        if (!q)
            return q.error();
        if (q->numRowsAffected() != 1)
            continue; // another dispatcher took it
        n.nextAt = leaseUntil;
        claimed << n;
    }
    return claimed;
}

Result<PaymentNotification> load(const QSqlDatabase &db, qint64 id, bool withAttempts)
{
    auto found = loadAll(db, QStringLiteral("WHERE n.id = ?"), {id});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::NotificationUnknown, QString::number(id));
    PaymentNotification n = found->first();
    if (withAttempts) {
        auto log = attempts(db, id);
        if (!log)
            return log.error();
        n.attemptLog = *log;
    }
    return n;
}

Result<QList<PaymentNotification>> forOrder(const QSqlDatabase &db, qint64 orderId)
{
    auto found = loadAll(db, QStringLiteral("WHERE n.order_id = ? ORDER BY n.id"), {orderId});
    if (!found)
        return found.error();
    for (PaymentNotification &n : *found) {
        auto log = attempts(db, n.id);
        if (!log)
            return log.error();
        n.attemptLog = *log;
    }
    return found;
}

Status recordAttempt(const QSqlDatabase &db, const PaymentNotification &after, const NotificationAttempt &a)
{
    Status step = Sql::exec(
        db,
        QStringLiteral("INSERT INTO notification_attempt (notification_id, attempt, at, http_status, duration_ms, "
                       "outcome, response) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {after.id, a.attempt, a.at.toMSecsSinceEpoch(), a.httpStatus, a.durationMs,
         NotificationNames::outcome(a.outcome), PaymentRecords::text(a.response)});
    if (!step)
        return step;
    return Sql::exec(
        db,
        QStringLiteral("UPDATE payment_notification SET status = ?, attempts = ?, round_failures = ?, next_at = ?, "
                       "delivered_at = ?, updated_at = ? WHERE id = ?"),
        {NotificationNames::status(after.status), after.attempts, after.roundFailures, after.nextAt.toMSecsSinceEpoch(),
         after.deliveredAt.isValid() ? QVariant(after.deliveredAt.toMSecsSinceEpoch())
                                     : QVariant(QMetaType(QMetaType::LongLong)),
         a.at.toMSecsSinceEpoch(), after.id});
}

Status resend(const QSqlDatabase &db, qint64 id, const QDateTime &now)
{
    return Sql::exec(db,
                     QStringLiteral("UPDATE payment_notification SET status = 'pending', round_failures = 0, next_at = "
                                    "?, updated_at = ? WHERE id = ?"),
                     {now.toMSecsSinceEpoch(), now.toMSecsSinceEpoch(), id});
}

Result<qint64> backlog(const QSqlDatabase &db)
{
    auto count = Sql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM payment_notification WHERE status = 'pending'"));
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace paydesk::NotificationStore
