#include "core/PaydeskCore.h"
#include "core/gateway/GatewayService.h"
#include "core/gateway/GatewaySignature.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/TestDatabase.h"

#include <QDir>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Orders through the payment core against the real sandbox, on the demo platform (merchants,
// applications, channel accounts with the sandbox's keys, fees, routing): create with
// idempotency, prepay, paid by the simulated payer, found by query, posted exactly once.
class TestPaymentService : public QObject
{
    Q_OBJECT

private:
    SandboxTestBed m_bed;
    std::vector<std::unique_ptr<ChannelAdapter>> m_receiverAdapters; // the receiver's verifiers live as long as it

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    // The demo platform in an empty database, its channel accounts on this test's sandbox.
    bool makePlatform(Platform &p)
    {
        if (p.db.isOpen())
            p.core = demoPlatform(m_bed, p.db.shared(), SystemClock::instance(), 14, 2);
        return p.core != nullptr;
    }

    static Application appOf(PaydeskCore &core, const QString &merchantNo) { return demoApplication(core, merchantNo); }

    static CreateOrderRequest request(const QString &number, qint64 fen, PayMethod method = PayMethod::WeChatNative)
    {
        CreateOrderRequest r;
        r.merchantOrderNo = number;
        r.amount = Money::fromMinor(fen, Currency::cny());
        r.method = method;
        r.subject = QStringLiteral("西湖龙井 250g");
        return r;
    }

    static qint64 entriesFor(PaydeskCore &core, const QString &orderNo)
    {
        return Sql::scalar(core.database().connection().value(),
                           QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                           {QStringLiteral("payment:") + orderNo})
            .value()
            .toLongLong();
    }

    static QStringList story(PaydeskCore &core, qint64 orderId)
    {
        QStringList lines;
        const QList<PaymentEvent> events = core.payments().events(orderId).value();
        for (const PaymentEvent &e : events)
            lines << PaymentEventNames::kind(e.kind) + QLatin1Char(':') + e.result;
        return lines;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }

    void orderFromCreateToPostedPayment()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        QVERIFY(app.id > 0);
        QRandomGenerator random(7);

        auto order = core.payments().create(app, request(QStringLiteral("TEA-0001"), 8800), random);
        QVERIFY2(order.ok(),
                 qPrintable(order ? QString() : order.error().message() + QLatin1Char(' ') + order.error().detail()));
        QCOMPARE(order->status, PaymentStatus::Paying);
        QVERIFY(order->orderNo.startsWith(QLatin1Char('P')));
        QVERIFY(order->prepay.value(QStringLiteral("code_url")).toString().startsWith(QLatin1String("weixin://")));
        QCOMPARE(order->channelAccount, QStringLiteral("wx_shared01"));
        QCOMPARE(order->merchantFee.minor(), qint64(33)); // the preferential 0.38 % of 88.00, half up
        QCOMPARE(order->channelFee.minor(), qint64(22));  // 0.25 %

        // The order create answers with is the order as stored (it is not read back).
        const PaymentOrder stored = core.payments().find(order->orderNo).value();
        QCOMPARE(order->id, stored.id);
        QCOMPARE(order->version, stored.version);
        QCOMPARE(order->status, stored.status);
        QCOMPARE(order->prepay, stored.prepay);
        QCOMPARE(order->merchantNo, stored.merchantNo);
        QCOMPARE(order->channelAccount, stored.channelAccount);
        QCOMPARE(order->amount, stored.amount);
        QCOMPARE(order->refundedAmount, stored.refundedAmount);
        QCOMPARE(order->businessDate, stored.businessDate);
        QCOMPARE(order->createdAt, stored.createdAt);
        QCOMPARE(order->updatedAt, stored.updatedAt);
        QCOMPARE(order->expiresAt, stored.expiresAt);
        QCOMPARE(order->notifyUrl, stored.notifyUrl);
        QCOMPARE(order->requestHash, stored.requestHash);

