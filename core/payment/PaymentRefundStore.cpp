#include "PaymentRefundStore.h"

#include "PaymentRecords.h"
#include "storage/Sql.h"
#include "util/Error.h"

#include <QSqlQuery>

namespace paydesk::PaymentRefundStore {

namespace {
using PaymentRecords::instant;
using PaymentRecords::text;

const QString kSelect = QStringLiteral(
    "SELECT r.id, r.refund_no, r.order_id, o.order_no, r.application_id, r.merchant_refund_no, r.request_hash, r.amount, "
    "o.currency, r.merchant_fee, r.channel_fee, r.reason, r.status, r.channel_refund_id, r.requested_at, r.succeeded_at, "
    "r.entry_id, r.updated_at, r.version FROM payment_refund r JOIN payment_order o ON o.id = r.order_id ");

PaymentRefund read(const QSqlQuery &q)
{
    PaymentRefund r;
    int c = 0;
    r.id = q.value(c++).toLongLong();
    r.refundNo = q.value(c++).toString();
    r.orderId = q.value(c++).toLongLong();
    r.orderNo = q.value(c++).toString();
    r.applicationId = q.value(c++).toLongLong();
    r.merchantRefundNo = q.value(c++).toString();
    r.requestHash = q.value(c++).toString();
    const qint64 amount = q.value(c++).toLongLong();
    const Currency currency = Currency::fromCode(q.value(c++).toString()).value_or(Currency::cny());
    r.amount = Money::fromMinor(amount, currency);
    r.merchantFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    r.channelFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    r.reason = q.value(c++).toString();
    PaymentStates::fromName(q.value(c++).toString(), &r.status);
    r.channelRefundId = q.value(c++).toString();
    r.requestedAt = instant(q.value(c++));
    r.succeededAt = instant(q.value(c++));
    r.entryId = q.value(c++).toLongLong();
    r.updatedAt = instant(q.value(c++));
    r.version = q.value(c++).toInt();
    return r;
}

Result<std::optional<PaymentRefund>> loadWhere(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto q = Sql::run(db, kSelect + where, values);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<PaymentRefund>();
    return std::optional<PaymentRefund>(read(*q));
}
} // namespace

Result<QList<PaymentRefund>> forOrder(const QSqlDatabase &db, qint64 orderId)
{
    auto q = Sql::run(db, kSelect + QStringLiteral("WHERE r.order_id = ? ORDER BY r.id"), {orderId});
    if (!q)
        return q.error();
    QList<PaymentRefund> refunds;
    while (q->next())
        refunds << read(*q);
    return refunds;
}

Result<PaymentRefund> insert(const QSqlDatabase &db, const PaymentRefund &r)
{
    const qint64 at = r.requestedAt.toMSecsSinceEpoch();
    auto inserted = Sql::exec(db,
                              QStringLiteral("INSERT INTO payment_refund (refund_no, order_id, application_id, merchant_refund_no, "
                                             "request_hash, amount, reason, status, requested_at, updated_at, version) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
                              {r.refundNo, r.orderId, r.applicationId, r.merchantRefundNo, r.requestHash, r.amount.minor(),
                               text(r.reason), PaymentStates::name(r.status), at, at});
    if (!inserted)
        return inserted.error();
    return loadByNo(db, r.refundNo);
}

Result<PaymentRefund> loadByNo(const QSqlDatabase &db, const QString &refundNo)
{
    auto found = loadWhere(db, QStringLiteral("WHERE r.refund_no = ?"), {refundNo});
    if (!found)
        return found.error();
    if (!*found)
        return Error(ErrorCode::OrderUnknown, QStringLiteral("refund ") + refundNo);
    return **found;
}

Result<std::optional<PaymentRefund>> loadByMerchantRefundNo(const QSqlDatabase &db, qint64 applicationId,
                                                            const QString &merchantRefundNo)
{
    return loadWhere(db, QStringLiteral("WHERE r.application_id = ? AND r.merchant_refund_no = ?"), {applicationId, merchantRefundNo});
}

Result<qint64> committedAmount(const QSqlDatabase &db, qint64 orderId)
{
    auto sum = Sql::scalar(db, QStringLiteral("SELECT coalesce(sum(amount), 0) FROM payment_refund WHERE order_id = ? AND status <> 'failed'"),
                           {orderId});
    if (!sum)
        return sum.error();
    return sum->toLongLong();
}

Status update(const QSqlDatabase &db, const PaymentRefund &r, const QDateTime &now)
{
    auto updated = Sql::run(db,
                            QStringLiteral("UPDATE payment_refund SET status = ?, merchant_fee = ?, channel_fee = ?, "
                                           "channel_refund_id = ?, succeeded_at = ?, entry_id = ?, updated_at = ?, "
                                           "version = version + 1 WHERE id = ? AND version = ?"),
                            {PaymentStates::name(r.status), r.merchantFee.minor(), r.channelFee.minor(), text(r.channelRefundId),
                             r.succeededAt.isValid() ? QVariant(r.succeededAt.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong)),
                             r.entryId ? QVariant(r.entryId) : QVariant(QMetaType(QMetaType::LongLong)), now.toMSecsSinceEpoch(), r.id,
                             r.version});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return Error(ErrorCode::OrderChangedMeanwhile, r.refundNo);
    return {};
}

Result<QStringList> processing(const QSqlDatabase &db, const QDateTime &requestedBefore, int limit)
{
    auto q = Sql::run(db,
                      QStringLiteral("SELECT refund_no FROM payment_refund WHERE status = 'processing' AND requested_at < ? "
                                     "ORDER BY requested_at LIMIT ?"),
                      {requestedBefore.toMSecsSinceEpoch(), limit});
    if (!q)
        return q.error();
    QStringList numbers;
    while (q->next())
        numbers << q->value(0).toString();
    return numbers;
}

} // namespace paydesk::PaymentRefundStore
