#pragma once

#include "core/payment/PaymentNotification.h"
#include "core/payment/PaymentStates.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace paydesk {

// The gateway_nonce table and the gateway's other statements — the platform key's creation lock
// and the bounded counts /metrics reads from payment_notification and payment_order: the only
// place that holds their SQL. GatewayAuthenticator, PlatformKey and GatewayMetrics hold the rules.
namespace GatewayStore {

// Records the application's nonce seen `at`; false when it was recorded before (nothing is
// written). A conflict is not a failed statement, which inside a PostgreSQL transaction would
// doom everything else the transaction did.
Result<bool> rememberNonce(const QSqlDatabase &db, const QString &appId, const QString &nonce, const QDateTime &at);
// Deletes the nonces seen before `before`; returns how many.
Result<int> forgetNoncesBefore(const QSqlDatabase &db, const QDateTime &before);

// PostgreSQL only: holds, until the caller's transaction ends, the lock under which the platform
// key is made, so two processes starting together make one key.
Status lockPlatformKeyCreation(const QSqlDatabase &db);

// How many rows have the status, counted up to `upTo`: one index range walked and stopped there,
// however many rows the table holds.
Result<qint64> notificationsWithStatus(const QSqlDatabase &db, NotificationStatus status, int upTo);
Result<qint64> ordersWithStatus(const QSqlDatabase &db, PaymentStatus status, int upTo);

} // namespace GatewayStore
} // namespace paydesk
