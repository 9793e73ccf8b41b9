#include "core/channel/alipay/AlipayAdapter.h"
#include "core/channel/statement/StatementParser.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QBuffer>

using namespace paydesk;
using namespace paydesk::test;

// The Alipay adapter against paydesk-sandbox over real HTTPS on loopback: precreate, query,
// close, refund, refund query, the trade bill zip, notifications, tampering and faults.
class TestSandboxAlipay : public QObject
{
    Q_OBJECT

    // The adapter is declared first so that it outlives the test bed, whose receiver uses it.
    std::unique_ptr<AlipayAdapter> m_adapter;
    SandboxTestBed m_bed;
    int m_sequence = 0;

    QString nextOrder() { return QStringLiteral("ALI%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_sequence); }
    AlipayConfig config() const
    {
        return m_bed.sandbox->keys().alipayConfig(m_bed.sandbox->baseUrl(),
                                                  m_bed.notifyBase + QStringLiteral("/alipay"));
    }
    std::unique_ptr<AlipayAdapter> adapter(const AlipayConfig &config, HttpClient::Options http) const
    {
        return std::make_unique<AlipayAdapter>(config, HttpClient(std::move(http)), SystemClock::instance());
    }
    PrepayRequest precreate(const QString &order, qint64 amount) const
    {
        PrepayRequest request;
        request.method = PayMethod::AlipayPrecreate;
        request.outTradeNo = order;
        request.amount = fen(amount);
        request.description = QStringLiteral("Paydesk 测试商品");
        return request;
    }
    QString paidOrder(qint64 amount)
    {
        const QString order = nextOrder();
        if (!m_adapter->prepay(precreate(order, amount)) || !m_bed.pay(order))
            return {};
        if (!QTest::qWaitFor([&] { return !m_bed.callbacksFor(order).isEmpty(); }, 5000))
            return {};
        return order;
    }
    RefundRequest refundOf(const QString &order, qint64 amount, const QString &refundNo) const
    {
        RefundRequest request;
        request.outTradeNo = order;
        request.outRefundNo = refundNo;
        request.refundAmount = fen(amount);
        request.reason = QStringLiteral("顾客退货");
        return request;
    }
    // A raw, correctly signed gateway call (to look at the answer bytes).
    QByteArray rawCall(const QString &method, const QJsonObject &biz) const
    {
        Alipay::Params params{
            {QStringLiteral("app_id"), QString::fromLatin1(sandbox::SandboxKeys::kAlipayAppId)},
            {QStringLiteral("method"), method},
            {QStringLiteral("format"), QStringLiteral("JSON")},
            {QStringLiteral("charset"), QStringLiteral("utf-8")},
            {QStringLiteral("sign_type"), QStringLiteral("RSA2")},
            {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc()
                                              .toTimeZone(QTimeZone(8 * 3600))
                                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))},
            {QStringLiteral("version"), QStringLiteral("1.0")},
            {QStringLiteral("biz_content"), QString::fromUtf8(QJsonDocument(biz).toJson(QJsonDocument::Compact))}};
        params.insert(QStringLiteral("sign"), *Alipay::sign(params, m_bed.sandbox->keys().alipayAppKey));
        HttpRequest request;
        request.method = "POST";
        request.url = config().gatewayUrl;
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded;charset=utf-8"}};
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            request.body += (request.body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(it.key()) + '=' +
                            QUrl::toPercentEncoding(it.value());
        auto response = HttpClient(m_bed.http()).send(request);
        return response ? response->body : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
        m_adapter = adapter(config(), m_bed.http());
        m_bed.receiver->route(QStringLiteral("/alipay"), m_adapter.get());
    }

    void cleanup() { m_bed.clearFaults(); }

    void precreatePayNotifyQuery()
    {
        const QString order = nextOrder();
        auto prepay = m_adapter->prepay(precreate(order, 1999));
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));
        QVERIFY(prepay->codeUrl.startsWith(QLatin1String("https://qr.alipay.com/")));
        auto waiting = m_adapter->queryOrder(order, {});
        QVERIFY2(waiting, qPrintable(waiting.error().detail()));
        QCOMPARE(waiting->channelState, QStringLiteral("WAIT_BUYER_PAY"));
        QCOMPARE(waiting->state, OrderState::NotPaid);

