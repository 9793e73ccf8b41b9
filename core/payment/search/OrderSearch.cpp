#include "core/payment/search/OrderSearch.h"

#include "core/channel/ChannelNames.h"
#include "core/merchant/MerchantMasking.h"
#include "core/payment/PaymentRecords.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/CsvWriter.h"

#include <QIODevice>
#include <QJsonObject>
#include <QSet>

namespace paydesk {

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

} // namespace

bool OrderFilter::isEmpty() const
{
    return anyId.trimmed().isEmpty() && merchantNo.isEmpty() && appId.isEmpty() && !channel &&
           channelAccount.isEmpty() && !method && !status && !minAmount && !maxAmount && createdFrom.isNull() &&
           createdTo.isNull() && paidFrom.isNull() && paidTo.isNull() && !hasRefund;
}

// The filter turned into SQL conditions over payment_order o, names resolved to row ids.
struct OrderSearch::Resolved
{
    QStringList conditions;
    QVariantList values;
    bool matchesNothing = false; // e.g. an id nobody has: no query needed
    QString anyId;
    QHash<qint64, QString> matchedBy; // order id → the id kind the text matched
    bool maskPayer = true;            // the operator may not see personal data
};

OrderSearch::OrderSearch(Database &database, AuditLog &audit) : m_database(database), m_audit(audit) {}

Result<OrderSearch::Resolved> OrderSearch::resolve(const OrderFilter &filter)
{
    if (filter.minAmount && *filter.minAmount < 0)
        return invalid(QStringLiteral("amount: the lower bound is negative"));
    if (filter.minAmount && filter.maxAmount && *filter.minAmount > *filter.maxAmount)
        return invalid(QStringLiteral("amount: the lower bound is above the upper bound"));
    if (!filter.createdFrom.isNull() && !filter.createdTo.isNull() && filter.createdFrom > filter.createdTo)
        return invalid(QStringLiteral("created: the first day is after the last day"));
    if (!filter.paidFrom.isNull() && !filter.paidTo.isNull() && filter.paidFrom > filter.paidTo)
        return invalid(QStringLiteral("paid: the first day is after the last day"));

    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QSqlDatabase &db = *connection;
    Resolved r;
    auto idOf = [&](const QString &sql, const QString &name, const QString &what) -> Result<qint64> {
        auto id = Sql::scalar(db, sql, {name});
        if (!id)
            return id.error();
        if (!id->isValid())
            return invalid(QStringLiteral("%1 %2 does not exist").arg(what, name));
        return id->toLongLong();
    };

    r.anyId = filter.anyId.trimmed();
    if (!r.anyId.isEmpty()) {
        QVariantList ids;
        for (int i = 0; i < 7; ++i)
            ids << r.anyId;
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

Result<OrderPage> OrderSearch::page(const Actor &actor, const OrderFilter &filter,
                                    const std::optional<OrderCursor> &after, int pageSize, Plan plan)
{
    if (pageSize < 1 || pageSize > kMaxPageSize)
        return invalid(QStringLiteral("page size: 1 to %1").arg(kMaxPageSize));
    auto resolved = resolveFor(actor, filter);
    if (!resolved)
        return resolved.error();
    return readPage(*resolved, after, pageSize, plan);
}

Result<OrderSearch::Resolved> OrderSearch::resolveFor(const Actor &actor, const OrderFilter &filter)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("orders"));
    if (!allowed)
        return allowed.error();
    auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
    if (!sensitive)
        return sensitive.error();
    auto resolved = resolve(filter);
    if (!resolved)
        return resolved.error();
    resolved->maskPayer = !*sensitive;
    return resolved;
}

