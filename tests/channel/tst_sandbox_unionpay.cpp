#include "core/channel/http/FormEncoding.h"
#include "core/channel/statement/StatementParser.h"
#include "core/channel/unionpay/UnionPayAdapter.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QBuffer>
#include <QRegularExpression>

using namespace paydesk;
using namespace paydesk::test;

// The UnionPay adapter against paydesk-sandbox over real HTTPS on loopback: the browser's front
// payment form, query, refund and refund query, the reconciliation file, back notifications,
// certificate chains and faults.
class TestSandboxUnionPay : public QObject
{
    Q_OBJECT

    // The adapter is declared first so that it outlives the test bed, whose receiver uses it.
    std::unique_ptr<UnionPayAdapter> m_adapter;
    SandboxTestBed m_bed;
    int m_sequence = 0;

    QString nextOrder() { return QStringLiteral("UP%1%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(++m_sequence); }
    UnionPayConfig config() const
    {
        return m_bed.sandbox->keys().unionPayConfig(m_bed.sandbox->baseUrl(),
                                                    m_bed.notifyBase + QStringLiteral("/unionpay"));
    }
    std::unique_ptr<UnionPayAdapter> adapter(const UnionPayConfig &config, HttpClient::Options http) const
    {
        return std::make_unique<UnionPayAdapter>(config, HttpClient(std::move(http)), SystemClock::instance());
    }
    // What the payer's browser does with the prepay form: post it to the gateway.
    Result<HttpResponse> submitForm(const PrepayResult &form) const
    {
        HttpRequest request;
        request.method = "POST";
        request.url = form.formAction;
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        UnionPay::Fields fields;
        for (auto it = form.formFields.cbegin(); it != form.formFields.cend(); ++it)
            fields.insert(it.key(), it.value());
        request.body = UnionPay::formBody(fields);
        return HttpClient(m_bed.http()).send(request);
    }
    struct Order
    {
        QString number;
        QDateTime createdAt;
    };
    Order openOrder(qint64 amount)
    {
        Order order{nextOrder(), QDateTime::currentDateTimeUtc()};
        PrepayRequest request;
        request.method = PayMethod::UnionPayFront;
        request.outTradeNo = order.number;
        request.amount = fen(amount);
        request.description = QStringLiteral("Paydesk 测试商品");
        request.returnUrl = QStringLiteral("https://merchant.example/return");
        request.createdAt = order.createdAt;
        auto form = m_adapter->prepay(request);
        if (!form)
            return {};
        auto page = submitForm(*form);
        if (!page || page->status != 200)
            return {};
        return order;
    }
    Order paidOrder(qint64 amount)
    {
        Order order = openOrder(amount);
        if (order.number.isEmpty() || !m_bed.pay(order.number))
            return {};
        if (!QTest::qWaitFor([&] { return !m_bed.callbacksFor(order.number).isEmpty(); }, 5000))
            return {};
        return order;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
        m_adapter = adapter(config(), m_bed.http());
        m_bed.receiver->route(QStringLiteral("/unionpay"), m_adapter.get());
    }

    void cleanup() { m_bed.clearFaults(); }

    void frontPaymentFormIsSignedAndOpensTheCashier()
    {
        PrepayRequest request;
        request.method = PayMethod::UnionPayFront;
        request.outTradeNo = nextOrder();
        request.amount = fen(2000);
        request.returnUrl = QStringLiteral("https://merchant.example/return");
        request.createdAt = QDateTime::currentDateTimeUtc();
        auto form = m_adapter->prepay(request);
        QVERIFY2(form, qPrintable(form.error().detail()));
        QCOMPARE(form->formAction.path(), QStringLiteral("/gateway/api/frontTransReq.do"));
        QCOMPARE(form->formFields.value(QStringLiteral("txnAmt")), QStringLiteral("2000"));
        QCOMPARE(form->formFields.value(QStringLiteral("certId")),
                 m_bed.sandbox->keys().unionPayMerchant.certificate.serialDecimal());
        auto page = submitForm(*form);
        QVERIFY(page);
        QCOMPARE(page->status, 200);
        QVERIFY(page->body.contains("/__sandbox/pay"));
        QVERIFY(QString::fromUtf8(page->body).contains(QStringLiteral("¥20.00")));
        // A tampered form (the amount changed in the browser) is refused by the gateway.
        PrepayResult tampered = *form;
        tampered.formFields.insert(QStringLiteral("txnAmt"), QStringLiteral("1"));
        tampered.formFields.insert(QStringLiteral("orderId"), nextOrder());
        auto refused = submitForm(tampered);
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QVERIFY(QString::fromUtf8(refused->body).contains(QStringLiteral("验证签名失败")));
    }

    void payNotifyQuery()
    {
        const Order order = openOrder(3300);
        QVERIFY(!order.number.isEmpty());
        auto unpaid = m_adapter->queryOrder(order.number, order.createdAt);
        QVERIFY2(unpaid, qPrintable(unpaid.error().detail()));
        QCOMPARE(unpaid->state, OrderState::NotPaid);
        // No close at UnionPay: the payer could still pay until payTimeout.
        const Status closeUnpaid = m_adapter->closeOrder(order.number, order.createdAt);
        QVERIFY(!closeUnpaid);
        QCOMPARE(closeUnpaid.error().code(), ErrorCode::ChannelRejected);
        QVERIFY(closeUnpaid.error().detail().contains(QLatin1String("payTimeout")));

        QVERIFY(m_bed.pay(order.number));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order.number).size(), 1, 5000);
        const auto notice = m_bed.callbacksFor(order.number).first();
        QVERIFY(notice.accepted);
        QCOMPARE(notice.replyStatus, 200);
        QCOMPARE(notice.event.order.state, OrderState::Paid);
        QCOMPARE(notice.event.order.amount, fen(3300));
        QCOMPARE(notice.event.order.payerId, QStringLiteral("0018"));

        auto paid = m_adapter->queryOrder(order.number, order.createdAt);
        QVERIFY2(paid, qPrintable(paid.error().detail()));
        QCOMPARE(paid->state, OrderState::Paid);
        QCOMPARE(paid->amount, fen(3300));
        QCOMPARE(paid->channelTransactionId, notice.event.order.channelTransactionId);
        // The order is known by number *and* txnTime.
        auto otherTime = m_adapter->queryOrder(order.number, order.createdAt.addSecs(-3600));
        QVERIFY(otherTime);
        QCOMPARE(otherTime->state, OrderState::NotPaid);
        const Status close = m_adapter->closeOrder(order.number, order.createdAt);
        QVERIFY(!close);
        QCOMPARE(close.error().code(), ErrorCode::ChannelStateConflict);
    }

