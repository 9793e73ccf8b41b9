#include "core/PaydeskCore.h"
#include "core/gateway/GatewayScheduler.h"
#include "core/gateway/GatewayService.h"
#include "core/gateway/GatewaySignature.h"
#include "core/gateway/NotificationDispatcher.h"
#include "core/gateway/PlatformKey.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "sandbox/SandboxCashier.h"
#include "server/GatewayHost.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/AppReceiver.h"
#include "tests/payment/support/GatewayClient.h"
#include "tests/support/CoreFixture.h"
#include "tests/support/TestDatabase.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QThread>

#include <atomic>

using namespace paydesk;
using namespace paydesk::test;

namespace {

// Real time, moved on by the test when it wants a message to be old (thread-safe: the gateway's
// workers read it while the test runs).
class ShiftedClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc().addSecs(m_offset.load()); }
    void shift(qint64 seconds) { m_offset = seconds; }

private:
    std::atomic<qint64> m_offset{0};
};

} // namespace

// The gateway over HTTP on loopback, on the demo platform, against the real sandbox: an
// application's signed requests → paydeskd's GatewayHost → sandbox (paid by the simulated payer)
// → callback over HTTP → ledger → notification to the application's endpoint.
class TestGateway : public QObject
{
    Q_OBJECT

private:
    SandboxTestBed m_bed;
    AppReceiver *m_app = nullptr; // lives on the sandbox thread
    QString m_appUrl;

    struct Platform
    {
        TestDatabase db;
        ShiftedClock clock;
        std::unique_ptr<PaydeskCore> core;
        std::unique_ptr<GatewayHost> host;
        Actor onboarding;
        GatewayClient client; // M1013's application, HMAC
        Application app;
        explicit Platform(const QString &backend) : db(backend) {}
        ~Platform()
        {
            if (host)
                host->stop();
        }
    };

    bool makePlatform(Platform &p, const QString &notifyPath)
    {
        if (!p.db.isOpen())
            return false;
        p.core = demoPlatform(m_bed, p.db.shared(), p.clock);
        if (!p.core)
            return false;
        p.onboarding = demoOperator(*p.core, QStringLiteral("onboarding"));
        // M1013's application notifies this test's endpoint and gets a fresh HMAC key.
        p.app = demoApplication(*p.core, QStringLiteral("M1013"));
        ApplicationDraft draft = p.app.draft();
        draft.notifyUrl = m_appUrl + notifyPath;
        auto updated = p.core->applications().update(p.onboarding, p.app.id, p.app.version, draft);
        if (!updated)
            return false;
        p.app = *updated;
        auto key = p.core->applications().generateHmacKey(p.onboarding, p.app.id);
        if (!key)
            return false;

        GatewayHost::Options hostOptions;
        hostOptions.port = 0;
        hostOptions.threads = 8;
        hostOptions.sweepSeconds = 0; // the tests run the sweep themselves
        p.host = std::make_unique<GatewayHost>(*p.core, hostOptions);
        auto served = p.host->start();
        if (!served)
            return false;
        p.client.base = *served;
        p.client.appId = p.app.appId;
        p.client.type = SignType::HmacSha256;
        p.client.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
        return true;
    }

    // The payer at the channel: opens the cashier (UnionPay's form goes to the channel first,
    // as the payer's browser would post it) and pays.
    bool payerPays(const QJsonObject &order) const
    {
        if (!sandbox::SandboxCashier::openForm(order.value(QStringLiteral("prepay")).toObject(),
                                               HttpClient(m_bed.http())))
            return false;
        return m_bed.pay(order.value(QStringLiteral("order_no")).toString());
    }

