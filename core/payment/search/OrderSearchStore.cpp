#include "core/payment/search/OrderSearchStore.h"

#include "core/channel/ChannelNames.h"
#include "core/payment/PaymentRecords.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"

#include <QSet>

namespace paydesk::OrderSearchStore {

namespace {

Error invalid(const QString &what)
{
    return Error(ErrorCode::InvalidArgument, what);
}

qint64 dayStartMs(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), Clock::platformTimeZone()).toMSecsSinceEpoch();
}

// Ids a caller reads out, each found by one index seek; the kind says which column matched.
const QString kAnyIdLookup =
    QStringLiteral("SELECT id, 'order_no' FROM payment_order WHERE order_no = ? "
                   "UNION ALL SELECT id, 'merchant_order_no' FROM payment_order WHERE merchant_order_no = ? "
                   "UNION ALL SELECT id, 'channel_transaction_id' FROM payment_order WHERE channel_transaction_id = ? "
                   "AND channel_transaction_id <> '' "
                   "UNION ALL SELECT id, 'payer_id' FROM payment_order WHERE payer_id = ? AND payer_id <> '' "
                   "UNION ALL SELECT order_id, 'refund_no' FROM payment_refund WHERE refund_no = ? "
                   "UNION ALL SELECT order_id, 'merchant_refund_no' FROM payment_refund WHERE merchant_refund_no = ? "
                   "UNION ALL SELECT order_id, 'channel_refund_id' FROM payment_refund WHERE channel_refund_id = ? "
                   "AND channel_refund_id <> ''");

// More orders than this behind one id (a frequent payer): the page reads them through the
// look-up as a subquery instead of a list of ids.
constexpr int kMaxListedIds = 2000;

// Amount ranges up to this wide (fen) are looked up in the amount index.
constexpr qint64 kNarrowAmountSpan = 100;

const QString kPageColumns = QStringLiteral(
    "o.id, o.order_no, m.merchant_no, m.short_name, a.app_id, o.merchant_order_no, ca.channel, ca.name, o.method, "
    "o.amount, o.currency, o.refunded_amount, o.merchant_fee, o.channel_fee, o.status, o.created_at, o.paid_at, "
    "o.channel_transaction_id, o.payer_id, o.subject");
const QString kInnerColumns = QStringLiteral(
    "o.id, o.order_no, o.merchant_id, o.application_id, o.merchant_order_no, o.channel_account_id, o.method, "
    "o.amount, o.currency, o.refunded_amount, o.merchant_fee, o.channel_fee, o.status, o.created_at, o.paid_at, "
    "o.channel_transaction_id, o.payer_id, o.subject");

// QueryFailed for a name or currency this version does not know.
Result<OrderSummary> readSummary(const QSqlQuery &q)
{
    OrderSummary s;
    int c = 0;
    s.id = q.value(c++).toLongLong();
    s.orderNo = q.value(c++).toString();
    s.merchantNo = q.value(c++).toString();
    s.merchantName = q.value(c++).toString();
    s.appId = q.value(c++).toString();
    s.merchantOrderNo = q.value(c++).toString();
    auto channel =
        StoredName::read<ChannelKind>(q.value(c++), ChannelNames::channelFromName, "channel_account.channel");
    if (!channel)
        return channel.error();
    s.channel = *channel;
    s.channelAccount = q.value(c++).toString();
    auto method = StoredName::read<PayMethod>(q.value(c++), ChannelNames::methodFromName, "payment_order.method");
    if (!method)
        return method.error();
    s.method = *method;
    const qint64 amount = q.value(c++).toLongLong();
    auto knownCurrency = Currency::fromCode(q.value(c++).toString());
    if (!knownCurrency)
        return knownCurrency.error().within(QStringLiteral("payment_order.currency"));
    const Currency currency = *knownCurrency;
    s.amount = Money::fromMinor(amount, currency);
    s.refundedAmount = Money::fromMinor(q.value(c++).toLongLong(), currency);
    s.merchantFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    s.channelFee = Money::fromMinor(q.value(c++).toLongLong(), currency);
    auto status = StoredName::read<PaymentStatus>(q.value(c++), PaymentStates::fromName, "payment_order.status");
    if (!status)
        return status.error();
    s.status = *status;
    s.createdAt = PaymentRecords::instant(q.value(c++));
    s.paidAt = PaymentRecords::instant(q.value(c++));
    s.channelTransactionId = q.value(c++).toString();
    s.payerId = q.value(c++).toString();
    s.subject = q.value(c++).toString();
    return s;
}

QString inList(int count)
{
    return QLatin1Char('(') + Sql::placeholders(count) + QLatin1Char(')');
}

