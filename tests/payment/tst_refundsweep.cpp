#include "core/PaydeskCore.h"
#include "core/gateway/GatewayMetrics.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentRecords.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/payment/RefundAttention.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Error.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/support/TestDatabase.h"

#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Refunds never left unrecorded (issue 16, item 3): a refund whose answer was lost, or whose
// process died between recording it and asking the channel, stays `requested`; the sweep asks
// the channel about it and settles it by what the channel says — posted exactly once, sent again
// only under the same refund number and only when the channel has none — and one that stays
// unsettled past the limit is shown to finance.
class TestRefundSweep : public QObject
{
    Q_OBJECT

private:
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

    // A paid order of `fen` by M1013's application: Alipay (precreate) or WeChat Pay (native).
    QString paidOrder(PaydeskCore &core, const QString &number, qint64 fen, PayMethod method)
    {
        const Application app = applicationOf(core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = number;
        request.amount = fen_(fen);
        request.method = method;
        request.subject = QStringLiteral("退款核对");
        QRandomGenerator random(quint32(qHash(number)));
        auto order = core.payments().create(app, request, random);
        if (!order || !m_bed.pay(order->orderNo))
            return {};
        auto paid = core.payments().queryChannel(order->orderNo);
        return paid && paid->status == PaymentStatus::Succeeded ? order->orderNo : QString();
    }

    static Money fen_(qint64 minor) { return Money::fromMinor(minor, Currency::cny()); }

    static qint64 entries(PaydeskCore &core, const QString &refundNo)
    {
        return Sql::scalar(core.database().connection().value(),
                           QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                           {QStringLiteral("refund:") + refundNo})
            .value()
            .toLongLong();
    }

    // The refund numbers the sandbox (the channel) holds for an order.
    QStringList channelRefunds(const QString &outTradeNo) const
    {
        QStringList numbers;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            for (const sandbox::SandboxTrade *trade : s.store().trades()) {
                if (trade->outTradeNo == outTradeNo) {
                    for (const sandbox::SandboxRefund &refund : trade->refunds)
                        numbers << refund.outRefundNo;
                }
            }
        });
        return numbers;
    }

    // A refund committed the way RefundService commits it, then nothing: the process died before
    // the channel was asked (kill -9 between the refund row's commit and the channel's answer).
    static PaymentRefund committedWithoutAnswer(PaydeskCore &core, const QString &orderNo,
                                                const QString &merchantRefundNo, qint64 fen,
                                                const QDateTime &requestedAt)
    {
        UnitOfWork work(core.database());
        const PaymentOrder order = PaymentOrderStore::loadByNo(work.connection(), orderNo, true).value();
        PaymentRefund refund;
        QRandomGenerator random(quint32(qHash(merchantRefundNo)));
        refund.refundNo = PaymentRecords::newNumber(QLatin1Char('R'), requestedAt, random);
        refund.orderId = order.id;
        refund.applicationId = order.applicationId;
        refund.merchantRefundNo = merchantRefundNo;
        refund.requestHash = QStringLiteral("killed");
        refund.amount = fen_(fen);
        refund.reason = QStringLiteral("killed mid-refund");
        refund.requestedAt = requestedAt;
        auto inserted = PaymentRefundStore::insert(work.connection(), refund);
        const Status event = PaymentOrderStore::addEvent(
            work.connection(), order.id, PaymentEventKind::Refund, QStringLiteral("requested"),
            QJsonObject{{QStringLiteral("refund_no"), refund.refundNo}}, requestedAt, inserted ? inserted->id : 0);
        if (!inserted || !event || !work.commit())
            return {};
        return *inserted;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }
    void cleanup() { m_bed.clearFaults(); }

    // The scenario: Alipay refunds, but every answer times out (timeout ×3) and its
    // notification is dropped: the refund stays requested with no journal entry — until the
    // sweep asks and posts it, once.
    void lostAnswerSettledBySweep()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString orderNo = paidOrder(core, QStringLiteral("LOST-1"), 5000, PayMethod::AlipayPrecreate);
        QVERIFY(!orderNo.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), orderNo, 0, 3));
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), orderNo));

        const Application app = applicationOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(21);
        auto lost = core.refunds().refund(app, QStringLiteral("LOST-1"),
                                          CreateRefundRequest{QStringLiteral("LOST-R1"), fen_(1234), {}}, random);
        QCOMPARE(lost.error().code(), ErrorCode::ChannelTimeout);
        const PaymentRefund before = core.refunds().findByMerchantRefundNo(app.id, QStringLiteral("LOST-R1")).value();
        QCOMPARE(before.status, PaymentRefundStatus::Requested);
        QCOMPARE(before.channelAnswer, QStringLiteral("channel_timeout"));
        QCOMPARE(before.asks, 1);
        QCOMPARE(entries(core, before.refundNo), qint64(0));
        QCOMPARE(channelRefunds(orderNo), QStringList{before.refundNo}); // the channel did refund it

        // Too fresh to judge: the first call could still be under way.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(core.refunds().sweep(now)->queried, 0);

        auto swept = core.refunds().sweep(now.addSecs(200));
        QVERIFY2(swept.ok(), qPrintable(swept ? QString() : swept.error().message()));
        QCOMPARE(swept->queried, 1);
        QCOMPARE(swept->finished, 1);
        QCOMPARE(swept->askedAgain, 0); // the channel had it: settled by what it says, not sent again
        const PaymentRefund after = core.refunds().find(before.refundNo).value();
        QCOMPARE(after.status, PaymentRefundStatus::Succeeded);
        QCOMPARE(after.channelAnswer, QStringLiteral("succeeded"));
        QCOMPARE(entries(core, before.refundNo), qint64(1));
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), qint64(1234));
        QCOMPARE(core.payments().find(orderNo)->status, PaymentStatus::PartiallyRefunded);

        // Nothing is left to sweep; the same request again answers the same refund.
        QCOMPARE(core.refunds().sweep(now.addSecs(400))->queried, 0);
        auto again = core.refunds().refund(app, QStringLiteral("LOST-1"),
                                           CreateRefundRequest{QStringLiteral("LOST-R1"), fen_(1234), {}}, random);
        QVERIFY(again.ok());
        QCOMPARE(again->refundNo, before.refundNo);
        QCOMPARE(entries(core, before.refundNo), qint64(1));
        QCOMPARE(channelRefunds(orderNo).size(), 1);
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    // kill -9 between the refund row's commit and the channel call: the channel never heard of
    // it. The sweep finds it unknown at the channel and sends it again under the SAME number.
    void killedBeforeAskingIsSentAgainUnderTheSameNumber()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString orderNo = paidOrder(core, QStringLiteral("KILL-1"), 8800, PayMethod::WeChatNative);
        QVERIFY(!orderNo.isEmpty());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const PaymentRefund killed = committedWithoutAnswer(core, orderNo, QStringLiteral("KILL-R1"), 800, now);
        QVERIFY(!killed.refundNo.isEmpty());
        QVERIFY(channelRefunds(orderNo).isEmpty());

        QCOMPARE(core.refunds().sweep(now.addSecs(30))->queried, 0);
        auto swept = core.refunds().sweep(now.addSecs(200));
        QVERIFY2(swept.ok(), qPrintable(swept ? QString() : swept.error().message()));
        QCOMPARE(swept->queried, 1);
        QCOMPARE(swept->askedAgain, 1);
        QCOMPARE(channelRefunds(orderNo), QStringList{killed.refundNo});
        const PaymentRefund asked = core.refunds().find(killed.refundNo).value();
        QCOMPARE(asked.asks, 2);
        QVERIFY(asked.status == PaymentRefundStatus::Processing || asked.status == PaymentRefundStatus::Succeeded);

        // WeChat finishes it a moment later; later sweeps settle it and post it once.
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     const auto later = core.refunds().sweep(now.addSecs(300));
                                     Q_UNUSED(later)
                                     return core.refunds().find(killed.refundNo)->status ==
                                            PaymentRefundStatus::Succeeded;
                                 }()),
                                 10000);
        QCOMPARE(entries(core, killed.refundNo), qint64(1));
        QCOMPARE(core.refunds().sweep(now.addSecs(3600))->queried, 0);
        QCOMPARE(channelRefunds(orderNo), QStringList{killed.refundNo});
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), qint64(800));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    // A refund sent just now that the channel does not know yet is left for a later sweep: sent
    // again only after its back-off, never in a tight loop.
    void justSentIsLeftForALaterSweep()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString orderNo = paidOrder(core, QStringLiteral("LATER-1"), 3000, PayMethod::AlipayPrecreate);
        QVERIFY(!orderNo.isEmpty());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const PaymentRefund refund =
            committedWithoutAnswer(core, orderNo, QStringLiteral("LATER-R1"), 300, now.addSecs(-300));
        QVERIFY(!refund.refundNo.isEmpty());
        // Sent four times more, the last just now: the next sending waits 16 minutes.
        QVERIFY(Sql::exec(core.database().connection().value(),
                          QStringLiteral("UPDATE payment_refund SET asks = 5, asked_at = ? WHERE id = ?"),
                          {now.toMSecsSinceEpoch(), refund.id})
                    .ok());
        QCOMPARE(RefundService::resendDelaySeconds(5), 960);
        QCOMPARE(RefundService::resendDelaySeconds(1), 60);
        QCOMPARE(RefundService::resendDelaySeconds(40), 3600);

        auto first = core.refunds().sweep(now.addSecs(60));
        QCOMPARE(first->queried, 1);
        QCOMPARE(first->askedAgain, 0);
        QCOMPARE(core.refunds().find(refund.refundNo)->channelAnswer, QStringLiteral("not_found"));
        QCOMPARE(core.refunds().find(refund.refundNo)->status, PaymentRefundStatus::Requested);
        QVERIFY(channelRefunds(orderNo).isEmpty());

        auto later = core.refunds().sweep(now.addSecs(1000));
        QCOMPARE(later->askedAgain, 1);
        QCOMPARE(later->finished, 1);
        QCOMPARE(channelRefunds(orderNo), QStringList{refund.refundNo});
        QCOMPARE(entries(core, refund.refundNo), qint64(1));
    }

    // A refund that stays unknown (the channel does not answer) past refund.attention_hours is
    // shown to finance: the Refunds panel's list and paydeskd's gauge.
    void unsettledPastTheLimitIsShownToFinance()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const QString orderNo = paidOrder(core, QStringLiteral("STUCK-1"), 6000, PayMethod::AlipayPrecreate);
        QVERIFY(!orderNo.isEmpty());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const PaymentRefund stuck =
            committedWithoutAnswer(core, orderNo, QStringLiteral("STUCK-R1"), 600, now.addSecs(-25 * 3600));
        QVERIFY(!stuck.refundNo.isEmpty());
        const PaymentRefund fresh =
            committedWithoutAnswer(core, orderNo, QStringLiteral("STUCK-R2"), 100, now.addSecs(-3600));
        QVERIFY(!fresh.refundNo.isEmpty());

        // The channel answers nothing about this order: the sweep records why, and keeps the refunds.
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), orderNo));
        auto swept = core.refunds().sweep(now);
        QCOMPARE(swept->queried, 2);
        QCOMPARE(swept->failed, 2);
        QCOMPARE(core.refunds().find(stuck.refundNo)->channelAnswer, QStringLiteral("channel_timeout"));
        QVERIFY(core.refunds().find(stuck.refundNo)->checkedAt.isValid());

        const Actor finance = signedIn(core, QStringLiteral("finance"));
        auto attention = core.refundAttention().list(finance);
        QVERIFY2(attention.ok(), qPrintable(attention ? QString() : attention.error().message()));
        QCOMPARE(attention->limitHours, 24);
        QCOMPARE(attention->total, qint64(1));
        QCOMPARE(attention->refunds.size(), 1);
        const UnsettledRefund &shown = attention->refunds.first();
        QCOMPARE(shown.refund.refundNo, stuck.refundNo);
        QCOMPARE(shown.refund.channelAnswer, QStringLiteral("channel_timeout"));
        QVERIFY(!shown.refund.channelText.isEmpty());
        QVERIFY(shown.refund.requestedAt.secsTo(now) >= 25 * 3600);
        QCOMPARE(shown.merchantNo, QStringLiteral("M1013"));
        QCOMPARE(shown.channelAccount, QStringLiteral("ali_shared01"));
        QCOMPARE(RefundAttention::count(core.database(), now).value(), qint64(1));
        QVERIFY(GatewayMetrics().render(core.database()).contains("\npaydesk_refunds_needing_attention 1\n"));
        QCOMPARE(core.refundAttention().list(signedIn(core, QStringLiteral("onboarding"))).error().code(),
                 ErrorCode::PermissionDenied);

        // The limit is the platform's: at 48 hours nothing is overdue yet.
        QVERIFY(core.settings().setValue(Settings::RefundAttentionHours, QStringLiteral("48")).ok());
        QCOMPARE(core.refundAttention().list(finance)->total, qint64(0));
        QVERIFY(GatewayMetrics().render(core.database()).contains("\npaydesk_refunds_needing_attention 0\n"));
        QVERIFY(core.settings().setValue(Settings::RefundAttentionHours, QStringLiteral("24")).ok());

        // The channel is back: the refunds it never heard of are sent under their own numbers.
        m_bed.clearFaults();
        auto recovered = core.refunds().sweep(now);
        QCOMPARE(recovered->askedAgain, 2);
        QCOMPARE(recovered->finished, 2);
        QCOMPARE(core.refundAttention().list(finance)->total, qint64(0));
        QCOMPARE(entries(core, stuck.refundNo), qint64(1));
        QStringList atChannel = channelRefunds(orderNo);
        atChannel.sort();
        QStringList ours{stuck.refundNo, fresh.refundNo};
        ours.sort();
        QCOMPARE(atChannel, ours);
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }
};

QTEST_GUILESS_MAIN(TestRefundSweep)
#include "tst_refundsweep.moc"
