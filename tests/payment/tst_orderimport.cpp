#include "core/PaydeskCore.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/payment/OrderImport.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoOrders.h"
#include "demo/DemoSetup.h"
#include "tests/support/TestDatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Historical orders and refunds in bulk: checked line by line first, then written all at once
// with their ledger entries; any problem writes nothing.
class TestOrderImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        Actor finance;
        QString app; // M1001's app_id
        explicit Platform(const QString &backend) : db(backend) {}
    };

    bool makePlatform(Platform &p)
    {
        if (!p.db.isOpen())
            return false;
        p.core = std::make_unique<PaydeskCore>(p.db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 1;
        options.onboarding.merchants = 14;
        options.onboarding.sandboxDirectory = m_files.filePath(QStringLiteral("sandbox"));
        if (!DemoSetup::create(*p.core, options))
            return false;
        p.finance = p.core->operators()
                        .authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {})
                        ->actor;
        p.app = Sql::scalar(p.core->database().connection().value(),
                            QStringLiteral("SELECT a.app_id FROM application a JOIN merchant m ON m.id = a.merchant_id "
                                           "WHERE m.merchant_no = 'M1001'"))
                    .value()
                    .toString();
        return !p.app.isEmpty();
    }

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    static qint64 count(PaydeskCore &core, const QString &sql)
    {
        return Sql::scalar(core.database().connection().value(), sql).value().toLongLong();
    }

    static QByteArray header()
    {
        return "type,app_id,merchant_order_no,merchant_refund_no,method,amount,subject,status,created_at,paid_at,"
               "channel_account,"
               "channel_transaction_id,merchant_fee,channel_fee\n";
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void importsOrdersRefundsAndEntries()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QByteArray app = p.app.toLatin1();
        // Fees given for the first two (the old system's); today's rates for the third. A
        // quoted subject with a comma and a line break; three refunds of 100.00 in 33.33/33.33/33.34.
        const QString today = SystemClock::instance().businessDate().toString(Qt::ISODate); // platform time
        // One CSV line per source line.
        // clang-format off
        const QByteArray csv = header() +
                               "order," + app + ",H-1,,wechat.native,100.00,\"茶, 两盒\nA\",succeeded,2026-10-01T09:00:00+08:00,"
                               "2026-10-01T09:00:30+08:00,wx_shared01,T1,0.60,0.25\n"
                               "order," + app + ",H-2,,alipay.precreate,19.99,书,closed,2026-10-02T10:00:00+08:00,,ali_shared01,,0.12,0.05\n"
                               "refund," + app + ",H-1,H-1-R1,,33.33,,succeeded,2026-10-03T10:00:00+08:00,2026-10-03T10:00:05+08:00,,,,\n"
                               "refund," + app + ",H-1,H-1-R2,,33.33,,succeeded,2026-10-04T10:00:00+08:00,2026-10-04T10:00:05+08:00,,,,\n"
                               "refund," + app + ",H-1,H-1-R3,,33.34,,succeeded,2026-10-05T10:00:00+08:00,2026-10-05T10:00:05+08:00,,,,\n"
                               "order," + app + ",H-3,,wechat.native,88.00,午餐,succeeded," + today.toLatin1() + "T00:00:01+08:00," +
                               today.toLatin1() + "T00:00:09+08:00,wx_shared01,T3,,\n";
        // clang-format on
        const qint64 entriesBefore = count(core, QStringLiteral("SELECT count(*) FROM journal_entry"));
        auto summary = OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                           .run(p.finance, write(QStringLiteral("good.csv"), csv));
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.error().detail()));
        QCOMPARE(summary->orders, qint64(3));
        QCOMPARE(summary->refunds, qint64(3));
        QCOMPARE(summary->entries, qint64(5));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM journal_entry")), entriesBefore + 5);

        auto first = core.payments().findByMerchantOrderNo(
            Sql::scalar(core.database().connection().value(),
                        QStringLiteral("SELECT id FROM application WHERE app_id = ?"), {p.app})
                ->toLongLong(),
            QStringLiteral("H-1"));
        QVERIFY(first.ok());
        QCOMPARE(first->status, PaymentStatus::Refunded);
        QCOMPARE(first->subject, QStringLiteral("茶, 两盒\nA"));
        QCOMPARE(first->merchantFee.minor(), qint64(60));
        QCOMPARE(first->refundedAmount.minor(), qint64(10000));
        QVERIFY(first->entryId > 0);
        // The refunds return exactly the order's fees between them.
        QCOMPARE(count(core, QStringLiteral("SELECT sum(merchant_fee) FROM payment_refund")), qint64(60));
        QCOMPARE(count(core, QStringLiteral("SELECT sum(channel_fee) FROM payment_refund")), qint64(25));
        QCOMPARE(count(core, QStringLiteral(
                                 "SELECT count(*) FROM payment_order WHERE status = 'closed' AND entry_id IS NULL")),
                 qint64(1));
        // Today's rates for the third: 0.38 % of 88.00 for M1001, as the gateway would charge.
        QCOMPARE(count(core, QStringLiteral("SELECT merchant_fee FROM payment_order WHERE merchant_order_no = 'H-3'")),
                 qint64(33));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_event WHERE kind = 'import'")), qint64(3));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());

        // The same file again: every order and refund is already there; nothing more is written.
        auto again = OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                         .run(p.finance, m_files.filePath(QStringLiteral("good.csv")));
        QCOMPARE(again.error().code(), ErrorCode::ImportFailed);
        QVERIFY(again.error().detail().contains(QStringLiteral("line 2: merchant_order_no: already in the database")));
        QVERIFY(again.error().detail().contains(QStringLiteral("line 5: merchant_refund_no: already in the database")));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), qint64(3));

        // Support may not import.
        const Actor support =
            core.operators()
                .authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        QCOMPARE(OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                     .run(support, m_files.filePath(QStringLiteral("good.csv")))
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
    }

    void everyProblemNamedNothingWritten()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QByteArray app = p.app.toLatin1();
        // One CSV line per source line.
        // clang-format off
        const QByteArray csv = header() +
                               "order," + app + ",B-1,,wechat.native,10.00,ok,succeeded,2026-10-01T09:00:00+08:00,2026-10-01T09:01:00+08:00,wx_shared01,,0.06,0.03\n" // line 2: fine
                               "order," + app + ",B-2,,wechat.native,10.001,x,succeeded,2026-10-01T09:00:00+08:00,2026-10-01T09:01:00+08:00,wx_shared01,,,\n" // 3
                               "order,app0000000000000000,B-3,,wechat.native,1.00,x,closed,2026-10-01T09:00:00+08:00,,wx_shared01,,,\n" // 4
                               "order," + app + ",B-1,,wechat.native,1.00,x,closed,2026-10-01T09:00:00+08:00,,wx_shared01,,0,0\n" // 5: twice
                               "order," + app + ",B-4,,alipay.precreate,1.00,x,closed,2026-10-01T09:00:00+08:00,,wx_shared01,,0,0\n" // 6
                               "refund," + app + ",B-1,B-1-R,,10.01,,succeeded,2026-10-02T09:00:00+08:00,2026-10-02T09:00:01+08:00,,,,\n" // 7
                               "order," + app + ",B-5,,wechat.native,1.00,x,closed,2026-10-01 09:00:00,,wx_shared01,,0,0\n" // 8
                               "order," + app + ",B-6,,wechat.native,1.00,x,closed,2026-10-01T09:00:00+08:00,,wx_shared01,,0.01,\n" // 9
                               "order," + app + ",B-7,,wechat.native,1.00,\xff\xfe,closed,2026-10-01T09:00:00+08:00,,wx_shared01,,0,0\n"; // 10
        // clang-format on
        const qint64 entries = count(core, QStringLiteral("SELECT count(*) FROM journal_entry"));
        auto result = OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                          .run(p.finance, write(QStringLiteral("bad.csv"), csv));
        QCOMPARE(result.error().code(), ErrorCode::ImportFailed);
        const QString detail = result.error().detail();
        for (const char *expected : {"line 3: amount", "line 4: app_id", "line 5: merchant_order_no: B-1 twice",
                                     "line 6: channel_account", "line 7: amount: the refunds of B-1 would exceed",
                                     "line 8: created_at", "line 9: merchant_fee, channel_fee", "line 10: not UTF-8"})
            QVERIFY2(detail.contains(QLatin1String(expected)),
                     qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(QLatin1String(expected), detail)));
        QVERIFY(!detail.contains(QStringLiteral("line 2:")));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), qint64(0));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM journal_entry")), entries);

        // A missing column, an unknown one.
        auto noAmount =
            OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                .run(p.finance, write(QStringLiteral("h1.csv"), "type,app_id,merchant_order_no,status,created_at\n"));
        QVERIFY(noAmount.error().detail().contains(QStringLiteral("line 1: column amount is missing")));
        auto extra = OrderImport(core.database(), core.clock(), core.audit(), core.fees())
                         .run(p.finance, write(QStringLiteral("h2.csv"), header().replace("type,", "type,colour,")));
        QVERIFY(extra.error().detail().contains(QStringLiteral("line 1: unknown column colour")));
    }

    // The demo's generator writes what the import takes: thousands of orders, posted, clean.
    void generatedHistoryImports()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString path = m_files.filePath(QStringLiteral("history-") + backend + QStringLiteral(".csv"));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        DemoOrders::Options options;
        options.orders = 5000;
        options.days = 10;
        auto written = DemoOrders::write(core.database(), core.fees(), csv, options);
        csv.close();
        QVERIFY(written.ok());
        QVERIFY(written->refunds > 200);
        auto summary = OrderImport(core.database(), core.clock(), core.audit(), core.fees()).run(p.finance, path);
        QVERIFY2(summary.ok(), qPrintable(summary ? QString() : summary.error().detail().left(2000)));
        QCOMPARE(summary->orders, qint64(5000));
        QCOMPARE(summary->refunds, written->refunds);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order WHERE status IN ('succeeded', "
                                            "'partially_refunded', 'refunded') "
                                            "AND entry_id IS NULL")),
                 qint64(0));
        QCOMPARE(count(core, QStringLiteral(
                                 "SELECT count(*) FROM payment_order o WHERE refunded_amount <> "
                                 "(SELECT COALESCE(sum(amount), 0) FROM payment_refund r WHERE r.order_id = o.id)")),
                 qint64(0));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }
};

QTEST_GUILESS_MAIN(TestOrderImport)
#include "tst_orderimport.moc"