QString whereOf(const QStringList &conditions)
{
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

} // namespace

Result<Selection> select(const QSqlDatabase &db, const OrderFilter &filter)
{
    Selection r;
    auto idOf = [&](const QString &sql, const QString &name, const QString &what) -> Result<qint64> {
        auto id = Sql::scalar(db, sql, {name});
        if (!id)
            return id.error();
        if (!id->isValid())
            return invalid(QStringLiteral("%1 %2 does not exist").arg(what, name));
        return id->toLongLong();
    };

    const QString anyId = filter.anyId.trimmed();
    if (!anyId.isEmpty()) {
        QVariantList ids;
        for (int i = 0; i < 7; ++i)
            ids << anyId;
        auto matches = Sql::run(db, kAnyIdLookup, ids);
        if (!matches)
            return matches.error();
        while (matches->next()) {
            const qint64 id = matches->value(0).toLongLong();
            if (!r.matchedBy.contains(id))
                r.matchedBy.insert(id, matches->value(1).toString());
        }
        if (r.matchedBy.isEmpty()) {
            r.matchesNothing = true;
        } else if (r.matchedBy.size() <= kMaxListedIds) {
            r.conditions << QStringLiteral("o.id IN ") + inList(int(r.matchedBy.size()));
            for (auto it = r.matchedBy.cbegin(); it != r.matchedBy.cend(); ++it)
                r.values << it.key();
        } else {
            r.conditions << QStringLiteral("o.id IN (SELECT id FROM (") + kAnyIdLookup + QStringLiteral(") AS any_id)");
            r.values << ids;
        }
    }
    if (!filter.merchantNo.isEmpty()) {
        auto id = idOf(QStringLiteral("SELECT id FROM merchant WHERE merchant_no = ?"), filter.merchantNo.trimmed(),
                       QStringLiteral("merchant"));
        if (!id)
            return id.error();
        r.conditions << QStringLiteral("o.merchant_id = ?");
        r.values << *id;
    }
    if (!filter.appId.isEmpty()) {
        auto id = idOf(QStringLiteral("SELECT id FROM application WHERE app_id = ?"), filter.appId.trimmed(),
                       QStringLiteral("application"));
        if (!id)
            return id.error();
        r.conditions << QStringLiteral("o.application_id = ?");
        r.values << *id;
    }
    if (filter.channel || !filter.channelAccount.isEmpty()) {
        // Both name accounts: the orders' account must be in each set.
        QSet<qint64> accounts;
        bool first = true;
        if (!filter.channelAccount.isEmpty()) {
            auto id = idOf(QStringLiteral("SELECT id FROM channel_account WHERE name = ?"),
                           filter.channelAccount.trimmed(), QStringLiteral("channel account"));
            if (!id)
                return id.error();
            accounts.insert(*id);
            first = false;
        }
        if (filter.channel) {
            auto q = Sql::run(db, QStringLiteral("SELECT id FROM channel_account WHERE channel = ?"),
                              {ChannelNames::channel(*filter.channel)});
            if (!q)
                return q.error();
            QSet<qint64> ofChannel;
            while (q->next())
                ofChannel.insert(q->value(0).toLongLong());
            accounts = first ? ofChannel : accounts.intersect(ofChannel);
        }
        if (accounts.isEmpty()) {
            r.matchesNothing = true;
        } else {
            QList<qint64> sorted(accounts.cbegin(), accounts.cend());
            std::sort(sorted.begin(), sorted.end());
            r.conditions << (sorted.size() == 1
                                 ? QStringLiteral("o.channel_account_id = ?")
                                 : QStringLiteral("o.channel_account_id IN ") + inList(int(sorted.size())));
            for (qint64 id : sorted)
                r.values << id;
        }
    }
    if (filter.method) {
        r.conditions << QStringLiteral("o.method = ?");
        r.values << ChannelNames::method(*filter.method);
    }
    if (filter.status) {
        r.conditions << QStringLiteral("o.status = ?");
        r.values << PaymentStates::name(*filter.status);
    }
    if (filter.minAmount && filter.maxAmount && *filter.minAmount == *filter.maxAmount) {
        r.conditions << QStringLiteral("o.amount = ?");
        r.values << *filter.minAmount;
    } else {
        // A caller's "about 88 yuan" walks the amount index; a wide range would make it sort
        // most of the table, so the unary + keeps the planners off that index and the range
        // filters the walk of another one instead.
        const bool narrow =
            filter.minAmount && filter.maxAmount && *filter.maxAmount - *filter.minAmount <= kNarrowAmountSpan;
        const QString amount = narrow ? QStringLiteral("o.amount") : QStringLiteral("+o.amount");
        if (filter.minAmount) {
            r.conditions << amount + QStringLiteral(" >= ?");
            r.values << *filter.minAmount;
        }
        if (filter.maxAmount) {
            r.conditions << amount + QStringLiteral(" <= ?");
            r.values << *filter.maxAmount;
        }
    }
    if (!filter.createdFrom.isNull()) {
        r.conditions << QStringLiteral("o.created_at >= ?");
        r.values << dayStartMs(filter.createdFrom);
    }
    if (!filter.createdTo.isNull()) {
        r.conditions << QStringLiteral("o.created_at < ?");
        r.values << dayStartMs(filter.createdTo.addDays(1));
    }
    // Paid days filter a walk along the creation time (bounded below), never the payment time:
    // the orders paid on a day, sorted by creation, would be sorted whole.
    if (!filter.paidFrom.isNull()) {
        r.conditions << QStringLiteral("+o.paid_at >= ?");
        r.values << dayStartMs(filter.paidFrom);
    }
    if (!filter.paidTo.isNull()) {
        r.conditions << QStringLiteral("+o.paid_at < ?");
        r.values << dayStartMs(filter.paidTo.addDays(1));
        // Nothing is paid before it is created: the walk newest first starts at the paid
        // range's end instead of today.
        r.conditions << QStringLiteral("o.created_at < ?");
        r.values << dayStartMs(filter.paidTo.addDays(1));
    }
    if ((!filter.paidFrom.isNull() || !filter.paidTo.isNull()) && filter.status &&
        !PaymentStates::hasBeenPaid(*filter.status))
        r.matchesNothing = true; // only succeeded (and then refunded) orders have a payment time
    if (filter.hasRefund) {
        r.conditions << QString::fromLatin1(*filter.hasRefund ? "EXISTS" : "NOT EXISTS") +
                            QStringLiteral(" (SELECT 1 FROM payment_refund r WHERE r.order_id = o.id)");
    }
    return r;
}

