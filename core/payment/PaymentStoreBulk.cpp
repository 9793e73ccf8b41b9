#include "core/channel/ChannelNames.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/payment/PaymentStates.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"

#include <QJsonDocument>

// The bulk import's writes of payment_order, payment_event and payment_refund: the same stores,
// the rows many at a time (BatchSql) instead of one statement each.
namespace paydesk {

namespace {
QVariant millisOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong));
}

QString textOrEmpty(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

const QString kOrderHead = QStringLiteral(
    "INSERT INTO payment_order (order_no, application_id, merchant_id, merchant_order_no, request_hash, method, "
    "amount, currency, subject, notify_url, expires_at, status, channel_account_id, channel_transaction_id, "
    "payer_id, prepay, merchant_rate_ppm, merchant_fee, channel_rate_ppm, channel_fee, refunded_amount, "
    "business_date, paid_at, entry_id, created_at, updated_at, version) VALUES ");
constexpr int kOrderColumns = 27;

const QString kRefundHead = QStringLiteral(
    "INSERT INTO payment_refund (refund_no, order_id, application_id, merchant_refund_no, request_hash, amount, "
    "merchant_fee, channel_fee, reason, status, channel_refund_id, requested_at, succeeded_at, entry_id, "
    "updated_at, version) VALUES ");
constexpr int kRefundColumns = 16;

Status findTakenIn(Database &database, const QString &head, const QStringList &numbers,
                   const PaymentOrderStore::TakenNumber &taken)
{
    if (numbers.isEmpty())
        return {};
    return BatchSql::selectIn(
        database, head, QString(), QVariantList(numbers.cbegin(), numbers.cend()),
        [&taken](const QVariantList &row) { taken(row.at(0).toLongLong(), row.at(1).toString()); });
}
} // namespace

Result<QList<qint64>> PaymentOrderStore::insertImported(Database &database, const QList<ImportedOrder> &orders,
                                                        const QDateTime &now)
{
    if (orders.isEmpty())
        return QList<qint64>();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QVariantList values;
    values.reserve(orders.size() * kOrderColumns);
    QVariantList numbers;
    for (const ImportedOrder &imported : orders) {
        const PaymentOrder &o = imported.order;
        values << o.orderNo << o.applicationId << o.merchantId << o.merchantOrderNo << o.requestHash
               << ChannelNames::method(o.method) << o.amount.minor() << o.amount.currency().code() << o.subject
               << textOrEmpty(o.notifyUrl) << o.expiresAt.toMSecsSinceEpoch() << PaymentStates::name(o.status)
               << o.channelAccountId << textOrEmpty(o.channelTransactionId) << textOrEmpty(o.payerId)
               << QStringLiteral("") << o.merchantRatePpm << o.merchantFee.minor() << o.channelRatePpm
               << o.channelFee.minor() << o.refundedAmount.minor() << o.businessDate.toString(Qt::ISODate)
               << millisOrNull(o.paidAt) << idOrNull(o.entryId) << o.createdAt.toMSecsSinceEpoch() << nowMs << 1;
        numbers << o.orderNo;
    }
    Status step = BatchSql::execRows(database, kOrderHead, QString(), kOrderColumns, values);
    if (!step)
        return step.error();
    QHash<QString, qint64> idOf;
    step = BatchSql::selectIn(
        database, QStringLiteral("SELECT order_no, id FROM payment_order WHERE order_no IN "), QString(), numbers,
        [&idOf](const QVariantList &row) { idOf.insert(row.at(0).toString(), row.at(1).toLongLong()); });
    if (!step)
        return step.error();
    QList<qint64> ids;
    ids.reserve(orders.size());
    QVariantList events;
    events.reserve(orders.size() * 6);
    for (const ImportedOrder &imported : orders) {
        const qint64 id = idOf.value(imported.order.orderNo);
        ids << id;
        events << id << QVariant(QMetaType(QMetaType::LongLong)) << nowMs
               << PaymentEventNames::kind(PaymentEventKind::Import) << PaymentStates::name(imported.order.status)
               << QString::fromUtf8(QJsonDocument(imported.eventDetail).toJson(QJsonDocument::Compact));
    }
    step = BatchSql::execRows(
        database, QStringLiteral("INSERT INTO payment_event (order_id, refund_id, at, kind, result, detail) VALUES "),
        QString(), 6, events);
    if (!step)
        return step.error();
    return ids;
}

Status PaymentOrderStore::findTaken(Database &database, const QStringList &merchantOrderNos, const TakenNumber &taken)
{
    return findTakenIn(
        database,
        QStringLiteral("SELECT application_id, merchant_order_no FROM payment_order WHERE merchant_order_no IN "),
        merchantOrderNos, taken);
}

Status PaymentOrderStore::refreshStatisticsDuringImport(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return {};
    return Sql::exec(db, QStringLiteral("ANALYZE journal_entry, ledger_posting, payment_order, payment_refund"));
}

Status PaymentOrderStore::refreshStatisticsAfterImport(const QSqlDatabase &db)
{
    // SQLite samples each index (analysis_limit) instead of reading all of it.
    const QStringList analyse =
        db.driverName() == QLatin1String("QPSQL")
            ? QStringList{QStringLiteral("ANALYZE payment_order, payment_refund")}
            : QStringList{QStringLiteral("PRAGMA analysis_limit = 2000"), QStringLiteral("ANALYZE")};
    for (const QString &sql : analyse) {
        const Status step = Sql::exec(db, sql);
        if (!step)
            return step;
    }
    return {};
}

Status PaymentRefundStore::insertImported(Database &database, const QList<PaymentRefund> &refunds, const QDateTime &now)
{
    if (refunds.isEmpty())
        return {};
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QVariantList values;
    values.reserve(refunds.size() * kRefundColumns);
    for (const PaymentRefund &r : refunds) {
        values << r.refundNo << r.orderId << r.applicationId << r.merchantRefundNo << r.requestHash << r.amount.minor()
               << r.merchantFee.minor() << r.channelFee.minor() << textOrEmpty(r.reason)
               << PaymentStates::name(r.status) << textOrEmpty(r.channelRefundId) << r.requestedAt.toMSecsSinceEpoch()
               << millisOrNull(r.succeededAt) << idOrNull(r.entryId) << nowMs << 1;
    }
    return BatchSql::execRows(database, kRefundHead, QString(), kRefundColumns, values);
}

Status PaymentRefundStore::findTaken(Database &database, const QStringList &merchantRefundNos,
                                     const PaymentOrderStore::TakenNumber &taken)
{
    return findTakenIn(
        database,
        QStringLiteral("SELECT application_id, merchant_refund_no FROM payment_refund WHERE merchant_refund_no IN "),
        merchantRefundNos, taken);
}

} // namespace paydesk
