#include "core/PaydeskCore.h"
#include "core/util/CsvReader.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/payment/DateRangeFilter.h"
#include "widgets/payment/OrderFilterBar.h"
#include "widgets/payment/OrderResultsModel.h"
#include "widgets/payment/OrderStoryView.h"
#include "widgets/payment/TransactionsPanel.h"
#include "widgets/shell/MainWindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace paydesk;
using namespace paydesk::test;

namespace {

QStringList kindsOf(const QTreeWidget *timeline)
{
    QStringList kinds;
    for (int i = 0; i < timeline->topLevelItemCount(); ++i)
        kinds << timeline->topLevelItem(i)->text(1);
    return kinds;
}

} // namespace

// Support's Transactions panel, offscreen, on the demo platform against the sandbox: type an
// id, the order is found and its story opens with every step of a paid-and-refunded order;
// filters narrow the list; the result exports to CSV.
class TestTransactionsPanel : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;
    QTemporaryDir m_files;

    // A WeChat order paid at the sandbox, then refunded in part: its story has every kind of line.
    QString paidAndRefundedOrder(PaydeskCore &core, QString *refundNo)
    {
        const Application app = demoApplication(core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = QStringLiteral("STORY-1");
        request.amount = Money::fromMinor(8800, Currency::cny());
        request.subject = QStringLiteral("生日蛋糕");
        QRandomGenerator random(7);
        auto order = core.payments().create(app, request, random);
        if (!order || !m_bed.pay(order->orderNo)) {
            qWarning() << (order ? QStringLiteral("not paid") : order.error().message());
            return {};
        }
        auto paid = core.payments().queryChannel(order->orderNo);
        if (!paid || paid->status != PaymentStatus::Succeeded)
            return {};
        CreateRefundRequest refund;
        refund.merchantRefundNo = QStringLiteral("STORY-1-R1");
        refund.amount = Money::fromMinor(3000, Currency::cny());
        refund.reason = QStringLiteral("one candle short");
        auto made = core.refunds().refund(app, request.merchantOrderNo, refund, random);
        if (!made) {
            qWarning() << made.error().message();
            return {};
        }
        // WeChat answers "processing" first; the sandbox finishes the refund shortly after.
        PaymentRefundStatus status = made->status;
        for (int i = 0; i < 100 && status != PaymentRefundStatus::Succeeded; ++i) {
            QTest::qWait(20);
            auto asked = core.refunds().queryChannel(made->refundNo);
            if (!asked) {
                qWarning() << asked.error().message();
                return {};
            }
            status = asked->status;
        }
        if (status != PaymentRefundStatus::Succeeded)
            return {};
        *refundNo = made->refundNo;
        return order->orderNo;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        QVERIFY(m_files.isValid());
    }
    void cleanup() { language("en_US"); }

    void findByIdAndReadTheStory()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        auto platform = demoPlatform(m_bed, db.shared());
        QVERIFY(platform);
        PaydeskCore &core = *platform;
        QString refundNo;
        const QString orderNo = paidAndRefundedOrder(core, &refundNo);
        QVERIFY(!orderNo.isEmpty());
        const PaymentOrder order = core.payments().find(orderNo).value();
        language("en_US");

        const Actor support = demoOperator(core, QStringLiteral("support"));
        Session session(core, support);
        TransactionsPanel panel(session);
        QSignalSpy pages(&panel, &TransactionsPanel::pageLoaded);
        QSignalSpy counted(&panel, &TransactionsPanel::countLoaded);
        QSignalSpy storyLoaded(panel.storyView(), &OrderStoryView::loaded);
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // Opens on the newest orders with their count.
        QTRY_VERIFY(pages.count() >= 1);
        QTRY_VERIFY(counted.count() >= 1);
        QVERIFY(panel.resultsModel()->rowCount() >= 1);
        QVERIFY2(panel.countLabel()->text().contains(QStringLiteral(" of ")), qPrintable(panel.countLabel()->text()));

        // The caller reads out the channel's transaction id: found without saying what it is.
        panel.filterBar()->idField()->setText(QLatin1Char(' ') + order.channelTransactionId + QLatin1Char(' '));
        pages.clear();
        QTest::keyClick(panel.filterBar()->idField(), Qt::Key_Return);
        QTRY_VERIFY(pages.count() >= 1);
        QCOMPARE(panel.resultsModel()->rowCount(), 1);
        QCOMPARE(panel.resultsModel()->order(0)->orderNo, orderNo);
        QCOMPARE(panel.resultsModel()->data(panel.resultsModel()->index(0, OrderResultsModel::Matched)).toString(),
                 QStringLiteral("channel transaction id"));

        // One match: its story opens at once.
        QTRY_VERIFY(storyLoaded.count() >= 1);
        OrderStoryView *story = panel.storyView();
        QVERIFY(story->story().has_value());
        const QString header = story->headerLabel()->text();
        QVERIFY(header.contains(orderNo));
        QVERIFY(header.contains(QStringLiteral("88.00")));
        QVERIFY(header.contains(QStringLiteral("partially refunded")));
        QVERIFY(header.contains(QStringLiteral("M1013")));
        // Support sees the payer masked, in the header and in every snapshot.
        QVERIFY(!order.payerId.isEmpty());
        QVERIFY(!header.contains(order.payerId));
        for (int i = 0; i < story->timeline()->topLevelItemCount(); ++i)
            QVERIFY(!story->timeline()->topLevelItem(i)->child(0)->text(0).contains(order.payerId));
        const QStringList kinds = kindsOf(story->timeline());
        for (const char *kind : {"Order created", "Channel prepay", "Channel query", "Refund", "Ledger entry"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), qPrintable(kinds.join(QStringLiteral(", "))));
        QCOMPARE(kinds.count(QStringLiteral("Ledger entry")), 2); // the payment and the refund
        // Each line opens to its raw snapshot.
        QTreeWidgetItem *first = story->timeline()->topLevelItem(0);
        QCOMPARE(first->childCount(), 1);
        QVERIFY(first->child(0)->text(0).contains(QLatin1Char('{')));
        story->timeline()->expandItem(first);
        // Support may ask for a refund, close, query and resend; the refund line names its refund.
        QVERIFY(story->refundButton()->isVisible());
        QVERIFY(story->refundButton()->isEnabled());
        QVERIFY(!story->closeButton()->isEnabled()); // paid: nothing to close
        bool refundLine = false;
        for (int i = 0; i < story->timeline()->topLevelItemCount(); ++i)
            refundLine = refundLine || story->timeline()->topLevelItem(i)->text(3) == refundNo;
        QVERIFY(refundLine);
        screenshot(panel, QStringLiteral("transactions-story-") + backend);

        // Querying the channel now goes through the core and lands in the story.
        QSignalSpy acted(story, &OrderStoryView::actionFinished);
        const int linesBefore = story->timeline()->topLevelItemCount();
        storyLoaded.clear();
        story->queryChannel();
        QTRY_VERIFY_WITH_TIMEOUT(acted.count() == 1, 10000);
        QTRY_VERIFY(storyLoaded.count() >= 1);
        QVERIFY2(story->messageLabel()->text().contains(QStringLiteral("The channel says")),
                 qPrintable(story->messageLabel()->text()));
        QVERIFY(story->timeline()->topLevelItemCount() > linesBefore);

        // The refund number finds the same order; a filter that excludes it finds nothing.
        panel.filterBar()->idField()->setText(refundNo);
        pages.clear();
        panel.search();
        QTRY_VERIFY(pages.count() >= 1);
        QCOMPARE(panel.resultsModel()->rowCount(), 1);
        panel.filterBar()->statusCombo()->setCurrentIndex(
            panel.filterBar()->statusCombo()->findText(QStringLiteral("closed")));
        QTRY_VERIFY(pages.count() >= 2);
        QTRY_COMPARE(panel.resultsModel()->rowCount(), 0);
        panel.filterBar()->statusCombo()->setCurrentIndex(
            panel.filterBar()->statusCombo()->findText(QStringLiteral("partially refunded")));
        QTRY_COMPARE(panel.resultsModel()->rowCount(), 1);

        // A typed amount that is not one is named and nothing is searched.
        panel.filterBar()->minAmountField()->setText(QStringLiteral("12.345"));
        panel.search();
        QVERIFY(!panel.messageLabel()->text().isEmpty());
        panel.filterBar()->minAmountField()->clear();

        // The whole list, paged, then exported.
        panel.filterBar()->clear();
        pages.clear();
        panel.search();
        QTRY_VERIFY(pages.count() >= 1);
        QTRY_VERIFY(counted.count() >= 2);
        const QString path = m_files.filePath(QStringLiteral("orders-") + backend + QStringLiteral(".csv"));
        QSignalSpy exported(&panel, &TransactionsPanel::exportFinished);
        panel.exportCsv(path);
        QTRY_VERIFY_WITH_TIMEOUT(exported.count() == 1, 20000);
        QVERIFY(exported.first().first().toBool());
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        auto rows = CsvReader::read(csv.readAll());
        QVERIFY(rows.ok());
        const qint64 total = core.orderSearch().count(support, OrderFilter{}).value();
        QCOMPARE(qint64(rows->size()), total + 1);

        language("zh_CN");
        QTRY_COMPARE(panel.exportButton()->text(), QStringLiteral("导出 CSV…"));
        panel.filterBar()->idField()->setText(orderNo);
        storyLoaded.clear();
        panel.search();
        QTRY_VERIFY(storyLoaded.count() >= 1);
        QVERIFY(kindsOf(story->timeline()).contains(QStringLiteral("记账分录")));
        screenshot(panel, QStringLiteral("transactions-story-zh-") + backend);
    }

    // Amount bounds are read in the currency of the merchants searched; with merchants paid in two
    // currencies and none chosen the bar says so rather than comparing yuan with yen. No database:
    // the directory is given.
    void amountBoundsFollowTheMerchantsCurrency()
    {
        MockClock clock;
        OrderFilterBar bar(clock);
        const Currency yen = Currency::fromCode(u"JPY").value();
        ChannelDirectory directory;
        directory.merchants = {
            {1, QStringLiteral("M1"), QStringLiteral("Yuan"), MerchantStatus::Active, Currency::cny()},
            {2, QStringLiteral("M2"), QStringLiteral("Yen"), MerchantStatus::Active, yen}};
        bar.setDirectory(directory);
        bar.minAmountField()->setText(QStringLiteral("1,000"));
        const Result<OrderFilter> mixed = bar.filter();
        QVERIFY(!mixed);
        QCOMPARE(mixed.error().code(), ErrorCode::CurrencyMismatch);
        QVERIFY2(mixed.error().message().contains(QStringLiteral("JPY")), qPrintable(mixed.error().message()));
        QVERIFY(ChoiceCombos::selectId(bar.merchantCombo(), 2));
        QCOMPARE(bar.filter()->minAmount, qint64(1000)); // yen have no decimals
        QVERIFY(ChoiceCombos::selectId(bar.merchantCombo(), 1));
        QCOMPARE(bar.filter()->minAmount, qint64(100000));
        bar.minAmountField()->setText(QStringLiteral("1.005"));
        QCOMPARE(bar.filter().error().code(), ErrorCode::AmountTooManyDecimals);

        directory.merchants.removeLast(); // one currency among all merchants: no need to choose
        bar.setDirectory(directory);
        QVERIFY(ChoiceCombos::selectId(bar.merchantCombo(), 0));
        bar.minAmountField()->setText(QStringLiteral("88"));
        QCOMPARE(bar.filter()->minAmount, qint64(8800));
    }

    void windowOffersThePanelBySession()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        auto platform = demoPlatform(m_bed, db.shared());
        QVERIFY(platform);
        Session support(*platform, demoOperator(*platform, QStringLiteral("support")));
        MainWindow window(support);
        QVERIFY(window.transactionsPanel());
        Session onboarding(*platform, demoOperator(*platform, QStringLiteral("onboarding")));
        MainWindow other(onboarding);
        QVERIFY(!other.transactionsPanel());
    }
};

QTEST_MAIN(TestTransactionsPanel)
#include "tst_transactionspanel.moc"
