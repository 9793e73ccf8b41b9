#include "core/payment/PaymentRefundStore.h"

#include "core/payment/PaymentRecords.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/util/Error.h"

#include <QSqlQuery>

namespace paydesk::PaymentRefundStore {

namespace {
using PaymentRecords::instant;
using PaymentRecords::text;

// The columns read() reads, in its order.
const QString kColumns = QStringLiteral(
    "r.id, r.refund_no, r.order_id, o.order_no, r.application_id, r.merchant_refund_no, r.request_hash, r.amount, "
    "o.currency, r.merchant_fee, r.channel_fee, r.reason, r.status, r.channel_refund_id, r.requested_at, "
    "r.succeeded_at, "
    "r.entry_id, r.updated_at, r.version, r.asks, r.asked_at, r.checked_at, r.channel_answer, r.channel_text");
const int kColumnCount = 24;
const QString kSelect = QStringLiteral("SELECT ") + kColumns +
                        QStringLiteral(" FROM payment_refund r JOIN payment_order o ON o.id = r.order_id ");

// QueryFailed for a status or currency this version does not know.
Result<PaymentRefund> read(const QSqlQuery &q)
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
    auto knownCurrency = Currency::fromCode(q.value(c++).toString());
    if (!knownCurrency)
        return knownCurrency.error().within(QStringLiteral("payment_refund.currency"));
    const Currency currency = *knownCurrency;
    r.amount = Money::fromMinor(amount, currency);
    r.merchantFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    r.channelFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    r.reason = q.value(c++).toString();
    auto status = StoredName::read<PaymentRefundStatus>(q.value(c++), PaymentStates::fromName, "payment_refund.status");
    if (!status)
        return status.error();
    r.status = *status;
    r.channelRefundId = q.value(c++).toString();
    r.requestedAt = instant(q.value(c++));
    r.succeededAt = instant(q.value(c++));
    r.entryId = q.value(c++).toLongLong();
    r.updatedAt = instant(q.value(c++));
    r.version = q.value(c++).toInt();
    r.asks = q.value(c++).toInt();
    r.askedAt = instant(q.value(c++));
    r.checkedAt = instant(q.value(c++));
    r.channelAnswer = q.value(c++).toString();
    r.channelText = q.value(c++).toString();
    return r;
}

Result<std::optional<PaymentRefund>> loadWhere(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto q = Sql::run(db, kSelect + where, values);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<PaymentRefund>();
    auto refund = read(*q);
    if (!refund)
        return refund.error();
    return std::optional<PaymentRefund>(std::move(*refund));
}
} // namespace

Result<QList<PaymentRefund>> forOrder(const QSqlDatabase &db, qint64 orderId)
{
    return Sql::readAll<PaymentRefund>(
        Sql::run(db, kSelect + QStringLiteral("WHERE r.order_id = ? ORDER BY r.id"), {orderId}), read);
}

Result<PaymentRefund> insert(const QSqlDatabase &db, const PaymentRefund &r)
{
    const qint64 at = r.requestedAt.toMSecsSinceEpoch();
    auto inserted = Sql::exec(
        db,
        QStringLiteral("INSERT INTO payment_refund (refund_no, order_id, application_id, merchant_refund_no, "
                       "request_hash, amount, reason, status, requested_at, updated_at, version, asks, asked_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)"),
        {r.refundNo, r.orderId, r.applicationId, r.merchantRefundNo, r.requestHash, r.amount.minor(), text(r.reason),
         PaymentStates::name(r.status), at, at, at});
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
    return loadWhere(db, QStringLiteral("WHERE r.application_id = ? AND r.merchant_refund_no = ?"),
                     {applicationId, merchantRefundNo});
}

Result<qint64> committedAmount(const QSqlDatabase &db, qint64 orderId)
{
    // Added up here, not by SQL: SQLite's sum fails on overflow and PostgreSQL's turns numeric,
    // which would not read back as a number of fen at all.
    auto q = Sql::run(db, QStringLiteral("SELECT amount FROM payment_refund WHERE order_id = ? AND status <> 'failed'"),
                      {orderId});
    if (!q)
        return q.error();
    qint64 total = 0;
    while (q->next()) {
        if (addOverflows(total, q->value(0).toLongLong(), &total))
            return Error(ErrorCode::ArithmeticOverflow, QStringLiteral("the refunds of order %1").arg(orderId));
    }
    return total;
}