    static qint64 count(PaydeskCore &core, const QString &sql, const QVariantList &values = {})
    {
        return Sql::scalar(core.database().connection().value(), sql, values).value().toLongLong();
    }
    static qint64 entriesFor(PaydeskCore &core, const QString &eventKey)
    {
        return count(core, QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"), {eventKey});
    }

    static QJsonObject order(const QString &number, const QString &amount, const QString &method)
    {
        return QJsonObject{{QStringLiteral("merchant_order_no"), number},
                           {QStringLiteral("amount"), amount},
                           {QStringLiteral("method"), method},
                           {QStringLiteral("subject"), QStringLiteral("西湖龙井 250g")}};
    }

    QList<AppReceiver::Received> notificationsFor(const QString &orderNo, const QString &event) const
    {
        QList<AppReceiver::Received> found;
        for (const AppReceiver::Received &r : m_app->received()) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(QStringLiteral("event")).toString() == event &&
                body.value(QStringLiteral("data")).toObject().value(QStringLiteral("order_no")).toString() == orderNo)
                found << r;
        }
        return found;
    }

    // A notification as the application checks it: signed with the platform's public key.
    static bool verifiesWithPlatformKey(const AppReceiver::Received &r, const QUrl &base)
    {
        const GatewayClient::Reply key =
            GatewayClient::get(base.resolved(QUrl(QStringLiteral("/api/v1/platform-key"))));
        auto publicKey = PublicKey::fromPem(key.data().value(QStringLiteral("public_key")).toString().toLatin1());
        if (!publicKey)
            return false;
        const QByteArray content = GatewaySignature::notificationContent(r.headers.value("paydesk-timestamp"),
                                                                         r.headers.value("paydesk-nonce"), r.body);
        return publicKey->verifySha256(content, QByteArray::fromBase64(r.headers.value("paydesk-signature")));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        quint16 port = 0;
        m_bed.sandbox->runOnThread([&] {
            m_app = new AppReceiver;
            port = m_app->start();
        });
        QVERIFY(port != 0);
        m_appUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    }
    void cleanupTestCase()
    {
        m_bed.sandbox->runOnThread([this] { delete m_app; });
    }

    // Each channel: create → pay → callback → ledger → notification; refund → notification.
    void paymentEndToEndPerChannel_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("account");
        QTest::newRow("wechatpay") << QStringLiteral("wechat.native") << QStringLiteral("wx_shared01");
        QTest::newRow("alipay") << QStringLiteral("alipay.precreate") << QStringLiteral("ali_shared01");
        QTest::newRow("unionpay") << QStringLiteral("unionpay.front") << QStringLiteral("up_shared01");
    }
    void paymentEndToEndPerChannel()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, method);
        QFETCH(QString, account);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/e2e")));
        PaydeskCore &core = *p.core;
        const QString number = QStringLiteral("E2E-") + QString(method).replace(QLatin1Char('.'), QLatin1Char('-'));

        const GatewayClient::Reply created =
            p.client.post(QStringLiteral("/api/v1/orders"), order(number, QStringLiteral("100.00"), method));
        QVERIFY2(created.status == 200, created.body.constData());
        const QString orderNo = created.data().value(QStringLiteral("order_no")).toString();
        QCOMPARE(created.data().value(QStringLiteral("status")).toString(), QStringLiteral("paying"));
        QVERIFY(!created.data().value(QStringLiteral("prepay")).toObject().isEmpty());
        QCOMPARE(core.payments().find(orderNo)->channelAccount, account);

        // The payer pays at the channel; its callback reaches the gateway over HTTP.
        QVERIFY(payerPays(created.data()));
        QTRY_COMPARE_WITH_TIMEOUT(core.payments().find(orderNo)->status, PaymentStatus::Succeeded, 15000);
        QCOMPARE(entriesFor(core, QStringLiteral("payment:") + orderNo), qint64(1));
        const GatewayClient::Reply queried = p.client.post(QStringLiteral("/api/v1/orders/query"),
                                                           QJsonObject{{QStringLiteral("merchant_order_no"), number}});
        QCOMPARE(queried.status, 200);
        QCOMPARE(queried.data().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QVERIFY(!queried.data().value(QStringLiteral("channel_transaction_id")).toString().isEmpty());

        // The application hears of it, signed by the platform.
        QTRY_VERIFY_WITH_TIMEOUT(!notificationsFor(orderNo, QStringLiteral("payment.succeeded")).isEmpty(), 10000);
        const AppReceiver::Received note = notificationsFor(orderNo, QStringLiteral("payment.succeeded")).first();
        QCOMPARE(note.headers.value("paydesk-app-id"), p.app.appId.toLatin1());
        QVERIFY(verifiesWithPlatformKey(note, p.client.base));
        AppReceiver::Received forged = note;
        forged.body.replace("100.00", "900.00");
        QVERIFY(!verifiesWithPlatformKey(forged, p.client.base));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(core, QStringLiteral("SELECT count(*) FROM payment_notification WHERE status = 'delivered'")),
            qint64(1), 5000);

        // A partial refund, then the rest: both posted once, fees returned exactly.
        for (const auto &[refundNo, amount] : {std::pair{QStringLiteral("RF-1"), QStringLiteral("33.33")},
                                               std::pair{QStringLiteral("RF-2"), QStringLiteral("66.67")}}) {
            const QJsonObject body{{QStringLiteral("merchant_order_no"), number},
                                   {QStringLiteral("merchant_refund_no"), refundNo},
                                   {QStringLiteral("amount"), amount}};
            const GatewayClient::Reply refunded = p.client.post(QStringLiteral("/api/v1/refunds"), body);
            QVERIFY2(refunded.status == 200, refunded.body.constData());
            const QString ourRefundNo = refunded.data().value(QStringLiteral("refund_no")).toString();
            // The channel finishes the refund by callback, or the scheduler asks.
            QTRY_VERIFY_WITH_TIMEOUT(
                ([&] {
                    if (core.refunds().find(ourRefundNo)->status != PaymentRefundStatus::Succeeded) {
                        const auto swept = core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(60));
                        Q_UNUSED(swept)
                    }
                    return core.refunds().find(ourRefundNo)->status == PaymentRefundStatus::Succeeded;
                }()),
                15000);
            QCOMPARE(entriesFor(core, QStringLiteral("refund:") + ourRefundNo), qint64(1));
            const GatewayClient::Reply asked = p.client.post(
                QStringLiteral("/api/v1/refunds/query"), QJsonObject{{QStringLiteral("merchant_refund_no"), refundNo}});
            QCOMPARE(asked.data().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        }
        QCOMPARE(core.payments().find(orderNo)->status, PaymentStatus::Refunded);
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), qint64(10000));
        const qint64 feesReturned =
            count(core,
                  QStringLiteral("SELECT sum(r.merchant_fee) FROM payment_refund r JOIN payment_order o "
                                 "ON o.id = r.order_id WHERE o.order_no = ?"),
                  {orderNo});
        QCOMPARE(feesReturned, core.payments().find(orderNo)->merchantFee.minor());
        QTRY_VERIFY_WITH_TIMEOUT(notificationsFor(orderNo, QStringLiteral("refund.succeeded")).size() >= 2, 10000);
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    void idempotencyMatrix()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/idem")));
        PaydeskCore &core = *p.core;
        const QJsonObject body =
            order(QStringLiteral("IDEM-1"), QStringLiteral("12.00"), QStringLiteral("wechat.native"));

        const GatewayClient::Reply first = p.client.post(QStringLiteral("/api/v1/orders"), body);
        QCOMPARE(first.status, 200);
        const GatewayClient::Reply same = p.client.post(QStringLiteral("/api/v1/orders"), body);
        QCOMPARE(same.status, 200);
        QCOMPARE(same.data(), first.data()); // the stored answer, word for word
        QJsonObject different = body;
        different.insert(QStringLiteral("amount"), QStringLiteral("12.01"));
        const GatewayClient::Reply conflict = p.client.post(QStringLiteral("/api/v1/orders"), different);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.code(), QStringLiteral("idempotency_conflict"));

        // Eight identical requests at once: one order, one prepay at the channel, eight equal answers.
        const QJsonObject racing =
            order(QStringLiteral("IDEM-RACE"), QStringLiteral("8.80"), QStringLiteral("alipay.precreate"));
        QList<GatewayClient::Reply> replies(8);
        QList<QThread *> threads;
        for (int i = 0; i < 8; ++i)
            threads << QThread::create(
                [&, i] { replies[i] = p.client.post(QStringLiteral("/api/v1/orders"), racing); });
        for (QThread *t : threads)
            t->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(threads.cbegin(), threads.cend(), [](QThread *t) { return t->isFinished(); }), 30000);
        qDeleteAll(threads);
        for (const GatewayClient::Reply &r : replies) {
            QVERIFY2(r.status == 200, r.body.constData());
            QCOMPARE(r.data().value(QStringLiteral("order_no")),
                     replies.first().data().value(QStringLiteral("order_no")));
            QCOMPARE(r.data().value(QStringLiteral("status")).toString(), QStringLiteral("paying"));
        }
        const QString orderNo = replies.first().data().value(QStringLiteral("order_no")).toString();
        QCOMPARE(
            count(core, QStringLiteral("SELECT count(*) FROM payment_order WHERE merchant_order_no = 'IDEM-RACE'")),
            qint64(1));
        QCOMPARE(count(core,
                       QStringLiteral("SELECT count(*) FROM payment_event e JOIN payment_order o ON o.id = e.order_id "
                                      "WHERE o.order_no = ? AND e.kind = 'prepay'"),
                       {orderNo}),
                 qint64(1));

        // Refunds: the same request returns the refund; another amount under its number is refused.
        QVERIFY(m_bed.pay(orderNo));
        QTRY_COMPARE_WITH_TIMEOUT(core.payments().find(orderNo)->status, PaymentStatus::Succeeded, 15000);
        const QJsonObject refund{{QStringLiteral("order_no"), orderNo},
                                 {QStringLiteral("merchant_refund_no"), QStringLiteral("IDEM-RF")},
                                 {QStringLiteral("amount"), QStringLiteral("1.00")}};
        const GatewayClient::Reply r1 = p.client.post(QStringLiteral("/api/v1/refunds"), refund);
        QCOMPARE(r1.status, 200);
        const GatewayClient::Reply r2 = p.client.post(QStringLiteral("/api/v1/refunds"), refund);
        QCOMPARE(r2.status, 200);
        QCOMPARE(r2.data().value(QStringLiteral("refund_no")), r1.data().value(QStringLiteral("refund_no")));
        QJsonObject more = refund;
        more.insert(QStringLiteral("amount"), QStringLiteral("2.00"));
        QCOMPARE(p.client.post(QStringLiteral("/api/v1/refunds"), more).status, 409);
        QJsonObject tooMuch = refund;
        tooMuch.insert(QStringLiteral("merchant_refund_no"), QStringLiteral("IDEM-RF-BIG"));
        tooMuch.insert(QStringLiteral("amount"), QStringLiteral("7.81"));
        const GatewayClient::Reply refused = p.client.post(QStringLiteral("/api/v1/refunds"), tooMuch);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.code(), QStringLiteral("refund_exceeds_paid"));
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_refund")), qint64(1));
    }

    void refusedRequestsChangeNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/auth")));
        PaydeskCore &core = *p.core;
        const QString path = QStringLiteral("/api/v1/orders");
        const QJsonObject body =
            order(QStringLiteral("AUTH-1"), QStringLiteral("5.00"), QStringLiteral("wechat.native"));
        const qint64 before = count(core, QStringLiteral("SELECT count(*) FROM payment_order"));

        GatewayClient::Tamper badSignature;
        badSignature.signature = QByteArray(32, 'A').toBase64();
        QCOMPARE(p.client.post(path, body, badSignature).code(), QStringLiteral("application_signature_invalid"));
        GatewayClient::Tamper changedBody;
        changedBody.bodyAfterSigning =
            QJsonDocument(order(QStringLiteral("AUTH-1"), QStringLiteral("500.00"), QStringLiteral("wechat.native")))
                .toJson(QJsonDocument::Compact);
        const GatewayClient::Reply tampered = p.client.post(path, body, changedBody);
        QCOMPARE(tampered.status, 401);
        QCOMPARE(tampered.code(), QStringLiteral("application_signature_invalid"));
        GatewayClient::Tamper old;
        old.timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 600);
        const GatewayClient::Reply expired = p.client.post(path, body, old);
        GatewayClient stranger = p.client;
        stranger.appId = QStringLiteral("app0000000000000000");
        const GatewayClient::Reply unknownApp = stranger.post(path, body);
        const GatewayClient::Reply unknownAndExpired = stranger.post(path, body, old);
        // Before the signature verifies, every refusal reads the same: no probing for app ids.
        for (const GatewayClient::Reply &refusal : {expired, unknownApp, unknownAndExpired, tampered}) {
            QCOMPARE(refusal.status, 401);
            QCOMPARE(refusal.code(), QStringLiteral("application_signature_invalid"));
            QCOMPARE(refusal.body, tampered.body);
        }
        QJsonObject internal = order(QStringLiteral("AUTH-5"), QStringLiteral("5.00"), QStringLiteral("wechat.native"));
        internal.insert(QStringLiteral("notify_url"), QStringLiteral("http://169.254.169.254/latest"));
        QCOMPARE(p.client.post(path, internal).status, 400); // never a notification to a metadata service
        GatewayClient::Tamper badNonce;
        badNonce.nonce = "x";
        QCOMPARE(p.client.post(path, body, badNonce).code(), QStringLiteral("gateway_request_invalid"));
        QCOMPARE(p.client
                     .post(path, QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("AUTH-2")},
                                             {QStringLiteral("amount"), 5.0},
                                             {QStringLiteral("method"), QStringLiteral("wechat.native")},
                                             {QStringLiteral("subject"), QStringLiteral("x")}})
                     .code(),
                 QStringLiteral("gateway_request_invalid")); // amounts are decimal strings, never JSON numbers
        QCOMPARE(
            p.client
                .post(path, order(QStringLiteral("AUTH-3"), QStringLiteral("5.001"), QStringLiteral("wechat.native")))
                .status,
            400);
        QCOMPARE(p.client.post(path, order(QStringLiteral("AUTH-4"), QStringLiteral("5.00"), QStringLiteral("bitcoin")))
                     .status,
                 400);
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM payment_order")), before);

        // A nonce is good once.
        GatewayClient::Tamper nonce;
        nonce.nonce = GatewayClient::newNonce();
        QCOMPARE(p.client.post(path, body, nonce).status, 200);
        const GatewayClient::Reply replayed = p.client.post(path, body, nonce);
        QCOMPARE(replayed.status, 401);
        QCOMPARE(replayed.code(), QStringLiteral("gateway_request_replayed"));

        // RSA2 keys work too; another application's order is unknown to this one.
        auto rsa = PrivateKey::generateRsa(2048);
        QVERIFY(rsa.ok());
        QVERIFY(core.applications().addRsaKey(p.onboarding, p.app.id, rsa->publicKey().toPem()).ok());
        GatewayClient rsaClient = p.client;
        rsaClient.type = SignType::Rsa2;
        rsaClient.rsaKey = *rsa;
        const GatewayClient::Reply viaRsa =
            rsaClient.post(QStringLiteral("/api/v1/orders/query"),
                           QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("AUTH-1")}});
        QCOMPARE(viaRsa.status, 200);
        const QString orderNo = viaRsa.data().value(QStringLiteral("order_no")).toString();
        const Merchant other = core.merchants().findByNo(p.onboarding, QStringLiteral("M1014")).value();
        ApplicationFilter filter;
        filter.scope = ApplicationFilter::Scope::Merchant;
        filter.merchantId = other.id;
        const Application otherApp = core.applications().list(p.onboarding, filter, 0, 10).value().value(0);
        ApplicationDraft open = otherApp.draft();
        open.ipAllowlist.clear();
        QVERIFY(core.applications().update(p.onboarding, otherApp.id, otherApp.version, open).ok());
        auto otherKey = core.applications().generateHmacKey(p.onboarding, otherApp.id);
        QVERIFY(otherKey.ok());
        GatewayClient otherClient = p.client;
        otherClient.appId = otherApp.appId;
        otherClient.hmacKey = QByteArray::fromBase64(otherKey->secretBase64.toLatin1());
        const GatewayClient::Reply notTheirs = otherClient.post(QStringLiteral("/api/v1/orders/close"),
                                                                QJsonObject{{QStringLiteral("order_no"), orderNo}});
        QCOMPARE(notTheirs.status, 404);
        QCOMPARE(core.payments().find(orderNo)->status, PaymentStatus::Paying);

        // An allowlist that does not hold loopback shuts the application out.
        ApplicationDraft draft = core.applications().find(p.onboarding, p.app.id)->draft();
        draft.ipAllowlist = {QStringLiteral("10.0.0.0/8")};
        QVERIFY(core.applications()
                    .update(p.onboarding, p.app.id, core.applications().find(p.onboarding, p.app.id)->version, draft)
                    .ok());
        QCOMPARE(
            p.client.post(QStringLiteral("/api/v1/orders/query"), QJsonObject{{QStringLiteral("order_no"), orderNo}})
                .status,
            403);

        // Closing works for the owner.
        draft.ipAllowlist.clear();
        QVERIFY(core.applications()
                    .update(p.onboarding, p.app.id, core.applications().find(p.onboarding, p.app.id)->version, draft)
                    .ok());
        const GatewayClient::Reply closed =
            p.client.post(QStringLiteral("/api/v1/orders/close"), QJsonObject{{QStringLiteral("order_no"), orderNo}});
        QVERIFY2(closed.status == 200, closed.body.constData());
        QCOMPARE(closed.data().value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
    }

    // Callbacks over HTTP: a missed one recovered by the sweep; duplicates, forged, expired and
    // replayed ones change nothing.
    void callbacksOverHttp()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/cb")));
        PaydeskCore &core = *p.core;

        // The channel's notification is lost: the scheduled query finds the payment.
        const GatewayClient::Reply created =
            p.client.post(QStringLiteral("/api/v1/orders"),
                          order(QStringLiteral("MISS-1"), QStringLiteral("3.00"), QStringLiteral("wechat.native")));
        const QString missed = created.data().value(QStringLiteral("order_no")).toString();
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), missed));
        QVERIFY(m_bed.pay(missed));
        QTest::qWait(300);
        QCOMPARE(core.payments().find(missed)->status, PaymentStatus::Paying);
        p.clock.shift(60); // the order is older than the sweep's settle time
        p.host->scheduler().runOnce();
        p.clock.shift(0);
        QCOMPARE(core.payments().find(missed)->status, PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(core, QStringLiteral("payment:") + missed), qint64(1));

        // The channel sends everything twice: still one entry.
        const GatewayClient::Reply twice =
            p.client.post(QStringLiteral("/api/v1/orders"),
                          order(QStringLiteral("DUP-1"), QStringLiteral("4.00"), QStringLiteral("wechat.native")));
        const QString duplicated = twice.data().value(QStringLiteral("order_no")).toString();
        QVERIFY(m_bed.fault(QStringLiteral("duplicate-callback"), duplicated));
        QVERIFY(m_bed.pay(duplicated));
        auto bothDelivered = [&] {
            const QList<sandbox::CallbackDelivery> deliveries = m_bed.deliveriesFor(duplicated);
            return deliveries.size() == 2 &&
                   std::all_of(deliveries.cbegin(), deliveries.cend(), [](const auto &d) { return d.delivered; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(bothDelivered(), 15000);
        QCOMPARE(core.payments().find(duplicated)->status, PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(core, QStringLiteral("payment:") + duplicated), qint64(1));

        // Forged and misdirected posts to the callback endpoints: 400, audited, nothing moves.
        const QUrl base = p.client.base;
        auto postRaw = [&](const QString &path, const QByteArray &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers) {
            QNetworkRequest request(base.resolved(QUrl(path)));
            for (const auto &[name, value] : headers)
                request.setRawHeader(name, value);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkAccessManager network;
            QNetworkReply *reply = network.post(request, body);
            QDeadlineTimer deadline(10000);
            while (!reply->isFinished() && !deadline.hasExpired())
                QTest::qWait(5);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        const qint64 entries = count(core, QStringLiteral("SELECT count(*) FROM journal_entry"));
        const QByteArray fake = R"({"id":"EV-1","event_type":"TRANSACTION.SUCCESS","resource":{"ciphertext":"AAAA"}})";
        QCOMPARE(postRaw(QStringLiteral("/callback/wx_shared01"), fake,
                         {{"Wechatpay-Timestamp", QByteArray::number(QDateTime::currentSecsSinceEpoch())},
                          {"Wechatpay-Nonce", "abc"},
                          {"Wechatpay-Serial", "1234"},
                          {"Wechatpay-Signature", QByteArray(256, 'A').toBase64()}}),
                 400);
        QCOMPARE(postRaw(QStringLiteral("/callback/no_such_account"), fake, {}), 404); // answered, not audited
        QCOMPARE(count(core, QStringLiteral("SELECT count(*) FROM journal_entry")), entries);
        const Actor admin = core.operators()
                                .authenticate(QStringLiteral("admin"), QString::fromLatin1(DemoSetup::kPassword), {})
                                ->actor;
        auto audited = core.audit().records(admin, AuditFilter{{}, QStringLiteral("channel.callback"), {}, {}}, 0, 10);
        QVERIFY(audited.ok());
        QCOMPARE(audited->size(), 1);

        // A genuine notification, captured, then replayed: late (expired) refused, on time a duplicate.
        const QString tapPath = QStringLiteral("/tap-") + backend;
        ChannelAccount account = core.channelAccounts().findByName(p.onboarding, QStringLiteral("wx_shared01")).value();
        std::unique_ptr<ChannelAdapter> verifier =
            std::move(core.channelAccounts().adapterFor(p.onboarding, account.id).value());
        ChannelAdapter *raw = verifier.get();
        m_bed.sandbox->runOnThread([&] { m_bed.receiver->route(tapPath, raw); });
        core.setCallbackBase(QUrl()); // this order's callback goes to the account's own URL: the tap
        account.notifyUrl = m_bed.notifyBase + tapPath;
        QVERIFY(core.channelAccounts().update(p.onboarding, account).ok());
        const GatewayClient::Reply tapped =
            p.client.post(QStringLiteral("/api/v1/orders"),
                          order(QStringLiteral("TAP-1"), QStringLiteral("6.00"), QStringLiteral("wechat.native")));
        const QString tappedNo = tapped.data().value(QStringLiteral("order_no")).toString();
        core.setCallbackBase(p.client.base);
        QVERIFY(m_bed.pay(tappedNo));
        QTRY_VERIFY_WITH_TIMEOUT(!m_bed.callbacksFor(tappedNo).isEmpty(), 10000);
        const CallbackRequest genuine = m_bed.callbacksFor(tappedNo).first().request;
        QList<std::pair<QByteArray, QByteArray>> headers;
        for (auto it = genuine.headers.cbegin(); it != genuine.headers.cend(); ++it) {
            if (it.key().startsWith("wechatpay-"))
                headers << std::pair{it.key(), it.value()};
        }
        p.clock.shift(3600);
        QCOMPARE(postRaw(QStringLiteral("/callback/wx_shared01"), genuine.body, headers), 400);
        p.clock.shift(0);
        QCOMPARE(core.payments().find(tappedNo)->status, PaymentStatus::Paying);
        const int onTime = postRaw(QStringLiteral("/callback/wx_shared01"), genuine.body, headers);
        QVERIFY(onTime == 200 || onTime == 204);
        QCOMPARE(core.payments().find(tappedNo)->status, PaymentStatus::Succeeded);
        const int replayed = postRaw(QStringLiteral("/callback/wx_shared01"), genuine.body, headers);
        QVERIFY(replayed == 200 || replayed == 204);
        QCOMPARE(entriesFor(core, QStringLiteral("payment:") + tappedNo), qint64(1));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    void notificationRetriesAndResend()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/retry")));
        PaydeskCore &core = *p.core;
        m_bed.sandbox->runOnThread([&] { m_app->answerWith(500, "busy"); });

        const GatewayClient::Reply created =
            p.client.post(QStringLiteral("/api/v1/orders"),
                          order(QStringLiteral("NOTE-1"), QStringLiteral("9.90"), QStringLiteral("unionpay.front")));
        const QString orderNo = created.data().value(QStringLiteral("order_no")).toString();
        QVERIFY(payerPays(created.data()));
        QTRY_COMPARE_WITH_TIMEOUT(count(core, QStringLiteral("SELECT count(*) FROM notification_attempt")), qint64(1),
                                  15000);
        const Actor support =
            core.operators()
                .authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        QList<PaymentNotification> notes = core.notifications().forOrder(support, orderNo).value();
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.first().status, NotificationStatus::Pending);
        QCOMPARE(notes.first().attemptLog.first().outcome, AttemptOutcome::Rejected);
        QCOMPARE(notes.first().attemptLog.first().httpStatus, 500);
        QCOMPARE(notes.first().attemptLog.first().at.secsTo(notes.first().nextAt),
                 qint64(15)); // the schedule's first step

        // The application is back; support asks for a resend: delivered at once, attempts kept.
        m_bed.sandbox->runOnThread([&] { m_app->answerWith(200, "SUCCESS\n"); });
        QCOMPARE(core.notifications().resend(support, orderNo).value(), 1);
        p.host->dispatcher().dispatchDue();
        QTRY_COMPARE_WITH_TIMEOUT(core.notifications().forOrder(support, orderNo)->first().status,
                                  NotificationStatus::Delivered, 10000);
        QCOMPARE(core.notifications().forOrder(support, orderNo)->first().attempts, 2);
        const Actor auditor =
            core.operators()
                .authenticate(QStringLiteral("auditor"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        QCOMPARE(core.notifications().resend(auditor, orderNo).error().code(), ErrorCode::PermissionDenied);

        // The whole schedule, attempt by attempt (answers recorded directly): then failed.
        PaymentNotification n = core.notifications().forOrder(support, orderNo)->first();
        QCOMPARE(core.notifications().resend(support, orderNo).value(), 1);
        n = core.notifications().forOrder(support, orderNo)->first();
        QList<qint64> waits;
        for (int i = 0; i < 8; ++i) {
            NotificationService::Answer refused;
            refused.transportError = QStringLiteral("connection refused");
            n = core.notifications().recordAttempt(n, refused).value();
            if (n.status == NotificationStatus::Pending)
                waits << QDateTime::currentDateTimeUtc().secsTo(n.nextAt);
        }
        QCOMPARE(n.status, NotificationStatus::Failed);
        const QList<qint64> expected{15, 60, 300, 1800, 7200, 21600, 54000};
        QCOMPARE(waits.size(), expected.size());
        for (int i = 0; i < waits.size(); ++i)
            QVERIFY2(qAbs(waits.at(i) - expected.at(i)) <= 2, qPrintable(QString::number(waits.at(i))));
        QCOMPARE(core.notifications().forOrder(support, orderNo)->first().attemptLog.size(), 10);
        m_bed.sandbox->runOnThread([&] { m_app->answerWith(200, "success"); });
    }

    // The gateway caches reference data (applications and keys, merchants, routing, fees, channel
    // accounts); a change made by another process — the console on the same database — applies
    // to the very next request. A create refused before its order was written still uses up its
    // nonce, so replaying it is a replay.
    void referenceChangesApplyAtOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/reference")));
        auto consoleDatabase = p.db.openAnother();
        QVERIFY(consoleDatabase.ok());
        PaydeskCore console(*consoleDatabase, p.clock);
        const Actor onboarding = demoOperator(console, QStringLiteral("onboarding"));
        QVERIFY(onboarding.isValid());
        const QString path = QStringLiteral("/api/v1/orders");
        int n = 0;
        auto create = [&] {
            return p.client.post(path, order(QStringLiteral("REF-%1").arg(++n), QStringLiteral("3.00"),
                                             QStringLiteral("wechat.native")));
        };
        QCOMPARE(create().status, 200); // the caches are warm now

        // The application disabled and enabled again.
        Application app = console.applications().find(onboarding, p.app.id).value();
        auto disabling = console.applications().setEnabled(onboarding, app.id, app.version, false);
        QVERIFY(disabling.ok());
        app = *disabling;
        const GatewayClient::Reply disabled = create();
        QCOMPARE(disabled.status, 401);
        QCOMPARE(disabled.code(), QStringLiteral("application_signature_invalid"));
        QVERIFY(console.applications().setEnabled(onboarding, app.id, app.version, true).ok());
        QCOMPARE(create().status, 200);

        // The merchant's routing rules for the method switched off: no route; a replay of that
        // refused request is a replay.
        const QList<RoutingRule> rules = console.routing().rules(onboarding, p.app.merchantId).value();
        QList<qint64> switchedOff;
        for (const RoutingRule &rule : rules) {
            if (rule.method == PayMethod::WeChatNative && rule.enabled) {
                QVERIFY(console.routing().setRuleEnabled(onboarding, rule.id, false).ok());
                switchedOff << rule.id;
            }
        }
        QVERIFY(!switchedOff.isEmpty());
        GatewayClient::Tamper nonce;
        nonce.nonce = GatewayClient::newNonce();
        const QJsonObject unroutable =
            order(QStringLiteral("REF-NOROUTE"), QStringLiteral("3.00"), QStringLiteral("wechat.native"));
        const GatewayClient::Reply noRoute = p.client.post(path, unroutable, nonce);
        QCOMPARE(noRoute.status, 422);
        QCOMPARE(noRoute.code(), QStringLiteral("no_route"));
        for (qint64 id : std::as_const(switchedOff))
            QVERIFY(console.routing().setRuleEnabled(onboarding, id, true).ok());
        const GatewayClient::Reply replayed = p.client.post(path, unroutable, nonce);
        QCOMPARE(replayed.status, 401);
        QCOMPARE(replayed.code(), QStringLiteral("gateway_request_replayed"));
        QCOMPARE(count(*p.core,
                       QStringLiteral("SELECT count(*) FROM payment_order WHERE merchant_order_no = 'REF-NOROUTE'")),
                 0);
        QCOMPARE(p.client.post(path, unroutable).status, 200); // the same order with a fresh nonce

        // The merchant frozen: no new orders until it is unfrozen.
        Merchant merchant = console.merchants().find(onboarding, p.app.merchantId).value();
        auto freezing =
            console.merchants().freeze(onboarding, merchant.id, merchant.version, QStringLiteral("risk review"));
        QVERIFY(freezing.ok());
        merchant = *freezing;
        const GatewayClient::Reply frozen = create();
        QCOMPARE(frozen.status, 400);
        QVERIFY2(frozen.body.contains("frozen"), frozen.body.constData());
        QVERIFY(console.merchants().unfreeze(onboarding, merchant.id, merchant.version).ok());
        QCOMPARE(create().status, 200);
        QCOMPARE(
            count(*p.core, QStringLiteral("SELECT count(*) FROM payment_order WHERE merchant_order_no LIKE 'REF-%'")),
            4); // REF-1, REF-3, REF-NOROUTE, REF-5
    }

    void metricsExposition()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/metrics")));
        const GatewayClient::Reply created =
            p.client.post(QStringLiteral("/api/v1/orders"),
                          order(QStringLiteral("MET-1"), QStringLiteral("1.00"), QStringLiteral("wechat.native")));
        QCOMPARE(created.status, 200);
        QCOMPARE(p.client
                     .post(QStringLiteral("/api/v1/orders/query"),
                           QJsonObject{{QStringLiteral("order_no"), QStringLiteral("P0")}})
                     .status,
                 404);
        QVERIFY(m_bed.pay(created.data().value(QStringLiteral("order_no")).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(p.host->metrics().render(p.core->database()).contains("result=\"accepted\""), 15000);
        const GatewayClient::Reply metrics =
            GatewayClient::get(p.client.base.resolved(QUrl(QStringLiteral("/metrics"))));
        QCOMPARE(metrics.status, 200);
        const QByteArray text = metrics.body;
        QVERIFY(text.contains("paydesk_gateway_requests_total{route=\"orders.create\",status=\"200\"} 1\n"));
        QVERIFY(text.contains("paydesk_gateway_requests_total{route=\"orders.query\",status=\"404\"} 1\n"));
        QVERIFY(
            text.contains("paydesk_gateway_request_duration_seconds_bucket{route=\"orders.create\",le=\"+Inf\"} 1\n"));
        QVERIFY(text.contains("# TYPE paydesk_gateway_request_duration_seconds histogram"));
        QVERIFY(text.contains("paydesk_channel_callbacks_total{account=\"wx_shared01\",result=\"accepted\"}"));
        QVERIFY(text.contains("paydesk_notification_backlog "));
        QVERIFY(text.contains("paydesk_orders_open{status=\"paying\"} "));
        QVERIFY(text.contains("paydesk_orders_open{status=\"created\"} "));
        QCOMPARE(GatewayClient::get(p.client.base.resolved(QUrl(QStringLiteral("/health")))).body, QByteArray("ok\n"));
    }

    // Anyone can post to /callback/<anything>: names that are no channel account of ours never
    // become labels, so the exposition does not grow with them.
    void metricsLabelsBounded()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/labels")));
        const QByteArray empty = GatewayClient::get(p.client.base.resolved(QUrl(QStringLiteral("/metrics")))).body;
        QNetworkAccessManager network;
        const auto post = [&](const QString &account) {
            QNetworkRequest request(p.client.base.resolved(QUrl(QStringLiteral("/callback/") + account)));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkReply *reply = network.post(request, QByteArrayLiteral("{}"));
            QDeadlineTimer deadline(10000);
            while (!reply->isFinished() && !deadline.hasExpired())
                QTest::qWait(5);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        for (int i = 0; i < 40; ++i)
            QCOMPARE(post(QStringLiteral("n%1-").arg(i) + QString(1000, QLatin1Char('x'))), 404);
        QCOMPARE(post(QStringLiteral("wx_shared01")), 400); // ours, but not a real notification
        const QByteArray text = GatewayClient::get(p.client.base.resolved(QUrl(QStringLiteral("/metrics")))).body;
        QVERIFY2(!text.contains("xxxxxxxxxx"), "an unknown name became a label");
        QVERIFY(text.contains("paydesk_channel_callbacks_total{account=\"(unknown)\",result=\"rejected\"} 40\n"));
        QVERIFY(text.contains("paydesk_channel_callbacks_total{account=\"wx_shared01\",result=\"rejected\"} 1\n"));
        QVERIFY2(text.size() < empty.size() + 4096,
                 qPrintable(QStringLiteral("%1 → %2 bytes").arg(empty.size()).arg(text.size())));
    }

    // A body that could be read two ways is refused before it does anything.
    void ambiguousJsonRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/json")));
        const qint64 orders = count(*p.core, QStringLiteral("SELECT count(*) FROM payment_order"));
        const struct
        {
            const char *path;
            QByteArray body;
        } cases[] = {
            {"/api/v1/orders",
             R"({"merchant_order_no":"DUP-1","amount":"1.00","amount":"2.00","method":"wechat.native","subject":"x"})"},
            {"/api/v1/orders",
             R"({"merchant_order_no":"DUP-2","amount":"1.00","method":"wechat.native","subject":"tea \ud800"})"},
            {"/api/v1/orders",
             R"({"merchant_order_no":"DUP-3","amount":"1.00","method":"wechat.native","subject":"x","extra":{"a":1,"a":2}})"},
            {"/api/v1/refunds", R"({"order_no":"P1","merchant_refund_no":"R1","amount":"1.00","amount":"900.00"})"},
            {"/api/v1/refunds",
             R"({"order_no":"P1","merchant_refund_no":"R2","amount":"1.00","reason":"\udc00 alone"})"},
        };
        for (const auto &c : cases) {
            const GatewayClient::Reply refused = p.client.postRaw(QString::fromLatin1(c.path), c.body);
            QVERIFY2(refused.status == 400, refused.body.constData());
            QCOMPARE(refused.code(), QStringLiteral("json_malformed"));
        }
        QCOMPARE(count(*p.core, QStringLiteral("SELECT count(*) FROM payment_order")), orders);
        QCOMPARE(count(*p.core, QStringLiteral("SELECT count(*) FROM payment_refund")), qint64(0));
        // A proper surrogate pair is a character like any other.
        const GatewayClient::Reply paired = p.client.postRaw(
            QStringLiteral("/api/v1/orders"),
            R"({"merchant_order_no":"PAIR-1","amount":"1.00","method":"wechat.native","subject":"tea \ud83c\udf75"})");
        QVERIFY2(paired.status == 200, paired.body.constData());
    }

    // A database fault is answered in plain words; the statement goes to the log only.
    void databaseFaultAnsweredPlainly()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, QStringLiteral("/fault")));
        auto other = p.db.openAnother();
        QVERIFY(other.ok());
        QVERIFY(Sql::exec((*other)->connection().value(),
                          QStringLiteral("ALTER TABLE payment_order RENAME TO payment_order_away"))
                    .ok());
        const GatewayClient::Reply failed =
            p.client.post(QStringLiteral("/api/v1/orders/query"),
                          QJsonObject{{QStringLiteral("merchant_order_no"), QStringLiteral("GONE-1")}});
        QVERIFY2(failed.status == 503, failed.body.constData());
        QVERIFY(!failed.json.value(QStringLiteral("message")).toString().isEmpty());
        static const QRegularExpression sql(
            QStringLiteral("(?i)select|insert|update|delete|from|where|payment_order|relation|table|sqlite|postgres"));
        const QString message = failed.json.value(QStringLiteral("message")).toString();
        QVERIFY2(!sql.match(message).hasMatch(), qPrintable(message));
        QVERIFY2(!sql.match(QString::fromUtf8(failed.body).remove(QStringLiteral("query_failed"))).hasMatch(),
                 failed.body.constData());
    }

    // Processes starting together make one platform key between them.
    void platformKeyMadeOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture platform(backend);
        QVERIFY2(platform.isOpen(), qPrintable(platform.failure()));
        const SecretBytes passphrase(QByteArray("platform-key-test-passphrase"));
        QVERIFY(platform.core().vault().initialize(platform.admin(), passphrase).ok());
        constexpr int kProcesses = 6;
        std::vector<std::unique_ptr<PaydeskCore>> cores;
        for (int i = 0; i < kProcesses; ++i) {
            auto database = platform.testDatabase().openAnother();
            QVERIFY(database.ok());
            cores.push_back(
                std::make_unique<PaydeskCore>(*database, SystemClock::instance(), CoreFixture::fastOptions()));
            QVERIFY(cores.back()
                        ->vault()
                        .unlock(Actor::system(QStringLiteral("paydeskd"), {}, QStringLiteral("test")), passphrase)
                        .ok());
        }
        std::vector<QByteArray> keys(kProcesses);
        QList<QThread *> threads;
        for (int i = 0; i < kProcesses; ++i) {
            threads << QThread::create([&, i] {
                PlatformKey key(cores[size_t(i)]->vault(), cores[size_t(i)]->database());
                keys[size_t(i)] = key.publicKeyPem().value_or(QByteArray());
            });
        }
        for (QThread *thread : threads)
            thread->start();
        for (QThread *thread : threads)
            QVERIFY(thread->wait(60000));
        qDeleteAll(threads);
        PlatformKey later(platform.core().vault(), platform.core().database());
        const QByteArray stored = later.publicKeyPem().value_or(QByteArray());
        QVERIFY(!stored.isEmpty());
        for (const QByteArray &key : keys)
            QCOMPARE(key, stored);
    }

    // Real channels post only to https: serving plain http as the callback base needs the
    // development setting.
    void plainCallbackBaseNeedsDevelopmentEndpoints()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture platform(backend);
        QVERIFY2(platform.isOpen(), qPrintable(platform.failure()));
        const auto starts = [&](const QUrl &publicUrl) {
            GatewayHost::Options options;
            options.port = 0;
            options.sweepSeconds = 0;
            options.notifications = false;
            options.publicUrl = publicUrl;
            GatewayHost host(platform.core(), options);
            return host.start().ok();
        };
        QVERIFY(!starts(QUrl()));
        QVERIFY(!starts(QUrl(QStringLiteral("http://pay.example.com"))));
        QVERIFY(starts(QUrl(QStringLiteral("https://pay.example.com"))));
        QVERIFY(platform.core().settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on")).ok());
        QVERIFY(starts(QUrl()));
        QVERIFY(starts(QUrl(QStringLiteral("http://pay.example.com"))));
    }
};

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
