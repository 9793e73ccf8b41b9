#include "core/PaydeskCore.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/channel/unionpay/UnionPayCrypto.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/payment/CallbackService.h"
#include "core/payment/RefundAttention.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/support/TestDatabase.h"

#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Refunds that fail at the channel (issue 16, item 3): the sandbox's refund-fails fault makes a
// refund fail the way each channel reports it — WeChat Pay takes it and closes it (CLOSED),
// Alipay refuses it (40004) and has no record of it, UnionPay takes it (00) and reports it
// failed. Whether that is learnt at once, from a notification, or by the sweep's query of a
// refund whose answer was lost or that was still processing, the refund ends `failed`: nothing
// posted, the ledger balanced, its amount free to be refunded again, the order's story saying
// so, and nothing left for finance to chase.
class TestRefundFailures : public QObject
{
    Q_OBJECT

private:
    // Declared first: they outlive the test bed, whose receiver parses notifications with them.
    std::vector<std::unique_ptr<ChannelAdapter>> m_receiverAdapters;
    SandboxTestBed m_bed;

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    bool makePlatform(Platform &p)
    {
        if (p.db.isOpen())
            p.core = fastDemoPlatform(m_bed, p.db.shared(), SystemClock::instance(), 400, 3);
        return p.core != nullptr;
    }

    static Money fen_(qint64 minor) { return Money::fromMinor(minor, Currency::cny()); }

    static PayMethod methodOf(const QString &channel)
    {
        if (channel == QLatin1String("alipay"))
            return PayMethod::AlipayPrecreate;
        if (channel == QLatin1String("unionpay"))
            return PayMethod::UnionPayFront;
        return PayMethod::WeChatNative;
    }

    static QString accountOf(const QString &channel)
    {
        if (channel == QLatin1String("alipay"))
            return QStringLiteral("ali_shared01");
        if (channel == QLatin1String("unionpay"))
            return QStringLiteral("up_shared01");
        return QStringLiteral("wx_shared01");
    }

