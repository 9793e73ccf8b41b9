#include "core/PaydeskCore.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/payment/OrderImport.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "server/GatewayHost.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/payment/support/GatewayClient.h"
#include "tests/support/TestDatabase.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Amount limits (issue 16, item 4): after a 0.01 refund, "92233720368547758.07" passed the
// exceeds-paid check (committed + amount overflowed), reached the channel, and left a row that
// made every later refund of the order fail. Every entry point caps a single amount at the
// platform's maximum (payment.max_amount, default 10,000,000.00), and every "sum against a
// limit" is compared without a sum that can overflow — shown with the cap raised out of the way.
class TestAmountLimits : public QObject
{
    Q_OBJECT

private:
    SandboxTestBed m_bed;
    QTemporaryDir m_files;
    static constexpr char kIssueAmount[] = "92233720368547758.07"; // INT64_MAX fen

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        std::unique_ptr<GatewayHost> host;
        GatewayClient client; // M1013's application, HMAC
        Application app;
        explicit Platform(const QString &backend) : db(backend) {}
        ~Platform()
        {
            if (host)
                host->stop();
        }
    };

    bool makePlatform(Platform &p)
    {
        if (!p.db.isOpen())
            return false;
        p.core = fastDemoPlatform(m_bed, p.db.shared(), SystemClock::instance(), 3000, 2);
        if (!p.core)
            return false;
        const Actor onboarding = signedIn(*p.core, QStringLiteral("onboarding"));
        p.app = applicationOf(*p.core, QStringLiteral("M1013"));
        auto key = p.core->applications().generateHmacKey(onboarding, p.app.id);
        if (!key)
            return false;
        GatewayHost::Options options;
        options.port = 0;
        options.threads = 2;
        options.sweepSeconds = 0;
        options.notifications = false;
        p.host = std::make_unique<GatewayHost>(*p.core, options);
        auto served = p.host->start();
        if (!served)
            return false;
        p.client.base = *served;
        p.client.appId = p.app.appId;
        p.client.type = SignType::HmacSha256;
        p.client.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
        return true;
    }

    static Money parsed(const char *text) { return Money::parse(QString::fromLatin1(text), Currency::cny()).value(); }

    static qint64 count(PaydeskCore &core, const QString &sql)
    {
        return Sql::scalar(core.database().connection().value(), sql).value().toLongLong();
    }

    // A paid WeChat order of `fen` through the gateway, refunded 0.01 already (the issue's start).
    QString paidAndRefundedACent(Platform &p, const QString &number, qint64 fen)
    {
        CreateOrderRequest request;
        request.merchantOrderNo = number;
        request.amount = Money::fromMinor(fen, Currency::cny());
        request.subject = QStringLiteral("limits");
        QRandomGenerator random(quint32(qHash(number)));
        auto order = p.core->payments().create(p.app, request, random);
        if (!order || !m_bed.pay(order->orderNo) ||
            p.core->payments().queryChannel(order->orderNo)->status != PaymentStatus::Succeeded)
            return {};
        const GatewayClient::Reply cent =
            p.client.post(QStringLiteral("/api/v1/refunds"),
                          QJsonObject{{QStringLiteral("merchant_order_no"), number},
                                      {QStringLiteral("merchant_refund_no"), number + QStringLiteral("-C")},
                                      {QStringLiteral("amount"), QStringLiteral("0.01")}});
        return cent.status == 200 ? order->orderNo : QString();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        QVERIFY(m_files.isValid());
    }

    void settingDefaultsAndOverrides()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        Settings settings(db.database());
        QCOMPARE(settings.maxAmountMinor().value(), qint64(1000000000));
        QVERIFY(settings.setValue(Settings::MaxAmount, QStringLiteral("500")).ok());
        QCOMPARE(settings.maxAmountMinor().value(), qint64(500));
        // Another Settings (another process) sees the change at once: settings move the
        // reference generation, so no cache keeps the old value.
        QCOMPARE(Settings(db.database()).maxAmountMinor().value(), qint64(500));
        QVERIFY(settings.setValue(Settings::MaxAmount, QStringLiteral("nonsense")).ok());
        QCOMPARE(settings.maxAmountMinor().value(), Settings::kDefaultMaxAmountMinor);
    }

    void gatewayOrdersAndRefunds()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const qint64 ordersBefore = count(core, QStringLiteral("SELECT count(*) FROM payment_order"));

        // Order creates: over the cap is refused before anything is stored or routed.
        for (const char *amount : {kIssueAmount, "10000000.01"}) {
            const GatewayClient::Reply refused =
                p.client.post(QStringLiteral("/api/v1/orders"),
                              QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("BIG-1")},
                                          {QStringLiteral("amount"), QString::fromLatin1(amount)},
                                          {QStringLiteral("method"), QStringLiteral("wechat.native")},
                                          {QStringLiteral("subject"), QStringLiteral("too much")}});
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.code(), QStringLiteral("amount_out_of_range"));
        }
        CreateOrderRequest big;
        big.merchantOrderNo = QStringLiteral("BIG-2");
        big.amount = parsed(kIssueAmount);
        big.subject = QStringLiteral("too much");
        QRandomGenerator random(4);
        QCOMPARE(core.payments().create(p.app, big, random).error().code(), ErrorCode::AmountOutOfRange);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), ordersBefore);

        // Refunds: the issue's request after a 0.01 refund. Refused; nothing reaches the channel
        // or the database, and the order's later refunds still work.
        const QString orderNo = paidAndRefundedACent(p, QStringLiteral("LIM-1"), 10000);
        QVERIFY(!orderNo.isEmpty());
        const int channelRefunds = m_bed.refundCount(orderNo);
        const qint64 refundsBefore = count(core, QStringLiteral("SELECT count(*) FROM payment_refund"));
        const GatewayClient::Reply huge =
            p.client.post(QStringLiteral("/api/v1/refunds"),
                          QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("LIM-1")},
                                      {QStringLiteral("merchant_refund_no"), QStringLiteral("LIM-1-HUGE")},
                                      {QStringLiteral("amount"), QString::fromLatin1(kIssueAmount)}});
        QCOMPARE(huge.status, 400);
        QCOMPARE(huge.code(), QStringLiteral("amount_out_of_range"));
        QCOMPARE(m_bed.refundCount(orderNo), channelRefunds);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_refund")), refundsBefore);

        // With the cap out of the way, the comparison itself holds: no sum overflows into a pass.
        QVERIFY(core.settings().setValue(Settings::MaxAmount, QStringLiteral("9223372036854775807")).ok());
        const GatewayClient::Reply overflowing =
            p.client.post(QStringLiteral("/api/v1/refunds"),
                          QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("LIM-1")},
                                      {QStringLiteral("merchant_refund_no"), QStringLiteral("LIM-1-OVER")},
                                      {QStringLiteral("amount"), QString::fromLatin1(kIssueAmount)}});
        QCOMPARE(overflowing.code(), QStringLiteral("refund_exceeds_paid"));
        QCOMPARE(m_bed.refundCount(orderNo), channelRefunds);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_refund")), refundsBefore);
        QVERIFY(core.settings().setValue(Settings::MaxAmount, QStringLiteral("1000000000")).ok());

        const GatewayClient::Reply later =
            p.client.post(QStringLiteral("/api/v1/refunds"),
                          QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("LIM-1")},
                                      {QStringLiteral("merchant_refund_no"), QStringLiteral("LIM-1-R2")},
                                      {QStringLiteral("amount"), QStringLiteral("0.01")}});
        QVERIFY2(later.status == 200, later.body.constData());
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    void operatorRefundRequests()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString orderNo = paidAndRefundedACent(p, QStringLiteral("OPS-LIM"), 10000);
        QVERIFY(!orderNo.isEmpty());
        const Actor support = signedIn(core, QStringLiteral("support"));
        const qint64 requestsBefore = count(core, QStringLiteral("SELECT count(*) FROM refund_request"));
        const int channelRefunds = m_bed.refundCount(orderNo);

        QCOMPARE(core.refundRequests()
                     .request(support, orderNo, parsed(kIssueAmount), QStringLiteral("issue 16"))
                     .error()
                     .code(),
                 ErrorCode::AmountOutOfRange);
        QCOMPARE(core.refundRequests()
                     .request(support, orderNo, parsed("10000000.01"), QStringLiteral("issue 16"))
                     .error()
                     .code(),
                 ErrorCode::AmountOutOfRange);
        QVERIFY(core.settings().setValue(Settings::MaxAmount, QStringLiteral("9223372036854775807")).ok());
        // A request waiting for approval counts too: committed 0.01 + waiting 50.00 + the issue's amount.
        const Actor approver = signedIn(core, QStringLiteral("approver"));
        QVERIFY(core.refundRequests().setThreshold(approver, Money::fromMinor(100, Currency::cny())).ok());
        QCOMPARE(core.refundRequests().request(support, orderNo, parsed("50.00"), QStringLiteral("waits"))->status,
                 RefundRequestStatus::Pending);
        QCOMPARE(core.refundRequests()
                     .request(support, orderNo, parsed(kIssueAmount), QStringLiteral("issue 16"))
                     .error()
                     .code(),
                 ErrorCode::RefundExceedsPaid);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM refund_request")), requestsBefore + 1);
        QCOMPARE(m_bed.refundCount(orderNo), channelRefunds);
        // What is left is still refundable, to the fen.
        QCOMPARE(core.refundRequests().request(support, orderNo, parsed("49.99"), QStringLiteral("the rest"))->status,
                 RefundRequestStatus::Pending);
        QCOMPARE(core.refundRequests()
                     .request(support, orderNo, parsed("0.01"), QStringLiteral("one fen more"))
                     .error()
                     .code(),
                 ErrorCode::RefundExceedsPaid);
    }

    void bulkImport()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Actor finance = signedIn(core, QStringLiteral("finance"));
        const QByteArray app = p.app.appId.toLatin1();
        const QByteArray header =
            "type,app_id,merchant_order_no,merchant_refund_no,method,amount,subject,status,created_at,paid_at,"
            "channel_account,channel_transaction_id,merchant_fee,channel_fee\n";
        auto run = [&](const QString &name, const QByteArray &lines) {
            const QString path = m_files.filePath(backend + name);
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(header + lines) < 0)
                return Result<OrderImport::Summary>(Error(ErrorCode::FileUnwritable, path));
            file.close();
            return OrderImport(core.database(), core.clock(), core.audit(), core.fees()).run(finance, path);
        };
        const qint64 ordersBefore = count(core, QStringLiteral("SELECT count(*) FROM payment_order"));

        // An order line over the cap: refused with its line, nothing written.
        auto huge =
            run(QStringLiteral("-huge.csv"),
                "order," + app + ",IMP-1,,wechat.native," + kIssueAmount +
                    ",big,succeeded,2026-10-01T09:00:00+08:00,2026-10-01T09:00:30+08:00,wx_shared01,T1,0.60,0.25\n");
        QCOMPARE(huge.error().code(), ErrorCode::ImportFailed);
        QVERIFY2(huge.error().detail().contains(QStringLiteral("line 2: amount: at most 10000000.00")),
                 qPrintable(huge.error().detail()));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), ordersBefore);

        // A refund line after a 0.01 refund, with the cap out of the way: the comparison holds.
        QVERIFY(core.settings().setValue(Settings::MaxAmount, QStringLiteral("9223372036854775807")).ok());
        auto overflowing =
            run(QStringLiteral("-overflow.csv"),
                "order," + app +
                    ",IMP-2,,wechat.native,100.00,ok,succeeded,2026-10-01T09:00:00+08:00,2026-10-01T09:00:30+08:00,wx_"
                    "shared01,T2,0.60,0.25\n"
                    "refund," +
                    app +
                    ",IMP-2,IMP-2-R1,,0.01,,succeeded,2026-10-02T09:00:00+08:00,2026-10-02T09:00:05+08:00,,,,\n"
                    "refund," +
                    app + ",IMP-2,IMP-2-R2,," + kIssueAmount +
                    ",,succeeded,2026-10-03T09:00:00+08:00,2026-10-03T09:00:05+08:00,,,,\n");
        QCOMPARE(overflowing.error().code(), ErrorCode::ImportFailed);
        QVERIFY2(
            overflowing.error().detail().contains(QStringLiteral("line 4: amount: the refunds of IMP-2 would exceed")),
            qPrintable(overflowing.error().detail()));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), ordersBefore);
    }
};

QTEST_GUILESS_MAIN(TestAmountLimits)
#include "tst_amountlimits.moc"
