#include "core/payment/search/OrderSearch.h"

#include "core/channel/ChannelNames.h"
#include "core/merchant/MerchantMasking.h"
#include "core/payment/search/OrderSearchStore.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/CsvWriter.h"

#include <QIODevice>
#include <QJsonObject>

namespace paydesk {

namespace {

Error invalid(const QString &what)
{
    return Error(ErrorCode::InvalidArgument, what);
}

} // namespace

bool OrderFilter::isEmpty() const
{
    return anyId.trimmed().isEmpty() && merchantNo.isEmpty() && appId.isEmpty() && !channel &&
           channelAccount.isEmpty() && !method && !status && !minAmount && !maxAmount && createdFrom.isNull() &&
           createdTo.isNull() && paidFrom.isNull() && paidTo.isNull() && !hasRefund;
}

// The filter as the store's selection, and whether payer ids are masked for the operator.
struct OrderSearch::Resolved
{
    OrderSearchStore::Selection selection;
    bool maskPayer = true; // the operator may not see personal data
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
    auto selection = OrderSearchStore::select(*connection, filter);
    if (!selection)
        return selection.error();
    Resolved r;
    r.selection = std::move(*selection);
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
    if (resolved.selection.matchesNothing)
        return page;
    auto rows = OrderSearchStore::page(m_database, resolved.selection, after, pageSize, plan == Plan::FullScan);
    if (!rows)
        return rows.error();
    for (OrderSummary &row : rows->rows) {
        row.matchedBy = resolved.selection.matchedBy.value(row.id);
        if (resolved.maskPayer)
            row.payerId = MerchantMasking::payerId(row.payerId);
    }
    page.rows = std::move(rows->rows);
    if (rows->more) {
        const OrderSummary &last = page.rows.constLast();
        page.next = OrderCursor{last.createdAt.toMSecsSinceEpoch(), last.id};
    }
    return page;
}

Result<qint64> OrderSearch::count(const Actor &actor, const OrderFilter &filter)
{
    auto resolved = resolveFor(actor, filter);
    if (!resolved)
        return resolved.error();
    if (resolved->selection.matchesNothing)
        return qint64(0);
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return OrderSearchStore::count(*connection, resolved->selection);
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
        AuditEvent{QStringLiteral("order.export"), QStringLiteral("orders"), AuditResult::Ok,
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
