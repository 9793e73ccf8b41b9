#pragma once

#include "core/reconciliation/ReconciliationService.h"
#include "sandbox/statement/WeChatBillWriter.h"
#include "tests/reconciliation/ReconcileStoreSupport.h"
#include "tests/support/CoreFixture.h"

#include <QFile>
#include <QTemporaryDir>

// A core with one WeChat Pay channel account ("wx_a", merchant id 19000a), its orders written
// straight into the database, and WeChat bills written by the sandbox's writer: what the run
// service's tests reconcile.
namespace paydesk::test::ReconcileRun {

inline const QDate kDay(2026, 11, 3);
inline const QString kAccount = QStringLiteral("wx_a");
inline const QString kMerchantId = QStringLiteral("19000a");

// A time on the bill date (or another), Asia/Shanghai.
inline QDateTime shanghai(int hour, int minute = 0, const QDate &date = kDay)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone("Asia/Shanghai")).toUTC();
}

struct Order
{
    QString orderNo;
    QString transactionId;
    qint64 amount = 1000;
    qint64 fee = 6;
    QDateTime paidAt = shanghai(10);
};

class RunFixture
{
public:
    explicit RunFixture(const QString &backend) : m_core(backend)
    {
        if (!m_core.isOpen())
            return;
        m_core.clock().set(shanghai(12, 0, kDay.addDays(1)));
        m_admin = m_core.admin();
        m_account = ReconcileStore::seedAccount(m_core.core().database(), QStringLiteral("M1"), QStringLiteral("a"));
        m_finance = m_core.operatorWith(QStringLiteral("fiona"), {Role::Finance});
    }

    bool isOpen() const { return m_core.isOpen() && m_account.channelAccountId != 0; }
    QString failure() const { return m_core.failure(); }
    PaydeskCore &core() { return m_core.core(); }
    MockClock &clock() { return m_core.clock(); }
    TestDatabase &testDatabase() { return m_core.testDatabase(); }
    Database &database() { return m_core.core().database(); }
    ReconciliationService &service() { return m_core.core().reconciliation(); }
    const Actor &finance() const { return m_finance; }
    Actor operatorWith(const QString &name, const QSet<Role> &roles) { return m_core.operatorWith(name, roles); }
    const ReconcileStore::Account &account() const { return m_account; }

    // Another channel account of the same merchant (channel "alipay" or "unionpay"); its id.
    qint64 addChannelAccount(const QString &channel, const QString &name, const QString &merchantId)
    {
        const QSqlDatabase db = database().connection().value();
        const qint64 now = ReconcileStore::at(1).toMSecsSinceEpoch();
        const bool ok = Sql::exec(db,
                                  QStringLiteral("INSERT INTO channel_account (name, channel, mode, owner_merchant_id, "
                                                 "channel_merchant_id, base_url, created_at, created_by, updated_at) "
                                                 "VALUES (?, ?, 'own', ?, ?, 'https://127.0.0.1:9443', ?, 'test', ?)"),
                                  {name, channel, m_account.merchantId, merchantId, now, now})
                            .ok();
        if (!ok)
            qWarning("adding channel account %s failed", qPrintable(name));
        return ReconcileStore::idOf(db, QStringLiteral("channel_account"), QStringLiteral("name"), name);
    }

