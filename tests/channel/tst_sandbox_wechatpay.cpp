#include "core/channel/statement/StatementParser.h"
#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "core/channel/wechatpay/WeChatPayCrypto.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QBuffer>
#include <QElapsedTimer>

using namespace paydesk;
using namespace paydesk::test;

// The WeChat Pay v3 adapter against paydesk-sandbox over real HTTPS on loopback: every call,
// callbacks (signed, AES-GCM encrypted, retried), the trade bill download, and the faults.
class TestSandboxWeChatPay : public QObject
{
    Q_OBJECT

    // The adapters are declared first so that they outlive the test bed, whose receiver uses them.
    std::unique_ptr<WeChatPayAdapter> m_adapter;
    std::unique_ptr<WeChatPayAdapter> m_publicKeyAdapter; // a merchant with only the WeChat Pay public key
    SandboxTestBed m_bed;
    int m_sequence = 0;

    QString nextOrder() { return QStringLiteral("WX%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_sequence); }

    WeChatPayConfig config() const
    {
        return m_bed.sandbox->keys().weChatConfig(m_bed.sandbox->baseUrl(),
                                                  m_bed.notifyBase + QStringLiteral("/wechat"));
    }
    std::unique_ptr<WeChatPayAdapter> adapter(const WeChatPayConfig &config, HttpClient::Options http) const
    {
        return std::make_unique<WeChatPayAdapter>(config, HttpClient(std::move(http)), SystemClock::instance());
    }
    PrepayRequest native(const QString &order, qint64 amount) const
    {
        PrepayRequest request;
        request.method = PayMethod::WeChatNative;
        request.outTradeNo = order;
        request.amount = fen(amount);
        request.description = QStringLiteral("Paydesk 测试商品");
        return request;
    }
    // A paid order, its payment callback already received.
    QString paidOrder(qint64 amount)
    {
        const QString order = nextOrder();
        if (!m_adapter->prepay(native(order, amount)) || !m_bed.pay(order))
            return {};
        if (!QTest::qWaitFor([&] { return !m_bed.callbacksFor(order).isEmpty(); }, 5000))
            return {};
        return order;
    }
    RefundRequest refundOf(const QString &order, qint64 amount, qint64 total, const QString &refundNo) const
    {
        RefundRequest request;
        request.outTradeNo = order;
        request.outRefundNo = refundNo;
        request.refundAmount = fen(amount);
        request.totalAmount = fen(total);
        request.reason = QStringLiteral("顾客退货");
        request.notifyUrl = m_bed.notifyBase + QStringLiteral("/wechat");
        return request;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
        m_adapter = adapter(config(), m_bed.http());
        m_bed.receiver->route(QStringLiteral("/wechat"), m_adapter.get());
        m_publicKeyAdapter = adapter(m_bed.sandbox->keys().weChatConfig(
                                         m_bed.sandbox->baseUrl(), m_bed.notifyBase + QStringLiteral("/wechat-pubkey"),
                                         sandbox::SandboxKeys::WeChatVerification::PublicKey),
                                     m_bed.http());
        m_bed.receiver->route(QStringLiteral("/wechat-pubkey"), m_publicKeyAdapter.get());
    }

    // The Wechatpay-Serial the sandbox saw with an order's prepay, and with one of its refunds.
    QString serialNamedBy(const QString &order, const QString &refundNo = {}) const
    {
        QString serial;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            if (const sandbox::SandboxTrade *trade = s.store().trade(sandbox::SandboxChannel::WeChatPay, order))
                serial = refundNo.isEmpty() ? trade->platformSerial : trade->refund(refundNo)->platformSerial;
        });
        return serial;
    }

    void cleanup() { m_bed.clearFaults(); }

