#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"

#include <QTest>
#include <QTimeZone>

// Rows the reconciliation stores refer to (a merchant, its application and a channel account, its
// orders) written straight into a test database, and items as the matcher would hand them over.
namespace paydesk::test::ReconcileStore {

struct Account
{
    qint64 merchantId = 0;
    qint64 applicationId = 0;
    qint64 channelAccountId = 0;
};

inline QDateTime at(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, 3), QTime(hour, minute), Qt::UTC);
}

inline qint64 idOf(const QSqlDatabase &db, const QString &table, const QString &column, const QString &value)
{
    return Sql::scalar(db, QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(table, column), {value})
        .value()
        .toLongLong();
}

// A merchant `merchantNo` with one application and its own channel account (tag names them).
inline Account seedAccount(Database &database, const QString &merchantNo, const QString &tag)
{
    const QSqlDatabase db = database.connection().value();
    const qint64 now = at(1).toMSecsSinceEpoch();
    Account account;
    bool ok = Sql::exec(db,
                        QStringLiteral("INSERT INTO merchant (merchant_no, legal_name, short_name, type, status, "
                                       "created_at, created_by, updated_at) VALUES (?, ?, ?, 'enterprise', 'active', "
                                       "?, 'test', ?)"),
                        {merchantNo, merchantNo + QStringLiteral(" Ltd"), merchantNo, now, now})
                  .ok();
    account.merchantId = idOf(db, QStringLiteral("merchant"), QStringLiteral("merchant_no"), merchantNo);
    ok = ok && Sql::exec(db,
                         QStringLiteral("INSERT INTO application (app_id, merchant_id, name, created_at, created_by, "
                                        "updated_at) VALUES (?, ?, 'Checkout', ?, 'test', ?)"),
                         {QStringLiteral("app_") + tag, account.merchantId, now, now})
                   .ok();
    account.applicationId =
        idOf(db, QStringLiteral("application"), QStringLiteral("app_id"), QStringLiteral("app_") + tag);
    ok = ok && Sql::exec(db,
                         QStringLiteral("INSERT INTO channel_account (name, channel, mode, owner_merchant_id, "
                                        "channel_merchant_id, base_url, created_at, created_by, updated_at) VALUES "
                                        "(?, 'wechatpay', 'own', ?, ?, 'https://127.0.0.1:9443', ?, 'test', ?)"),
                         {QStringLiteral("wx_") + tag, account.merchantId, QStringLiteral("19000") + tag, now, now})
                   .ok();
    account.channelAccountId =
        idOf(db, QStringLiteral("channel_account"), QStringLiteral("name"), QStringLiteral("wx_") + tag);
    if (!ok || !account.channelAccountId)
        qWarning("seeding the reconciliation test account failed");
    return account;
}

// An order of the account's merchant in `status` for business date `date`; its id.
inline qint64 insertOrder(Database &database, const Account &account, const QString &orderNo, const QDate &date,
                          const QString &status = QStringLiteral("succeeded"), qint64 amount = 1000)
{
    const QSqlDatabase db = database.connection().value();
    const qint64 now = at(2).toMSecsSinceEpoch();
    // A paid order was paid at noon of its date (Asia/Shanghai): its business date.
    const bool paid = status == QLatin1String("succeeded") || status == QLatin1String("partially_refunded") ||
                      status == QLatin1String("refunded");
    const QVariant paidAt =
        paid ? QVariant(QDateTime(date, QTime(12, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch())
             : QVariant(QMetaType(QMetaType::LongLong));
    const bool ok =
        Sql::exec(db,
                  QStringLiteral("INSERT INTO payment_order (order_no, application_id, merchant_id, merchant_order_no, "
                                 "request_hash, method, amount, currency, subject, expires_at, status, "
                                 "channel_account_id, merchant_rate_ppm, merchant_fee, channel_rate_ppm, channel_fee, "
                                 "business_date, paid_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'h', "
                                 "'wechat.native', ?, 'CNY', 'tea', ?, ?, ?, 6000, 6, 2000, 2, ?, ?, ?, ?)"),
                  {orderNo, account.applicationId, account.merchantId, QStringLiteral("m-") + orderNo, amount, now,
                   status, account.channelAccountId, date.toString(Qt::ISODate), paidAt, now, now})
            .ok();
    if (!ok)
        qWarning("inserting order %s failed", qPrintable(orderNo));
    return idOf(db, QStringLiteral("payment_order"), QStringLiteral("order_no"), orderNo);
}

inline ChannelRecord channelSide(const QString &orderNo, const QString &transactionId, qint64 amount, qint64 line)
{
    ChannelRecord c;
    c.channelTransactionId = transactionId;
    c.orderNo = orderNo;
    c.amount = Money::fromMinor(amount, Currency::cny());
    c.fee = Money::fromMinor(amount / 500, Currency::cny());
    c.tradeTime = at(10);
    c.file = QStringLiteral("bill.csv");
    c.lineNumber = line;
    return c;
}

inline PlatformRecord platformSide(const QString &orderNo, qint64 rowId, qint64 amount)
{
    PlatformRecord p;
    p.rowId = rowId;
    p.orderNo = orderNo;
    p.amount = Money::fromMinor(amount, Currency::cny());
    p.channelFee = Money::fromMinor(amount / 500, Currency::cny());
    p.time = at(10);
    return p;
}

inline ReconciliationItem item(DiscrepancyCategory category, std::optional<ChannelRecord> channel,
                               std::optional<PlatformRecord> platform)
{
    Discrepancy d;
    d.category = category;
    d.channel = std::move(channel);
    d.platform = std::move(platform);
    if (category == DiscrepancyCategory::DuplicateInStatement)
        d.firstListedAt = StatementLocation{QStringLiteral("bill.csv"), 1};
    return ReconciliationItem::fromDiscrepancy(d);
}

inline qint64 count(Database &database, const QString &sql, const QVariantList &values = {})
{
    return Sql::scalar(database.connection().value(), sql, values).value().toLongLong();
}

} // namespace paydesk::test::ReconcileStore