Status update(const QSqlDatabase &db, const PaymentRefund &r, const QDateTime &now)
{
    auto updated =
        Sql::run(db,
                 QStringLiteral("UPDATE payment_refund SET status = ?, merchant_fee = ?, channel_fee = ?, "
                                "channel_refund_id = ?, succeeded_at = ?, entry_id = ?, updated_at = ?, "
                                "version = version + 1 WHERE id = ? AND version = ?"),
                 {PaymentStates::name(r.status), r.merchantFee.minor(), r.channelFee.minor(), text(r.channelRefundId),
                  r.succeededAt.isValid() ? QVariant(r.succeededAt.toMSecsSinceEpoch())
                                          : QVariant(QMetaType(QMetaType::LongLong)),
                  r.entryId ? QVariant(r.entryId) : QVariant(QMetaType(QMetaType::LongLong)), now.toMSecsSinceEpoch(),
                  r.id, r.version});
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return Error(ErrorCode::OrderChangedMeanwhile, r.refundNo);
    return {};
}

Status countAsk(const QSqlDatabase &db, qint64 refundId, const QDateTime &at)
{
    return Sql::exec(db, QStringLiteral("UPDATE payment_refund SET asks = asks + 1, asked_at = ? WHERE id = ?"),
                     {at.toMSecsSinceEpoch(), refundId});
}

Status recordAnswer(const QSqlDatabase &db, qint64 refundId, const QDateTime &at, const QString &answer,
                    const QString &channelText)
{
    return Sql::exec(
        db,
        QStringLiteral("UPDATE payment_refund SET checked_at = ?, channel_answer = ?, channel_text = ? WHERE id = ?"),
        {at.toMSecsSinceEpoch(), answer, text(channelText.left(500)), refundId});
}

Result<QStringList> unsettled(const QSqlDatabase &db, const QDateTime &processingBefore,
                              const QDateTime &requestedBefore, int limit)
{
    auto q = Sql::run(
        db,
        QStringLiteral("SELECT refund_no FROM payment_refund WHERE (status = 'processing' AND requested_at < ?) "
                       "OR (status = 'requested' AND requested_at < ?) ORDER BY requested_at LIMIT ?"),
        {processingBefore.toMSecsSinceEpoch(), requestedBefore.toMSecsSinceEpoch(), limit});
    if (!q)
        return q.error();
    QStringList numbers;
    while (q->next())
        numbers << q->value(0).toString();
    return numbers;
}

Result<QList<UnsettledRefund>> unsettledSince(const QSqlDatabase &db, const QDateTime &requestedBefore, int limit)
{
    auto q = Sql::run(
        db,
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(
                ", m.merchant_no, a.name FROM payment_refund r JOIN payment_order o ON o.id = r.order_id "
                "JOIN merchant m ON m.id = o.merchant_id JOIN channel_account a ON a.id = o.channel_account_id "
                "WHERE r.status IN ('requested', 'processing') AND r.requested_at < ? "
                "ORDER BY r.requested_at, r.id LIMIT ?"),
        {requestedBefore.toMSecsSinceEpoch(), limit});
    if (!q)
        return q.error();
    QList<UnsettledRefund> all;
    while (q->next()) {
        UnsettledRefund u;
        auto refund = read(*q);
        if (!refund)
            return refund.error();
        u.refund = *refund;
        u.merchantNo = q->value(kColumnCount).toString();
        u.channelAccount = q->value(kColumnCount + 1).toString();
        all << u;
    }
    return all;
}

Result<qint64> countUnsettledSince(const QSqlDatabase &db, const QDateTime &requestedBefore)
{
    // Two lookups along payment_refund_by_status (status, requested_at).
    auto count = Sql::scalar(
        db,
        QStringLiteral("SELECT (SELECT count(*) FROM payment_refund WHERE status = 'requested' AND requested_at < ?) + "
                       "(SELECT count(*) FROM payment_refund WHERE status = 'processing' AND requested_at < ?)"),
        {requestedBefore.toMSecsSinceEpoch(), requestedBefore.toMSecsSinceEpoch()});
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace paydesk::PaymentRefundStore