    void nativeOrderIsPaidNotifiedAndQueried()
    {
        const QString order = nextOrder();
        auto prepay = m_adapter->prepay(native(order, 1234));
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));
        QVERIFY(prepay->codeUrl.startsWith(QLatin1String("weixin://wxpay/bizpayurl?pr=")));
        auto unpaid = m_adapter->queryOrder(order, {});
        QVERIFY(unpaid);
        QCOMPARE(unpaid->state, OrderState::NotPaid);
        QCOMPARE(unpaid->channelState, QStringLiteral("NOTPAY"));
        QVERIFY(unpaid->channelTransactionId.isEmpty());

        QVERIFY(m_bed.pay(order));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 1, 5000);
        const auto callback = m_bed.callbacksFor(order).first();
        QVERIFY(callback.accepted);
        QCOMPARE(callback.replyStatus, 204);
        QCOMPARE(callback.event.kind, CallbackEvent::Kind::Payment);
        QCOMPARE(callback.event.order.state, OrderState::Paid);
        QCOMPARE(callback.event.order.amount, fen(1234));
        QVERIFY(!callback.event.eventId.isEmpty());
        // The sandbox saw the merchant's acknowledgement: one attempt, delivered.
        QTRY_VERIFY_WITH_TIMEOUT(!m_bed.deliveriesFor(order).isEmpty() && m_bed.deliveriesFor(order).first().delivered,
                                 5000);
        QCOMPARE(m_bed.deliveriesFor(order).first().attempts.size(), 1);

        auto paid = m_adapter->queryOrder(order, {});
        QVERIFY(paid);
        QCOMPARE(paid->state, OrderState::Paid);
        QCOMPARE(paid->amount, fen(1234));
        QCOMPARE(paid->channelTransactionId.size(), 28);
        QCOMPARE(paid->channelTransactionId, callback.event.order.channelTransactionId);
        QVERIFY(paid->paidAt.isValid());
        QVERIFY(qAbs(paid->paidAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void prepayIsIdempotentAndRefusesAChangedOrder()
    {
        const QString order = nextOrder();
        auto first = m_adapter->prepay(native(order, 500));
        auto again = m_adapter->prepay(native(order, 500));
        QVERIFY(first && again);
        QCOMPARE(again->codeUrl, first->codeUrl);
        auto changed = m_adapter->prepay(native(order, 501));
        QVERIFY(!changed);
        QCOMPARE(changed.error().code(), ErrorCode::ChannelRejected);
        QVERIFY(changed.error().detail().startsWith(QLatin1String("INVALID_REQUEST")));
    }

    void jsapiOrderIsClosed()
    {
        const QString order = nextOrder();
        PrepayRequest request = native(order, 99);
        request.method = PayMethod::WeChatJsapi;
        request.payerId = QStringLiteral("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        auto prepay = m_adapter->prepay(request);
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));
        QVERIFY(prepay->prepayId.startsWith(QLatin1String("wx")));
        QVERIFY(m_adapter->closeOrder(order, {}));
        auto closed = m_adapter->queryOrder(order, {});
        QVERIFY(closed);
        QCOMPARE(closed->state, OrderState::Closed);
        // A closed order cannot be paid.
        QVERIFY(!m_bed.pay(order));
    }

    void paidOrderRefundsPartlyThenFully()
    {
        const QString order = paidOrder(1000);
        QVERIFY(!order.isEmpty());
        // A paid order cannot be closed.
        const Status close = m_adapter->closeOrder(order, {});
        QVERIFY(!close);
        QCOMPARE(close.error().code(), ErrorCode::ChannelStateConflict);
        QVERIFY(close.error().detail().startsWith(QLatin1String("ORDERPAID: ")));

        auto first = m_adapter->refund(refundOf(order, 300, 1000, order + QStringLiteral("R1")));
        QVERIFY2(first, qPrintable(first.error().detail()));
        QCOMPARE(first->state, RefundState::Processing);
        QCOMPARE(first->amount, fen(300));
        QTRY_VERIFY_WITH_TIMEOUT(m_bed.callbacksFor(order).size() >= 2, 5000);
        const auto refundCallback = m_bed.callbacksFor(order).at(1);
        QVERIFY(refundCallback.accepted);
        QCOMPARE(refundCallback.event.kind, CallbackEvent::Kind::Refund);
        QCOMPARE(refundCallback.event.refund.state, RefundState::Succeeded);
        QCOMPARE(refundCallback.event.refund.outRefundNo, order + QStringLiteral("R1"));
        QCOMPARE(refundCallback.event.refund.amount, fen(300));

        auto queried = m_adapter->queryRefund(order, order + QStringLiteral("R1"), {});
        QVERIFY(queried);
        QCOMPARE(queried->state, RefundState::Succeeded);
        QCOMPARE(queried->channelRefundId, first->channelRefundId);

        // More than what is left is refused; exactly what is left is accepted.
        auto tooMuch = m_adapter->refund(refundOf(order, 701, 1000, order + QStringLiteral("R2")));
        QVERIFY(!tooMuch);
        QCOMPARE(tooMuch.error().code(), ErrorCode::ChannelRejected);
        QCOMPARE(m_bed.refundCount(order), 1);
        QVERIFY(tooMuch.error().detail().startsWith(QLatin1String("NOT_ENOUGH")));
        QVERIFY(m_adapter->refund(refundOf(order, 700, 1000, order + QStringLiteral("R2"))));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_adapter->queryRefund(order, order + QStringLiteral("R2"), {})->state == RefundState::Succeeded, 5000);
        QCOMPARE(m_adapter->queryOrder(order, {})->state, OrderState::Refunded);
        // The same refund number again is the same refund, not a new one.
        auto repeated = m_adapter->refund(refundOf(order, 700, 1000, order + QStringLiteral("R2")));
        QVERIFY(repeated);
        QCOMPARE(m_bed.refundCount(order), 2);
    }

    void unknownOrdersAndRefundsAreNotFound()
    {
        auto order = m_adapter->queryOrder(QStringLiteral("NEVER-MADE-1"), {});
        QVERIFY(!order);
        QCOMPARE(order.error().code(), ErrorCode::ChannelNotFound);
        QVERIFY(order.error().detail().startsWith(QLatin1String("ORDER_NOT_EXIST: ")));
        // A refund the channel does not know did not happen: NotFound, to be retried with the
        // same number.
        auto refund = m_adapter->queryRefund(QStringLiteral("NEVER-MADE-1"), QStringLiteral("NEVER-REFUND-1"), {});
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(refund->state, RefundState::NotFound);
        QCOMPARE(refund->outRefundNo, QStringLiteral("NEVER-REFUND-1"));
    }

    void tradeBillMatchesTheDay()
    {
        const QString order = paidOrder(2500);
        QVERIFY(!order.isEmpty());
        QVERIFY(m_adapter->refund(refundOf(order, 500, 2500, order + QStringLiteral("R"))));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_adapter->queryRefund(order, order + QStringLiteral("R"), {})->state == RefundState::Succeeded, 5000);
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date();
        auto bill = m_adapter->downloadStatement(today);
        QVERIFY2(bill, qPrintable(bill.error().detail()));
        QList<StatementLine> lines;
        QBuffer buffer(&*bill);
        buffer.open(QIODevice::ReadOnly);
        auto summary = StatementParser::parse(buffer, QStringLiteral("tradebill"), [&](const StatementLine &line) {
            lines << line;
            return true;
        });
        QVERIFY2(summary, qPrintable(summary.error().detail()));
        QCOMPARE(summary->format, StatementFormat::WeChatAll);
        // Our order is there as a payment and a refund, with the sandbox's fee (0.60 %).
        int found = 0;
        for (const StatementLine &line : lines) {
            if (line.merchantOrderNo != order)
                continue;
            ++found;
            if (line.type == StatementLineType::Payment) {
                QCOMPARE(line.amount, fen(2500));
                QCOMPARE(line.fee, fen(15));
            } else {
                QCOMPARE(line.amount, fen(500));
                QCOMPARE(line.merchantRefundNo, order + QStringLiteral("R"));
                QCOMPARE(line.fee, fen(3));
            }
        }
        QCOMPARE(found, 2);
        // A day with no trades is an empty bill, not an error; a future day is refused.
        auto empty = m_adapter->downloadStatement(today.addYears(-1));
        QVERIFY2(empty, qPrintable(empty.error().detail()));
        QBuffer emptyBuffer(&*empty);
        emptyBuffer.open(QIODevice::ReadOnly);
        auto emptySummary =
            StatementParser::parse(emptyBuffer, QStringLiteral("empty"), [](const StatementLine &) { return true; });
        QVERIFY2(emptySummary, qPrintable(emptySummary.error().detail()));
        QCOMPARE(emptySummary->lineCount(), 0);
        auto future = m_adapter->downloadStatement(today.addDays(2));
        QVERIFY(!future);
        QCOMPARE(future.error().code(), ErrorCode::ChannelNotFound);
        // A bill whose SHA-1 does not match the one given with the URL is refused.
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), {}, 0, 1));
        auto tampered = m_adapter->downloadStatement(today);
        QVERIFY(!tampered);
        QCOMPARE(tampered.error().code(), ErrorCode::SignatureInvalid);
        QVERIFY(tampered.error().detail().contains(QLatin1String("SHA-1")));
    }

    void requestsSignedWithTheWrongKeyAreRefused()
    {
        // WeChat does not sign its answer to a request it could not authenticate: the unsigned
        // 401 is read for what it says, not taken for a forgery.
        WeChatPayConfig forged = config();
        forged.merchantKey = *PrivateKey::generateRsa(2048);
        auto result = adapter(forged, m_bed.http())->prepay(native(nextOrder(), 100));
        QVERIFY(!result);
        QCOMPARE(result.error().code(), ErrorCode::ChannelAuthRejected);
        QVERIFY(result.error().detail().startsWith(QLatin1String("SIGN_ERROR: ")));
    }

    void certificateMerchantsNameTheirPlatformCertificate()
    {
        // Requests carry Wechatpay-Serial: the platform certificate's, for a merchant that
        // verifies with it; answers and notifications come signed with that certificate.
        const QString order = paidOrder(260);
        QVERIFY(!order.isEmpty());
        const QString certificate = m_bed.sandbox->keys().weChatPlatform.certificate.serialHex();
        QCOMPARE(serialNamedBy(order), certificate);
        QCOMPARE(m_bed.callbacksFor(order).first().request.header("Wechatpay-Serial"), certificate.toLatin1());
        QVERIFY(m_adapter->queryOrder(order, {}));
    }

    void publicKeyMerchantsNameTheirPublicKey()
    {
        // A merchant set up with only the WeChat Pay public key (the default for new merchants)
        // names its id; WeChat then signs every answer and notification with that key.
        const QString publicKeyId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatPublicKeyId);
        const QString order = nextOrder();
        auto prepay = m_publicKeyAdapter->prepay(native(order, 1888));
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));
        QCOMPARE(serialNamedBy(order), publicKeyId);
        auto unpaid = m_publicKeyAdapter->queryOrder(order, {});
        QVERIFY2(unpaid, qPrintable(unpaid.error().detail()));
        QCOMPARE(unpaid->state, OrderState::NotPaid);
        QVERIFY(m_bed.pay(order));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 1, 5000);
        const auto paid = m_bed.callbacksFor(order).first();
        QVERIFY(paid.accepted);
        QCOMPARE(paid.path, QStringLiteral("/wechat-pubkey"));
        QCOMPARE(paid.request.header("Wechatpay-Serial"), publicKeyId.toLatin1());
        QCOMPARE(paid.event.order.state, OrderState::Paid);

        RefundRequest refund = refundOf(order, 888, 1888, order + QStringLiteral("R"));
        refund.notifyUrl = m_bed.notifyBase + QStringLiteral("/wechat-pubkey");
        auto refunded = m_publicKeyAdapter->refund(refund);
        QVERIFY2(refunded, qPrintable(refunded.error().detail()));
        QCOMPARE(serialNamedBy(order, refund.outRefundNo), publicKeyId);
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 2, 5000);
        const auto refundCallback = m_bed.callbacksFor(order).at(1);
        QVERIFY(refundCallback.accepted);
        QCOMPARE(refundCallback.request.header("Wechatpay-Serial"), publicKeyId.toLatin1());
        QCOMPARE(refundCallback.event.refund.state, RefundState::Succeeded);
        auto bill = m_publicKeyAdapter->downloadStatement(
            QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date());
        QVERIFY2(bill, qPrintable(bill.error().detail()));
        // The certificate-mode merchant cannot read the public key's signature, nor the other way round.
        QCOMPARE(m_adapter->parseCallback(paid.request).error().code(), ErrorCode::SignatureInvalid);
    }

    void unknownPlatformSerialIsRefusedAsWeChatDoes()
    {
        WeChatPayConfig unknown = config();
        unknown.platformSerial = QStringLiteral("PUB_KEY_ID_0119000001092026010100000000009999");
        auto result = adapter(unknown, m_bed.http())->prepay(native(nextOrder(), 100));
        QVERIFY(!result);
        QCOMPARE(result.error().code(), ErrorCode::ChannelRejected);
        QCOMPARE(result.error().detail(), QStringLiteral("PARAM_ERROR: 平台证书序列号Wechatpay-Serial错误"));
    }

    void serialsCompareAsHexNumbers()
    {
        // The merchant's and the platform's certificate serials written in lower case with
        // leading zeros still name the same certificates, on both sides.
        const auto &keys = m_bed.sandbox->keys();
        WeChatPayConfig spelled = config();
        spelled.merchantSerialNo = QStringLiteral("000") + keys.weChatMerchant.certificate.serialHex().toLower();
        spelled.platformSerial = QStringLiteral("0") + keys.weChatPlatform.certificate.serialHex().toLower();
        spelled.platformKeys.clear();
        spelled.platformKeys.insert(QStringLiteral("00") + keys.weChatPlatform.certificate.serialHex().toLower(),
                                    keys.weChatPlatform.certificate.publicKey());
        auto client = adapter(spelled, m_bed.http());
        const QString order = nextOrder();
        auto prepay = client->prepay(native(order, 100));
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));
        QVERIFY(client->queryOrder(order, {}));
        const QString paid = paidOrder(120);
        QVERIFY(!paid.isEmpty());
        QVERIFY(client->parseCallback(m_bed.callbacksFor(paid).first().request));
    }

    void unsignedErrorAnswersAreReadForWhatTheySay()
    {
        // Answers without Wechatpay-* headers (from a front or proxy): an error is read for what
        // it says, as the official SDKs do, and a not-found refund is NotFound, not a forgery.
        QVERIFY(m_bed.fault(QStringLiteral("unsigned-answers")));
        auto order = m_adapter->queryOrder(QStringLiteral("NEVER-MADE-2"), {});
        QVERIFY(!order);
        QCOMPARE(order.error().code(), ErrorCode::ChannelNotFound);
        QVERIFY(order.error().detail().startsWith(QLatin1String("ORDER_NOT_EXIST: ")));
        auto refund = m_adapter->queryRefund(QStringLiteral("NEVER-MADE-2"), QStringLiteral("NEVER-REFUND-2"), {});
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(refund->state, RefundState::NotFound);
        // A "not found" signed under our platform certificate must verify, though.
        m_bed.clearFaults();
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), QStringLiteral("NEVER-MADE-2"), 0, 1));
        auto forged = m_adapter->queryOrder(QStringLiteral("NEVER-MADE-2"), {});
        QVERIFY(!forged);
        QCOMPARE(forged.error().code(), ErrorCode::SignatureInvalid);
        // A 2xx answer is believed only signed.
        const QString made = nextOrder();
        QVERIFY(m_adapter->prepay(native(made, 100)));
        QVERIFY(m_bed.fault(QStringLiteral("unsigned-answers"), made, 0, 1));
        auto unsignedAnswer = m_adapter->queryOrder(made, {});
        QVERIFY(!unsignedAnswer);
        QCOMPARE(unsignedAnswer.error().code(), ErrorCode::SignatureInvalid);
        // A front limiter's 429 (plain text, unsigned): busy, to be asked again later.
        QVERIFY(m_bed.fault(QStringLiteral("rate-limited"), made, 0, 1));
        auto limited = m_adapter->queryOrder(made, {});
        QVERIFY(!limited);
        QCOMPARE(limited.error().code(), ErrorCode::ChannelUnavailable);
        QVERIFY(limited.error().detail().startsWith(QLatin1String("HTTP 429")));
        QVERIFY(m_adapter->queryOrder(made, {}));
    }

    void plainHttpIsRefused()
    {
        WeChatPayConfig clear = config();
        clear.baseUrl =
            QUrl(m_bed.sandbox->baseUrl().toString().replace(QLatin1String("https:"), QLatin1String("http:")));
        auto result = adapter(clear, m_bed.http())->queryOrder(QStringLiteral("ANY-ORDER-3"), {});
        QVERIFY(!result);
        QCOMPARE(result.error().code(), ErrorCode::InvalidArgument);
        QVERIFY(result.error().detail().contains(QLatin1String("https")));
    }

    void untrustedServerCertificateIsRefused()
    {
        // Without the sandbox CA the TLS handshake fails, and is not retried.
        HttpClient::Options http = m_bed.http();
        http.extraCaCertificates.clear();
        http.attempts = 3;
        QElapsedTimer timer;
        timer.start();
        auto result = adapter(config(), http)->queryOrder(QStringLiteral("ANY-ORDER-1"), {});
        QVERIFY(!result);
        QVERIFY2(result.error().code() == ErrorCode::ChannelUnavailable, qPrintable(result.error().detail()));
        QVERIFY2(timer.elapsed() < 1500, "an untrusted certificate must not be retried");
    }

    void answersFromAnUnknownPlatformCertificateAreRefused()
    {
        WeChatPayConfig wrong = config();
        wrong.platformKeys.clear();
        wrong.platformKeys.insert(m_bed.sandbox->keys().weChatPlatform.certificate.serialHex(),
                                  PrivateKey::generateRsa(2048)->publicKey());
        auto result = adapter(wrong, m_bed.http())->queryOrder(QStringLiteral("ANY-ORDER-2"), {});
        QVERIFY(!result);
        QCOMPARE(result.error().code(), ErrorCode::SignatureInvalid);
        // The same for an answer about an order that exists (2xx).
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(native(order, 100)));
        auto found = adapter(wrong, m_bed.http())->queryOrder(order, {});
        QVERIFY(!found);
        QCOMPARE(found.error().code(), ErrorCode::SignatureInvalid);
    }

    void badSignatureFaultIsCaught()
    {
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(native(order, 100)));
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), order, 0, 1));
        auto answer = m_adapter->queryOrder(order, {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().code(), ErrorCode::SignatureInvalid);
        QVERIFY(m_adapter->queryOrder(order, {})); // once only
        // A callback with a bad signature is refused by the merchant, so WeChat retries it.
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), order, 0, 1));
        QVERIFY(m_bed.pay(order));
        QTRY_VERIFY_WITH_TIMEOUT(!m_bed.deliveriesFor(order).isEmpty() && m_bed.deliveriesFor(order).first().delivered,
                                 5000);
        const auto delivery = m_bed.deliveriesFor(order).first();
        QCOMPARE(delivery.attempts.size(), 2);
        QCOMPARE(delivery.attempts.first().status, 401);
        const auto received = m_bed.callbacksFor(order);
        QCOMPARE(received.size(), 1); // only the verified one has an order number
        const auto all = m_bed.receiver->received();
        QVERIFY(
            std::any_of(all.begin(), all.end(), [](const auto &r) { return r.error == ErrorCode::SignatureInvalid; }));
    }

    void forgedAndExpiredCallbacksAreRefused()
    {
        const QString order = paidOrder(700);
        QVERIFY(!order.isEmpty());
        const CallbackRequest genuine = m_bed.callbacksFor(order).first().request;
        QVERIFY(m_adapter->parseCallback(genuine));
        // Tampered body: the signature no longer matches.
        CallbackRequest tampered = genuine;
        tampered.body.replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESZ");
        QCOMPARE(m_adapter->parseCallback(tampered).error().code(), ErrorCode::SignatureInvalid);
        // A genuine signature made 301 seconds ago: outside WeChat's 300-second window.
        const auto &keys = m_bed.sandbox->keys();
        auto old = WeChatPay::signAsPlatform(genuine.body, keys.weChatPlatform.key,
                                             keys.weChatPlatform.certificate.serialHex(),
                                             QDateTime::currentSecsSinceEpoch() - 301, WeChatPay::makeNonce());
        QVERIFY(old);
        CallbackRequest expired = genuine;
        expired.headers.insert("wechatpay-timestamp", old->timestamp);
        expired.headers.insert("wechatpay-nonce", old->nonce);
        expired.headers.insert("wechatpay-signature", old->signature);
        QCOMPARE(m_adapter->parseCallback(expired).error().code(), ErrorCode::CallbackExpired);
        // Signed by someone else's key.
        auto forgedKey = PrivateKey::generateRsa(2048);
        auto forged = WeChatPay::signAsPlatform(genuine.body, *forgedKey, keys.weChatPlatform.certificate.serialHex(),
                                                QDateTime::currentSecsSinceEpoch(), WeChatPay::makeNonce());
        CallbackRequest impostor = genuine;
        impostor.headers.insert("wechatpay-timestamp", forged->timestamp);
        impostor.headers.insert("wechatpay-nonce", forged->nonce);
        impostor.headers.insert("wechatpay-signature", forged->signature);
        QCOMPARE(m_adapter->parseCallback(impostor).error().code(), ErrorCode::SignatureInvalid);
    }

    void serverErrorsAreRetriedThenReported()
    {
        const QString order = nextOrder();
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order, 0, 1));
        auto once = m_adapter->prepay(native(order, 100)); // the retry gets through
        QVERIFY2(once, qPrintable(once.error().detail()));
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order));
        auto always = m_adapter->queryOrder(order, {});
        QVERIFY(!always);
        QCOMPARE(always.error().code(), ErrorCode::ChannelUnavailable);
    }

    void timeoutRetryReusesTheRefundNumber()
    {
        const QString order = paidOrder(800);
        QVERIFY(!order.isEmpty());
        // The channel makes the refund but its answer never arrives; the retry with the same
        // out_refund_no gets the same refund back: one refund, not two.
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), order, 0, 1));
        auto client = adapter(config(), m_bed.http(800, 2));
        auto refund = client->refund(refundOf(order, 800, 800, order + QStringLiteral("T")));
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(m_bed.refundCount(order), 1);
        // With no retries left, a timeout is reported as such.
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), order, 0, 1));
        auto noRetry = adapter(config(), m_bed.http(500, 1))->queryOrder(order, {});
        QVERIFY(!noRetry);
        QCOMPARE(noRetry.error().code(), ErrorCode::ChannelTimeout);
    }

    // refund-fails: WeChat takes the refund (PROCESSING), then closes it (CLOSED: nothing
    // refunded; ABNORMAL would mean money stuck on its way, which is not a failure). The
    // REFUND.CLOSED notification and the refund query both read Failed, and the amount may be
    // refunded again under a new number.
    void refundFailsFault()
    {
        const QString order = paidOrder(900);
        QVERIFY(!order.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), order, 0, 1));
        auto taken = m_adapter->refund(refundOf(order, 900, 900, order + QStringLiteral("F")));
        QVERIFY2(taken, qPrintable(taken.error().detail()));
        QCOMPARE(taken->state, RefundState::Processing);
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 2, 5000);
        const auto closed = m_bed.callbacksFor(order).at(1);
        QVERIFY(closed.accepted);
        QCOMPARE(closed.event.kind, CallbackEvent::Kind::Refund);
        QCOMPARE(closed.event.refund.outRefundNo, order + QStringLiteral("F"));
        QCOMPARE(closed.event.refund.channelState, QStringLiteral("CLOSED"));
        QCOMPARE(closed.event.refund.state, RefundState::Failed);
        QVERIFY(closed.request.body.contains("\"event_type\":\"REFUND.CLOSED\""));
        auto queried = m_adapter->queryRefund(order, order + QStringLiteral("F"), {});
        QVERIFY2(queried, qPrintable(queried.error().detail()));
        QCOMPARE(queried->state, RefundState::Failed);
        QVERIFY(!queried->succeededAt.isValid());
        QCOMPARE(m_adapter->queryOrder(order, {})->state, OrderState::Paid); // nothing was refunded

        // Only the next refund failed: the whole amount is refunded under a new number.
        auto again = m_adapter->refund(refundOf(order, 900, 900, order + QStringLiteral("G")));
        QVERIFY2(again, qPrintable(again.error().detail()));
        QTRY_COMPARE_WITH_TIMEOUT(m_adapter->queryRefund(order, order + QStringLiteral("G"), {})->state,
                                  RefundState::Succeeded, 5000);
        QCOMPARE(m_adapter->queryRefund(order, order + QStringLiteral("F"), {})->state, RefundState::Failed);
        QCOMPARE(m_bed.refundCount(order), 2);
    }

    void delayedAnswersArriveLate()
    {
        const QString order = nextOrder();
        QVERIFY(m_bed.fault(QStringLiteral("delay"), order, 400, 1));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_adapter->prepay(native(order, 100)));
        QVERIFY(timer.elapsed() >= 400);
    }

    void droppedCallbackLeavesQueryAsTheTruth()
    {
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(native(order, 321)));
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), order));
        QVERIFY(m_bed.pay(order));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.deliveriesFor(order).size(), 1, 5000);
        QVERIFY(m_bed.deliveriesFor(order).first().dropped);
        QTest::qWait(200);
        QVERIFY(m_bed.callbacksFor(order).isEmpty());
        QCOMPARE(m_adapter->queryOrder(order, {})->state, OrderState::Paid);
    }

    void duplicateCallbacksShareTheirEventId()
    {
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(native(order, 321)));
        QVERIFY(m_bed.fault(QStringLiteral("duplicate-callback"), order));
        QVERIFY(m_bed.pay(order));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 2, 5000);
        const auto both = m_bed.callbacksFor(order);
        QVERIFY(both.at(0).accepted && both.at(1).accepted);
        QCOMPARE(both.at(0).event.eventId, both.at(1).event.eventId);
    }

    void unacknowledgedCallbacksFollowTheRetrySchedule()
    {
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(native(order, 100)));
        m_bed.receiver->forceStatus(503);
        QVERIFY(m_bed.pay(order));
        // 15 s, 15 s, 30 s … scaled by 1/1000: four failures take well under a second.
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_bed.deliveriesFor(order).isEmpty() && m_bed.deliveriesFor(order).first().attempts.size() >= 4, 5000);
        m_bed.receiver->forceStatus(0);
        // 3 min, scaled: 180 ms later the next attempt is acknowledged.
        QTRY_VERIFY_WITH_TIMEOUT(m_bed.deliveriesFor(order).first().delivered, 5000);
        const auto delivery = m_bed.deliveriesFor(order).first();
        QCOMPARE(delivery.attempts.first().status, 503);
        QCOMPARE(delivery.attempts.last().status, 204);
        // Each gap follows WeChat's schedule (15 s, 15 s, 30 s, 3 min…) at the test's scale.
        const QList<int> schedule = sandbox::CallbackSender::retryScheduleSeconds(sandbox::SandboxChannel::WeChatPay);
        for (qsizetype i = 0; i + 1 < delivery.attempts.size(); ++i) {
            const qint64 gap = delivery.attempts.at(i).at.msecsTo(delivery.attempts.at(i + 1).at);
            const double expected = schedule.at(i) * 1000.0 * SandboxTestBed::fastSettings().callbackTimeScale;
            QVERIFY2(gap >= expected * 0.9 && gap < expected + 1000,
                     qPrintable(QStringLiteral("gap %1: %2 ms, expected %3 ms").arg(i).arg(gap).arg(expected)));
        }
    }

    void statementFaultsChangeTheBill()
    {
        const QString differs = paidOrder(1000);
        const QString missing = paidOrder(2000);
        const QString refunded = paidOrder(3000);
        QVERIFY(!differs.isEmpty() && !missing.isEmpty() && !refunded.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("statement-amount-differs"), differs, 5));
        QVERIFY(m_bed.fault(QStringLiteral("missing-from-statement"), missing));
        QVERIFY(m_bed.fault(QStringLiteral("extra-trade-in-statement"), QStringLiteral("GHOST-ORDER-1"), 4321));
        QVERIFY(m_bed.fault(QStringLiteral("refund-at-channel-only"), refunded, 1200));
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date();
        auto bill = m_adapter->downloadStatement(today);
        QVERIFY2(bill, qPrintable(bill.error().detail()));
        QBuffer buffer(&*bill);
        buffer.open(QIODevice::ReadOnly);
        QHash<QString, QList<StatementLine>> byOrder;
        auto summary = StatementParser::parse(buffer, QStringLiteral("faults"), [&](const StatementLine &line) {
            byOrder[line.merchantOrderNo] << line;
            return true;
        });
        QVERIFY2(summary, qPrintable(summary.error().detail()));
        QCOMPARE(byOrder.value(differs).size(), 1);
        QCOMPARE(byOrder.value(differs).first().amount, fen(1005));
        QVERIFY(!byOrder.contains(missing));
        QCOMPARE(byOrder.value(QStringLiteral("GHOST-ORDER-1")).size(), 1);
        QCOMPARE(byOrder.value(QStringLiteral("GHOST-ORDER-1")).first().amount, fen(4321));
        const auto refundedLines = byOrder.value(refunded);
        QCOMPARE(refundedLines.size(), 2);
        QCOMPARE(refundedLines.at(1).type, StatementLineType::Refund);
        QCOMPARE(refundedLines.at(1).amount, fen(1200));
        // The merchant never asked for that refund, yet the channel reports it.
        QCOMPARE(m_adapter->queryOrder(refunded, {})->state, OrderState::Refunded);
    }
};

QTEST_GUILESS_MAIN(TestSandboxWeChatPay)
#include "tst_sandbox_wechatpay.moc"