    void thePayerReturnsToTheShop()
    {
        // The payer pays on UnionPay's cashier page (the form it shows posts to /__sandbox/pay);
        // UnionPay then sends the browser back to the order's frontUrl, posting the signed result.
        const Order order = openOrder(4200);
        QVERIFY(!order.number.isEmpty());
        HttpRequest click;
        click.method = "POST";
        click.url = m_bed.sandbox->baseUrl().resolved(QUrl(QStringLiteral("/__sandbox/pay")));
        click.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        click.body = FormEncoding::encode({{QStringLiteral("channel"), QStringLiteral("unionpay")},
                                           {QStringLiteral("out_trade_no"), order.number},
                                           {QStringLiteral("result"), QStringLiteral("SUCCESS")}});
        auto page = HttpClient(m_bed.http()).send(click);
        QVERIFY(page);
        QCOMPARE(page->status, 200);
        const QString html = QString::fromUtf8(page->body);
        QVERIFY2(html.contains(
                     QLatin1String("<form id=\"return\" method=\"post\" action=\"https://merchant.example/return\">")),
                 qPrintable(html));
        QVERIFY(html.contains(QLatin1String(".submit()")));
        // What the browser posts there is UnionPay's signed word on the payment.
        static const QRegularExpression hidden(
            QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
        UnionPay::Fields posted;
        for (auto match = hidden.globalMatch(html); match.hasNext();) {
            const QRegularExpressionMatch field = match.next();
            posted.insert(field.captured(1), field.captured(2)
                                                 .replace(QLatin1String("&#13;"), QLatin1String("\r"))
                                                 .replace(QLatin1String("&#10;"), QLatin1String("\n"))
                                                 .replace(QLatin1String("&quot;"), QLatin1String("\""))
                                                 .replace(QLatin1String("&lt;"), QLatin1String("<"))
                                                 .replace(QLatin1String("&gt;"), QLatin1String(">"))
                                                 .replace(QLatin1String("&amp;"), QLatin1String("&")));
        }
        QCOMPARE(posted.value(QStringLiteral("orderId")), order.number);
        QCOMPARE(posted.value(QStringLiteral("respCode")), QStringLiteral("00"));
        QCOMPARE(posted.value(QStringLiteral("txnAmt")), QStringLiteral("4200"));
        CallbackRequest returned;
        returned.body = UnionPay::formBody(posted);
        auto event = m_adapter->parseCallback(returned);
        QVERIFY2(event, qPrintable(event.error().detail()));
        QCOMPARE(event->order.state, OrderState::Paid);
        QCOMPARE(event->order.amount, fen(4200));
    }

    void failedPaymentIsNotified()
    {
        const Order order = openOrder(100);
        QVERIFY(!order.number.isEmpty());
        QVERIFY(m_bed.pay(order.number, false));
        QTRY_COMPARE_WITH_TIMEOUT(m_bed.callbacksFor(order.number).size(), 1, 5000);
        QCOMPARE(m_bed.callbacksFor(order.number).first().event.order.state, OrderState::Failed);
        QCOMPARE(m_adapter->queryOrder(order.number, order.createdAt)->state, OrderState::Failed);
    }

    void refundIsAcceptedThenNotified()
    {
        const Order order = paidOrder(5000);
        QVERIFY(!order.number.isEmpty());
        const QString queryId = m_bed.callbacksFor(order.number).first().event.order.channelTransactionId;
        RefundRequest request;
        request.outTradeNo = order.number;
        request.channelTransactionId = queryId;
        request.outRefundNo = order.number + QStringLiteral("R1");
        request.refundAmount = fen(1500);
        request.totalAmount = fen(5000);
        request.requestedAt = QDateTime::currentDateTimeUtc();
        auto refund = m_adapter->refund(request);
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(refund->state, RefundState::Processing);
        // The notification names the refund by its number and the payment by its queryId.
        auto refundNotices = [&] {
            QList<CallbackReceiver::Received> found;
            for (const auto &received : m_bed.receiver->received()) {
                if (received.event.refund.outRefundNo == request.outRefundNo)
                    found << received;
            }
            return found;
        };
        QTRY_COMPARE_WITH_TIMEOUT(refundNotices().size(), 1, 5000);
        const auto notice = refundNotices().first();
        QVERIFY(notice.accepted);
        QCOMPARE(notice.event.kind, CallbackEvent::Kind::Refund);
        QCOMPARE(notice.event.refund.state, RefundState::Succeeded);
        QCOMPARE(notice.event.refund.amount, fen(1500));
        QCOMPARE(notice.event.refund.channelTransactionId, queryId);

        auto queried = m_adapter->queryRefund(order.number, request.outRefundNo, request.requestedAt);
        QVERIFY2(queried, qPrintable(queried.error().detail()));
        QCOMPARE(queried->state, RefundState::Succeeded);
        QCOMPARE(queried->amount, fen(1500));
        // Idempotent by orderId + txnTime; more than what is left is refused.
        QVERIFY(m_adapter->refund(request));
        QCOMPARE(m_bed.refundCount(order.number), 1);
        RefundRequest tooMuch = request;
        tooMuch.outRefundNo = order.number + QStringLiteral("R2");
        tooMuch.refundAmount = fen(3501);
        auto refused = m_adapter->refund(tooMuch);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ChannelRejected);
        QVERIFY(refused.error().detail().startsWith(QLatin1String("36: ")));
        // A refund the channel does not know did not happen: NotFound (retry with that number).
        auto never = m_adapter->queryRefund(order.number, order.number + QStringLiteral("R9"), request.requestedAt);
        QVERIFY(never);
        QCOMPARE(never->state, RefundState::NotFound);
        // The refund's txnTime is part of its identity: it is required.
        RefundRequest timeless = request;
        timeless.requestedAt = {};
        QCOMPARE(m_adapter->refund(timeless).error().code(), ErrorCode::InvalidArgument);
    }

