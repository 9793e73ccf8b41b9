#include "core/PaydeskCore.h"
#include "sandbox/SandboxCashier.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/support/TestDatabase.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace paydesk;
using namespace paydesk::test;

// The demo platform and the sandbox agree on fees, as a platform and a real channel do: the demo's
// setup tells the sandbox the cost rate of each channel account (0.25 % WeChat Pay and Alipay,
// 0.3 % UnionPay), the sandbox charges each of its merchants that rate, so a payment's channel
// fee is the same fen on both sides and the day's downloaded bills reconcile without a
// fee_mismatch.
class TestSandboxFeeAgreement : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    qint64 sandboxFee(const QString &orderNo)
    {
        qint64 fee = -1;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            for (const sandbox::SandboxTrade *trade : s.store().trades()) {
                if (trade->outTradeNo == orderNo)
                    fee = trade->fee;
            }
        });
        return fee;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString())); }

    void theSandboxChargesWhatThePlatformPays()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        auto core = demoPlatform(m_bed, db.shared());
        QVERIFY(core);

        const QJsonArray merchants =
            m_bed.admin("GET", QStringLiteral("/__sandbox/merchants")).value(QStringLiteral("merchants")).toArray();
        QCOMPARE(merchants.size(), 3);
        const QHash<QString, qint64> agreed{{QStringLiteral("1900000109"), 2500},
                                            {QStringLiteral("2021000000000001"), 2500},
                                            {QStringLiteral("777290058000001"), 3000}};
        for (const QJsonValue &merchant : merchants) {
            QVERIFY(merchant[QStringLiteral("own_rate")].toBool());
            QCOMPARE(merchant[QStringLiteral("fee_rate_ppm")].toInteger(),
                     agreed.value(merchant[QStringLiteral("merchant")].toString()));
        }

        // One payment on each channel: the fee we posted is the fee the channel took.
        const Application app = demoApplication(*core, QStringLiteral("M1013"));
        QRandomGenerator random(quint32(backend.size()));
        HttpClient cashier(m_bed.http());
        QSet<QString> accounts;
        QDate billDate;
        int n = 0;
        for (PayMethod method : {PayMethod::WeChatNative, PayMethod::AlipayPrecreate, PayMethod::UnionPayFront}) {
            CreateOrderRequest request;
            request.merchantOrderNo = QStringLiteral("FEE-%1-%2").arg(backend).arg(++n);
            request.amount = Money::fromMinor(12345, Currency::cny());
            request.method = method;
            request.subject = QStringLiteral("费率核对");
            if (method == PayMethod::UnionPayFront)
                request.returnUrl = QStringLiteral("https://shop.example.com/return");
            auto order = core->payments().create(app, request, random);
            QVERIFY2(order, qPrintable(order ? QString() : order.error().message() + order.error().detail()));
            QVERIFY(sandbox::SandboxCashier::openForm(order->prepay, cashier)); // UnionPay: the browser's post
            QVERIFY(m_bed.pay(order->orderNo));
            auto paid = core->payments().queryChannel(order->orderNo);
            QVERIFY(paid);
            QCOMPARE(paid->status, PaymentStatus::Succeeded);
            const qint64 expected = (12345 * (method == PayMethod::UnionPayFront ? 3000 : 2500) + 500000) / 1000000;
            QCOMPARE(paid->channelFee.minor(), expected);
            QCOMPARE(sandboxFee(order->orderNo), expected);
            accounts << order->channelAccount;
            billDate = paid->paidAt.toTimeZone(Clock::platformTimeZone()).date();
        }
        QCOMPARE(accounts.size(), 3);

        // Each account's bill of the day, downloaded: our payment matched, no fee differs. (The
        // sandbox serves both backends' rows: the other row's orders are channel_only here.)
        const Actor finance = demoOperator(*core, QStringLiteral("finance"));
        for (const QString &account : std::as_const(accounts)) {
            ReconciliationRunRequest run;
            run.channelAccount = account;
            run.billDate = billDate;
            auto outcome = core->reconciliation().run(finance, run);
            QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
            QCOMPARE(outcome->summary.of(DiscrepancyCategory::Matched, RecordType::Payment).count, qint64(1));
            QCOMPARE(outcome->summary.of(DiscrepancyCategory::FeeMismatch, RecordType::Payment).count, qint64(0));
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxFeeAgreement)
#include "tst_sandbox_feeagreement.moc"
