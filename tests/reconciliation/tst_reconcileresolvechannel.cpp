#include "core/PaydeskCore.h"
#include "core/ledger/AccountName.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "sandbox/SandboxCashier.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/TestDatabase.h"

#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// The resolutions that ask the channel first, against a real sandbox: a missed callback marked paid
// through the callback path (and, for an account that allows it, automatically), a payment we hold
// but the channel never took reversed, and a stranger's payment parked in suspense then refunded to
// the payer through the channel. Each posts once; the ledger stays balanced and checks clean.
class TestReconcileResolveChannel : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    struct Platform
    {
        std::unique_ptr<TestDatabase> db;
        std::unique_ptr<PaydeskCore> core;
        Application app;
        Actor finance;
        Actor approver;
    };

    std::unique_ptr<Platform> platform(const QString &backend)
    {
        auto p = std::make_unique<Platform>();
        p->db = std::make_unique<TestDatabase>(backend);
        if (!p->db->isOpen())
            return nullptr;
        p->core = demoPlatform(m_bed, p->db->shared(), SystemClock::instance(), 14, 1);
        if (!p->core)
            return nullptr;
        p->app = demoApplication(*p->core, QStringLiteral("M1013"));
        p->finance = demoOperator(*p->core, QStringLiteral("finance"));
        p->approver = demoOperator(*p->core, QStringLiteral("approver"));
        // No cut-off window: an order paid just now is not carried to tomorrow.
        Settings settings(p->core->database());
        if (!settings.setValue(ReconciliationService::CutOffSecondsKey, QStringLiteral("1")))
            return nullptr;
        return p;
    }

    static PaymentOrder newOrder(Platform &p, const QString &merchantOrderNo, qint64 amount,
                                 PayMethod method = PayMethod::WeChatNative)
    {
        static QRandomGenerator random(29);
        CreateOrderRequest request;
        request.merchantOrderNo = merchantOrderNo + QString::number(random.generate() % 1000000);
        request.amount = Money::fromMinor(amount, Currency::cny());
        request.method = method;
        request.subject = QStringLiteral("碧螺春 100g");
        if (method == PayMethod::UnionPayFront)
            request.returnUrl = QStringLiteral("https://shop.example.com/return");
        return p.core->payments().create(p.app, request, random).value();
    }

    static Result<ReconciliationRunOutcome> reconcileToday(Platform &p, const PaymentOrder &order)
    {
        ReconciliationRunRequest run;
        run.channelAccount = order.channelAccount;
        run.billDate = QDateTime::currentDateTimeUtc().toTimeZone(Clock::platformTimeZone()).date();
        return p.core->reconciliation().run(p.finance, run);
    }

    static PoolDiscrepancy discrepancyOf(Platform &p, const QString &key)
    {
        auto all = p.core->reconciliation().discrepancies(p.finance, DiscrepancyFilter{});
        if (all) {
            for (const PoolDiscrepancy &d : std::as_const(*all)) {
                if (d.orderNo == key || d.channelTransactionId == key)
                    return d;
            }
        }
        qWarning("no discrepancy for %s", qPrintable(key));
        return {};
    }

    static Result<PoolDiscrepancy> resolve(Platform &p, const PoolDiscrepancy &d, DiscrepancyResolution resolution)
    {
        ResolutionProposal proposal;
        proposal.discrepancyId = d.id;
        proposal.expectedVersion = d.version;
        proposal.resolution = resolution;
        proposal.note = QStringLiteral("asked the channel");
        auto proposed = p.core->reconciliation().propose(p.finance, proposal);
        if (!proposed)
            return proposed.error();
        return p.core->reconciliation().approve(p.approver, d.id, proposed->version);
    }

    static void verifyLedgerClean(Platform &p)
    {
        auto trial = p.core->ledger().trialBalance(p.finance);
        QVERIFY(trial);
        QVERIFY(trial->isBalanced());
        auto check = p.core->ledger().check(p.finance);
        QVERIFY(check);
        QVERIFY2(check->ok(), qPrintable(check->violations.isEmpty() ? QString() : check->violations.first().detail));
    }

    static qint64 count(Platform &p, const QString &sql, const QVariantList &values)
    {
        return Sql::scalar(p.core->database().connection().value(), sql, values).value().toLongLong();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }

    void missedCallbackIsMarkedPaidOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        auto p = platform(backend);
        QVERIFY(p);
        const PaymentOrder order = newOrder(*p, QStringLiteral("MISSED-"), 12800);
        QVERIFY(m_bed.pay(order.orderNo)); // the callback never reaches us
        auto outcome = reconcileToday(*p, order);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
        const PoolDiscrepancy d = discrepancyOf(*p, order.orderNo);
        QCOMPARE(d.category, DiscrepancyCategory::ChannelOnly);
        QVERIFY(resolutionsFor(d).contains(DiscrepancyResolution::ChannelOnlyMarkPaid));
        auto resolved = resolve(*p, d, DiscrepancyResolution::ChannelOnlyMarkPaid);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
        QCOMPARE(resolved->status, DiscrepancyStatus::Resolved);
        const PaymentOrder paid = p->core->payments().find(order.orderNo).value();
        QCOMPARE(paid.status, PaymentStatus::Succeeded);
        QCOMPARE(resolved->ledgerEntryId, paid.entryId);
        // Posted once, by the same path a callback takes (the merchant is notified).
        QCOMPARE(count(*p, QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                       {QStringLiteral("payment:") + order.orderNo}),
                 qint64(1));
        QVERIFY(count(*p,
                      QStringLiteral("SELECT count(*) FROM payment_notification n JOIN payment_order o ON "
                                     "o.id = n.order_id WHERE o.order_no = ?"),
                      {order.orderNo}) >= 1);
        verifyLedgerClean(*p);
        // The order's story tells it.
        auto story = p->core->orderStories().story(p->finance, order.orderNo);
        QVERIFY(story);
        QStringList kinds;
        for (const StoryItem &item : std::as_const(story->timeline)) {
            if (item.source == QLatin1String("reconciliation"))
                kinds << item.kind;
        }
        QVERIFY2(kinds.contains(QStringLiteral("discrepancy")) && kinds.contains(QStringLiteral("resolution_approved")),
                 qPrintable(kinds.join(u',')));
    }

    void anAccountMayResolveMissedCallbacksByItself()
    {
        QFETCH_GLOBAL(QString, backend);
        auto p = platform(backend);
        QVERIFY(p);
        const PaymentOrder order = newOrder(*p, QStringLiteral("AUTO-"), 6600);
        Settings settings(p->core->database());
        QVERIFY(settings.setValue(ReconciliationService::autoResolveKey(order.channelAccount), QStringLiteral("on")));
        QVERIFY(m_bed.pay(order.orderNo));
        auto outcome = reconcileToday(*p, order);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
        QVERIFY(outcome->autoResolved >= 1);
        const PoolDiscrepancy d = discrepancyOf(*p, order.orderNo);
        QCOMPARE(d.status, DiscrepancyStatus::Resolved);
        QCOMPARE(d.resolution, std::optional(DiscrepancyResolution::ChannelOnlyMarkPaid));
        QCOMPARE(p->core->payments().find(order.orderNo).value().status, PaymentStatus::Succeeded);
        QCOMPARE(count(*p,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.auto_resolve' AND "
                                      "object = ?"),
                       {QStringLiteral("recon_discrepancy:%1").arg(d.id)}),
                 qint64(1));
        verifyLedgerClean(*p);
    }

    void paymentTheChannelNeverTookIsReversed()
    {
        QFETCH_GLOBAL(QString, backend);
        auto p = platform(backend);
        QVERIFY(p);
        const PaymentOrder order = newOrder(*p, QStringLiteral("GHOST-"), 9900);
        // We hold it paid (a mistaken success); the channel never saw the payer.
        OrderStatus claim;
        claim.outTradeNo = order.orderNo;
        claim.channelTransactionId = QStringLiteral("4200000000000000000001");
        claim.state = OrderState::Paid;
        claim.amount = order.amount;
        claim.paidAt = QDateTime::currentDateTimeUtc();
        QVERIFY(p->core->payments().applyChannelStatus(order.orderNo, claim, PaymentEventKind::Query));
        auto outcome = reconcileToday(*p, order);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
        const PoolDiscrepancy d = discrepancyOf(*p, order.orderNo);
        QCOMPARE(d.category, DiscrepancyCategory::PlatformOnly);
        const qint64 paymentEntry = p->core->payments().find(order.orderNo).value().entryId;
        auto resolved = resolve(*p, d, DiscrepancyResolution::ReversePayment);
        QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message()));
        auto reversal = p->core->ledger().entry(p->finance, resolved->ledgerEntryId);
        QVERIFY(reversal);
        QCOMPARE(reversal->reversesEntryId, paymentEntry);
        verifyLedgerClean(*p);

        // Reversed once: the discrepancy is resolved and the ledger refuses a second reversal.
        QCOMPARE(p->core->reconciliation().approve(p->approver, d.id, resolved->version).error().code(),
                 ErrorCode::DiscrepancyStateConflict);
        QCOMPARE(
            count(*p, QStringLiteral("SELECT count(*) FROM journal_entry WHERE reverses_entry_id = ?"), {paymentEntry}),
            qint64(1));
    }

    // On each channel: the refund number (RS + the discrepancy id in ten digits) must be one the
    // channel takes (UnionPay's orderId wants 8 to 40 letters and digits).
    void strangersPaymentIsParkedThenRefundedToThePayer_data()
    {
        QTest::addColumn<PayMethod>("method");
        QTest::newRow("wechat") << PayMethod::WeChatNative;
        QTest::newRow("alipay") << PayMethod::AlipayPrecreate;
        QTest::newRow("unionpay") << PayMethod::UnionPayFront;
    }
    void strangersPaymentIsParkedThenRefundedToThePayer()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(PayMethod, method);
        auto p = platform(backend);
        QVERIFY(p);
        // Another platform on the same sandbox account places an order we know nothing about.
        auto other = platform(backend);
        QVERIFY(other);
        const PaymentOrder stranger = newOrder(*other, QStringLiteral("STRANGER-"), 3300, method);
        HttpClient cashier(m_bed.http());
        QVERIFY(sandbox::SandboxCashier::openForm(stranger.prepay, cashier)); // UnionPay: the browser's post
        QVERIFY(m_bed.pay(stranger.orderNo));
        auto outcome = reconcileToday(*p, stranger);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
        const PoolDiscrepancy d = discrepancyOf(*p, stranger.orderNo);
        QCOMPARE(d.category, DiscrepancyCategory::ChannelOnly);
        QCOMPARE(d.merchantId, qint64(0));
        auto parked = resolve(*p, d, DiscrepancyResolution::ParkInSuspense);
        QVERIFY2(parked, qPrintable(parked ? QString() : parked.error().message()));
        auto refunded = resolve(*p, *parked, DiscrepancyResolution::RefundToPayer);
        QVERIFY2(refunded, qPrintable(refunded ? QString() : refunded.error().message()));
        QCOMPARE(refunded->resolution, std::optional(DiscrepancyResolution::RefundToPayer));
        // The channel really refunded it: the sandbox's own record of the trade says so.
        QCOMPARE(m_bed.refundCount(stranger.orderNo), 1);
        auto reversal = p->core->ledger().entry(p->finance, refunded->ledgerEntryId);
        QVERIFY(reversal);
        QCOMPARE(reversal->reversesEntryId, parked->ledgerEntryId);
        auto accounts = p->core->ledger().accounts(p->finance);
        QVERIFY(accounts);
        for (const LedgerAccount &a : std::as_const(*accounts)) {
            if (a.name == AccountName::suspense().name())
                QCOMPARE(a.balance.minor(), qint64(0));
        }
        verifyLedgerClean(*p);
    }
};

QTEST_GUILESS_MAIN(TestReconcileResolveChannel)
#include "tst_reconcileresolvechannel.moc"
