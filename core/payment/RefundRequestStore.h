#pragma once

#include "core/payment/OperatorRefundRequest.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

// The refund_request table (operators' refunds and their approval): the only place that holds
// its SQL. RefundRequests holds the rules, authorisation, units of work and audit.
namespace RefundRequestStore {

// RefundRequestUnknown when there is none; QueryFailed for a status this version does not know.
Result<OperatorRefundRequest> byId(const QSqlDatabase &db, qint64 id);
// Newest first; every status when `status` is empty.
Result<QList<OperatorRefundRequest>> list(const QSqlDatabase &db, std::optional<RefundRequestStatus> status, int limit);
Result<QList<OperatorRefundRequest>> forOrder(const QSqlDatabase &db, const QString &orderNo);
// What the order's requests still waiting for an approver add up to (overflow checked).
Result<qint64> waitingAmount(const QSqlDatabase &db, qint64 orderId);

// Records a new request (pending or approved); returns its id.
Result<qint64> insert(const QSqlDatabase &db, qint64 orderId, const Money &amount, const QString &reason,
                      RefundRequestStatus status, const QString &requestedBy, const QDateTime &at);
// The refund made for it, and the request's status after.
Status recordRefund(const QSqlDatabase &db, qint64 id, qint64 refundId, RefundRequestStatus status);
// No refund could be recorded: failed, with why.
Status recordFailure(const QSqlDatabase &db, qint64 id, const QString &why, const QDateTime &at);
// Decides a pending request; false when it was no longer pending (another approver was first):
// one conditional update, so of two deciding at once exactly one changes it.
Result<bool> decide(const QSqlDatabase &db, qint64 id, RefundRequestStatus status, const QString &by,
                    const QDateTime &at, const QString &note);

} // namespace RefundRequestStore
} // namespace paydesk