    // A paid order of the account; status lets a test leave it unpaid (a missed callback).
    void addOrder(const Order &order, const QString &status = QStringLiteral("succeeded"), qint64 channelAccountId = 0)
    {
        ReconcileStore::Account account = m_account;
        if (channelAccountId)
            account.channelAccountId = channelAccountId;
        ReconcileStore::insertOrder(database(), account, order.orderNo,
                                    order.paidAt.toTimeZone(QTimeZone("Asia/Shanghai")).date(), status, order.amount);
        const QSqlDatabase db = database().connection().value();
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE payment_order SET channel_fee = ? WHERE order_no = ?"),
                          {order.fee, order.orderNo})
                    .ok());
        if (status == QLatin1String("paying") || status == QLatin1String("created"))
            return; // no paid_at, no channel transaction id: the callback never came
        QVERIFY(Sql::exec(db,
                          QStringLiteral("UPDATE payment_order SET paid_at = ?, channel_transaction_id = ? "
                                         "WHERE order_no = ?"),
                          {order.paidAt.toMSecsSinceEpoch(), order.transactionId, order.orderNo})
                    .ok());
    }

    // A succeeded refund of an order added before; requested and succeeded at `at`.
    void addRefund(const Order &order, const QString &refundNo, const QString &channelRefundNo, qint64 amount,
                   qint64 fee, const QDateTime &at)
    {
        const QSqlDatabase db = database().connection().value();
        QVERIFY(Sql::exec(db,
                          QStringLiteral("INSERT INTO payment_refund (refund_no, order_id, application_id, "
                                         "merchant_refund_no, request_hash, amount, channel_fee, status, "
                                         "channel_refund_id, requested_at, succeeded_at, updated_at) SELECT ?, id, "
                                         "application_id, ?, 'h', ?, ?, 'succeeded', ?, ?, ?, ? FROM payment_order "
                                         "WHERE order_no = ?"),
                          {refundNo, QStringLiteral("m-") + refundNo, amount, fee, channelRefundNo,
                           at.toMSecsSinceEpoch(), at.toMSecsSinceEpoch(), at.toMSecsSinceEpoch(), order.orderNo})
                    .ok());
        QVERIFY(Sql::exec(db,
                          QStringLiteral("UPDATE payment_order SET status = 'partially_refunded', refunded_amount = "
                                         "refunded_amount + ? WHERE order_no = ?"),
                          {amount, order.orderNo})
                    .ok());
    }

    static StatementLine refundLine(const Order &order, const QString &refundNo, const QString &channelRefundNo,
                                    qint64 amount, qint64 fee, const QDateTime &at)
    {
        StatementLine l = line(order);
        l.type = StatementLineType::Refund;
        l.channelRefundNo = channelRefundNo;
        l.merchantRefundNo = refundNo;
        l.amount = Money::fromMinor(amount, Currency::cny());
        l.fee = Money::fromMinor(fee, Currency::cny());
        l.channelStatus = QStringLiteral("REFUND");
        l.tradeTime = at;
        l.completeTime = at;
        return l;
    }

    static StatementLine line(const Order &order, const QString &merchantId = kMerchantId)
    {
        StatementLine l;
        l.type = StatementLineType::Payment;
        l.channelTransactionId = order.transactionId;
        l.merchantOrderNo = order.orderNo;
        l.amount = Money::fromMinor(order.amount, Currency::cny());
        l.fee = Money::fromMinor(order.fee, Currency::cny());
        l.status = StatementLineStatus::Succeeded;
        l.channelStatus = QStringLiteral("SUCCESS");
        l.merchantId = merchantId;
        l.appId = QStringLiteral("wx8888888888888888");
        l.tradeType = QStringLiteral("NATIVE");
        l.tradeTime = order.paidAt;
        return l;
    }

    // A WeChat ALL bill of these lines in the fixture's directory; its path.
    QString writeBill(const QString &name, const QList<StatementLine> &lines)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !WeChatBillWriter::writeAll(file, StatementFormat::WeChatAll, lines))
            qWarning("writing the bill %s failed", qPrintable(path));
        return path;
    }

    static ReconciliationRunRequest request(const QString &file, const QDate &date = kDay)
    {
        ReconciliationRunRequest request;
        request.channelAccount = kAccount;
        request.billDate = date;
        request.file = file;
        return request;
    }
    Result<ReconciliationRunOutcome> run(const QString &file, const Actor &actor,
                                         const std::atomic<bool> *cancel = nullptr)
    {
        ReconciliationRunRequest r = request(file);
        r.cancel = cancel;
        return service().run(actor, r);
    }
    Result<ReconciliationRunOutcome> run(const QString &file) { return run(file, m_finance); }

    qint64 count(const QString &sql, const QVariantList &values = {})
    {
        return ReconcileStore::count(database(), sql, values);
    }

private:
    CoreFixture m_core;
    QTemporaryDir m_dir;
    Actor m_admin;
    Actor m_finance;
    ReconcileStore::Account m_account;
};

} // namespace paydesk::test::ReconcileRun
