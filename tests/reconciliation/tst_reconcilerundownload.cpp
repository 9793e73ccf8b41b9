#include "core/PaydeskCore.h"
#include "core/storage/Sql.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/TestDatabase.h"

#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// A run that downloads its statement: the demo platform on a real sandbox, an order paid by the
// sandbox's payer, then today's bill fetched through the channel account's adapter, kept and
// matched. The same download again is the same file: already imported.
class TestReconcileRunDownload : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }

    void downloadedBillMatchesThePaidOrder()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        auto core = demoPlatform(m_bed, db.shared(), SystemClock::instance(), 14, 1);
        QVERIFY(core);
        const Application app = demoApplication(*core, QStringLiteral("M1013"));
        QRandomGenerator random(11);
        CreateOrderRequest request;
        request.merchantOrderNo = QStringLiteral("RECON-0001");
        request.amount = Money::fromMinor(8800, Currency::cny());
        request.method = PayMethod::WeChatNative;
        request.subject = QStringLiteral("西湖龙井 250g");
        auto order = core->payments().create(app, request, random);
        QVERIFY2(order, qPrintable(order ? QString() : order.error().message()));
        QVERIFY(m_bed.pay(order->orderNo));
        auto paid = core->payments().queryChannel(order->orderNo);
        QVERIFY(paid);
        QCOMPARE(paid->status, PaymentStatus::Succeeded);

        const Actor finance = demoOperator(*core, QStringLiteral("finance"));
        ReconciliationRunRequest run;
        run.channelAccount = order->channelAccount;
        run.billDate = paid->paidAt.toTimeZone(Clock::platformTimeZone()).date();
        auto outcome = core->reconciliation().run(finance, run);
        QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message()));
        QCOMPARE(outcome->status, ReconciliationRunStatus::Completed);
        // Both sides found each other. The sandbox charges its own fee (0.6 %) while the demo posts
        // the channel's rate it was given (0.25 %): the pair may be a fee_mismatch, never one-sided.
        // The sandbox is shared by both backends' rows: the bill also lists the other row's order,
        // which this database lacks (channel_only).
        const ReconciliationSummary &summary = outcome->summary;
        QVERIFY(summary.channelSide(RecordType::Payment).count >= 1);
        QCOMPARE(summary.platformSide(RecordType::Payment).count, qint64(1));
        QCOMPARE(summary.of(DiscrepancyCategory::Matched, RecordType::Payment).count +
                     summary.of(DiscrepancyCategory::FeeMismatch, RecordType::Payment).count,
                 qint64(1));
        auto items = core->reconciliation().items(finance, outcome->runId, 0, 1000);
        QVERIFY(items);
        for (const ReconciliationItem &item : std::as_const(*items)) {
            if (item.orderNo != order->orderNo) {
                QCOMPARE(item.category, DiscrepancyCategory::ChannelOnly);
                continue;
            }
            QCOMPARE(item.category, DiscrepancyCategory::FeeMismatch);
            QCOMPARE(*item.channelAmount, *item.platformAmount);
        }
        QCOMPARE(Sql::scalar(core->database().connection().value(),
                             QStringLiteral("SELECT origin FROM recon_statement_file"))
                     .value()
                     .toString(),
                 QStringLiteral("download"));

        auto again = core->reconciliation().run(finance, run);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message()));
        QVERIFY(again->alreadyImported);
        QCOMPARE(again->runId, outcome->runId);
    }
};

QTEST_GUILESS_MAIN(TestReconcileRunDownload)
#include "tst_reconcilerundownload.moc"
