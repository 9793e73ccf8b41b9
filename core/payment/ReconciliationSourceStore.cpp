#include "core/payment/ReconciliationSourceStore.h"

#include "core/payment/PaymentStates.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

namespace paydesk::ReconciliationSourceStore {

namespace {

// The last name a column held and what it read as: a day's rows repeat a handful of statuses and
// one currency, so each is parsed once, not once a row.
template <typename Value> struct LastRead
{
    QByteArray name;
    std::optional<Value> value;

    template <typename Parse> Result<Value> read(QByteArrayView bytes, Parse parse)
    {
        if (value && bytes == name)
            return *value;
        auto parsed = parse(QString::fromUtf8(bytes));
        if (parsed) {
            name = bytes.toByteArray();
            value = *parsed;
        }
        return parsed;
    }
};

struct Names
{
    LastRead<Currency> currency;
    LastRead<PaymentStatus> orderStatus;
    LastRead<PaymentRefundStatus> refundStatus;
};

// A row's amount in its own currency; an unknown code is an error naming the column.
Result<Money> moneyOf(const SqlRowView &row, int minor, int code, Names &names)
{
    auto currency = names.currency.read(row.utf8(code), [](const QString &text) -> Result<Currency> {
        auto known = Currency::fromCode(text);
        if (!known)
            return StoredName::unknown("payment_order.currency", text);
        return *known;
    });
    if (!currency)
        return currency.error();
    return Money::fromMinor(row.integer(minor), *currency);
}

template <typename Enum>
Result<Enum> statusOf(const SqlRowView &row, int column, LastRead<Enum> &last, const char *name)
{
    return last.read(row.utf8(column), [name](const QString &text) {
        return StoredName::read<Enum>(QVariant(text), PaymentStates::fromName, name);
    });
}

QDateTime utcOf(const SqlRowView &row, int column)
{
    return row.isNull(column) ? QDateTime() : QDateTime::fromMSecsSinceEpoch(row.integer(column), Qt::UTC);
}

// id, order_no, channel_transaction_id, amount, currency, channel_fee, status, paid_at
const QString kOrderColumns = QStringLiteral(
    "o.id, o.order_no, o.channel_transaction_id, o.amount, o.currency, o.channel_fee, o.status, o.paid_at");

Result<PlatformRecord> orderRecord(const SqlRowView &row, Names &names)
{
    PlatformRecord record;
    record.type = RecordType::Payment;
    record.rowId = row.integer(0);
    record.orderNo = row.text(1);
    record.channelTransactionId = row.text(2);
    auto amount = moneyOf(row, 3, 4, names);
    if (!amount)
        return amount.error();
    record.amount = *amount;
    record.channelFee = Money::fromMinor(row.integer(5), amount->currency());
    auto status = statusOf(row, 6, names.orderStatus, "payment_order.status");
    if (!status)
        return status.error();
    record.status = platformStatusOf(*status);
    record.time = utcOf(row, 7);
    return record;
}

// id, refund_no, channel_refund_id, amount, currency, channel_fee, status, succeeded_at, order_no,
// channel_transaction_id
const QString kRefundColumns = QStringLiteral("r.id, r.refund_no, r.channel_refund_id, r.amount, o.currency, "
                                              "r.channel_fee, r.status, r.succeeded_at, o.order_no, "
                                              "o.channel_transaction_id");

Result<PlatformRecord> refundRecord(const SqlRowView &row, Names &names)
{
    PlatformRecord record;
    record.type = RecordType::Refund;
    record.rowId = row.integer(0);
    record.refundNo = row.text(1);
    record.channelRefundNo = row.text(2);
    auto amount = moneyOf(row, 3, 4, names);
    if (!amount)
        return amount.error();
    record.amount = *amount;
    record.channelFee = Money::fromMinor(row.integer(5), amount->currency());
    auto status = statusOf(row, 6, names.refundStatus, "payment_refund.status");
    if (!status)
        return status.error();
    record.status = platformStatusOf(*status);
    record.time = utcOf(row, 7);
    record.orderNo = row.text(8);
    record.channelTransactionId = row.text(9);
    return record;
}

using RecordReader = Result<PlatformRecord> (*)(const SqlRowView &, Names &);

// Streams `sql`'s rows through `read` to `onRecord`: the first read error or a stop is the answer.
Status stream(Database &database, const QString &sql, const QVariantList &values, RecordReader read,
              const PlatformRecordHandler &onRecord)
{
    Status failed;
    Names names;
    const Status streamed = BatchSql::forEachRowView(database, sql, values, [&](const SqlRowView &row) {
        auto record = read(row, names);
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
                                                const QStringList &numbers, int columns, RecordReader read)
{
    Names names;
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
            auto record = read(SqlRowView(row), names);
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
