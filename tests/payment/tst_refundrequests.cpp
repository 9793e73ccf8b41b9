#include "core/PaydeskCore.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/support/TestDatabase.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Refunds asked for by operators: small ones at once, larger ones only with an approver who is
// not the requester (maker-checker), decided exactly once.
class TestRefundRequests : public QObject
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
            p.core = demoPlatform(m_bed, p.db.shared());
        return p.core != nullptr;
    }

    static Actor signIn(PaydeskCore &core, const QString &name) { return demoOperator(core, name); }

    // A paid order of 100.00 (WeChat Pay unless told, M1013).
    QString paidOrder(PaydeskCore &core, const QString &number, PayMethod method = PayMethod::WeChatNative)
    {
        const Application app = demoApplication(core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = number;
        request.amount = Money::fromMinor(10000, Currency::cny());
        request.method = method;
        request.subject = QStringLiteral("refund requests");
        QRandomGenerator random(3);
        auto order = core.payments().create(app, request, random);
        if (!order || !m_bed.pay(order->orderNo))
            return {};
        auto paid = core.payments().queryChannel(order->orderNo);
        return paid && paid->status == PaymentStatus::Succeeded ? order->orderNo : QString();
    }

    static Money yuan(qint64 fen) { return Money::fromMinor(fen, Currency::cny()); }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }

    void smallAtOnceLargeWithAnApprover()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        RefundRequests &requests = core.refundRequests();
        const Actor support = signIn(core, QStringLiteral("support"));
        const Actor approver = signIn(core, QStringLiteral("approver"));
        const QString orderNo = paidOrder(core, QStringLiteral("RR-1"));
        QVERIFY(!orderNo.isEmpty());

        QCOMPARE(requests.threshold()->minor(), RefundRequests::kDefaultThresholdMinor);
        QCOMPARE(requests.setThreshold(support, yuan(5000)).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(requests.setThreshold(approver, yuan(5000)).ok());
        QCOMPARE(requests.threshold()->minor(), qint64(5000));

        // 30.00 ≤ 50.00: made at once.
        auto small = requests.request(support, orderNo, yuan(3000), QStringLiteral("one box returned"));
        QVERIFY2(small.ok(), qPrintable(small ? QString() : small.error().message()));
        QCOMPARE(small->status, RefundRequestStatus::Executed);
        QVERIFY(small->refundNo.startsWith(QLatin1Char('R')));
        QCOMPARE(core.refunds().find(small->refundNo)->merchantRefundNo, QStringLiteral("OPS-%1").arg(small->id));

        // 60.00 > 50.00: waits; nothing is refunded yet, but it counts against what is left.
        auto large = requests.request(support, orderNo, yuan(6000), QStringLiteral("customer complaint"));
        QVERIFY(large.ok());
        QCOMPARE(large->status, RefundRequestStatus::Pending);
        QVERIFY(large->refundNo.isEmpty());
        QCOMPARE(
            Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_refund"))
                .value()
                .toLongLong(),
            qint64(1));
        QCOMPARE(requests.request(support, orderNo, yuan(1500), QStringLiteral("more")).error().code(),
                 ErrorCode::RefundExceedsPaid);
        QCOMPARE(requests.list(support, RefundRequestStatus::Pending)->size(), 1);

        // Support cannot approve; the requester cannot approve their own; the approver can, once.
        QCOMPARE(requests.approve(support, large->id, {}).error().code(), ErrorCode::PermissionDenied);
        const Actor admin = signIn(core, QStringLiteral("admin"));
        QVERIFY(core.operators()
                    .create(admin, QStringLiteral("finapprover"), QStringLiteral("finapprover"),
                            QSet<Role>{Role::Finance, Role::Approver}, QString::fromLatin1(DemoSetup::kPassword), false)
                    .ok());
        const Actor both = signIn(core, QStringLiteral("finapprover"));
        auto own = requests.request(both, orderNo, yuan(500), QStringLiteral("goodwill"));
        QVERIFY(own.ok());
        QCOMPARE(own->status, RefundRequestStatus::Executed); // 5.00: no approval needed
        QVERIFY(requests.setThreshold(approver, yuan(100)).ok());
        auto ownLarge = requests.request(both, orderNo, yuan(200), QStringLiteral("goodwill 2"));
        QVERIFY(ownLarge.ok());
        QCOMPARE(requests.approve(both, ownLarge->id, {}).error().code(), ErrorCode::RefundSelfApproval);

        auto approved = requests.approve(approver, large->id, QStringLiteral("checked the receipt"));
        QVERIFY2(approved.ok(), qPrintable(approved ? QString() : approved.error().message()));
        QCOMPARE(approved->status, RefundRequestStatus::Approved);
        QCOMPARE(approved->decidedBy, QStringLiteral("approver"));
        QVERIFY(!approved->refundNo.isEmpty());
        QCOMPARE(requests.approve(approver, large->id, {}).error().code(), ErrorCode::RefundRequestDecided);
        QCOMPARE(requests.reject(approver, large->id, QStringLiteral("late")).error().code(),
                 ErrorCode::RefundRequestDecided);

        // Rejected: needs a reason, refunds nothing.
        QCOMPARE(requests.reject(approver, ownLarge->id, {}).error().code(), ErrorCode::InvalidArgument);
        auto rejected = requests.reject(approver, ownLarge->id, QStringLiteral("not covered"));
        QVERIFY(rejected.ok());
        QCOMPARE(rejected->status, RefundRequestStatus::Rejected);
        QVERIFY(rejected->refundNo.isEmpty());

        // The refunds finish at the channel and are posted: 30 + 60 + 5 of 100.00.
        const QList<OperatorRefundRequest> made = requests.forOrder(support, orderNo).value();
        for (const OperatorRefundRequest &r : made) {
            if (!r.refundNo.isEmpty())
                QTRY_COMPARE_WITH_TIMEOUT(core.refunds().queryChannel(r.refundNo).value().status,
                                          PaymentRefundStatus::Succeeded, 10000);
        }
        QCOMPARE(core.payments().find(orderNo)->status, PaymentStatus::PartiallyRefunded);
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), qint64(9500));
        QCOMPARE(requests.forOrder(support, orderNo)->size(), 4);
        const QStringList story = [&] {
            QStringList lines;
            const QList<PaymentEvent> events = core.payments().events(core.payments().find(orderNo)->id).value();
            for (const PaymentEvent &e : events)
                if (e.kind == PaymentEventKind::RefundRequest)
                    lines << e.result;
            return lines;
        }();
        QCOMPARE(story,
                 (QStringList{QStringLiteral("accepted"), QStringLiteral("pending"), QStringLiteral("accepted"),
                              QStringLiteral("pending"), QStringLiteral("approved"), QStringLiteral("rejected")}));
        auto audited = core.audit().records(admin, AuditFilter{{}, QStringLiteral("refund"), {}, {}}, 0, 50);
        QVERIFY(audited.ok());
        QStringList actions;
        for (const AuditRecord &record : *audited)
            actions << record.action;
        QVERIFY(actions.contains(QStringLiteral("refund.request")));
        QVERIFY(actions.contains(QStringLiteral("refund.approve")));
        QVERIFY(actions.contains(QStringLiteral("refund.reject")));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    // Issue 16, item 23: a refund request whose channel call fails is audited as failed, with the
    // error code and the channel's (here the transport's) own text — not as "ok" — and the
    // request keeps its refund, which the sweep settles later under the same number.
    void channelFailureIsAuditedAsWhatHappened()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(p.db.isOpen());
        p.core = fastDemoPlatform(m_bed, p.db.shared(), SystemClock::instance(), 300, 2);
        QVERIFY(p.core);
        PaydeskCore &core = *p.core;
        RefundRequests &requests = core.refundRequests();
        const Actor support = signIn(core, QStringLiteral("support"));
        const Actor approver = signIn(core, QStringLiteral("approver"));
        const Actor admin = signIn(core, QStringLiteral("admin"));
        const QString orderNo = paidOrder(core, QStringLiteral("RR-FAIL"));
        QVERIFY(!orderNo.isEmpty());
        auto audited = [&](const QString &action) {
            const QList<AuditRecord> records =
                core.audit().records(admin, AuditFilter{{}, action, {}, {}}, 0, 10).value();
            return records.isEmpty() ? AuditRecord() : records.first(); // newest first
        };
        auto detailOf = [](const AuditRecord &record) {
            return QJsonDocument::fromJson(record.detail.toUtf8()).object();
        };

        // The channel takes it: ok.
        auto taken = requests.request(support, orderNo, yuan(1000), QStringLiteral("taken"));
        QVERIFY2(taken.ok(), qPrintable(taken ? QString() : taken.error().message()));
        QVERIFY(taken->takenByChannel());
        QCOMPARE(audited(QStringLiteral("refund.request")).result, AuditResult::Ok);

        // The channel answers nothing about this order now.
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), orderNo));
        auto lost = requests.request(support, orderNo, yuan(2000), QStringLiteral("answer lost"));
        QVERIFY2(lost.ok(), qPrintable(lost ? QString() : lost.error().message()));
        QCOMPARE(lost->status, RefundRequestStatus::Executed);
        QVERIFY(!lost->refundNo.isEmpty());
        QCOMPARE(lost->refundStatus, std::optional<PaymentRefundStatus>(PaymentRefundStatus::Requested));
        QCOMPARE(lost->channelAnswer, QStringLiteral("channel_timeout"));
        QVERIFY(!lost->takenByChannel());
        const AuditRecord failed = audited(QStringLiteral("refund.request"));
        QCOMPARE(failed.result, AuditResult::Failed);
        QCOMPARE(failed.object, QStringLiteral("order:") + orderNo);
        QCOMPARE(detailOf(failed).value(QStringLiteral("error")).toString(), QStringLiteral("channel_timeout"));
        QVERIFY(!detailOf(failed).value(QStringLiteral("channel_text")).toString().isEmpty());
        QCOMPARE(detailOf(failed).value(QStringLiteral("refund")).toString(), lost->refundNo);
        QCOMPARE(detailOf(failed).value(QStringLiteral("refund_status")).toString(), QStringLiteral("requested"));

        // Approved later, failing the same way: the approval is the approver's (ok), what the
        // channel did is refund.execute (failed).
        QVERIFY(requests.setThreshold(approver, yuan(100)).ok());
        auto waiting = requests.request(support, orderNo, yuan(3000), QStringLiteral("large"));
        QCOMPARE(waiting->status, RefundRequestStatus::Pending);
        QCOMPARE(audited(QStringLiteral("refund.request")).result, AuditResult::Ok);
        QVERIFY(detailOf(audited(QStringLiteral("refund.request"))).value(QStringLiteral("needs_approval")).toBool());
        auto approved = requests.approve(approver, waiting->id, QStringLiteral("ok"));
        QVERIFY2(approved.ok(), qPrintable(approved ? QString() : approved.error().message()));
        QCOMPARE(approved->status, RefundRequestStatus::Approved);
        QVERIFY(!approved->takenByChannel());
        QCOMPARE(audited(QStringLiteral("refund.approve")).result, AuditResult::Ok);
        const AuditRecord executed = audited(QStringLiteral("refund.execute"));
        QCOMPARE(executed.result, AuditResult::Failed);
        QCOMPARE(executed.actor, QStringLiteral("approver"));
        QCOMPARE(detailOf(executed).value(QStringLiteral("error")).toString(), QStringLiteral("channel_timeout"));

        // The channel had them all along (only its answers were lost): the sweep settles both,
        // never sending either again.
        m_bed.clearFaults();
        auto swept = core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(200));
        QVERIFY(swept.ok());
        QVERIFY(swept->queried >= 2); // and the first, if it is still processing
        QCOMPARE(swept->askedAgain, 0);
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     const auto again =
                                         core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(300));
                                     Q_UNUSED(again)
                                     const QList<OperatorRefundRequest> all =
                                         requests.forOrder(support, orderNo).value();
                                     for (const OperatorRefundRequest &r : all)
                                         if (r.refundStatus != PaymentRefundStatus::Succeeded)
                                             return false;
                                     return true;
                                 }()),
                                 10000);
        QCOMPARE(m_bed.refundCount(orderNo), 3);
        QCOMPARE(core.payments().find(orderNo)->refundedAmount.minor(), qint64(6000));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    // A refund the channel fails (sandbox refund-fails). Alipay refuses it at once: the request
    // is audited as failed, with the channel's own refusal, and its amount may be asked for again.
    // WeChat Pay takes it first (audited ok: it was taken) and closes it later: the sweep finds
    // it failed, the request shows so, and its amount too may be asked for again.
    void refundTheChannelFailsIsAuditedAndFreed()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(p.db.isOpen());
        p.core = fastDemoPlatform(m_bed, p.db.shared(), SystemClock::instance(), 300, 2);
        QVERIFY(p.core);
        PaydeskCore &core = *p.core;
        RefundRequests &requests = core.refundRequests();
        const Actor support = signIn(core, QStringLiteral("support"));
        const Actor admin = signIn(core, QStringLiteral("admin"));
        auto audited = [&](const QString &action) {
            const QList<AuditRecord> records =
                core.audit().records(admin, AuditFilter{{}, action, {}, {}}, 0, 10).value();
            return records.isEmpty() ? AuditRecord() : records.first(); // newest first
        };
        auto detailOf = [](const AuditRecord &record) {
            return QJsonDocument::fromJson(record.detail.toUtf8()).object();
        };
        auto journalEntries = [&](const QString &refundNo) {
            return Sql::scalar(core.database().connection().value(),
                               QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                               {QStringLiteral("refund:") + refundNo})
                .value()
                .toLongLong();
        };

        const QString alipay = paidOrder(core, QStringLiteral("RR-ALI-FAIL"), PayMethod::AlipayPrecreate);
        QVERIFY(!alipay.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), alipay, 0, 1));
        auto refused = requests.request(support, alipay, yuan(10000), QStringLiteral("refused"));
        QVERIFY2(refused.ok(), qPrintable(refused ? QString() : refused.error().message()));
        QCOMPARE(refused->status, RefundRequestStatus::Executed);
        QCOMPARE(refused->refundStatus, std::optional<PaymentRefundStatus>(PaymentRefundStatus::Failed));
        QCOMPARE(refused->channelAnswer, QStringLiteral("failed"));
        QVERIFY(refused->channelText.startsWith(QLatin1String("ACQ.SELLER_BALANCE_NOT_ENOUGH: ")));
        QVERIFY(!refused->takenByChannel());
        const AuditRecord failed = audited(QStringLiteral("refund.request"));
        QCOMPARE(failed.result, AuditResult::Failed);
        QCOMPARE(detailOf(failed).value(QStringLiteral("refund")).toString(), refused->refundNo);
        QCOMPARE(detailOf(failed).value(QStringLiteral("refund_status")).toString(), QStringLiteral("failed"));
        QCOMPARE(detailOf(failed).value(QStringLiteral("channel_answer")).toString(), QStringLiteral("failed"));
        QVERIFY(detailOf(failed)
                    .value(QStringLiteral("channel_text"))
                    .toString()
                    .contains(QLatin1String("ACQ.SELLER_BALANCE_NOT_ENOUGH")));
        QCOMPARE(journalEntries(refused->refundNo), qint64(0));
        // The whole amount may be asked for again, and is refunded.
        auto retried = requests.request(support, alipay, yuan(10000), QStringLiteral("again"));
        QVERIFY2(retried.ok(), qPrintable(retried ? QString() : retried.error().message()));
        QCOMPARE(retried->refundStatus, std::optional<PaymentRefundStatus>(PaymentRefundStatus::Succeeded));
        QCOMPARE(audited(QStringLiteral("refund.request")).result, AuditResult::Ok);
        QCOMPARE(core.payments().find(alipay)->status, PaymentStatus::Refunded);

        const QString wechat = paidOrder(core, QStringLiteral("RR-WX-FAIL"));
        QVERIFY(!wechat.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("refund-fails"), wechat, 0, 1));
        QVERIFY(m_bed.fault(QStringLiteral("drop-callback"), wechat));
        auto taken = requests.request(support, wechat, yuan(10000), QStringLiteral("taken, then closed"));
        QVERIFY2(taken.ok(), qPrintable(taken ? QString() : taken.error().message()));
        QCOMPARE(taken->refundStatus, std::optional<PaymentRefundStatus>(PaymentRefundStatus::Processing));
        QCOMPARE(audited(QStringLiteral("refund.request")).result, AuditResult::Ok); // the channel took it
        QCOMPARE(requests.request(support, wechat, yuan(1), QStringLiteral("more")).error().code(),
                 ErrorCode::RefundExceedsPaid);
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     const auto swept =
                                         core.refunds().sweep(QDateTime::currentDateTimeUtc().addSecs(200));
                                     Q_UNUSED(swept)
                                     return core.refunds().find(taken->refundNo)->status == PaymentRefundStatus::Failed;
                                 }()),
                                 10000);
        const OperatorRefundRequest shown = requests.forOrder(support, wechat)->first();
        QCOMPARE(shown.refundStatus, std::optional<PaymentRefundStatus>(PaymentRefundStatus::Failed));
        QCOMPARE(shown.channelAnswer, QStringLiteral("failed"));
        QCOMPARE(shown.channelText, QStringLiteral("CLOSED"));
        QCOMPARE(journalEntries(taken->refundNo), qint64(0));
        m_bed.clearFaults();
        auto again = requests.request(support, wechat, yuan(10000), QStringLiteral("again"));
        QVERIFY2(again.ok(), qPrintable(again ? QString() : again.error().message()));
        QVERIFY(again->takenByChannel());
        QTRY_COMPARE_WITH_TIMEOUT(core.refunds().queryChannel(again->refundNo)->status, PaymentRefundStatus::Succeeded,
                                  10000);
        QCOMPARE(core.payments().find(wechat)->refundedAmount.minor(), qint64(10000));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }
};

QTEST_GUILESS_MAIN(TestRefundRequests)
#include "tst_refundrequests.moc"
