#include "core/payment/RefundRequestStore.h"

#include "core/payment/PaymentRecords.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"
#include "core/util/Error.h"

#include <QSqlQuery>

namespace paydesk::RefundRequestStore {

namespace {
using PaymentRecords::instant;

const QString kSelect = QStringLiteral(
    "SELECT q.id, q.order_id, o.order_no, m.merchant_no, q.amount, o.currency, q.reason, q.status, q.requested_by, "
    "q.requested_at, q.decided_by, q.decided_at, q.decision_note, r.refund_no, r.status, r.channel_answer, "
    "r.channel_text "
    "FROM refund_request q "
    "JOIN payment_order o ON o.id = q.order_id JOIN merchant m ON m.id = o.merchant_id "
    "LEFT JOIN payment_refund r ON r.id = q.refund_id ");

Result<OperatorRefundRequest> read(const QSqlQuery &q)
{
    OperatorRefundRequest r;
    int c = 0;
    r.id = q.value(c++).toLongLong();
    r.orderId = q.value(c++).toLongLong();
    r.orderNo = q.value(c++).toString();
    r.merchantNo = q.value(c++).toString();
    const qint64 amount = q.value(c++).toLongLong();
    auto currency = Currency::fromCode(q.value(c++).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("payment_order.currency"));
    r.amount = Money::fromMinor(amount, *currency);
    r.reason = q.value(c++).toString();
    auto status = StoredName::read<RefundRequestStatus>(q.value(c++), RefundRequestNames::statusFromName,
                                                        "refund_request.status");
    if (!status)
        return status.error();
    r.status = *status;
    r.requestedBy = q.value(c++).toString();
    r.requestedAt = instant(q.value(c++));
    r.decidedBy = q.value(c++).toString();
    r.decidedAt = instant(q.value(c++));
    r.decisionNote = q.value(c++).toString();
    r.refundNo = q.value(c++).toString();
    const QVariant refundStatus = q.value(c++);
    if (!refundStatus.isNull()) {
        auto known =
            StoredName::read<PaymentRefundStatus>(refundStatus, PaymentStates::fromName, "payment_refund.status");
        if (!known)
            return known.error();
        r.refundStatus = *known;
    }
    r.channelAnswer = q.value(c++).toString();
    r.channelText = q.value(c++).toString();
    return r;
}

} // namespace

Result<OperatorRefundRequest> byId(const QSqlDatabase &db, qint64 id)
{
    auto q = Sql::run(db, kSelect + QStringLiteral("WHERE q.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::RefundRequestUnknown, QString::number(id));
    return read(*q);
}

Result<QList<OperatorRefundRequest>> list(const QSqlDatabase &db, std::optional<RefundRequestStatus> status, int limit)
{
    if (!status)
        return Sql::readAll<OperatorRefundRequest>(
            Sql::run(db, kSelect + QStringLiteral("ORDER BY q.id DESC LIMIT ?"), {limit}), read);
    return Sql::readAll<OperatorRefundRequest>(
        Sql::run(db, kSelect + QStringLiteral("WHERE q.status = ? ORDER BY q.id DESC LIMIT ?"),
                 {RefundRequestNames::status(*status), limit}),
        read);
}

Result<QList<OperatorRefundRequest>> forOrder(const QSqlDatabase &db, const QString &orderNo)
{
    return Sql::readAll<OperatorRefundRequest>(
        Sql::run(db, kSelect + QStringLiteral("WHERE o.order_no = ? ORDER BY q.id"), {orderNo}), read);
}

Result<qint64> waitingAmount(const QSqlDatabase &db, qint64 orderId)
{
    auto q = Sql::run(db, QStringLiteral("SELECT amount FROM refund_request WHERE order_id = ? AND status = 'pending'"),
                      {orderId});
    if (!q)
        return q.error();
    qint64 total = 0;
    while (q->next()) {
        if (addOverflows(total, q->value(0).toLongLong(), &total))
            return Error(ErrorCode::ArithmeticOverflow, QStringLiteral("the refund requests of order %1").arg(orderId));
    }
    return total;
}

Result<qint64> insert(const QSqlDatabase &db, qint64 orderId, const Money &amount, const QString &reason,
                      RefundRequestStatus status, const QString &requestedBy, const QDateTime &at)
{
    return StoreSql::insertReturningId(
        db,
        QStringLiteral("INSERT INTO refund_request (order_id, amount, reason, status, requested_by, "
                       "requested_at) VALUES (?, ?, ?, ?, ?, ?)"),
        {orderId, amount.minor(), reason, RefundRequestNames::status(status), requestedBy, at.toMSecsSinceEpoch()});
}

Status recordRefund(const QSqlDatabase &db, qint64 id, qint64 refundId, RefundRequestStatus status)
{
    return Sql::exec(db,
                     QStringLiteral("UPDATE refund_request SET status = ?, refund_id = ?, version = version + 1 "
                                    "WHERE id = ?"),
                     {RefundRequestNames::status(status), refundId, id});
}

Status recordFailure(const QSqlDatabase &db, qint64 id, const QString &why, const QDateTime &at)
{
    return Sql::exec(db,
                     QStringLiteral("UPDATE refund_request SET status = 'failed', decision_note = ?, "
                                    "decided_at = COALESCE(decided_at, ?), version = version + 1 WHERE id = ?"),
                     {why.left(256), at.toMSecsSinceEpoch(), id});
}

Result<bool> decide(const QSqlDatabase &db, qint64 id, RefundRequestStatus status, const QString &by,
                    const QDateTime &at, const QString &note)
{
    auto decided =
        Sql::run(db,
                 QStringLiteral("UPDATE refund_request SET status = ?, decided_by = ?, decided_at = ?, "
                                "decision_note = ?, version = version + 1 WHERE id = ? AND status = 'pending'"),
                 {RefundRequestNames::status(status), by, at.toMSecsSinceEpoch(), note, id});
    if (!decided)
        return decided.error();
    return decided->numRowsAffected() == 1;
}

} // namespace paydesk::RefundRequestStore
