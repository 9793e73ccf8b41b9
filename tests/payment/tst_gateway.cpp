#include "core/util/Error.h"
#include "tests/payment/support/GatewayTestCase.h"

using namespace paydesk;
using namespace paydesk::test;

// Orders through the gateway end to end per channel, idempotency, callbacks over HTTP,
// notifications and their resend, reference changes.
class TestGateway : public GatewayTestCase
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(startBed()); }
    void cleanupTestCase() { stopBed(); }

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
};

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