Result<OrderPage> OrderSearch::readPage(const Resolved &resolved, const std::optional<OrderCursor> &after, int pageSize,
                                        Plan plan)
{
    OrderPage page;
    if (resolved.matchesNothing)
        return page;
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();

    QStringList conditions = resolved.conditions;
    QVariantList values = resolved.values;
    if (after) {
        conditions << QStringLiteral("(o.created_at, o.id) < (?, ?)");
        values << after->createdAtMs << after->id;
    }
    const bool fullScan = plan == Plan::FullScan;
    // SQLite: NOT INDEXED keeps it off every index (it may still look rows up by id).
    const QString table = fullScan && m_database.isSqlite() ? QStringLiteral("payment_order o NOT INDEXED")
                                                            : QStringLiteral("payment_order o");
    const QString where =
        conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    // The page is chosen from payment_order alone, then joined: the join cannot change which
    // rows come first, and the planner keeps to one index walk.
    const QString sql = QStringLiteral("SELECT ") + kPageColumns + QStringLiteral(" FROM (SELECT ") + kInnerColumns +
                        QStringLiteral(" FROM ") + table + where +
                        QStringLiteral(" ORDER BY o.created_at DESC, o.id DESC LIMIT ?) o "
                                       "JOIN merchant m ON m.id = o.merchant_id "
                                       "JOIN application a ON a.id = o.application_id "
                                       "JOIN channel_account ca ON ca.id = o.channel_account_id "
                                       "ORDER BY o.created_at DESC, o.id DESC");
    values << pageSize + 1;

    std::optional<UnitOfWork> scanSettings;
    if (fullScan && !m_database.isSqlite()) {
        scanSettings.emplace(m_database);
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
    while (q->next()) {
        if (page.rows.size() == pageSize) {
            const OrderSummary &last = page.rows.constLast();
            page.next = OrderCursor{last.createdAt.toMSecsSinceEpoch(), last.id};
            break;
        }
        auto read = readSummary(*q);
        if (!read)
            return read.error();
        OrderSummary row = std::move(*read);
        row.matchedBy = resolved.matchedBy.value(row.id);
        if (resolved.maskPayer)
            row.payerId = MerchantMasking::payerId(row.payerId);
        page.rows << row;
    }
    return page;
}

Result<qint64> OrderSearch::count(const Actor &actor, const OrderFilter &filter)
{
    auto resolved = resolveFor(actor, filter);
    if (!resolved)
        return resolved.error();
    if (resolved->matchesNothing)
        return qint64(0);
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QString where = resolved->conditions.isEmpty()
                              ? QString()
                              : QStringLiteral(" WHERE ") + resolved->conditions.join(QStringLiteral(" AND "));
    auto n = Sql::scalar(*connection, QStringLiteral("SELECT count(*) FROM payment_order o") + where, resolved->values);
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<qint64> OrderSearch::exportCsv(const Actor &actor, const OrderFilter &filter, QIODevice &out,
                                      const Progress &progress)
{
    auto resolved = resolveFor(actor, filter);
    if (!resolved)
        return resolved.error();

    const QStringList header{QStringLiteral("order_no"),
                             QStringLiteral("created_at"),
                             QStringLiteral("paid_at"),
                             QStringLiteral("merchant_no"),
                             QStringLiteral("merchant"),
                             QStringLiteral("app_id"),
                             QStringLiteral("merchant_order_no"),
                             QStringLiteral("channel"),
                             QStringLiteral("channel_account"),
                             QStringLiteral("method"),
                             QStringLiteral("status"),
                             QStringLiteral("currency"),
                             QStringLiteral("amount"),
                             QStringLiteral("refunded_amount"),
                             QStringLiteral("merchant_fee"),
                             QStringLiteral("channel_fee"),
                             QStringLiteral("channel_transaction_id"),
                             QStringLiteral("payer_id"),
                             QStringLiteral("subject")};
    auto unwritable = [&]() { return Error(ErrorCode::FileUnwritable, out.errorString()); };
    if (!CsvWriter::writeRow(out, header))
        return unwritable();
    const QTimeZone zone = Clock::platformTimeZone();
    auto when = [&](const QDateTime &at) {
        return at.isValid() ? at.toTimeZone(zone).toString(Qt::ISODateWithMs) : QString();
    };

    qint64 written = 0;
    std::optional<OrderCursor> after;
    do {
        auto page = readPage(*resolved, after, 1000, Plan::Indexed);
        if (!page)
            return page.error();
        for (const OrderSummary &o : std::as_const(page->rows)) {
            // Text by default: ids, names and subjects come from merchants, payers and channels.
            CsvWriter::Row row;
            row.text(o.orderNo)
                .text(when(o.createdAt))
                .text(when(o.paidAt))
                .text(o.merchantNo)
                .text(o.merchantName)
                .text(o.appId)
                .text(o.merchantOrderNo)
                .text(ChannelNames::channel(o.channel))
                .text(o.channelAccount)
                .text(ChannelNames::method(o.method))
                .text(PaymentStates::name(o.status))
                .text(o.amount.currency().code())
                .number(o.amount.toString())
                .number(o.refundedAmount.toString())
                .number(o.merchantFee.toString())
                .number(o.channelFee.toString())
                .text(o.channelTransactionId)
                .text(o.payerId)
                .text(o.subject);
            if (!CsvWriter::writeRow(out, row))
                return unwritable();
        }
        written += page->rows.size();
        if (progress && !progress(written))
            return Error(ErrorCode::Cancelled, QStringLiteral("export cancelled after %1 orders").arg(written));
        after = page->next;
    } while (after);

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const Status audited = m_audit.append(
        actor,
        AuditEvent{QStringLiteral("order.export"), QStringLiteral("orders"), QStringLiteral("ok"),
                   QJsonObject{{QStringLiteral("filter"), describe(filter)}, {QStringLiteral("rows"), written}}});
    if (!audited)
        return audited.error();
    const Status committed = work.commit();
    if (!committed)
        return committed.error();
    return written;
}

QString OrderSearch::describe(const OrderFilter &filter)
{
    QStringList parts;
    if (!filter.anyId.trimmed().isEmpty())
        parts << QStringLiteral("id ") + filter.anyId.trimmed();
    if (!filter.merchantNo.isEmpty())
        parts << QStringLiteral("merchant ") + filter.merchantNo;
    if (!filter.appId.isEmpty())
        parts << QStringLiteral("app ") + filter.appId;
    if (filter.channel)
        parts << QStringLiteral("channel ") + ChannelNames::channel(*filter.channel);
    if (!filter.channelAccount.isEmpty())
        parts << QStringLiteral("account ") + filter.channelAccount;
    if (filter.method)
        parts << QStringLiteral("method ") + ChannelNames::method(*filter.method);
    if (filter.status)
        parts << QStringLiteral("status ") + PaymentStates::name(*filter.status);
    if (filter.minAmount)
        parts << QStringLiteral("amount >= ") + Money::fromMinor(*filter.minAmount, Currency::cny()).toString();
    if (filter.maxAmount)
        parts << QStringLiteral("amount <= ") + Money::fromMinor(*filter.maxAmount, Currency::cny()).toString();
    if (!filter.createdFrom.isNull() || !filter.createdTo.isNull())
        parts << QStringLiteral("created %1..%2")
                     .arg(filter.createdFrom.toString(Qt::ISODate), filter.createdTo.toString(Qt::ISODate));
    if (!filter.paidFrom.isNull() || !filter.paidTo.isNull())
        parts << QStringLiteral("paid %1..%2")
                     .arg(filter.paidFrom.toString(Qt::ISODate), filter.paidTo.toString(Qt::ISODate));
    if (filter.hasRefund)
        parts << (*filter.hasRefund ? QStringLiteral("with refunds") : QStringLiteral("without refunds"));
    return parts.isEmpty() ? QStringLiteral("all orders") : parts.join(QStringLiteral(", "));
}

} // namespace paydesk
