#include "core/PaydeskCore.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/common/Session.h"
#include "widgets/payment/PaymentText.h"
#include "widgets/payment/RefundRequestFlow.h"
#include "widgets/payment/RefundsPanel.h"
#include "widgets/shell/GatewayControl.h"
#include "widgets/shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace paydesk;
using namespace paydesk::test;

namespace {

// Stands in for the console's gateway: records that the window switched it.
class FakeGateway final : public GatewayControl
{
public:
    Result<QUrl> start() override
    {
        running = true;
        ++starts;
        return url();
    }
    void stop() override { running = false; }
    bool isRunning() const override { return running; }
    QUrl url() const override { return running ? QUrl(QStringLiteral("http://127.0.0.1:8080")) : QUrl(); }
    bool running = false;
    int starts = 0;
};

} // namespace

// The refunds & notifications panel as support and an approver use it, offscreen, on the demo
// platform against the sandbox: look an order up, see its notification attempts, resend, ask
// for a refund above the threshold, and the approver's queue approving it (not the requester).
class TestRefundsPanel : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    QString paidOrder(PaydeskCore &core)
    {
        const Application app = demoApplication(core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = QStringLiteral("PANEL-1");
        request.amount = Money::fromMinor(12800, Currency::cny());
        request.subject = QStringLiteral("宴会订金");
        QRandomGenerator random(5);
        auto order = core.payments().create(app, request, random);
        if (!order || !m_bed.pay(order->orderNo))
            return {};
        auto paid = core.payments().queryChannel(order->orderNo);
        return paid && paid->status == PaymentStatus::Succeeded ? order->orderNo : QString();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }
    void cleanup() { language("en_US"); }

    void supportAsksApproverDecides()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        auto platform = demoPlatform(m_bed, db.shared());
        QVERIFY(platform);
        PaydeskCore &core = *platform;
        const QString orderNo = paidOrder(core);
        QVERIFY(!orderNo.isEmpty());
        language("en_US");

        const Actor support =
            core.operators()
                .authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        Session supportSession(core, support);
        RefundsPanel panel(supportSession);
        QSignalSpy loaded(&panel, &RefundsPanel::loaded);
        QSignalSpy acted(&panel, &RefundsPanel::actionFinished);
        panel.resize(1200, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY(loaded.count() >= 1);
        QVERIFY(!panel.approveButton()->isVisible()); // support asks, does not approve

        panel.orderField()->setText(orderNo);
        loaded.clear();
        panel.lookUp();
        QTRY_VERIFY(loaded.count() >= 1);
        QVERIFY(panel.summaryLabel()->text().contains(orderNo));
        QVERIFY(panel.summaryLabel()->text().contains(QStringLiteral("paid")));
        // M1013's application notifies an address that does not answer: the attempt is listed.
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     auto notes = core.notifications().forOrder(support, orderNo);
                                     return notes && notes->size() == 1;
                                 }()),
                                 5000);
        loaded.clear();
        panel.reload();
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(panel.notificationsTable()->rowCount(), 1);
        QVERIFY(panel.resendButton()->isEnabled());
        panel.resend();
        QTRY_VERIFY(acted.count() == 1);
        QVERIFY2(panel.messageLabel()->text().contains(QStringLiteral("sent again")),
                 qPrintable(panel.messageLabel()->text()));

        // 100.00 is above the default 1,000.00? No: lower the threshold the way an approver does.
        const Actor approver =
            core.operators()
                .authenticate(QStringLiteral("approver"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        QVERIFY(core.refundRequests().setThreshold(approver, Money::fromMinor(5000, Currency::cny())).ok());
        panel.requestRefund(QStringLiteral("100.00"), QStringLiteral("banquet cancelled"));
        QTRY_VERIFY(acted.count() == 2);
        QVERIFY2(panel.messageLabel()->text().contains(QStringLiteral("waits for an approver")),
                 qPrintable(panel.messageLabel()->text()));
        QTRY_COMPARE(panel.requestsTable()->rowCount(), 1);
        QCOMPARE(panel.requestsTable()->item(0, 4)->text(), QStringLiteral("waiting for approval"));
        screenshot(panel, QStringLiteral("refunds-support-") + backend);

        // The approver's console: the request is in the queue; approving makes the refund.
        Session approverSession(core, approver);
        RefundsPanel queue(approverSession);
        QSignalSpy queueLoaded(&queue, &RefundsPanel::loaded);
        QSignalSpy queueActed(&queue, &RefundsPanel::actionFinished);
        queue.resize(1200, 760);
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        QTRY_VERIFY(queueLoaded.count() >= 1);
        QVERIFY(queue.approveButton()->isVisible());
        QVERIFY(!queue.refundButton()->isVisible()); // approvers do not ask
        queue.requestsTable()->selectRow(0);
        QVERIFY(queue.approveButton()->isEnabled());
        language("zh_CN");
        screenshot(queue, QStringLiteral("refunds-approver-zh-") + backend);
        QCOMPARE(queue.approveButton()->text(), QStringLiteral("批准…"));
        language("en_US");
        queue.approveSelected(QStringLiteral("receipt checked"));
        QTRY_VERIFY_WITH_TIMEOUT(queueActed.count() == 1, 15000);
        QVERIFY2(queue.messageLabel()->text().startsWith(QStringLiteral("Approved")),
                 qPrintable(queue.messageLabel()->text()));
        const QList<OperatorRefundRequest> requests = core.refundRequests().forOrder(support, orderNo).value();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().status, RefundRequestStatus::Approved);
        QCOMPARE(requests.first().decidedBy, QStringLiteral("approver"));
        QVERIFY(!requests.first().refundNo.isEmpty());
        screenshot(queue, QStringLiteral("refunds-approved-") + backend);
    }

    // A refund request whose channel call fails: the audit says it failed (error code and the
    // channel's own text), the operator reads the translated reason — not the transport's
    // message — and finance finds the refund among those needing attention a day later.
    void channelFailureReadsAsATranslatedReason()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        ShiftableClock clock;
        auto platform = fastDemoPlatform(m_bed, db.shared(), clock, 300, 2);
        QVERIFY(platform);
        PaydeskCore &core = *platform;
        const QString orderNo = paidOrder(core);
        QVERIFY(!orderNo.isEmpty());
        QVERIFY(m_bed.fault(QStringLiteral("timeout"), orderNo)); // the channel answers nothing about this order

        language("zh_CN");
        const Actor support = signedIn(core, QStringLiteral("support"));
        Session session(core, support);
        RefundsPanel panel(session);
        QSignalSpy loaded(&panel, &RefundsPanel::loaded);
        QSignalSpy acted(&panel, &RefundsPanel::actionFinished);
        panel.resize(1400, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.orderField()->setText(orderNo);
        panel.lookUp();
        QTRY_VERIFY(panel.summaryLabel()->text().contains(orderNo));
        panel.requestRefund(QStringLiteral("20.00"), QStringLiteral("退货"));
        QTRY_VERIFY_WITH_TIMEOUT(acted.count() == 1, 15000);

        const QString reason = Error::describe(ErrorCode::ChannelTimeout);
        QVERIFY(reason != QLatin1String("The channel did not answer in time")); // translated
        const QString message = panel.messageLabel()->text();
        QVERIFY2(message.contains(reason), qPrintable(message));
        for (const char *transport : {"curl", "timed out", "milliseconds", "127.0.0.1", "The channel"})
            QVERIFY2(!message.contains(QLatin1String(transport)), qPrintable(message));
        panel.findChild<QComboBox *>(QStringLiteral("requestFilter"))
            ->setCurrentIndex(1); // all requests, not only those waiting
        QTRY_COMPARE(panel.requestsTable()->rowCount(), 1);
        QCOMPARE(panel.requestsTable()->item(0, 4)->text(),
                 PaymentText::refundRequestStatus(QStringLiteral("executed")));
        QCOMPARE(panel.requestsTable()->item(0, 8)->text(), PaymentText::refundStatus(PaymentRefundStatus::Requested));
        QCOMPARE(panel.requestsTable()->item(0, 9)->text(), reason);
        QVERIFY(
            !panel.requestsTable()->item(0, 9)->toolTip().isEmpty()); // the channel's own words, for whoever needs them
        screenshot(panel, QStringLiteral("refunds-channel-failed-zh-") + backend);

        // The audit says what happened: failed, with the code and the transport's own text.
        const Actor admin = signedIn(core, QStringLiteral("admin"));
        const QList<AuditRecord> audited =
            core.audit().records(admin, AuditFilter{{}, QStringLiteral("refund.request"), {}, {}}, 0, 10).value();
        QCOMPARE(audited.size(), 1);
        QCOMPARE(audited.first().result, AuditResult::Failed);
        const QJsonObject detail = QJsonDocument::fromJson(audited.first().detail.toUtf8()).object();
        QCOMPARE(detail.value(QStringLiteral("error")).toString(), QStringLiteral("channel_timeout"));
        QVERIFY(!detail.value(QStringLiteral("channel_text")).toString().isEmpty());
        QCOMPARE(detail.value(QStringLiteral("refund_status")).toString(), QStringLiteral("requested"));

        // A day later the channel still has not answered: the refund needs attention.
        clock.shift(25 * 3600);
        loaded.clear();
        panel.reload();
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(panel.attentionTable()->rowCount(), 1);
        QCOMPARE(panel.attentionTable()->item(0, 1)->text(), orderNo);
        QCOMPARE(panel.attentionTable()->item(0, 6)->text(), PaymentText::age(25 * 3600));
        QCOMPARE(panel.attentionTable()->item(0, 8)->text(), reason);
        QVERIFY(panel.tabs()->tabText(1).contains(QStringLiteral("1")));
        panel.tabs()->setCurrentIndex(1);
        screenshot(panel, QStringLiteral("refunds-attention-zh-") + backend);
        language("en_US");
        QTRY_COMPARE(panel.attentionTable()->item(0, 8)->text(), QStringLiteral("The channel did not answer in time"));
        QCOMPARE(panel.tabs()->tabText(1), QStringLiteral("Needing attention (1)"));
        screenshot(panel, QStringLiteral("refunds-attention-en-") + backend);
        m_bed.clearFaults();
    }

    // The panel closed while its refund request is still with the channel: closing waits for the
    // call (it uses the panel's session and the core), the request is made exactly once, and
    // nothing comes back to the closed panel (no crash while the events are processed).
    void closedWhileItsRequestRuns()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        auto platform = demoPlatform(m_bed, db.shared());
        QVERIFY(platform);
        PaydeskCore &core = *platform;
        const QString orderNo = paidOrder(core);
        QVERIFY(!orderNo.isEmpty());
        const Actor support = signedIn(core, QStringLiteral("support"));
        Session session(core, support);
        auto *panel = new RefundsPanel(session);
        int finished = 0;
        connect(panel, &RefundsPanel::actionFinished, this, [&finished]() { ++finished; });
        QSignalSpy loaded(panel, &RefundsPanel::loaded);
        QTRY_VERIFY(loaded.count() >= 1);
        panel->orderField()->setText(orderNo);
        loaded.clear();
        panel->lookUp();
        QTRY_VERIFY(panel->summaryLabel()->text().contains(orderNo));
        panel->requestRefund(QStringLiteral("1.00"), QStringLiteral("closed at once"));
        QCOMPARE(panel->messageLabel()->text(), QStringLiteral("Working…"));
        delete panel;
        const QList<OperatorRefundRequest> made = core.refundRequests().forOrder(support, orderNo).value();
        QCOMPARE(made.size(), 1); // the call finished before the panel was gone
        QTest::qWait(200);
        QCOMPARE(finished, 0);
    }

    void windowSwitchesTheGateway()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        PaydeskCore core(db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 1;
        options.onboarding.merchants = 12;
        options.onboarding.sandboxDirectory = m_bed.state.path();
        QVERIFY(DemoSetup::create(core, options).ok());
        const Actor admin = core.operators()
                                .authenticate(QStringLiteral("admin"), QString::fromLatin1(DemoSetup::kPassword), {})
                                ->actor;
        Session session(core, admin);
        FakeGateway gateway;
        MainWindow window(session, &gateway);
        QVERIFY(window.gatewayAction());
        core.vault().lock();
        bool told = false;
        QTimer::singleShot(0, [&told] {
            QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
            told = true;
            QApplication::activeModalWidget()->close();
        });
        window.gatewayAction()->trigger(); // the vault is locked: refused with a message
        QVERIFY(told);
        QVERIFY(!gateway.running);
        QVERIFY(!window.gatewayAction()->isChecked());
        QVERIFY(core.vault().unlock(admin, SecretBytes(QByteArray(DemoSetup::kMasterPassphrase))).ok());
        window.serveGateway(true);
        QVERIFY(gateway.running);
        QVERIFY(window.gatewayAction()->isChecked());
        QCOMPARE(window.gatewayLabel()->text(), QStringLiteral("Gateway: http://127.0.0.1:8080"));
        window.serveGateway(false);
        QVERIFY(!gateway.running);
        QVERIFY(!window.gatewayAction()->isChecked());
        // Support does not manage channel accounts: no such item.
        const Actor support =
            core.operators()
                .authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        Session supportSession(core, support);
        MainWindow supportWindow(supportSession, &gateway);
        QVERIFY(!supportWindow.gatewayAction());
        QVERIFY(supportWindow.refundsPanel());
    }
};

QTEST_MAIN(TestRefundsPanel)
#include "tst_refundspanel.moc"
