#include "core/gateway/GatewayStore.h"

#include "core/storage/Sql.h"

namespace paydesk::GatewayStore {

namespace {
constexpr qint64 kCreationLockKey = 0x706b6579; // "pkey": the platform key's creation, on PostgreSQL

Result<qint64> countUpTo(const QSqlDatabase &db, const QString &table, const QString &status, int upTo)
{
    auto count =
        Sql::scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1 WHERE status = ? LIMIT %2) AS open_rows")
                        .arg(table)
                        .arg(upTo),
                    {status});
    if (!count)
        return count.error();
    return count->toLongLong();
}
} // namespace

Result<bool> rememberNonce(const QSqlDatabase &db, const QString &appId, const QString &nonce, const QDateTime &at)
{
    auto inserted = Sql::run(db,
                             QStringLiteral("INSERT INTO gateway_nonce (app_id, nonce, seen_at) VALUES (?, ?, ?) "
                                            "ON CONFLICT (app_id, nonce) DO NOTHING"),
                             {appId, nonce, at.toMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    return inserted->numRowsAffected() != 0;
}

Result<int> forgetNoncesBefore(const QSqlDatabase &db, const QDateTime &before)
{
    auto q = Sql::run(db, QStringLiteral("DELETE FROM gateway_nonce WHERE seen_at < ?"), {before.toMSecsSinceEpoch()});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Status lockPlatformKeyCreation(const QSqlDatabase &db)
{
    return Sql::exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kCreationLockKey));
}

Result<qint64> notificationsWithStatus(const QSqlDatabase &db, NotificationStatus status, int upTo)
{
    return countUpTo(db, QStringLiteral("payment_notification"), NotificationNames::status(status), upTo);
}

Result<qint64> ordersWithStatus(const QSqlDatabase &db, PaymentStatus status, int upTo)
{
    return countUpTo(db, QStringLiteral("payment_order"), PaymentStates::name(status), upTo);
}

} // namespace paydesk::GatewayStore
