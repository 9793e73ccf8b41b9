#include "core/util/Error.h"
#include "tests/payment/support/GatewayTestCase.h"

using namespace paydesk;
using namespace paydesk::test;

// The gateway at its edges: refused requests change nothing, ambiguous JSON, a database fault,
// metrics and their bounded labels, the platform key, plain callback bases.
class TestGatewayEdges : public GatewayTestCase
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(startBed()); }
    void cleanupTestCase() { stopBed(); }

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

QTEST_GUILESS_MAIN(TestGatewayEdges)
#include "tst_gatewayedges.moc"