        // An order's change and its event are written together or not at all: a change from a
        // stale version writes neither.
        {
            const QSqlDatabase db = core.database().connection().value();
            PaymentOrder stale = stored;
            stale.version -= 1;
            stale.status = PaymentStatus::Closed;
            QCOMPARE(PaymentOrderStore::updateWithEvent(db, stale, QDateTime::currentDateTimeUtc(),
                                                        PaymentEventKind::Close, QStringLiteral("ok"), {})
                         .error()
                         .code(),
                     ErrorCode::OrderChangedMeanwhile);
            QCOMPARE(story(core, order->id), (QStringList{QStringLiteral("create:ok"), QStringLiteral("prepay:ok")}));
            QCOMPARE(core.payments().find(order->orderNo)->status, PaymentStatus::Paying);
        }

        // The same request again: the same order. The same number for another request: refused.
        auto again = core.payments().create(app, request(QStringLiteral("TEA-0001"), 8800), random);
        QVERIFY(again.ok());
        QCOMPARE(again->orderNo, order->orderNo);
        auto other = core.payments().create(app, request(QStringLiteral("TEA-0001"), 8900), random);
        QCOMPARE(other.error().code(), ErrorCode::IdempotencyConflict);

        // Not paid yet: a query changes nothing.
        auto unpaid = core.payments().queryChannel(order->orderNo);
        QVERIFY2(unpaid.ok(), qPrintable(unpaid ? QString() : unpaid.error().detail()));
        QCOMPARE(unpaid->status, PaymentStatus::Paying);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(0));

        // The payer pays; the query finds it; the payment is posted once.
        QVERIFY(m_bed.pay(order->orderNo));
        auto paid = core.payments().queryChannel(order->orderNo);
        QVERIFY2(paid.ok(), qPrintable(paid ? QString() : paid.error().detail()));
        QCOMPARE(paid->status, PaymentStatus::Succeeded);
        QVERIFY(!paid->channelTransactionId.isEmpty());
        QVERIFY(paid->entryId > 0);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        auto duplicate = core.payments().queryChannel(order->orderNo);
        QVERIFY(duplicate.ok());
        QCOMPARE(duplicate->status, PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        const QStringList lines = story(core, order->id);
        QCOMPARE(lines, (QStringList{QStringLiteral("create:ok"), QStringLiteral("prepay:ok"),
                                     QStringLiteral("query:unchanged"), QStringLiteral("query:succeeded"),
                                     QStringLiteral("query:duplicate")}));

        // A word with another amount is refused and kept in the story.
        OrderStatus forged;
        forged.outTradeNo = order->orderNo;
        forged.state = OrderState::Paid;
        forged.amount = Money::fromMinor(1, Currency::cny());
        QCOMPARE(core.payments().applyChannelStatus(order->orderNo, forged, PaymentEventKind::Callback).error().code(),
                 ErrorCode::ChannelStateConflict);
        QCOMPARE(story(core, order->id).last(), QStringLiteral("callback:amount_mismatch"));
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    // A status, method or role name this version does not know (a newer version wrote it, or the
    // row was edited) is an error naming the column, never read as some default.
    void namesThisVersionDoesNotKnowAreRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(11);
        auto order = core.payments().create(app, request(QStringLiteral("TEA-NAMES"), 1200), random);
        QVERIFY(order.ok());
        const QSqlDatabase db = core.database().connection().value();
        auto refusedNaming = [](const Error &error, const QString &column, const QString &text) {
            return error.code() == ErrorCode::QueryFailed && error.detail().contains(column) &&
                   error.detail().contains(text);
        };

        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE payment_order SET method = 'wechat.teleport' WHERE id = ?"),
                          {order->id}));
        auto unknownMethod = core.payments().find(order->orderNo);
        QVERIFY(!unknownMethod);
        QVERIFY2(refusedNaming(unknownMethod.error(), QStringLiteral("payment_order.method"),
                               QStringLiteral("wechat.teleport")),
                 qPrintable(unknownMethod.error().message()));
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE payment_order SET method = 'wechat.native' WHERE id = ?"),
                          {order->id}));
        QVERIFY(core.payments().find(order->orderNo).ok());

        // Statuses are held to their lists by CHECK constraints; lift them as a newer schema might.
        if (core.database().isSqlite()) {
            QVERIFY(Sql::exec(db, QStringLiteral("PRAGMA ignore_check_constraints = ON")));
        } else {
            QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE payment_order DROP CONSTRAINT IF EXISTS "
                                                 "payment_order_status_check")));
            QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE merchant DROP CONSTRAINT IF EXISTS "
                                                 "merchant_status_check")));
        }
        QVERIFY(
            Sql::exec(db, QStringLiteral("UPDATE payment_order SET status = 'teleported' WHERE id = ?"), {order->id}));
        auto unknownStatus = core.payments().find(order->orderNo);
        QVERIFY(!unknownStatus);
        QVERIFY2(
            refusedNaming(unknownStatus.error(), QStringLiteral("payment_order.status"), QStringLiteral("teleported")),
            qPrintable(unknownStatus.error().message()));

        // A merchant in a status this version does not know takes no order (it is not "active"); one
        // whose merchant no order has been read for yet, so no cache stands between.
        const Application other = appOf(core, QStringLiteral("M1001"));
        QVERIFY(other.id > 0 && other.merchantId != app.merchantId);
        QVERIFY(
            Sql::exec(db, QStringLiteral("UPDATE merchant SET status = 'dormant' WHERE id = ?"), {other.merchantId}));
        auto refusedOrder = core.payments().create(other, request(QStringLiteral("TEA-NAMES-2"), 1200), random);
        QVERIFY(!refusedOrder);
        QVERIFY2(refusedNaming(refusedOrder.error(), QStringLiteral("merchant.status"), QStringLiteral("dormant")),
                 qPrintable(refusedOrder.error().message()));

        // An operator holding a role this version does not know holds no permission at all.
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE operator SET roles = 'finance,wizard' WHERE username = ?"),
                          {QStringLiteral("finance")}));
        auto finance =
            core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {});
        QVERIFY(!finance);
        QVERIFY2(refusedNaming(finance.error(), QStringLiteral("operator.roles"), QStringLiteral("wizard")),
                 qPrintable(finance.error().message()));
    }

    void refundsPartialRepeatedAndExact()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(9);
        auto order = core.payments().create(app, request(QStringLiteral("TEA-0100"), 10000), random);
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().detail()));
        QVERIFY(m_bed.pay(order->orderNo));
        QCOMPARE(core.payments().queryChannel(order->orderNo)->status, PaymentStatus::Succeeded);
        QCOMPARE(order->merchantFee.minor(), qint64(38));
        QCOMPARE(order->channelFee.minor(), qint64(25));

        auto refundOf = [&](const char *number, qint64 fen) {
            return core.refunds().refund(app, QStringLiteral("TEA-0100"),
                                         CreateRefundRequest{QString::fromLatin1(number),
                                                             Money::fromMinor(fen, Currency::cny()),
                                                             QStringLiteral("顾客退货")},
                                         random);
        };
        // Settles a refund: WeChat answers "processing" first; the sandbox finishes it shortly after.
        auto settle = [&](const PaymentRefund &refund) -> PaymentRefund {
            PaymentRefund current = refund;
            for (int i = 0; i < 100 && current.status != PaymentRefundStatus::Succeeded; ++i) {
                QTest::qWait(20);
                auto queried = core.refunds().queryChannel(refund.refundNo);
                if (queried)
                    current = *queried;
            }
            return current;
        };
        auto first = refundOf("RF-1", 3333);
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().detail()));
        QVERIFY(first->refundNo.startsWith(QLatin1Char('R')));
        // While it is under way, more than what is left is refused; the same request is the same refund.
        QCOMPARE(refundOf("RF-X", 6668).error().code(), ErrorCode::RefundExceedsPaid);
        QCOMPARE(refundOf("RF-1", 3333)->refundNo, first->refundNo);
        QCOMPARE(refundOf("RF-1", 3000).error().code(), ErrorCode::IdempotencyConflict);
        const PaymentRefund one = settle(*first);
        QCOMPARE(one.status, PaymentRefundStatus::Succeeded);
        QVERIFY(one.entryId > 0);
        QCOMPARE(core.payments().find(order->orderNo)->status, PaymentStatus::PartiallyRefunded);

        auto second = refundOf("RF-2", 6667);
        QVERIFY2(second.ok(), qPrintable(second ? QString() : second.error().detail()));
        const PaymentRefund two = settle(*second);
        QCOMPARE(two.status, PaymentRefundStatus::Succeeded);
        const PaymentOrder refunded = core.payments().find(order->orderNo).value();
        QCOMPARE(refunded.status, PaymentStatus::Refunded);
        QCOMPARE(refunded.refundedAmount.minor(), qint64(10000));
        // The fees came back exactly: 0.38 and 0.25 in all.
        QCOMPARE(one.merchantFee.minor() + two.merchantFee.minor(), qint64(38));
        QCOMPARE(one.channelFee.minor() + two.channelFee.minor(), qint64(25));
        // A second success for the same refund posts nothing; a fully refunded order takes no more refunds.
        RefundStatus again;
        again.outRefundNo = two.refundNo;
        again.state = RefundState::Succeeded;
        auto duplicate = core.refunds().applyChannelStatus(two.refundNo, again, PaymentEventKind::Callback);
        QVERIFY(duplicate.ok());
        QCOMPARE(duplicate->entryId, two.entryId);
        QCOMPARE(refundOf("RF-3", 1).error().code(), ErrorCode::PaymentTransitionRefused);
        const qint64 refundEntries =
            Sql::scalar(core.database().connection().value(),
                        QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key IN (?, ?)"),
                        {QStringLiteral("refund:") + one.refundNo, QStringLiteral("refund:") + two.refundNo})
                .value()
                .toLongLong();
        QCOMPARE(refundEntries, qint64(2));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    void sweepRecoversMissedCallbacksAndClosesExpiredOrders()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1014"));
        QRandomGenerator random(10);
        auto paid = core.payments().create(app, request(QStringLiteral("SW-1"), 500), random);
        CreateOrderRequest shortLived = request(QStringLiteral("SW-2"), 600, PayMethod::AlipayPrecreate);
        shortLived.expireMinutes = 1;
        auto expiring = core.payments().create(app, shortLived, random);
        CreateOrderRequest unionPay = request(QStringLiteral("SW-3"), 700, PayMethod::UnionPayFront);
        unionPay.expireMinutes = 1;
        auto lapsing = core.payments().create(app, unionPay, random);
        QVERIFY2(paid && expiring && lapsing, "the three orders are made");
        // The payer pays SW-1, but its callback never reaches us.
        QVERIFY(m_bed.pay(paid->orderNo));
        QCOMPARE(core.payments().find(paid->orderNo)->status, PaymentStatus::Paying);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto first = core.payments().sweep(now.addSecs(30));
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().detail()));
        QCOMPARE(first->queried, 3);
        QCOMPARE(first->succeeded, 1);
        QCOMPARE(first->closed, 0);
        QCOMPARE(first->failed, 0);
        QCOMPARE(core.payments().find(paid->orderNo)->status, PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(core, paid->orderNo), qint64(1));

        // Past their expiry: closed at Alipay, lapsed at UnionPay.
        auto second = core.payments().sweep(now.addSecs(120));
        QVERIFY(second.ok());
        QCOMPARE(second->queried, 2);
        QCOMPARE(second->closed, 2);
        QCOMPARE(core.payments().find(expiring->orderNo)->status, PaymentStatus::Closed);
        QCOMPARE(core.payments().find(lapsing->orderNo)->status, PaymentStatus::Closed);
        QCOMPARE(story(core, lapsing->id).last(), QStringLiteral("expire:closed"));
        auto third = core.payments().sweep(now.addSecs(180));
        QVERIFY(third.ok());
        QCOMPARE(third->queried, 0);
    }

    void callbacksAreVerifiedAndAppliedOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        // wx_shared01 gets its notifications at this test's receiver, which keeps what arrives.
        const Actor onboarding =
            core.operators()
                .authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        ChannelAccount account = core.channelAccounts().findByName(onboarding, QStringLiteral("wx_shared01")).value();
        const QString path = QStringLiteral("/cb-") + backend;
        account.notifyUrl = m_bed.notifyBase + path;
        QVERIFY(core.channelAccounts().update(onboarding, account).ok());
        m_receiverAdapters.push_back(std::move(core.channelAccounts().adapterFor(onboarding, account.id).value()));
        ChannelAdapter *verifier = m_receiverAdapters.back().get();
        m_bed.sandbox->runOnThread([&] { m_bed.receiver->route(path, verifier); });

        const Application app = appOf(core, QStringLiteral("M1014"));
        QRandomGenerator random(11);
        auto order = core.payments().create(app, request(QStringLiteral("CB-1"), 1200), random);
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().detail()));
        QVERIFY(m_bed.pay(order->orderNo));
        QTRY_VERIFY_WITH_TIMEOUT(!m_bed.callbacksFor(order->orderNo).isEmpty(), 10000);
        const CallbackRequest genuine = m_bed.callbacksFor(order->orderNo).first().request;

        const CallbackService::Answer first = core.callbacks().handle(QStringLiteral("wx_shared01"), genuine);
        QVERIFY(first.accepted);
        QCOMPARE(core.payments().find(order->orderNo)->status, PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        const CallbackService::Answer again = core.callbacks().handle(QStringLiteral("wx_shared01"), genuine);
        QVERIFY(again.accepted);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        QCOMPARE(story(core, order->id).last(), QStringLiteral("callback:duplicate"));

        // Tampered, or sent to another account: refused, audited, nothing changes.
        CallbackRequest tampered = genuine;
        tampered.body.replace("SUCCESS", "SUCCESs");
        if (tampered.body == genuine.body)
            tampered.body.append(' ');
        const CallbackService::Answer forged = core.callbacks().handle(QStringLiteral("wx_shared01"), tampered);
        QVERIFY(!forged.accepted);
        QCOMPARE(forged.status, 400);
        const CallbackService::Answer elsewhere = core.callbacks().handle(QStringLiteral("ali_shared01"), genuine);
        QVERIFY(!elsewhere.accepted);
        const Actor admin = core.operators()
                                .authenticate(QStringLiteral("admin"), QString::fromLatin1(DemoSetup::kPassword), {})
                                ->actor;
        auto rejected = core.audit().records(admin, AuditFilter{{}, QStringLiteral("channel.callback"), {}, {}}, 0, 10);
        QVERIFY(rejected.ok());
        QCOMPARE(rejected->size(), 2);
        for (const AuditRecord &record : *rejected)
            QCOMPARE(record.result, AuditResult::Failed);
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
    }

    void closedOrdersAndRefusedRequests()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(8);

        auto order =
            core.payments().create(app, request(QStringLiteral("TEA-0002"), 1999, PayMethod::AlipayPrecreate), random);
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().detail()));
        QCOMPARE(order->channelAccount, QStringLiteral("ali_shared01"));
        auto closed = core.payments().close(order->orderNo);
        QVERIFY2(closed.ok(), qPrintable(closed ? QString() : closed.error().detail()));
        QCOMPARE(closed->status, PaymentStatus::Closed);
        // A late "paid" for a closed order moves nothing and posts nothing.
        OrderStatus late;
        late.state = OrderState::Paid;
        late.amount = order->amount;
        auto kept = core.payments().applyChannelStatus(order->orderNo, late, PaymentEventKind::Callback);
        QVERIFY(kept.ok());
        QCOMPARE(kept->status, PaymentStatus::Closed);
        QCOMPARE(story(core, order->id).last(), QStringLiteral("callback:ignored"));
        QCOMPARE(entriesFor(core, order->orderNo), qint64(0));
        // Closing again (a retry after a lost answer) answers the closed order and asks no channel.
        const qsizetype storyLength = story(core, order->id).size();
        auto again = core.payments().close(order->orderNo);
        QVERIFY(again.ok());
        QCOMPARE(again->status, PaymentStatus::Closed);
        QCOMPARE(story(core, order->id).size(), storyLength);

        // Bad requests change nothing.
        const qint64 before =
            Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order"))
                .value()
                .toLongLong();
        QCOMPARE(core.payments().create(app, request(QStringLiteral("bad no!"), 100), random).error().code(),
                 ErrorCode::OrderInvalid);
        QCOMPARE(core.payments().create(app, request(QStringLiteral("TEA-0003"), 0), random).error().code(),
                 ErrorCode::OrderInvalid);
        CreateOrderRequest jsapi = request(QStringLiteral("TEA-0004"), 100, PayMethod::WeChatJsapi);
        QCOMPARE(core.payments().create(app, jsapi, random).error().code(), ErrorCode::OrderInvalid); // no openid
        const Application frozen = appOf(core, QStringLiteral("M1007"));
        QVERIFY(frozen.id > 0);
        auto refused = core.payments().create(frozen, request(QStringLiteral("X-1"), 100), random);
        QCOMPARE(refused.error().code(), ErrorCode::OrderInvalid);
        QVERIFY(refused.error().detail().contains(QStringLiteral("frozen")));
        QCOMPARE(Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order"))
                     .value()
                     .toLongLong(),
                 before);
    }

    void unionPayOrdersCarryTheirReturnUrl()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1014"));
        QRandomGenerator random(11);
        const QString shop = QStringLiteral("https://shop.example.com/paid?order=UP-1");
        CreateOrderRequest unionPay = request(QStringLiteral("UP-1"), 6600, PayMethod::UnionPayFront);
        unionPay.returnUrl = shop;
        auto order = core.payments().create(app, unionPay, random);
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().detail()));
        // UnionPay sends the payer back there (frontUrl); the order's story keeps it.
        auto frontUrl = [](const PaymentOrder &o) {
            return o.prepay.value(QStringLiteral("form_fields"))
                .toObject()
                .value(QStringLiteral("frontUrl"))
                .toString();
        };
        QCOMPARE(frontUrl(*order), shop);
        const QList<PaymentEvent> events = core.payments().events(order->id).value();
        QCOMPARE(events.first().kind, PaymentEventKind::Create);
        QCOMPARE(events.first().detail.value(QStringLiteral("return_url")).toString(), shop);
        // It is part of the request: the same number with another return URL is another request.
        CreateOrderRequest elsewhere = unionPay;
        elsewhere.returnUrl = QStringLiteral("https://shop.example.com/other");
        QCOMPARE(core.payments().create(app, elsewhere, random).error().code(), ErrorCode::IdempotencyConflict);
        // A prepay that failed is made again by the repeated request, with the same return URL.
        {
            const QSqlDatabase db = core.database().connection().value();
            PaymentOrder failed = core.payments().find(order->orderNo).value();
            failed.status = PaymentStatus::Created;
            failed.prepay = {};
            QVERIFY(PaymentOrderStore::update(db, failed, QDateTime::currentDateTimeUtc()));
            QVERIFY(PaymentOrderStore::addEvent(db, order->id, PaymentEventKind::Prepay, QStringLiteral("failed"), {},
                                                QDateTime::currentDateTimeUtc()));
        }
        auto again = core.payments().create(app, unionPay, random);
        QVERIFY2(again.ok(), qPrintable(again ? QString() : again.error().detail()));
        QCOMPARE(again->orderNo, order->orderNo);
        QCOMPARE(again->status, PaymentStatus::Paying);
        QCOMPARE(frontUrl(*again), shop);
        QCOMPARE(frontUrl(core.payments().find(order->orderNo).value()), shop);

        // Return URLs are held to the notify URL's rules; a refused one changes nothing.
        const qint64 before =
            Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order"))
                .value()
                .toLongLong();
        const QStringList refused{QStringLiteral("http://shop.example.com/paid"),
                                  QStringLiteral("ftp://shop.example.com/paid"),
                                  QStringLiteral("https://user:secret@shop.example.com/paid"),
                                  QStringLiteral("https://shop.example.com/paid#done"),
                                  QStringLiteral("https://169.254.169.254/latest"),
                                  QStringLiteral("/paid"),
                                  QStringLiteral("https://shop.example.com/") + QString(240, QLatin1Char('a'))};
        int number = 0;
        for (const QString &url : refused) {
            CreateOrderRequest bad = request(QStringLiteral("UP-BAD-%1").arg(++number), 100, PayMethod::UnionPayFront);
            bad.returnUrl = url;
            const auto result = core.payments().create(app, bad, random);
            QVERIFY2(!result, qPrintable(url));
            QCOMPARE(result.error().code(), ErrorCode::OrderInvalid);
            QVERIFY2(result.error().detail().startsWith(QLatin1String("return_url: ")),
                     qPrintable(result.error().detail()));
        }
        // Plain http to a loopback host only on a development platform (the demo is one).
        CreateOrderRequest local = request(QStringLiteral("UP-2"), 100, PayMethod::UnionPayFront);
        local.returnUrl = QStringLiteral("http://127.0.0.1:8080/paid");
        QVERIFY(core.settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("off")));
        QCOMPARE(core.payments().create(app, local, random).error().code(), ErrorCode::OrderInvalid);
        QCOMPARE(Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order"))
                     .value()
                     .toLongLong(),
                 before);
        QVERIFY(core.settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on")));
        auto developed = core.payments().create(app, local, random);
        QVERIFY2(developed.ok(), qPrintable(developed ? QString() : developed.error().detail()));
        QCOMPARE(frontUrl(*developed), local.returnUrl);
    }

    void theGatewayTakesReturnUrl()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        auto key = core.applications().generateHmacKey(demoOperator(core, QStringLiteral("onboarding")), app.id);
        QVERIFY(key.ok());
        GatewayService gateway(core);
        auto create = [&](const QJsonObject &body) {
            GatewayRequest request;
            request.path = "/api/v1/orders";
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
            const QByteArray nonce = GatewaySignature::newNonce();
            const QByteArray content = GatewaySignature::content("POST", request.path, timestamp, nonce, request.body);
            request.headers = {{"content-type", "application/json"},
                               {"paydesk-app-id", app.appId.toLatin1()},
                               {"paydesk-timestamp", timestamp},
                               {"paydesk-nonce", nonce},
                               {"paydesk-sign-type", "HMAC-SHA256"},
                               {"paydesk-signature", QMessageAuthenticationCode::hash(
                                                         content, QByteArray::fromBase64(key->secretBase64.toLatin1()),
                                                         QCryptographicHash::Sha256)
                                                         .toBase64()}};
            request.peer = QHostAddress::LocalHost;
            return QJsonDocument::fromJson(gateway.handle(request).reply.body).object();
        };
        QJsonObject body{{QStringLiteral("merchant_order_no"), QStringLiteral("GW-UP-1")},
                         {QStringLiteral("amount"), QStringLiteral("12.00")},
                         {QStringLiteral("method"), QStringLiteral("unionpay.front")},
                         {QStringLiteral("subject"), QStringLiteral("Room 1208 mini bar")},
                         {QStringLiteral("return_url"), QStringLiteral("https://shop.example.com/paid")}};
        const QJsonObject created = create(body);
        QCOMPARE(created.value(QStringLiteral("code")).toString(), QStringLiteral("ok"));
        const QJsonObject fields = created.value(QStringLiteral("data"))
                                       .toObject()
                                       .value(QStringLiteral("prepay"))
                                       .toObject()
                                       .value(QStringLiteral("form_fields"))
                                       .toObject();
        QCOMPARE(fields.value(QStringLiteral("frontUrl")).toString(), QStringLiteral("https://shop.example.com/paid"));
        body.insert(QStringLiteral("merchant_order_no"), QStringLiteral("GW-UP-2"));
        body.insert(QStringLiteral("return_url"), QStringLiteral("http://shop.example.com/paid"));
        QCOMPARE(create(body).value(QStringLiteral("code")).toString(), QStringLiteral("order_invalid"));
        body.insert(QStringLiteral("return_url"), 42);
        QCOMPARE(create(body).value(QStringLiteral("code")).toString(), QStringLiteral("gateway_request_invalid"));
    }
};

QTEST_GUILESS_MAIN(TestPaymentService)
#include "tst_paymentservice.moc"
