#include "core/payment/PaymentOrderStore.h"

#include "core/channel/ChannelNames.h"
#include "core/payment/PaymentRecords.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/util/Error.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace paydesk::PaymentOrderStore {

namespace {
using PaymentRecords::instant;
using PaymentRecords::text;

const QString kColumns = QStringLiteral(
    "o.id, o.order_no, o.application_id, o.merchant_id, m.merchant_no, o.merchant_order_no, o.request_hash, o.method, "
    "o.amount, o.currency, o.subject, o.notify_url, o.expires_at, o.status, o.channel_account_id, a.name, "
    "o.channel_transaction_id, o.payer_id, o.prepay, o.merchant_rate_ppm, o.merchant_fee, o.channel_rate_ppm, "
    "o.channel_fee, o.refunded_amount, o.business_date, o.paid_at, o.entry_id, o.created_at, o.updated_at, o.version");
const QString kFrom = QStringLiteral(" FROM payment_order o JOIN merchant m ON m.id = o.merchant_id "
                                     "JOIN channel_account a ON a.id = o.channel_account_id ");

QVariant millis(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QString json(const QJsonObject &object)
{
    return object.isEmpty() ? QStringLiteral("")
                            : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// QueryFailed for a name or currency this version does not know.
Result<PaymentOrder> read(const QSqlQuery &q)
{
    PaymentOrder o;
    int c = 0;
    o.id = q.value(c++).toLongLong();
    o.orderNo = q.value(c++).toString();
    o.applicationId = q.value(c++).toLongLong();
    o.merchantId = q.value(c++).toLongLong();
    o.merchantNo = q.value(c++).toString();
    o.merchantOrderNo = q.value(c++).toString();
    o.requestHash = q.value(c++).toString();
    auto method = StoredName::read<PayMethod>(q.value(c++), ChannelNames::methodFromName, "payment_order.method");
    if (!method)
        return method.error();
    o.method = *method;
    const qint64 amount = q.value(c++).toLongLong();
    auto knownCurrency = Currency::fromCode(q.value(c++).toString());
    if (!knownCurrency)
        return knownCurrency.error().within(QStringLiteral("payment_order.currency"));
    const Currency currency = *knownCurrency;
    o.amount = Money::fromMinor(amount, currency);
    o.subject = q.value(c++).toString();
    o.notifyUrl = q.value(c++).toString();
    o.expiresAt = instant(q.value(c++));
    auto status = StoredName::read<PaymentStatus>(q.value(c++), PaymentStates::fromName, "payment_order.status");
    if (!status)
        return status.error();
    o.status = *status;
    o.channelAccountId = q.value(c++).toLongLong();
    o.channelAccount = q.value(c++).toString();
    o.channelTransactionId = q.value(c++).toString();
    o.payerId = q.value(c++).toString();
    o.prepay = QJsonDocument::fromJson(q.value(c++).toString().toUtf8()).object();
    o.merchantRatePpm = q.value(c++).toLongLong();
    o.merchantFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    o.channelRatePpm = q.value(c++).toLongLong();
    o.channelFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    o.refundedAmount = Money::fromMinor(q.value(c++).toLongLong(), currency);
    o.businessDate = QDate::fromString(q.value(c++).toString().left(10), Qt::ISODate);
    o.paidAt = instant(q.value(c++));
    o.entryId = q.value(c++).toLongLong();
    o.createdAt = instant(q.value(c++));
    o.updatedAt = instant(q.value(c++));
    o.version = q.value(c++).toInt();
    return o;
}

Result<std::optional<PaymentOrder>> loadWhere(const QSqlDatabase &db, const QString &where, const QVariantList &values,
                                              bool forUpdate)
{
    const QString lock =
        forUpdate && db.driverName() == QLatin1String("QPSQL") ? QStringLiteral(" FOR UPDATE OF o") : QString();
    auto q = Sql::run(db, QStringLiteral("SELECT ") + kColumns + kFrom + where + lock, values);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<PaymentOrder>();
    auto order = read(*q);
    if (!order)
        return order.error();
    return std::optional<PaymentOrder>(std::move(*order));
}

Result<PaymentOrder> loadOne(const QSqlDatabase &db, const QString &where, const QVariant &key, bool forUpdate)
{
    auto found = loadWhere(db, where, {key}, forUpdate);
    if (!found)
        return found.error();
    if (!*found)
        return Error(ErrorCode::OrderUnknown, key.toString());
    return **found;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

QString eventDetail(const QJsonObject &detail)
{
    const QString text = json(detail);
    return text.isEmpty() ? QStringLiteral("{}") : text;
}

const QString kInsertOrder = QStringLiteral(
    "INSERT INTO payment_order (order_no, application_id, merchant_id, merchant_order_no, request_hash, method, "
    "amount, "
    "currency, subject, notify_url, expires_at, status, channel_account_id, payer_id, merchant_rate_ppm, merchant_fee, "
    "channel_rate_ppm, channel_fee, business_date, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");

QVariantList insertValues(const PaymentOrder &o)
{
    const qint64 now = o.createdAt.toMSecsSinceEpoch();
    return {o.orderNo,
            o.applicationId,
            o.merchantId,
            o.merchantOrderNo,
            o.requestHash,
            ChannelNames::method(o.method),
            o.amount.minor(),
            o.amount.currency().code(),
            o.subject,
            text(o.notifyUrl),
            o.expiresAt.toMSecsSinceEpoch(),
            PaymentStates::name(o.status),
            o.channelAccountId,
            text(o.payerId),
            o.merchantRatePpm,
            o.merchantFee.minor(),
            o.channelRatePpm,
            o.channelFee.minor(),
            o.businessDate.toString(Qt::ISODate),
            now,
            now};
}

const QString kUpdateOrder =
    QStringLiteral("UPDATE payment_order SET status = ?, channel_transaction_id = ?, payer_id = ?, prepay = ?, paid_at "
                   "= ?, entry_id = ?, "
                   "refunded_amount = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");

QVariantList updateValues(const PaymentOrder &o, const QDateTime &now)
{
    return {PaymentStates::name(o.status),
            text(o.channelTransactionId),
            text(o.payerId),
            json(o.prepay),
            millis(o.paidAt),
            o.entryId ? QVariant(o.entryId) : QVariant(QMetaType(QMetaType::LongLong)),
            o.refundedAmount.minor(),
            now.toMSecsSinceEpoch(),
            o.id,
            o.version};
}

// Runs an insert of one order that returns its id.
Result<qint64> insertedId(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto inserted = Sql::run(db, sql, values);
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return Error(ErrorCode::QueryFailed, QStringLiteral("payment_order: the insert returned no id"));
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    return id;
}
} // namespace

Result<qint64> insert(const QSqlDatabase &db, const PaymentOrder &o)
{
    return insertedId(db, kInsertOrder, insertValues(o));
}

Result<qint64> insertWithEvent(const QSqlDatabase &db, const PaymentOrder &o, PaymentEventKind kind,
                               const QString &result, const QJsonObject &detail)
{
    if (!isPostgres(db)) {
        auto id = insert(db, o);
        if (!id)
            return id;
        const Status logged = addEvent(db, *id, kind, result, detail, o.createdAt);
        if (!logged)
            return logged.error();
        return id;
    }
    QVariantList values = insertValues(o);
    values << o.createdAt.toMSecsSinceEpoch() << PaymentEventNames::kind(kind) << result << eventDetail(detail);
    return insertedId(
        db,
        QStringLiteral("WITH o AS (") + kInsertOrder +
            QStringLiteral("), e AS (INSERT INTO payment_event (order_id, refund_id, at, kind, result, detail) "
                           "SELECT id, NULL, ?, ?, ?, ? FROM o) SELECT id FROM o"),
        values);
}

bool changesAtomically(const QSqlDatabase &db)
{
    return isPostgres(db);
}

Status updateWithEvent(const QSqlDatabase &db, const PaymentOrder &o, const QDateTime &now, PaymentEventKind kind,
                       const QString &result, const QJsonObject &detail)
{
    if (!isPostgres(db)) {
        const Status updated = update(db, o, now);
        if (!updated)
            return updated;
        return addEvent(db, o.id, kind, result, detail, now);
    }
    QVariantList values = updateValues(o, now);
    values << now.toMSecsSinceEpoch() << PaymentEventNames::kind(kind) << result << eventDetail(detail);
    auto changed = Sql::run(
        db,
        QStringLiteral("WITH u AS (") + kUpdateOrder +
            QStringLiteral(" RETURNING id) INSERT INTO payment_event (order_id, refund_id, at, kind, result, detail) "
                           "SELECT id, NULL, ?, ?, ?, ? FROM u"),
        values);
    if (!changed)
        return changed.error();
    if (changed->numRowsAffected() != 1)
        return Error(ErrorCode::OrderChangedMeanwhile, o.orderNo);
    return {};
}

Result<PaymentOrder> load(const QSqlDatabase &db, qint64 id, bool forUpdate)
{
    return loadOne(db, QStringLiteral("WHERE o.id = ?"), id, forUpdate);
}

Result<PaymentOrder> loadByNo(const QSqlDatabase &db, const QString &orderNo, bool forUpdate)
{
    return loadOne(db, QStringLiteral("WHERE o.order_no = ?"), orderNo, forUpdate);
}

Result<std::optional<PaymentOrder>> loadByMerchantOrderNo(const QSqlDatabase &db, qint64 applicationId,
                                                          const QString &merchantOrderNo)
{
    return loadWhere(db, QStringLiteral("WHERE o.application_id = ? AND o.merchant_order_no = ?"),
                     {applicationId, merchantOrderNo}, false);
}

Status update(const QSqlDatabase &db, const PaymentOrder &o, const QDateTime &now)
{
    auto updated = Sql::run(db, kUpdateOrder, updateValues(o, now));
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return Error(ErrorCode::OrderChangedMeanwhile, o.orderNo);
    return {};
}

Result<QStringList> pending(const QSqlDatabase &db, const QDateTime &createdBefore, int limit)
{
    QStringList numbers;
    // One status at a time: each walks the (status, created_at) index in order.
    for (const char *status : {"created", "paying"}) {
        auto q = Sql::run(db,
                          QStringLiteral("SELECT order_no FROM payment_order WHERE status = ? AND created_at < ? "
                                         "ORDER BY created_at LIMIT ?"),
                          {QString::fromLatin1(status), createdBefore.toMSecsSinceEpoch(), limit});
        if (!q)
            return q.error();
        while (q->next())
            numbers << q->value(0).toString();
    }
    return numbers.mid(0, limit);
}

Status addEvent(const QSqlDatabase &db, qint64 orderId, PaymentEventKind kind, const QString &result,
                const QJsonObject &detail, const QDateTime &at, qint64 refundId)
{
    return Sql::exec(
        db,
        QStringLiteral(
            "INSERT INTO payment_event (order_id, refund_id, at, kind, result, detail) VALUES (?, ?, ?, ?, ?, ?)"),
        {orderId, refundId ? QVariant(refundId) : QVariant(QMetaType(QMetaType::LongLong)), at.toMSecsSinceEpoch(),
         PaymentEventNames::kind(kind), result, eventDetail(detail)});
}

Result<QList<PaymentEvent>> events(const QSqlDatabase &db, qint64 orderId)
{
    auto q = Sql::run(db,
                      QStringLiteral("SELECT id, order_id, refund_id, at, kind, result, detail FROM payment_event "
                                     "WHERE order_id = ? ORDER BY id"),
                      {orderId});
    if (!q)
        return q.error();
    QList<PaymentEvent> list;
    while (q->next()) {
        PaymentEvent e;
        e.id = q->value(0).toLongLong();
        e.orderId = q->value(1).toLongLong();
        e.refundId = q->value(2).toLongLong();
        e.at = instant(q->value(3));
        auto kind =
            StoredName::read<PaymentEventKind>(q->value(4), PaymentEventNames::kindFromName, "payment_event.kind");
        if (!kind)
            return kind.error();
        e.kind = *kind;
        e.result = q->value(5).toString();
        e.detail = QJsonDocument::fromJson(q->value(6).toString().toUtf8()).object();
        list << e;
    }
    return list;
}

} // namespace paydesk::PaymentOrderStore