    // A paid order of `fen` by M1013's application on `channel`; its merchant wants notifications.
    QString paidOrder(PaydeskCore &core, const QString &number, qint64 fen, const QString &channel)
    {
        const Application app = applicationOf(core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = number;
        request.amount = fen_(fen);
        request.method = methodOf(channel);
        request.subject = QStringLiteral("退款失败");
        request.notifyUrl = QStringLiteral("https://shop.example.com/paydesk/notify");
        request.returnUrl =
            request.method == PayMethod::UnionPayFront ? QStringLiteral("https://shop.example.com/paid") : QString();
        QRandomGenerator random(quint32(qHash(number)));
        auto order = core.payments().create(app, request, random);
        if (!order) {
            qWarning() << order.error().message() << order.error().detail();
            return {};
        }
        // UnionPay's order exists at the channel once the payer's browser posts the form.
        if (request.method == PayMethod::UnionPayFront && !submitForm(*order))
            return {};
        if (!m_bed.pay(order->orderNo))
            return {};
        auto paid = core.payments().queryChannel(order->orderNo);
        return paid && paid->status == PaymentStatus::Succeeded ? order->orderNo : QString();
    }

    bool submitForm(const PaymentOrder &order) const
    {
        HttpRequest request;
        request.method = "POST";
        request.url = QUrl(order.prepay.value(QStringLiteral("form_action")).toString());
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        UnionPay::Fields fields;
        const QJsonObject form = order.prepay.value(QStringLiteral("form_fields")).toObject();
        for (auto it = form.constBegin(); it != form.constEnd(); ++it)
            fields.insert(it.key(), it.value().toString());
        request.body = UnionPay::formBody(fields);
        auto page = HttpClient(m_bed.http()).send(request);
        return page && page->status == 200;
    }

    // The channel account's notifications come to this test's receiver (which keeps them).
    void receiveNotifications(PaydeskCore &core, const QString &channel, const QString &backend)
    {
        const Actor onboarding = signedIn(core, QStringLiteral("onboarding"));
        ChannelAccount account = core.channelAccounts().findByName(onboarding, accountOf(channel)).value();
        const QString path = QStringLiteral("/%1-%2-%3").arg(channel, backend).arg(m_receiverAdapters.size());
        account.notifyUrl = m_bed.notifyBase + path; // UnionPay's backUrl too
        QVERIFY(core.channelAccounts().update(onboarding, account).ok());
        m_receiverAdapters.push_back(std::move(core.channelAccounts().adapterFor(onboarding, account.id).value()));
        ChannelAdapter *parser = m_receiverAdapters.back().get();
        m_bed.sandbox->runOnThread([&] { m_bed.receiver->route(path, parser); });
    }

    // The channel's notification about one refund, as it arrived.
    std::optional<CallbackRequest> refundNotification(const QString &refundNo) const
    {
        for (const auto &received : m_bed.receiver->received()) {
            if (received.event.kind == CallbackEvent::Kind::Refund && received.event.refund.outRefundNo == refundNo)
                return received.request;
        }
        return std::nullopt;
    }

    // The refund's state at the channel (the sandbox): PROCESSING, SUCCESS, CLOSED; empty if none.
    QString channelState(const QString &outTradeNo, const QString &refundNo) const
    {
        QString state;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            for (const sandbox::SandboxTrade *trade : s.store().trades()) {
                if (trade->outTradeNo == outTradeNo) {
                    if (const sandbox::SandboxRefund *refund = trade->refund(refundNo))
                        state = refund->state;
                }
            }
        });
        return state;
    }

    static qint64 entries(PaydeskCore &core, const QString &refundNo)
    {
        return Sql::scalar(core.database().connection().value(),
                           QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                           {QStringLiteral("refund:") + refundNo})
            .value()
            .toLongLong();
    }

    // The refund's steps in the order's story: "kind:result".
    static QStringList story(PaydeskCore &core, const PaymentRefund &refund)
    {
        QStringList steps;
        const QList<PaymentEvent> events = core.payments().events(refund.orderId).value();
        for (const PaymentEvent &event : events) {
            if (event.refundId == refund.id)
                steps << PaymentEventNames::kind(event.kind) + QLatin1Char(':') + event.result;
        }
        return steps;
    }

    // How many refunds would need finance's attention a day from now.
    static qint64 attentionTomorrow(PaydeskCore &core)
    {
        return RefundAttention::count(core.database(), QDateTime::currentDateTimeUtc().addSecs(25 * 3600)).value();
    }

    // What a refund that failed leaves, and that its amount can be refunded again — and is.
    void checkFailedAndFreed(PaydeskCore &core, const QString &orderNo, const PaymentRefund &failed)
    {
        const PaymentRefund refund = core.refunds().find(failed.refundNo).value();
        QCOMPARE(refund.status, PaymentRefundStatus::Failed);
        QCOMPARE(refund.channelAnswer, QStringLiteral("failed"));
        QVERIFY(!refund.channelText.isEmpty());
        QVERIFY(!refund.succeededAt.isValid());
        QCOMPARE(refund.entryId, qint64(0));
        QCOMPARE(entries(core, refund.refundNo), qint64(0));
        const PaymentOrder order = core.payments().find(orderNo).value();
        QCOMPARE(order.status, PaymentStatus::Succeeded);
        QCOMPARE(order.refundedAmount.minor(), qint64(0));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
        const QStringList steps = story(core, refund);
        QVERIFY2(steps.last().endsWith(QLatin1String(":failed")), qPrintable(steps.join(QLatin1Char(' '))));
        // The merchant is told; finance has nothing to chase; the sweep leaves it alone.
        QCOMPARE(
            Sql::scalar(core.database().connection().value(),
                        QStringLiteral("SELECT count(*) FROM payment_notification WHERE refund_id = ? AND body LIKE ?"),
                        {refund.id, QStringLiteral("%\"event\":\"refund.failed\"%")})
                .value()
                .toLongLong(),
            qint64(1));
        QCOMPARE(attentionTomorrow(core), qint64(0));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(core.refunds().sweep(now.addSecs(3600))->queried, 0);

        // Its amount is free again: the whole order is refunded under a new number, and posted once.
        m_bed.clearFaults();
        const Application app = applicationOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(7);
        auto again = core.refunds().refund(
            app, order.merchantOrderNo,
            CreateRefundRequest{failed.merchantRefundNo + QStringLiteral("-2"), order.amount, {}}, random);
        QVERIFY2(again.ok(), qPrintable(again ? QString() : again.error().message() + again.error().detail()));
        QVERIFY(again->refundNo != refund.refundNo);
        QTRY_COMPARE_WITH_TIMEOUT(core.refunds().queryChannel(again->refundNo)->status, PaymentRefundStatus::Succeeded,
                                  10000);
        QCOMPARE(entries(core, again->refundNo), qint64(1));
        QCOMPARE(core.payments().find(orderNo)->status, PaymentStatus::Refunded);
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), order.amount.minor());
        QCOMPARE(core.refunds().find(refund.refundNo)->status, PaymentRefundStatus::Failed);
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    static void addChannelRows(const QStringList &channels)
    {
        QTest::addColumn<QString>("channel");
        for (const QString &channel : channels)
            QTest::newRow(qPrintable(channel)) << channel;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }
    void cleanup() { m_bed.clearFaults(); }

    // The refund's own answer, or the channel's notification, says it failed: Alipay refuses it
    // outright (failed at once, after its refund query confirms it holds none); WeChat Pay and
    // UnionPay take it and notify the failure later.
    void failsThroughTheNormalPath_data()
    {
        addChannelRows({QStringLiteral("wechatpay"), QStringLiteral("alipay"), QStringLiteral("unionpay")});
    }
    void failsThroughTheNormalPath()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, channel);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        receiveNotifications(core, channel, backend);
        if (QTest::currentTestFailed())
            return;
        const QString merchantOrderNo = QStringLiteral("FAIL-N-") + channel;
        const QString orderNo = paidOrder(core, merchantOrderNo, 4200, channel);
        QVERIFY(!orderNo.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), orderNo, 0, 1));

        const Application app = applicationOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(31);
        auto refund = core.refunds().refund(
            app, merchantOrderNo, CreateRefundRequest{merchantOrderNo + QStringLiteral("-R"), fen_(4200), {}}, random);
        QVERIFY2(refund.ok(), qPrintable(refund ? QString() : refund.error().message() + refund.error().detail()));
        if (channel == QLatin1String("alipay")) {
            QCOMPARE(refund->status, PaymentRefundStatus::Failed);
            QVERIFY2(refund->channelText.startsWith(QLatin1String("ACQ.SELLER_BALANCE_NOT_ENOUGH: ")),
                     qPrintable(refund->channelText));
            QCOMPARE(channelState(orderNo, refund->refundNo), QString()); // Alipay kept nothing
            QCOMPARE(story(core, *refund),
                     (QStringList{QStringLiteral("refund:requested"), QStringLiteral("refund:failed")}));
        } else {
            QCOMPARE(refund->status, PaymentRefundStatus::Processing);
            QTRY_VERIFY_WITH_TIMEOUT(refundNotification(refund->refundNo).has_value(), 10000);
            const CallbackService::Answer answer =
                core.callbacks().handle(accountOf(channel), *refundNotification(refund->refundNo));
            QVERIFY(answer.accepted);
            QCOMPARE(core.refunds().find(refund->refundNo)->status, PaymentRefundStatus::Failed);
            QCOMPARE(core.refunds().find(refund->refundNo)->channelText,
                     channel == QLatin1String("wechatpay") ? QStringLiteral("CLOSED") : QStringLiteral("01"));
            QCOMPARE(channelState(orderNo, refund->refundNo), QStringLiteral("CLOSED"));
        }
        checkFailedAndFreed(core, orderNo, *refund);
    }

    // The refund's answer was lost (timeout on every attempt, notification dropped): it stays
    // requested and counts for finance, until the sweep's query finds it failed — WeChat Pay's
    // CLOSED, UnionPay's failed origRespCode; Alipay has no record of it, so the sweep sends it
    // again under the same number and the channel refuses it again.
    void answerLostThenFoundFailedBySweep_data()
    {
        addChannelRows({QStringLiteral("wechatpay"), QStringLiteral("alipay"), QStringLiteral("unionpay")});
    }
    void answerLostThenFoundFailedBySweep()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, channel);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString merchantOrderNo = QStringLiteral("FAIL-L-") + channel;
        const QString orderNo = paidOrder(core, merchantOrderNo, 5600, channel);
        QVERIFY(!orderNo.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), orderNo));
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), orderNo, 0, 3));
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), orderNo));

        const Application app = applicationOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(32);
        auto lost = core.refunds().refund(
            app, merchantOrderNo, CreateRefundRequest{merchantOrderNo + QStringLiteral("-R"), fen_(5600), {}}, random);
        QCOMPARE(lost.error().code(), ErrorCode::ChannelTimeout);
        const PaymentRefund before =
            core.refunds().findByMerchantRefundNo(app.id, merchantOrderNo + QStringLiteral("-R")).value();
        QCOMPARE(before.status, PaymentRefundStatus::Requested);
        QCOMPARE(before.channelAnswer, QStringLiteral("channel_timeout"));
        QCOMPARE(attentionTomorrow(core), qint64(1)); // unknown: shown to finance if it stays so
        if (channel != QLatin1String("alipay"))
            QTRY_COMPARE_WITH_TIMEOUT(channelState(orderNo, before.refundNo), QStringLiteral("CLOSED"), 10000);

        auto swept = core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(200));
        QVERIFY2(swept.ok(), qPrintable(swept ? QString() : swept.error().message()));
        QCOMPARE(swept->queried, 1);
        QCOMPARE(swept->finished, 1);
        QCOMPARE(swept->failed, 0);
        QCOMPARE(swept->askedAgain, channel == QLatin1String("alipay") ? 1 : 0);
        const PaymentRefund after = core.refunds().find(before.refundNo).value();
        QCOMPARE(after.status, PaymentRefundStatus::Failed);
        if (channel == QLatin1String("alipay")) {
            QCOMPARE(after.asks, 2);
            QVERIFY2(after.channelText.startsWith(QLatin1String("ACQ.SELLER_BALANCE_NOT_ENOUGH: ")),
                     qPrintable(after.channelText));
        } else {
            QCOMPARE(after.asks, 1); // found at the channel: never sent again
            QVERIFY(story(core, after).contains(QStringLiteral("refund_query:failed")));
        }
        checkFailedAndFreed(core, orderNo, before);
    }

    // A refund the channel took (processing) and later failed, its notification dropped: the
    // sweep's query finds it failed.
    void processingThenFoundFailedBySweep_data()
    {
        addChannelRows({QStringLiteral("wechatpay"), QStringLiteral("unionpay")});
    }
    void processingThenFoundFailedBySweep()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, channel);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString merchantOrderNo = QStringLiteral("FAIL-P-") + channel;
        const QString orderNo = paidOrder(core, merchantOrderNo, 3100, channel);
        QVERIFY(!orderNo.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), orderNo, 0, 1));
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), orderNo));

        const Application app = applicationOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(33);
        auto taken = core.refunds().refund(
            app, merchantOrderNo, CreateRefundRequest{merchantOrderNo + QStringLiteral("-R"), fen_(3100), {}}, random);
        QVERIFY2(taken.ok(), qPrintable(taken ? QString() : taken.error().message() + taken.error().detail()));
        QCOMPARE(taken->status, PaymentRefundStatus::Processing);
        QCOMPARE(attentionTomorrow(core), qint64(1));
        QTRY_COMPARE_WITH_TIMEOUT(channelState(orderNo, taken->refundNo), QStringLiteral("CLOSED"), 10000);
        // Still processing in our books: nothing told us.
        QCOMPARE(core.refunds().find(taken->refundNo)->status, PaymentRefundStatus::Processing);

        auto swept = core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(200));
        QVERIFY2(swept.ok(), qPrintable(swept ? QString() : swept.error().message()));
        QCOMPARE(swept->queried, 1);
        QCOMPARE(swept->finished, 1);
        QCOMPARE(swept->askedAgain, 0);
        QCOMPARE(story(core, *taken),
                 (QStringList{QStringLiteral("refund:requested"), QStringLiteral("refund:processing"),
                              QStringLiteral("refund_query:failed")}));
        checkFailedAndFreed(core, orderNo, *taken);
    }
};

QTEST_GUILESS_MAIN(TestRefundFailures)
#include "tst_refundfailures.moc"
