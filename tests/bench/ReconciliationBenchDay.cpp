#include "tests/bench/ReconciliationBenchDay.h"

#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "sandbox/statement/WeChatBillWriter.h"
#include "tests/bench/SyntheticReconciliationDay.h"

#include <QFile>

namespace paydesk::bench::ReconciliationBenchDay {

namespace {
const QString kMerchantId = QStringLiteral("1900009991");
const QString kAppId = QStringLiteral("wx8888888888888888");
constexpr int kRowsPerCall = 8192;

// Order number, merchant order number, amount, transaction id, merchant fee, channel fee, paid,
// created and updated at; the rest is the same for every order of the day.
constexpr int kOrderValues = 9;
// Refund number, its order's number, merchant refund number, amount, channel fee, channel refund
// number, requested, succeeded and updated at.
constexpr int kRefundValues = 9;

struct Owner
{
    qint64 merchantId = 0;
    qint64 applicationId = 0;
};

Result<Owner> ownerOf(const QSqlDatabase &db, qint64 channelAccountId)
{
    auto query = Sql::run(db,
                          QStringLiteral("SELECT a.id, a.merchant_id FROM application a JOIN channel_account c ON "
                                         "c.owner_merchant_id = a.merchant_id WHERE c.id = ? ORDER BY a.id"),
                          {channelAccountId});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the bench account's merchant has no application"));
    return Owner{query->value(1).toLongLong(), query->value(0).toLongLong()};
}

StatementLine billLine(const ChannelRecord &record)
{
    StatementLine line;
    line.format = StatementFormat::WeChatAll;
    line.type = record.type == RecordType::Refund ? StatementLineType::Refund : StatementLineType::Payment;
    line.channelTransactionId = record.channelTransactionId;
    line.merchantOrderNo = record.orderNo;
    line.channelRefundNo = record.channelRefundNo;
    line.merchantRefundNo = record.refundNo;
    line.amount = record.amount;
    line.fee = record.fee;
    line.status = record.status;
    line.merchantId = kMerchantId;
    line.appId = kAppId;
    line.tradeType = QStringLiteral("NATIVE");
    line.tradeTime = record.tradeTime;
    line.completeTime = record.tradeTime;
    return line;
}
} // namespace

Result<qint64> seedAccount(Database &database)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    auto existing = Sql::scalar(*db, QStringLiteral("SELECT id FROM channel_account WHERE name = ?"), {kAccount});
    if (existing && !existing->isNull())
        return existing->toLongLong();
    auto owner = Sql::scalar(*db, QStringLiteral("SELECT a.merchant_id FROM application a JOIN merchant m ON m.id = "
                                                 "a.merchant_id WHERE m.status = 'active' ORDER BY a.id LIMIT 1"));
    if (!owner)
        return owner.error();
    if (owner->isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no active merchant with an application"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Status inserted = Sql::exec(
        *db,
        QStringLiteral("INSERT INTO channel_account (name, channel, mode, owner_merchant_id, channel_merchant_id, "
                       "channel_app_id, base_url, created_at, created_by, updated_at) VALUES (?, 'wechatpay', 'own', "
                       "?, ?, ?, 'https://127.0.0.1:9443', ?, 'bench', ?)"),
        {kAccount, owner->toLongLong(), kMerchantId, kAppId, now, now});
    if (!inserted)
        return inserted.error();
    return seedAccount(database);
}

Result<qint64> orderCount(Database &database, qint64 channelAccountId)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    auto count = Sql::scalar(*db, QStringLiteral("SELECT count(*) FROM payment_order WHERE channel_account_id = ?"),
                             {channelAccountId});
    if (!count)
        return count.error();
    return count->toLongLong();
}