        QVERIFY(m_bed.pay(order));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 1, 5000);
        const auto notify = m_bed.callbacksFor(order).first();
        QVERIFY(notify.accepted);
        QCOMPARE(notify.event.replyBody, QByteArray("success"));
        QCOMPARE(notify.event.order.state, OrderState::Paid);
        QCOMPARE(notify.event.order.amount, fen(1999));
        // The order was made without a body: Alipay sends "body=" and signs it as an empty field.
        QVERIFY(notify.request.body.contains("&body=&"));
        QTRY_VERIFY_WITH_TIMEOUT(m_bed.deliveriesFor(order).first().delivered, 5000);

        auto paid = m_adapter->queryOrder(order, {});
        QVERIFY(paid);
        QCOMPARE(paid->channelState, QStringLiteral("TRADE_SUCCESS"));
        QCOMPARE(paid->state, OrderState::Paid);
        QCOMPARE(paid->amount, fen(1999));
        QCOMPARE(paid->channelTransactionId, notify.event.order.channelTransactionId);
        QCOMPARE(paid->channelTransactionId.size(), 28);
        QVERIFY(paid->paidAt.isValid());
    }

    void closeAndDuplicates()
    {
        const QString order = nextOrder();
        QVERIFY(m_adapter->prepay(precreate(order, 100)));
        auto again = m_adapter->prepay(precreate(order, 100));
        QVERIFY(again);
        auto changed = m_adapter->prepay(precreate(order, 101));
        QVERIFY(!changed);
        QCOMPARE(changed.error().code(), ErrorCode::ChannelStateConflict);
        QVERIFY(changed.error().detail().startsWith(QLatin1String("ACQ.CONTEXT_INCONSISTENT: ")));
        QVERIFY(m_adapter->closeOrder(order, {}));
        QCOMPARE(m_adapter->queryOrder(order, {})->state, OrderState::Closed);
        auto missing = m_adapter->queryOrder(QStringLiteral("NEVER-MADE"), {});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::ChannelNotFound);
    }

    void refundsAreSynchronousAndNotified()
    {
        const QString order = paidOrder(5000);
        QVERIFY(!order.isEmpty());
        QCOMPARE(m_adapter->closeOrder(order, {}).error().code(), ErrorCode::ChannelStateConflict); // paid
        // Not refunded yet: the refund query has no data, meaning it did not happen.
        auto none = m_adapter->queryRefund(order, order + QStringLiteral("R1"), {});
        QVERIFY2(none, qPrintable(none.error().detail()));
        QCOMPARE(none->state, RefundState::NotFound);

        auto refund = m_adapter->refund(refundOf(order, 1200, order + QStringLiteral("R1")));
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(refund->state, RefundState::Succeeded);
        QCOMPARE(refund->channelState, QStringLiteral("Y"));
        QCOMPARE(refund->amount, fen(1200));
        // Again with the same out_request_no: nothing more moves (fund_change N), and the
        // adapter confirms the refund by querying it, as Alipay prescribes. One refund.
        auto repeated = m_adapter->refund(refundOf(order, 1200, order + QStringLiteral("R1")));
        QVERIFY(repeated);
        QCOMPARE(repeated->channelState, QStringLiteral("REFUND_SUCCESS"));
        QCOMPARE(repeated->state, RefundState::Succeeded);
        QCOMPARE(repeated->amount, fen(1200));
        QCOMPARE(m_bed.refundCount(order), 1);

        auto queried = m_adapter->queryRefund(order, order + QStringLiteral("R1"), {});
        QVERIFY(queried);
        QCOMPARE(queried->state, RefundState::Succeeded);
        QCOMPARE(queried->amount, fen(1200));

        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 2, 5000);
        const auto notify = m_bed.callbacksFor(order).at(1);
        QVERIFY(notify.accepted);
        QCOMPARE(notify.event.kind, CallbackEvent::Kind::Refund);
        QCOMPARE(notify.event.refund.outRefundNo, order + QStringLiteral("R1"));
        QCOMPARE(notify.event.refund.totalRefunded, fen(1200));
        QVERIFY(notify.event.refund.succeededAt.isValid());

        auto tooMuch = m_adapter->refund(refundOf(order, 3801, order + QStringLiteral("R2")));
        QVERIFY(!tooMuch);
        QVERIFY(tooMuch.error().detail().contains(QLatin1String("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")));
        QVERIFY(m_adapter->refund(refundOf(order, 3800, order + QStringLiteral("R2"))));
        // Fully refunded: Alipay says TRADE_CLOSED, which for a paid order means refunded.
        auto closed = m_adapter->queryOrder(order, {});
        QCOMPARE(closed->channelState, QStringLiteral("TRADE_CLOSED"));
        QCOMPARE(closed->state, OrderState::Refunded);
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 3, 5000);
        QCOMPARE(m_bed.callbacksFor(order).at(2).event.refund.totalRefunded, fen(5000));
    }

    // refund-fails: Alipay refuses the refund outright (40004 with a sub_code) and keeps no
    // record of it; its refund query has no data (not refunded), and no notification comes.
    void refundFailsFault()
    {
        const QString order = paidOrder(2500);
        QVERIFY(!order.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), order, 0, 1));
        auto refused = m_adapter->refund(refundOf(order, 2500, order + QStringLiteral("F")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ChannelRejected);
        QVERIFY2(refused.error().detail().startsWith(QLatin1String("ACQ.SELLER_BALANCE_NOT_ENOUGH: ")),
                 qPrintable(refused.error().detail()));
        const QByteArray raw = rawCall(QStringLiteral("alipay.trade.fastpay.refund.query"),
                                       QJsonObject{{QStringLiteral("out_trade_no"), order},
                                                   {QStringLiteral("out_request_no"), order + QStringLiteral("F")}});
        QVERIFY2(raw.contains("\"code\":\"10000\"") && !raw.contains("refund_status") && !raw.contains("refund_amount"),
                 raw.constData());
        auto queried = m_adapter->queryRefund(order, order + QStringLiteral("F"), {});
        QVERIFY2(queried, qPrintable(queried.error().detail()));
        QCOMPARE(queried->state, RefundState::NotFound);
        QCOMPARE(m_bed.refundCount(order), 0);
        QCOMPARE(m_adapter->queryOrder(order, {})->channelState, QStringLiteral("TRADE_SUCCESS"));

        // Only the next refund failed: the whole amount is refunded, and notified.
        auto again = m_adapter->refund(refundOf(order, 2500, order + QStringLiteral("G")));
        QVERIFY2(again, qPrintable(again.error().detail()));
        QCOMPARE(again->state, RefundState::Succeeded);
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order).size(), 2, 5000);
        QCOMPARE(m_bed.callbacksFor(order).at(1).event.refund.outRefundNo, order + QStringLiteral("G"));
    }

    void tradeBillZip()
    {
        const QString order = paidOrder(888);
        QVERIFY(!order.isEmpty());
        QVERIFY(m_adapter->refund(refundOf(order, 88, order + QStringLiteral("R"))));
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date();
        auto zip = m_adapter->downloadStatement(today);
        QVERIFY2(zip, qPrintable(zip.error().detail()));
        QBuffer buffer(&*zip);
        buffer.open(QIODevice::ReadOnly);
        QList<StatementLine> lines;
        auto summary = StatementParser::parse(buffer, QStringLiteral("alipay.zip"), [&](const StatementLine &line) {
            if (line.merchantOrderNo == order)
                lines << line;
            return true;
        });
        QVERIFY2(summary, qPrintable(summary.error().detail()));
        QCOMPARE(summary->format, StatementFormat::AlipayDetail);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).type, StatementLineType::Payment);
        QCOMPARE(lines.at(0).amount, fen(888));
        QCOMPARE(lines.at(0).fee, fen(5));
        QCOMPARE(lines.at(1).type, StatementLineType::Refund);
        QCOMPARE(lines.at(1).amount, fen(88));
        auto future = m_adapter->downloadStatement(today.addDays(3));
        QVERIFY(!future);
        QCOMPARE(future.error().code(), ErrorCode::ChannelNotFound);
        QVERIFY(future.error().detail().startsWith(QLatin1String("isp.bill_not_exist: ")));
    }

    void tamperedResponsesAreRefused()
    {
        const QString order = paidOrder(4242);
        QVERIFY(!order.isEmpty());
        const QByteArray genuine =
            rawCall(QStringLiteral("alipay.trade.query"), QJsonObject{{QStringLiteral("out_trade_no"), order}});
        QVERIFY(genuine.contains("\"total_amount\":\"42.42\""));
        QVERIFY(Alipay::verifyResponse(genuine, QStringLiteral("alipay.trade.query"), config().alipayKey));
        QByteArray tampered = genuine;
        tampered.replace("\"total_amount\":\"42.42\"", "\"total_amount\":\"42.43\"");
        const auto refused = Alipay::verifyResponse(tampered, QStringLiteral("alipay.trade.query"), config().alipayKey);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::SignatureInvalid);
        // The sandbox's bad-signature fault reaches the adapter as a refused answer.
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), order, 0, 1));
        auto answer = m_adapter->queryOrder(order, {});
        QVERIFY(!answer);
        QCOMPARE(answer.error().code(), ErrorCode::SignatureInvalid);
    }

    void wrongKeysOnEitherSide()
    {
        AlipayConfig wrongApp = config();
        wrongApp.appKey = *PrivateKey::generateRsa(2048);
        auto refused = adapter(wrongApp, m_bed.http())->queryOrder(QStringLiteral("X1"), {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ChannelAuthRejected);
        QVERIFY(refused.error().detail().startsWith(QLatin1String("isv.invalid-signature: ")));
        AlipayConfig wrongAlipay = config();
        wrongAlipay.alipayKey = PrivateKey::generateRsa(2048)->publicKey();
        auto unverified = adapter(wrongAlipay, m_bed.http())->queryOrder(QStringLiteral("X1"), {});
        QVERIFY(!unverified);
        QCOMPARE(unverified.error().code(), ErrorCode::SignatureInvalid);
    }

    void forgedNotificationsAreRefused()
    {
        const QString order = paidOrder(1000);
        QVERIFY(!order.isEmpty());
        const CallbackRequest genuine = m_bed.callbacksFor(order).first().request;
        QVERIFY(m_adapter->parseCallback(genuine));
        CallbackRequest forged = genuine;
        forged.body.replace("total_amount=10.00", "total_amount=1000.00");
        QVERIFY(forged.body != genuine.body);
        QCOMPARE(m_adapter->parseCallback(forged).error().code(), ErrorCode::SignatureInvalid);
        // An empty field is signed too: leaving it out changes what was signed.
        CallbackRequest shortened = genuine;
        shortened.body.replace("&body=&", "&");
        QVERIFY(shortened.body != genuine.body);
        QCOMPARE(m_adapter->parseCallback(shortened).error().code(), ErrorCode::SignatureInvalid);
        // A merchant answering anything but "success" gets the notification again.
        const QString next = nextOrder();
        QVERIFY(m_adapter->prepay(precreate(next, 100)));
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), next, 0, 1));
        QVERIFY(m_bed.pay(next));
        QTRY_VERIFY_WITH_TIMEOUT(!m_bed.deliveriesFor(next).isEmpty() && m_bed.deliveriesFor(next).first().delivered,
                                 5000);
        QCOMPARE(m_bed.deliveriesFor(next).first().attempts.size(), 2);
    }

    void timeoutsAndServerErrors()
    {
        const QString order = paidOrder(600);
        QVERIFY(!order.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), order, 0, 1));
        auto refund = adapter(config(), m_bed.http(800, 2))->refund(refundOf(order, 600, order + QStringLiteral("T")));
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(m_bed.refundCount(order), 1);
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order));
        auto unavailable = m_adapter->queryOrder(order, {});
        QVERIFY(!unavailable);
        QCOMPARE(unavailable.error().code(), ErrorCode::ChannelUnavailable);
    }
};

QTEST_GUILESS_MAIN(TestSandboxAlipay)
#include "tst_sandbox_alipay.moc"
