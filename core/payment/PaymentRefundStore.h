#pragma once

#include "PaymentOrder.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

// SQL of payment_refund; callers own the unit of work and the checks.
namespace PaymentRefundStore {

Result<PaymentRefund> insert(const QSqlDatabase &db, const PaymentRefund &refund);
// OrderUnknown (naming the refund number) when there is none.
Result<PaymentRefund> loadByNo(const QSqlDatabase &db, const QString &refundNo);
Result<std::optional<PaymentRefund>> loadByMerchantRefundNo(const QSqlDatabase &db, qint64 applicationId,
                                                            const QString &merchantRefundNo);
// What the order's refunds that have not failed add up to (requested, processing, succeeded).
Result<qint64> committedAmount(const QSqlDatabase &db, qint64 orderId);
// Every refund of an order, oldest first.
Result<QList<PaymentRefund>> forOrder(const QSqlDatabase &db, qint64 orderId);
// Writes status, fees, channel id, succeeded_at and entry_id if the version is still the one read.
Status update(const QSqlDatabase &db, const PaymentRefund &refund, const QDateTime &now);

// Numbers of refunds still processing that were requested before `requestedBefore`, oldest first.
Result<QStringList> processing(const QSqlDatabase &db, const QDateTime &requestedBefore, int limit);

} // namespace PaymentRefundStore
} // namespace paydesk