Status writeOrders(Database &database, qint64 channelAccountId, qint64 transactions)
{
    UnitOfWork work(database);
    if (!work.isActive())
        return work.error();
    auto owner = ownerOf(work.connection(), channelAccountId);
    if (!owner)
        return owner.error();
    const QString day = SyntheticReconciliationDay::businessDate().toString(Qt::ISODate);
    const QString orderHead = QStringLiteral(
        "INSERT INTO payment_order (order_no, merchant_order_no, amount, channel_transaction_id, merchant_fee, "
        "channel_fee, paid_at, created_at, updated_at, application_id, merchant_id, channel_account_id, "
        "request_hash, method, currency, subject, expires_at, status, merchant_rate_ppm, channel_rate_ppm, "
        "business_date) VALUES ");
    const QString orderRow = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, %1, %2, %3, 'h', 'wechat.native', 'CNY', "
                                            "'bench', 0, 'succeeded', 10000, 6000, '%4')")
                                 .arg(owner->applicationId)
                                 .arg(owner->merchantId)
                                 .arg(channelAccountId)
                                 .arg(day);
    const QString refundHead = QStringLiteral(
        "INSERT INTO payment_refund (refund_no, order_id, merchant_refund_no, amount, channel_fee, channel_refund_id, "
        "requested_at, succeeded_at, updated_at, application_id, request_hash, status) VALUES ");
    const QString refundRow =
        QStringLiteral("(?, (SELECT id FROM payment_order WHERE order_no = ?), ?, ?, ?, ?, ?, ?, ?, %1, 'h', "
                       "'succeeded')")
            .arg(owner->applicationId);
    QVariantList orders;
    QVariantList refunds;
    Status failed;
    const auto flush = [&](bool last) {
        if (failed && (last || orders.size() >= kRowsPerCall * kOrderValues) && !orders.isEmpty()) {
            failed = BatchSql::execRows(database, orderHead, QString(), kOrderValues, orders, orderRow);
            orders.clear();
        }
        // Refunds after the orders they name.
        if (failed && (last || refunds.size() >= kRowsPerCall * kRefundValues) && !refunds.isEmpty() &&
            orders.isEmpty()) {
            failed = BatchSql::execRows(database, refundHead, QString(), kRefundValues, refunds, refundRow);
            refunds.clear();
        }
        return failed.ok();
    };
    SyntheticReconciliationDay synthetic(transactions);
    synthetic.forEachRecord([&](const PlatformRecord &record) {
        const qint64 at = record.time.toMSecsSinceEpoch();
        if (record.type == RecordType::Payment) {
            const qint64 amount = record.amount.minor();
            // A missed callback has no transaction id: '' (NOT NULL), never a null QString.
            const QString transactionId =
                record.channelTransactionId.isEmpty() ? QStringLiteral("") : record.channelTransactionId;
            orders << record.orderNo << QStringLiteral("m") + record.orderNo << amount << transactionId
                   << qMin(amount, record.channelFee.minor() * 2) << record.channelFee.minor() << at << at - 5000 << at;
        } else {
            refunds << record.refundNo << record.orderNo << QStringLiteral("m") + record.refundNo
                    << record.amount.minor() << record.channelFee.minor() << record.channelRefundNo << at << at << at;
        }
        return flush(false);
    });
    if (failed)
        flush(true);
    if (!failed)
        return failed;
    return work.commit();
}

Status writeBill(const QString &path, qint64 transactions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::FileUnwritable, file.errorString());
    WeChatBillWriter writer(file, StatementFormat::WeChatAll);
    Status written = writer.begin();
    SyntheticReconciliationDay synthetic(transactions);
    if (written) {
        synthetic.forEachLine([&](const ChannelRecord &record) {
            written = writer.write(billLine(record));
            return written.ok();
        });
    }
    if (written)
        written = writer.finish();
    return written;
}

Status forgetRuns(Database &database, qint64 channelAccountId)
{
    UnitOfWork work(database);
    if (!work.isActive())
        return work.error();
    const QVariantList account{channelAccountId};
    const QString runs = QStringLiteral("(SELECT id FROM recon_run WHERE channel_account_id = ?)");
    for (const QString &sql :
         {QStringLiteral("DELETE FROM recon_discrepancy WHERE channel_account_id = ?"),
          QStringLiteral("DELETE FROM recon_item WHERE run_id IN ") + runs,
          QStringLiteral("UPDATE recon_run SET superseded_by_run_id = NULL WHERE channel_account_id = ?"),
          QStringLiteral("DELETE FROM recon_run WHERE channel_account_id = ?"),
          QStringLiteral("DELETE FROM recon_statement_file WHERE channel_account_id = ?")}) {
        const Status done = Sql::exec(work.connection(), sql, account);
        if (!done)
            return done;
    }
    return work.commit();
}

} // namespace paydesk::bench::ReconciliationBenchDay
