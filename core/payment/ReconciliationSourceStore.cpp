#include "core/payment/ReconciliationSourceStore.h"

#include "core/payment/PaymentStates.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

namespace paydesk::ReconciliationSourceStore {

namespace {

// A row's amount in its own currency; an unknown code is an error naming the column.
Result<Money> moneyOf(const QVariant &minor, const QVariant &code, const char *column)
{
    auto currency = Currency::fromCode(code.toString());
    if (!currency)
        return StoredName::unknown(column, code.toString());
    return Money::fromMinor(minor.toLongLong(), *currency);
}

QDateTime utcOf(const QVariant &msecs)
{
    return msecs.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(msecs.toLongLong(), Qt::UTC);
}

// id, order_no, channel_transaction_id, amount, currency, channel_fee, status, paid_at
const QString kOrderColumns = QStringLiteral(
    "o.id, o.order_no, o.channel_transaction_id, o.amount, o.currency, o.channel_fee, o.status, o.paid_at");

Result<PlatformRecord> orderRecord(const QVariantList &row)
{
    PlatformRecord record;
    record.type = RecordType::Payment;
    record.rowId = row.at(0).toLongLong();
    record.orderNo = row.at(1).toString();
    record.channelTransactionId = row.at(2).toString();
    auto amount = moneyOf(row.at(3), row.at(4), "payment_order.currency");
    if (!amount)
        return amount.error();
    record.amount = *amount;
    record.channelFee = Money::fromMinor(row.at(5).toLongLong(), amount->currency());
    auto status = StoredName::read<PaymentStatus>(row.at(6), PaymentStates::fromName, "payment_order.status");
    if (!status)
        return status.error();
    record.status = platformStatusOf(*status);
    record.time = utcOf(row.at(7));
    return record;
}

// id, refund_no, channel_refund_id, amount, currency, channel_fee, status, succeeded_at, order_no,
// channel_transaction_id
const QString kRefundColumns = QStringLiteral("r.id, r.refund_no, r.channel_refund_id, r.amount, o.currency, "
                                              "r.channel_fee, r.status, r.succeeded_at, o.order_no, "
                                              "o.channel_transaction_id");

Result<PlatformRecord> refundRecord(const QVariantList &row)
{
    PlatformRecord record;
    record.type = RecordType::Refund;
    record.rowId = row.at(0).toLongLong();
    record.refundNo = row.at(1).toString();
    record.channelRefundNo = row.at(2).toString();
    auto amount = moneyOf(row.at(3), row.at(4), "payment_order.currency");
    if (!amount)
        return amount.error();
    record.amount = *amount;
    record.channelFee = Money::fromMinor(row.at(5).toLongLong(), amount->currency());
    auto status = StoredName::read<PaymentRefundStatus>(row.at(6), PaymentStates::fromName, "payment_refund.status");
    if (!status)
        return status.error();
    record.status = platformStatusOf(*status);
    record.time = utcOf(row.at(7));
    record.orderNo = row.at(8).toString();
    record.channelTransactionId = row.at(9).toString();
    return record;
}

// Streams `sql`'s rows through `read` to `onRecord`: the first read error or a stop is the answer.
Status stream(Database &database, const QString &sql, const QVariantList &values,
              const std::function<Result<PlatformRecord>(const QVariantList &)> &read,
              const PlatformRecordHandler &onRecord)
{
    Status failed;
    const Status streamed = BatchSql::forEachRow(database, sql, values, [&](const QVariantList &row) {
        auto record = read(row);
        if (!record) {
            failed = record.error();
            return false;
        }
        if (!onRecord(*record)) {
            failed = Error(ErrorCode::Cancelled, QStringLiteral("reading our side of the day"));
            return false;
        }
        return true;
    });
    if (!streamed)
        return streamed;
    return failed;
}

// `head` + "?, ?, …)" with the account and the numbers bound, in bounded batches (well within both
// databases' limit on bound values); every row read by `read`, keyed by our number (the order's
// for payments, the refund's for refunds).
Result<QHash<QString, PlatformRecord>> byNumber(const QSqlDatabase &db, const QString &head, qint64 channelAccountId,
                                                const QStringList &numbers, int columns,
                                                Result<PlatformRecord> (*read)(const QVariantList &))
{
    constexpr int kBatch = 500;
    QHash<QString, PlatformRecord> found;
    for (int start = 0; start < numbers.size(); start += kBatch) {
        const QStringList batch = numbers.mid(start, kBatch);
        QVariantList values{channelAccountId};
        for (const QString &number : batch)
            values << number;
        auto rows = Sql::run(
            db, head + QStringList(batch.size(), QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')'),
            values);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            QVariantList row;
            for (int column = 0; column < columns; ++column)
                row << rows->value(column);
            auto record = read(row);
            if (!record)
                return record.error();
            found.insert(record->type == RecordType::Refund ? record->refundNo : record->orderNo, *record);
        }
    }
    return found;
}

} // namespace

Status forEachPaidOrder(Database &database, qint64 channelAccountId, qint64 fromMs, qint64 toMs,
                        const PlatformRecordHandler &onRecord)
{
    return stream(database,
                  QStringLiteral("SELECT ") + kOrderColumns +
                      QStringLiteral(" FROM payment_order o WHERE o.channel_account_id = ? AND o.paid_at >= ? "
                                     "AND o.paid_at < ? AND o.status IN ('succeeded', 'partially_refunded', "
                                     "'refunded')"),
                  {channelAccountId, fromMs, toMs}, orderRecord, onRecord);
}

Status forEachSucceededRefund(Database &database, qint64 channelAccountId, qint64 fromMs, qint64 toMs,
                              const PlatformRecordHandler &onRecord)
{
    return stream(database,
                  QStringLiteral("SELECT ") + kRefundColumns +
                      QStringLiteral(" FROM payment_refund r JOIN payment_order o ON o.id = r.order_id "
                                     "WHERE o.channel_account_id = ? AND r.status = 'succeeded' AND "
                                     "r.succeeded_at >= ? AND r.succeeded_at < ?"),
                  {channelAccountId, fromMs, toMs}, refundRecord, onRecord);
}

Result<QHash<QString, PlatformRecord>> ordersByNumber(const QSqlDatabase &db, qint64 channelAccountId,
                                                      const QStringList &orderNumbers)
{
    return byNumber(db,
                    QStringLiteral("SELECT ") + kOrderColumns +
                        QStringLiteral(" FROM payment_order o WHERE o.channel_account_id = ? AND o.order_no IN ("),
                    channelAccountId, orderNumbers, 8, orderRecord);
}

Result<QHash<QString, PlatformRecord>> refundsByNumber(const QSqlDatabase &db, qint64 channelAccountId,
                                                       const QStringList &refundNumbers)
{
    return byNumber(db,
                    QStringLiteral("SELECT ") + kRefundColumns +
                        QStringLiteral(" FROM payment_refund r JOIN payment_order o ON o.id = r.order_id "
                                       "WHERE o.channel_account_id = ? AND r.refund_no IN ("),
                    channelAccountId, refundNumbers, 10, refundRecord);
}

} // namespace paydesk::ReconciliationSourceStore