Result<Rows> page(Database &database, const Selection &selection, const std::optional<OrderCursor> &after, int pageSize,
                  bool withoutIndexes)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();

    QStringList conditions = selection.conditions;
    QVariantList values = selection.values;
    if (after) {
        conditions << QStringLiteral("(o.created_at, o.id) < (?, ?)");
        values << after->createdAtMs << after->id;
    }
    // SQLite: NOT INDEXED keeps it off every index (it may still look rows up by id).
    const QString table = withoutIndexes && database.isSqlite() ? QStringLiteral("payment_order o NOT INDEXED")
                                                                : QStringLiteral("payment_order o");
    // The page is chosen from payment_order alone, then joined: the join cannot change which
    // rows come first, and the planner keeps to one index walk.
    const QString sql = QStringLiteral("SELECT ") + kPageColumns + QStringLiteral(" FROM (SELECT ") + kInnerColumns +
                        QStringLiteral(" FROM ") + table + whereOf(conditions) +
                        QStringLiteral(" ORDER BY o.created_at DESC, o.id DESC LIMIT ?) o "
                                       "JOIN merchant m ON m.id = o.merchant_id "
                                       "JOIN application a ON a.id = o.application_id "
                                       "JOIN channel_account ca ON ca.id = o.channel_account_id "
                                       "ORDER BY o.created_at DESC, o.id DESC");
    // One row more than the page tells whether another follows.
    values << pageSize + 1;

    std::optional<UnitOfWork> scanSettings;
    if (withoutIndexes && !database.isSqlite()) {
        scanSettings.emplace(database);
        if (!scanSettings->isActive())
            return scanSettings->error();
        for (const char *setting : {"SET LOCAL enable_indexscan = off", "SET LOCAL enable_bitmapscan = off",
                                    "SET LOCAL enable_indexonlyscan = off"}) {
            const Status set = Sql::exec(scanSettings->connection(), QString::fromLatin1(setting));
            if (!set)
                return set.error();
        }
    }
    auto q = Sql::run(*connection, sql, values);
    if (!q)
        return q.error();
    Rows rows;
    while (q->next()) {
        if (rows.rows.size() == pageSize) {
            rows.more = true;
            break;
        }
        auto read = readSummary(*q);
        if (!read)
            return read.error();
        rows.rows << std::move(*read);
    }
    return rows;
}

Result<qint64> count(const QSqlDatabase &db, const Selection &selection)
{
    auto n = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM payment_order o") + whereOf(selection.conditions),
                         selection.values);
    if (!n)
        return n.error();
    return n->toLongLong();
}

} // namespace paydesk::OrderSearchStore
