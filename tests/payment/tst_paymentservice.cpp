#include "PaydeskCore.h"
#include "SandboxTestCase.h"
#include "TestDatabase.h"
#include "demo/DemoSetup.h"
#include "ledger/LedgerInvariantChecker.h"
#include "storage/Sql.h"
#include "util/Error.h"

#include <QDir>
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

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    // The demo platform in an empty database, its channel accounts on this test's sandbox.
    bool makePlatform(Platform &p)
    {
        if (!p.db.isOpen())
            return false;
        QFile url(QDir(m_bed.state.path()).filePath(QStringLiteral("url")));
        if (!url.open(QIODevice::WriteOnly) || url.write(m_bed.sandbox->baseUrl().toString().toUtf8()) < 0)
            return false;
        url.close();
        p.core = std::make_unique<PaydeskCore>(p.db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 2;
        options.onboarding.merchants = 14;
        options.onboarding.sandboxDirectory = m_bed.state.path();
        auto demo = DemoSetup::create(*p.core, options);
        if (!demo)
            qWarning() << demo.error().message() << demo.error().detail();
        return demo && demo->onboarding.credentialsProblem.isEmpty();
    }

    static Application appOf(PaydeskCore &core, const QString &merchantNo)
    {
        const Actor admin = core.operators().authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {})->actor;
        const Merchant merchant = core.merchants().findByNo(admin, merchantNo).value();
        ApplicationFilter filter;
        filter.scope = ApplicationFilter::Scope::Merchant;
        filter.merchantId = merchant.id;
        return core.applications().list(admin, filter, 0, 10).value().value(0);
    }

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
        return Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                           {QStringLiteral("payment:") + orderNo})
            .value()
            .toLongLong();
    }

    static QStringList story(PaydeskCore &core, qint64 orderId)
    {
        QStringList lines;
        const QList<PaymentEvent> events = core.payments().events(orderId).value();
        for (const PaymentEvent &e : events)
            lines << e.kind + QLatin1Char(':') + e.result;
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
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().message() + QLatin1Char(' ') + order.error().detail()));
        QCOMPARE(order->status, PaymentStatus::Paying);
        QVERIFY(order->orderNo.startsWith(QLatin1Char('P')));
        QVERIFY(order->prepay.value(QStringLiteral("code_url")).toString().startsWith(QLatin1String("weixin://")));
        QCOMPARE(order->channelAccount, QStringLiteral("wx_shared01"));
        QCOMPARE(order->merchantFee.minor(), qint64(33)); // the preferential 0.38 % of 88.00, half up
        QCOMPARE(order->channelFee.minor(), qint64(22));  // 0.25 %

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
        QCOMPARE(lines, (QStringList{QStringLiteral("create:ok"), QStringLiteral("prepay:ok"), QStringLiteral("query:unchanged"),
                                     QStringLiteral("query:succeeded"), QStringLiteral("query:duplicate")}));

        // A word with another amount is refused and kept in the story.
        OrderStatus forged;
        forged.outTradeNo = order->orderNo;
        forged.state = OrderState::Paid;
        forged.amount = Money::fromMinor(1, Currency::cny());
        QCOMPARE(core.payments().applyChannelStatus(order->orderNo, forged, QStringLiteral("callback")).error().code(),
                 ErrorCode::ChannelStateConflict);
        QCOMPARE(story(core, order->id).last(), QStringLiteral("callback:amount_mismatch"));
        QCOMPARE(entriesFor(core, order->orderNo), qint64(1));
        QVERIFY(LedgerInvariantChecker(core.database()).run().value().ok());
    }

    void closedOrdersAndRefusedRequests()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        PaydeskCore &core = *p.core;
        const Application app = appOf(core, QStringLiteral("M1013"));
        QRandomGenerator random(8);

        auto order = core.payments().create(app, request(QStringLiteral("TEA-0002"), 1999, PayMethod::AlipayPrecreate), random);
        QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().detail()));
        QCOMPARE(order->channelAccount, QStringLiteral("ali_shared01"));
        auto closed = core.payments().close(order->orderNo);
        QVERIFY2(closed.ok(), qPrintable(closed ? QString() : closed.error().detail()));
        QCOMPARE(closed->status, PaymentStatus::Closed);
        // A late "paid" for a closed order moves nothing and posts nothing.
        OrderStatus late;
        late.state = OrderState::Paid;
        late.amount = order->amount;
        auto kept = core.payments().applyChannelStatus(order->orderNo, late, QStringLiteral("callback"));
        QVERIFY(kept.ok());
        QCOMPARE(kept->status, PaymentStatus::Closed);
        QCOMPARE(story(core, order->id).last(), QStringLiteral("callback:ignored"));
        QCOMPARE(entriesFor(core, order->orderNo), qint64(0));
        QCOMPARE(core.payments().close(order->orderNo).error().code(), ErrorCode::PaymentTransitionRefused);

        // Bad requests change nothing.
        const qint64 before = Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order")).value().toLongLong();
        QCOMPARE(core.payments().create(app, request(QStringLiteral("bad no!"), 100), random).error().code(), ErrorCode::OrderInvalid);
        QCOMPARE(core.payments().create(app, request(QStringLiteral("TEA-0003"), 0), random).error().code(), ErrorCode::OrderInvalid);
        CreateOrderRequest jsapi = request(QStringLiteral("TEA-0004"), 100, PayMethod::WeChatJsapi);
        QCOMPARE(core.payments().create(app, jsapi, random).error().code(), ErrorCode::OrderInvalid); // no openid
        const Application frozen = appOf(core, QStringLiteral("M1007"));
        QVERIFY(frozen.id > 0);
        auto refused = core.payments().create(frozen, request(QStringLiteral("X-1"), 100), random);
        QCOMPARE(refused.error().code(), ErrorCode::OrderInvalid);
        QVERIFY(refused.error().detail().contains(QStringLiteral("frozen")));
        QCOMPARE(Sql::scalar(core.database().connection().value(), QStringLiteral("SELECT count(*) FROM payment_order")).value().toLongLong(), before);
    }
};

QTEST_GUILESS_MAIN(TestPaymentService)
#include "tst_paymentservice.moc"