    // refund-fails: UnionPay accepts the refund (respCode 00), then reports it failed — its
    // query's origRespCode is neither 00 nor 03/04/05, and its notification's respCode is not 00.
    void refundFailsFault()
    {
        const Order order = paidOrder(4000);
        QVERIFY(!order.number.isEmpty());
        RefundRequest request;
        request.outTradeNo = order.number;
        request.channelTransactionId = m_bed.callbacksFor(order.number).first().event.order.channelTransactionId;
        request.outRefundNo = order.number + QStringLiteral("F");
        request.refundAmount = fen(4000);
        request.totalAmount = fen(4000);
        request.requestedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), order.number, 0, 1));
        auto taken = m_adapter->refund(request);
        QVERIFY2(taken, qPrintable(taken.error().detail()));
        QCOMPARE(taken->state, RefundState::Processing);
        QCOMPARE(taken->channelState, QStringLiteral("00"));
        auto refundNotices = [&](const QString &refundNo) {
            QList<CallbackReceiver::Received> found;
            for (const auto &received : m_bed.receiver->received()) {
                if (received.event.refund.outRefundNo == refundNo)
                    found << received;
            }
            return found;
        };
        QTRY_COMPARE_WITH_TIMEOUT(refundNotices(request.outRefundNo).size(), 1, 5000);
        const auto notice = refundNotices(request.outRefundNo).first();
        QVERIFY(notice.accepted);
        QCOMPARE(notice.event.kind, CallbackEvent::Kind::Refund);
        QCOMPARE(notice.event.refund.state, RefundState::Failed);
        QCOMPARE(notice.event.refund.channelState, QStringLiteral("01"));
        auto queried = m_adapter->queryRefund(order.number, request.outRefundNo, request.requestedAt);
        QVERIFY2(queried, qPrintable(queried.error().detail()));
        QCOMPARE(queried->state, RefundState::Failed);
        QCOMPARE(queried->channelState, QStringLiteral("01"));
        QCOMPARE(m_adapter->queryOrder(order.number, order.createdAt)->state, OrderState::Paid); // nothing was refunded

        // Only the next refund failed: the whole amount is refunded under a new orderId.
        RefundRequest again = request;
        again.outRefundNo = order.number + QStringLiteral("G");
        again.requestedAt = QDateTime::currentDateTimeUtc();
        auto retaken = m_adapter->refund(again);
        QVERIFY2(retaken, qPrintable(retaken.error().detail()));
        QTRY_COMPARE_WITH_TIMEOUT(m_adapter->queryRefund(order.number, again.outRefundNo, again.requestedAt)->state,
                                  RefundState::Succeeded, 5000);
        QCOMPARE(m_bed.refundCount(order.number), 2);
    }

    void refundRetriedAfterATimeoutIsOneRefund()
    {
        const Order order = paidOrder(2000);
        QVERIFY(!order.number.isEmpty());
        RefundRequest request;
        request.outTradeNo = order.number;
        request.channelTransactionId = m_bed.callbacksFor(order.number).first().event.order.channelTransactionId;
        request.outRefundNo = order.number + QStringLiteral("T");
        request.refundAmount = fen(2000);
        request.totalAmount = fen(2000);
        request.requestedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), order.number, 0, 1));
        auto refund = adapter(config(), m_bed.http(800, 2))->refund(request);
        QVERIFY2(refund, qPrintable(refund.error().detail()));
        QCOMPARE(m_bed.refundCount(order.number), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_adapter->queryRefund(order.number, request.outRefundNo, request.requestedAt)->state,
                                  RefundState::Succeeded, 5000);
    }

    void reconciliationFile()
    {
        const Order order = paidOrder(7700);
        QVERIFY(!order.number.isEmpty());
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date();
        auto zip = m_adapter->downloadStatement(today);
        QVERIFY2(zip, qPrintable(zip.error().detail()));
        QVERIFY(zip->startsWith("PK\x03\x04"));
        QBuffer buffer(&*zip);
        buffer.open(QIODevice::ReadOnly);
        QList<StatementLine> lines;
        StatementParseOptions options;
        options.settlementDate = today;
        auto summary = StatementParser::parse(
            buffer, QStringLiteral("unionpay.zip"),
            [&](const StatementLine &line) {
                if (line.merchantOrderNo == order.number)
                    lines << line;
                return true;
            },
            options);
        QVERIFY2(summary, qPrintable(summary.error().detail()));
        QCOMPARE(summary->format, StatementFormat::UnionPayZm);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().amount, fen(7700));
        QCOMPARE(lines.first().fee, fen(46));
    }

    void certificateChainIsChecked()
    {
        // Answers signed by a certificate that does not chain to the root we trust are refused.
        UnionPayConfig wrongRoot = config();
        auto otherRoot = sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Some Other Root"), 30);
        QVERIFY(otherRoot);
        wrongRoot.roots = {otherRoot->certificate};
        auto refused = adapter(wrongRoot, m_bed.http())->queryOrder(nextOrder(), QDateTime::currentDateTimeUtc());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::CertificateInvalid);
        // Requests signed with a certificate UnionPay does not know: respCode 11.
        UnionPayConfig wrongSigner = config();
        auto stranger = sandbox::CertificateIssuer::issue(m_bed.sandbox->keys().unionPayIntermediate,
                                                          QStringLiteral("stranger"), 30);
        QVERIFY(stranger);
        wrongSigner.signing = Pkcs12{stranger->key, stranger->certificate};
        auto unsigned_ = adapter(wrongSigner, m_bed.http())->queryOrder(nextOrder(), QDateTime::currentDateTimeUtc());
        QVERIFY(!unsigned_);
        QCOMPARE(unsigned_.error().code(), ErrorCode::ChannelAuthRejected);
        QVERIFY(unsigned_.error().detail().startsWith(QLatin1String("11: ")));
    }

    void notificationsSignedByAnotherMerchantAreRefused()
    {
        // A merchant's certificate chains to the same CFCA intermediate as UnionPay's own; a
        // notification it signs must still be refused: the signer must be UnionPay.
        const Order order = paidOrder(600);
        QVERIFY(!order.number.isEmpty());
        auto genuine = UnionPay::parse(m_bed.callbacksFor(order.number).first().request.body, true);
        QVERIFY(genuine);
        const auto &keys = m_bed.sandbox->keys();
        auto stranger = sandbox::CertificateIssuer::issue(keys.unionPayIntermediate,
                                                          QStringLiteral("041@Z00000001@SomeMerchant@00000001"), 30);
        QVERIFY(stranger);
        for (const sandbox::IssuedCertificate *signer :
             std::initializer_list<const sandbox::IssuedCertificate *>{&keys.unionPayMerchant, &*stranger}) {
            UnionPay::Fields forged = *genuine;
            forged.insert(QStringLiteral("txnAmt"), QStringLiteral("100000000"));
            forged.insert(QStringLiteral("signPubKeyCert"), QString::fromLatin1(signer->certificate.toPem()));
            forged.remove(QStringLiteral("signature"));
            forged.insert(QStringLiteral("signature"), *UnionPay::sign(forged, signer->key));
            QVERIFY(UnionPay::verifySignature(forged)); // well signed…
            CallbackRequest request;
            request.body = UnionPay::formBody(forged);
            auto event = m_adapter->parseCallback(request);
            QVERIFY(!event); // …but not by UnionPay
            QCOMPARE(event.error().code(), ErrorCode::CertificateInvalid);
        }
    }

    void onlyPaymentsAndRefundsAreNotifications()
    {
        // A genuine, UnionPay-signed notice of another kind (here a cancellation, txnType 31)
        // is not money received.
        const Order order = paidOrder(700);
        QVERIFY(!order.number.isEmpty());
        auto fields = UnionPay::parse(m_bed.callbacksFor(order.number).first().request.body, true);
        QVERIFY(fields);
        fields->insert(QStringLiteral("txnType"), QStringLiteral("31"));
        fields->insert(QStringLiteral("txnSubType"), QStringLiteral("00"));
        fields->remove(QStringLiteral("signature"));
        fields->insert(QStringLiteral("signature"),
                       *UnionPay::sign(*fields, m_bed.sandbox->keys().unionPaySigning.key));
        CallbackRequest request;
        request.body = UnionPay::formBody(*fields);
        auto event = m_adapter->parseCallback(request);
        QVERIFY(!event);
        QCOMPARE(event.error().code(), ErrorCode::CallbackMalformed);
    }

    void forgedNotificationsAndBadSignatures()
    {
        const Order order = paidOrder(900);
        QVERIFY(!order.number.isEmpty());
        const CallbackRequest genuine = m_bed.callbacksFor(order.number).first().request;
        QVERIFY(m_adapter->parseCallback(genuine));
        CallbackRequest forged = genuine;
        forged.body.replace("txnAmt=900", "txnAmt=90000");
        QVERIFY(forged.body != genuine.body);
        QCOMPARE(m_adapter->parseCallback(forged).error().code(), ErrorCode::SignatureInvalid);
        QVERIFY(m_bed.fault(QStringLiteral("bad-signature"), order.number, 0, 1));
        auto answer = m_adapter->queryOrder(order.number, order.createdAt);
        QVERIFY(!answer);
        QCOMPARE(answer.error().code(), ErrorCode::SignatureInvalid);
    }

    void faultsOnTheGateway()
    {
        const Order order = paidOrder(400);
        QVERIFY(!order.number.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order.number, 0, 1));
        QVERIFY(m_adapter->queryOrder(order.number, order.createdAt)); // retried
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), order.number, 0, 1));
        auto timedOut = adapter(config(), m_bed.http(500, 1))->queryOrder(order.number, order.createdAt);
        QVERIFY(!timedOut);
        QCOMPARE(timedOut.error().code(), ErrorCode::ChannelTimeout);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUnionPay)
#include "tst_sandbox_unionpay.moc"
