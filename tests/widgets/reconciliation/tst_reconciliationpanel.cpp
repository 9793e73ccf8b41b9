#include "demo/DemoSetup.h"
#include "tests/widgets/onboarding/PanelTestSupport.h"
#include "tests/widgets/reconciliation/ReconciliationPanelSupport.h"
#include "widgets/common/Session.h"
#include "widgets/payment/OrderFilterBar.h"
#include "widgets/payment/OrderResultsModel.h"
#include "widgets/payment/OrderStoryView.h"
#include "widgets/payment/TransactionsPanel.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include "widgets/reconciliation/DiscrepancyChart.h"
#include "widgets/reconciliation/DiscrepancyDetailView.h"
#include "widgets/reconciliation/DiscrepancyFilterBar.h"
#include "widgets/reconciliation/DiscrepancyModel.h"
#include "widgets/reconciliation/DiscrepancyPoolView.h"
#include "widgets/reconciliation/ReconciliationPanel.h"
#include "widgets/reconciliation/ReconciliationText.h"
#include "widgets/reconciliation/RunDiffModel.h"
#include "widgets/reconciliation/RunDiffView.h"
#include "widgets/reconciliation/RunModel.h"
#include "widgets/reconciliation/RunsView.h"
#include "widgets/reconciliation/StartRunBox.h"
#include "widgets/shell/MainWindow.h"
#include <QTreeWidget>

#include <qcustomplot.h>

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcilePanel;
using ReconcileRun::kDay;

namespace {

// A panel of one operator, shown, with its accounts and first lists loaded.
struct PanelUnderTest
{
    Session session;
    ReconciliationPanel panel;

    PanelUnderTest(RunFixture &f, const Actor &actor) : session(f.core(), actor), panel(session)
    {
        QSignalSpy directory(&panel, &ReconciliationPanel::directoryLoaded);
        panel.resize(1280, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY(directory.count() == 1);
        QTRY_VERIFY(!pool()->model()->isLoading());
    }
    DiscrepancyPoolView *pool() const { return panel.poolView(); }
    RunsView *runs() const { return panel.runsView(); }
    // The pool's row of the discrepancy whose order (or channel) number starts with `key`.
    bool selectByKey(const QString &key)
    {
        DiscrepancyModel *model = pool()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const PoolDiscrepancy *d = model->discrepancy(row);
            if (d->matchKey.startsWith(key) || d->orderNo.startsWith(key))
                return pool()->select(d->id);
        }
        return false;
    }
    QString cell(QTableView *table, int row, int column) const
    {
        return table->model()->index(row, column).data().toString();
    }
};

// Runs the day through the panel's start box from the bill, and waits for the outcome.
bool runThroughPanel(PanelUnderTest &p, const QString &bill, EventLoopWatch *watch = nullptr)
{
    StartRunBox *box = p.panel.startRunBox();
    if (!box)
        return false;
    QSignalSpy finished(box, &StartRunBox::finished);
    box->importFile(bill);
    if (!box->isRunning())
        return false;
    const bool done = QTest::qWaitFor([&]() { return finished.count() == 1; }, 120000);
    if (watch)
        watch->stop();
    // The lists reload as the run finishes: wait for them.
    return done &&
           QTest::qWaitFor([&]() { return !p.runs()->runModel()->isLoading() && !p.pool()->model()->isLoading(); });
}

} // namespace

// The Reconciliation panel driven offscreen on both databases: a run started from a statement
// file while the GUI thread keeps turning, cancelling one, the planted discrepancies in the pool
// side by side, the maker-checker of a resolution across two operators (and the refusals it
// meets), the run diff, the drill-down to the order's story, and who sees what.
class TestReconciliationPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { gui::english(); }

    void runFromFileKeepsTheConsoleResponsive()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        const QString bill = plantDay(f, kDay, 20000);
        QVERIFY(!bill.isEmpty());
        PanelUnderTest p(f, f.finance());
        StartRunBox *box = p.panel.startRunBox();
        QVERIFY(box);
        QCOMPARE(box->dateEdit()->date(), kDay); // yesterday, T+1
        QVERIFY(box->downloadButton()->isEnabled());

        EventLoopWatch watch;
        QVERIFY(runThroughPanel(p, bill, &watch));
        qInfo("the run took %d ticks of 20 ms; the longest gap was %lld ms", watch.ticks(), watch.longestGapMs());
        // The GUI thread kept turning all through the run: never held up for 100 ms.
        QVERIFY2(watch.longestGapMs() < 100, qPrintable(QString::number(watch.longestGapMs())));
        QVERIFY2(watch.ticks() >= 3, qPrintable(QString::number(watch.ticks())));
        QVERIFY2(box->resultLabel()->text().contains(QStringLiteral("completed. Matched: 20,001; discrepancies: 7;")),
                 qPrintable(box->resultLabel()->text()));
        QVERIFY(box->downloadButton()->isEnabled());
        QVERIFY(!box->cancelButton()->isVisible());

        // The history lists the run with its counts per category, chosen, with its items below.
        QTableView *runs = p.runs()->runsTable();
        QCOMPARE(runs->model()->rowCount(), 1);
        QCOMPARE(p.cell(runs, 0, RunModel::Status), QStringLiteral("Completed"));
        QCOMPARE(p.cell(runs, 0, RunModel::Matched), QStringLiteral("20,001"));
        QCOMPARE(p.cell(runs, 0, RunModel::ChannelOnly), QStringLiteral("2"));
        QCOMPARE(p.cell(runs, 0, RunModel::AmountMismatch), QStringLiteral("1"));
        QCOMPARE(p.cell(runs, 0, RunModel::Duplicate), QStringLiteral("1"));
        QCOMPARE(p.cell(runs, 0, RunModel::StartedBy), QStringLiteral("fiona"));
        QCOMPARE(p.cell(runs, 0, RunModel::File), QFileInfo(bill).fileName());
        QCOMPARE(runs->currentIndex().row(), 0);
        QTRY_COMPARE(p.runs()->itemsTable()->model()->rowCount(), kPlantedPerDay);
        QVERIFY2(p.runs()->summaryLabel()->text().contains(QStringLiteral("Statement: 20,00")),
                 qPrintable(p.runs()->summaryLabel()->text()));

        // The pool holds the planted faults, one of each, open.
        QCOMPARE(p.pool()->model()->rowCount(), kPlantedPerDay);
        QSet<QString> categories;
        for (int row = 0; row < kPlantedPerDay; ++row)
            categories << p.pool()->model()->index(row, DiscrepancyModel::Category).data().toString();
        const QSet<QString> planted{QStringLiteral("Channel only"),    QStringLiteral("Platform only"),
                                    QStringLiteral("Amount mismatch"), QStringLiteral("Fee mismatch"),
                                    QStringLiteral("Status mismatch"), QStringLiteral("Duplicate in statement")};
        QCOMPARE(categories, planted);

        // Side by side: the amount mismatch shows both amounts, formatted, the difference marked.
        QVERIFY(p.selectByKey(QStringLiteral("AM")));
        QTableWidget *sides = p.pool()->detail()->sidesTable();
        QCOMPARE(sides->item(DiscrepancyDetailView::Amount, DiscrepancyDetailView::ChannelSide)->text(),
                 QStringLiteral("12.00"));
        QCOMPARE(sides->item(DiscrepancyDetailView::Amount, DiscrepancyDetailView::OurSide)->text(),
                 QStringLiteral("10.00"));
        QVERIFY(sides->item(DiscrepancyDetailView::Amount, DiscrepancyDetailView::OurSide)->font().bold());
        QVERIFY(sides->item(DiscrepancyDetailView::Source, DiscrepancyDetailView::ChannelSide)
                    ->text()
                    .contains(QFileInfo(bill).fileName()));
        // The missed callback: the channel's success against our unpaid order.
        QVERIFY(p.selectByKey(QStringLiteral("MC")));
        QCOMPARE(sides->item(DiscrepancyDetailView::Status, DiscrepancyDetailView::OurSide)->text(),
                 QStringLiteral("Not paid yet"));

        // Filters: by category.
        QComboBox *category = p.pool()->filterBar()->categoryCombo();
        category->setCurrentIndex(category->findData(int(DiscrepancyCategory::ChannelOnly)));
        QTRY_VERIFY(!p.pool()->model()->isLoading());
        QCOMPARE(p.pool()->model()->rowCount(), 2);

        // The chart counts the day's seven.
        QTRY_VERIFY(!p.panel.chart()->tallies().isEmpty());
        qint64 charted = 0;
        for (const DiscrepancyTally &t : p.panel.chart()->tallies())
            charted += t.billDate == kDay ? t.count : 0;
        QCOMPARE(charted, qint64(kPlantedPerDay));
        DiscrepancyChart *chart = p.panel.chart();
        QVERIFY(chart->dayText(kDay).contains(QStringLiteral("Amount mismatch: 1")));
        // Clicking the day's bar opens its discrepancies in the pool, whatever their status.
        p.panel.tabs()->setCurrentIndex(ReconciliationPanel::ChartTab);
        QCustomPlot *plot = chart->plot();
        plot->replot();
        const int day = int(chart->firstDay().daysTo(kDay));
        const QPoint bar(int(plot->xAxis->coordToPixel(day)), int(plot->yAxis->coordToPixel(1)));
        QCOMPARE(chart->dayAt(bar), kDay);
        QTest::mouseClick(plot, Qt::LeftButton, {}, bar);
        QCOMPARE(p.panel.tabs()->currentIndex(), int(ReconciliationPanel::PoolTab));
        QTRY_VERIFY(!p.pool()->model()->isLoading());
        QCOMPARE(p.pool()->model()->rowCount(), kPlantedPerDay);
        QCOMPARE(p.pool()->filterBar()->filter().from, kDay);
        QCOMPARE(p.pool()->filterBar()->filter().to, kDay);
        QVERIFY(!p.pool()->filterBar()->filter().unresolvedOnly);
    }

    void cancellingLeavesNothingWritten()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        const QString bill = plantDay(f, kDay, 30000);
        PanelUnderTest p(f, f.finance());
        StartRunBox *box = p.panel.startRunBox();
        QSignalSpy finished(box, &StartRunBox::finished);
        box->importFile(bill);
        QVERIFY(box->isRunning());
        QVERIFY(box->cancelButton()->isVisible());
        QVERIFY(!box->downloadButton()->isEnabled());
        QTest::mouseClick(box->cancelButton(), Qt::LeftButton);
        QCOMPARE(box->progressLabel()->text(), QStringLiteral("Cancelling…"));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(box->resultLabel()->text(),
                 QStringLiteral("The run was cancelled; none of its results were written."));
        QTRY_COMPARE(p.runs()->runsTable()->model()->rowCount(), 1);
        QTRY_COMPARE(p.cell(p.runs()->runsTable(), 0, RunModel::Status), QStringLiteral("Cancelled"));
        QTRY_VERIFY(!p.pool()->model()->isLoading());
        QCOMPARE(p.pool()->model()->rowCount(), 0);
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy")), qint64(0));

        // A run that cannot read its file says why.
        box->importFile(QStringLiteral("/nonexistent/statement.csv"));
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 60000);
        QVERIFY2(box->resultLabel()->text().startsWith(QStringLiteral("The run failed: ")),
                 qPrintable(box->resultLabel()->text()));
    }

    void proposeThenApproveAcrossOperators()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        const QString bill = plantDay(f, kDay, 20);
        QVERIFY(f.run(bill).ok());
        const Actor approver = f.operatorWith(QStringLiteral("april"), {Role::Approver});
        const Actor both = f.operatorWith(QStringLiteral("bob"), {Role::Finance, Role::Approver});

        // Finance proposes through the dialog: only the resolutions that fit are offered.
        PanelUnderTest finance(f, f.finance());
        DiscrepancyPoolView *pool = finance.pool();
        QVERIFY(finance.selectByKey(QStringLiteral("AM")));
        QVERIFY(pool->proposeButton()->isVisibleTo(pool));
        QVERIFY(pool->proposeButton()->isEnabled());
        QVERIFY(!pool->approveButton()->isVisibleTo(pool));
        const PoolDiscrepancy amount = *pool->current();
        QList<DiscrepancyResolution> offered;
        QSignalSpy acted(pool, &DiscrepancyPoolView::actionFinished);
        gui::whenModal(QStringLiteral("proposeResolution"), [&](QWidget *dialog) {
            auto *resolution = gui::child<QComboBox>(dialog, "resolution");
            for (int i = 0; i < resolution->count(); ++i)
                offered << DiscrepancyResolution(resolution->itemData(i).toInt());
            QVERIFY(!gui::okButton(dialog)->isEnabled()); // a note is required
            resolution->setCurrentIndex(resolution->findData(int(DiscrepancyResolution::AdjustAmount)));
            gui::type(gui::child<QPlainTextEdit>(dialog, "resolutionNote"),
                      QStringLiteral("渠道确认 12.00，工单 4711"));
            QVERIFY(gui::okButton(dialog)->isEnabled());
            gui::okButton(dialog)->click();
        });
        pool->propose();
        QTRY_COMPARE(acted.count(), 1);
        QCOMPARE(offered, resolutionsFor(amount));
        QVERIFY(offered.contains(DiscrepancyResolution::AdjustAmount));
        QVERIFY2(acted.at(0).at(0).toBool(), qPrintable(pool->messageLabel()->text()));
        QCOMPARE(pool->current()->status, DiscrepancyStatus::Proposed);
        QCOMPARE(
            pool->model()->index(finance.pool()->model()->rowOf(amount.id), DiscrepancyModel::Status).data().toString(),
            QStringLiteral("Waiting for approval"));
        QVERIFY(!pool->proposeButton()->isEnabled());

        // One who holds both roles proposes another: approving it is refused, and said so.
        PanelUnderTest self(f, both);
        QVERIFY(self.selectByKey(QStringLiteral("FM")));
        QSignalSpy selfActed(self.pool(), &DiscrepancyPoolView::actionFinished);
        ResolutionProposal fee;
        fee.discrepancyId = self.pool()->current()->id;
        fee.expectedVersion = self.pool()->current()->version;
        fee.resolution = DiscrepancyResolution::AdjustFee;
        fee.note = QStringLiteral("channel fee 0.09 confirmed");
        self.pool()->submitProposal(fee);
        QTRY_COMPARE(selfActed.count(), 1);
        QVERIFY(selfActed.at(0).at(0).toBool());
        QVERIFY(!self.pool()->approveButton()->isEnabled()); // own proposal: the button says no first
        QVERIFY(
            self.pool()->findChild<QLabel *>(QStringLiteral("poolHint"))->text().contains(QStringLiteral("another")));
        self.pool()->approve(true);
        QTRY_COMPARE(selfActed.count(), 2);
        QCOMPARE(selfActed.at(1).at(0).toBool(), false);
        QCOMPARE(self.pool()->messageLabel()->text(),
                 QStringLiteral("You proposed this resolution yourself: another approver must approve or reject it."));
        QCOMPARE(self.pool()->current()->status, DiscrepancyStatus::Proposed);

        // The approver approves finance's proposal; the ledger entry is posted.
        PanelUnderTest checker(f, approver);
        QVERIFY(!checker.panel.startRunBox());
        QVERIFY(!checker.pool()->proposeButton()->isVisibleTo(checker.pool()));
        QVERIFY(checker.selectByKey(QStringLiteral("AM")));
        QVERIFY(checker.pool()->approveButton()->isEnabled());
        QSignalSpy checked(checker.pool(), &DiscrepancyPoolView::actionFinished);
        checker.pool()->approve(true);
        QTRY_COMPARE(checked.count(), 1);
        QVERIFY2(checked.at(0).at(0).toBool(), qPrintable(checker.pool()->messageLabel()->text()));
        QCOMPARE(checker.pool()->current()->status, DiscrepancyStatus::Resolved);
        QVERIFY(checker.pool()->current()->ledgerEntryId != 0);
        QVERIFY(checker.pool()->detail()->poolLabel()->text().contains(QStringLiteral("april")));

        // Finance's view is stale now: acting on it is told why, and the row is read again.
        QVERIFY(self.selectByKey(QStringLiteral("AM")));
        QCOMPARE(self.pool()->current()->status, DiscrepancyStatus::Proposed); // as it was loaded
        self.pool()->reject(QStringLiteral("too late"));
        QTRY_COMPARE(selfActed.count(), 3);
        QCOMPARE(selfActed.at(2).at(0).toBool(), false);
        QVERIFY2(self.pool()->messageLabel()->text().startsWith(QStringLiteral("Another operator changed")) ||
                     self.pool()->messageLabel()->text().startsWith(QStringLiteral("The discrepancy's status")),
                 qPrintable(self.pool()->messageLabel()->text()));
        QTRY_COMPARE(self.pool()->current()->status, DiscrepancyStatus::Resolved);

        // Rejecting asks why; the discrepancy opens again.
        QVERIFY(checker.selectByKey(QStringLiteral("FM")));
        checker.pool()->reject(QStringLiteral("the fee table says 0.06"));
        QTRY_COMPARE(checked.count(), 2);
        QVERIFY(checked.at(1).at(0).toBool());
        QCOMPARE(checker.pool()->current()->status, DiscrepancyStatus::Open);
        QCOMPARE(checker.pool()->current()->rejectReason, QStringLiteral("the fee table says 0.06"));
    }

    void parkedMoneyIsAssignedToAMerchant()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        QVERIFY(f.run(plantDay(f, kDay, 5)).ok());
        const Actor approver = f.operatorWith(QStringLiteral("april"), {Role::Approver});
        PanelUnderTest finance(f, f.finance());
        PanelUnderTest checker(f, approver);
        DiscrepancyPoolView *pool = finance.pool();
        QSignalSpy acted(pool, &DiscrepancyPoolView::actionFinished);
        QSignalSpy checked(checker.pool(), &DiscrepancyPoolView::actionFinished);

        // The channel has money nobody here ordered: park it first.
        QVERIFY(finance.selectByKey(QStringLiteral("CO")));
        QCOMPARE(pool->current()->category, DiscrepancyCategory::ChannelOnly);
        QVERIFY(resolutionsFor(*pool->current()).contains(DiscrepancyResolution::ParkInSuspense));
        ResolutionProposal park;
        park.discrepancyId = pool->current()->id;
        park.expectedVersion = pool->current()->version;
        park.resolution = DiscrepancyResolution::ParkInSuspense;
        park.note = QStringLiteral("unknown payer, parked while we ask the channel");
        pool->submitProposal(park);
        QTRY_COMPARE(acted.count(), 1);
        QVERIFY2(acted.at(0).at(0).toBool(), qPrintable(pool->messageLabel()->text()));
        checker.pool()->reload();
        QTRY_VERIFY(!checker.pool()->model()->isLoading());
        QVERIFY(checker.pool()->select(park.discrepancyId));
        checker.pool()->approve(true);
        QTRY_COMPARE(checked.count(), 1);
        QVERIFY2(checked.at(0).at(0).toBool(), qPrintable(checker.pool()->messageLabel()->text()));
        QCOMPARE(checker.pool()
                     ->model()
                     ->index(checker.pool()->model()->rowOf(park.discrepancyId), DiscrepancyModel::Status)
                     .data()
                     .toString(),
                 QStringLiteral("Parked in suspense"));

        // The follow-up: the dialog asks for the merchant before it lets the proposal go.
        pool->filterBar()->statusCombo()->setCurrentIndex(1); // all statuses: parked ones are resolved
        QTRY_VERIFY(!pool->model()->isLoading());
        QVERIFY(pool->select(park.discrepancyId));
        QVERIFY(pool->proposeButton()->isEnabled());
        gui::whenModal(QStringLiteral("proposeResolution"), [&](QWidget *dialog) {
            auto *resolution = gui::child<QComboBox>(dialog, "resolution");
            QVERIFY(resolution->findData(int(DiscrepancyResolution::ParkInSuspense)) < 0);
            resolution->setCurrentIndex(resolution->findData(int(DiscrepancyResolution::AssignToMerchant)));
            auto *merchant = gui::child<QComboBox>(dialog, "resolutionMerchant");
            QVERIFY(merchant->isVisible());
            gui::type(gui::child<QPlainTextEdit>(dialog, "resolutionNote"), QStringLiteral("M1 confirmed the sale"));
            QVERIFY(!gui::okButton(dialog)->isEnabled()); // no merchant yet
            merchant->setCurrentIndex(merchant->findData(QStringLiteral("M1")));
            QVERIFY(gui::okButton(dialog)->isEnabled());
            gui::okButton(dialog)->click();
        });
        pool->propose();
        QTRY_COMPARE(acted.count(), 2);
        QVERIFY2(acted.at(1).at(0).toBool(), qPrintable(pool->messageLabel()->text()));
        QCOMPARE(pool->current()->assignMerchantNo, QStringLiteral("M1"));
        QVERIFY(pool->detail()->poolLabel()->text().contains(QStringLiteral("M1")));
        checker.pool()->reload();
        QTRY_VERIFY(!checker.pool()->model()->isLoading());
        QVERIFY(checker.pool()->select(park.discrepancyId));
        checker.pool()->approve(true);
        QTRY_COMPARE(checked.count(), 2);
        QVERIFY2(checked.at(1).at(0).toBool(), qPrintable(checker.pool()->messageLabel()->text()));
        QCOMPARE(checker.pool()->current()->status, DiscrepancyStatus::Resolved);
        QCOMPARE(checker.pool()->current()->resolution, std::optional(DiscrepancyResolution::AssignToMerchant));
    }

    void runDiffShowsWhatChanged()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        const QString bill = plantDay(f, kDay, 20);
        QVERIFY(f.run(bill).ok());
        // The channel sends the day again with the platform-only order listed: a new run.
        QList<StatementLine> lines;
        for (int n = 1; n <= 20; ++n)
            lines << RunFixture::line(order(QStringLiteral("OK1103-%1").arg(n), kDay));
        lines << RunFixture::line(order(QStringLiteral("PO1103-1"), kDay));
        QVERIFY(f.run(f.writeBill(QStringLiteral("bill-again.csv"), lines)).ok());

        PanelUnderTest p(f, f.finance());
        QTRY_COMPARE(p.runs()->runsTable()->model()->rowCount(), 2);
        QVERIFY(p.cell(p.runs()->runsTable(), 1, RunModel::Status).contains(QStringLiteral("superseded")));
        p.runs()->runsTable()->setCurrentIndex(p.runs()->runsTable()->model()->index(0, 0));
        RunDiffView *diff = p.panel.diffView();
        QSignalSpy runsLoaded(diff, &RunDiffView::runsLoaded);
        QTRY_VERIFY(p.runs()->compareButton()->isEnabled());
        runsLoaded.clear(); // the day's runs as the click asks for them
        QTest::mouseClick(p.runs()->compareButton(), Qt::LeftButton);
        QCOMPARE(p.panel.tabs()->currentIndex(), int(ReconciliationPanel::DiffTab));
        QTRY_VERIFY(runsLoaded.count() >= 1);
        QCOMPARE(diff->newerCombo()->count(), 2);
        QVERIFY(diff->compareButton()->isEnabled());
        QSignalSpy compared(diff, &RunDiffView::compared);
        QTest::mouseClick(diff->compareButton(), Qt::LeftButton);
        QTRY_COMPARE(compared.count(), 1);
        QVERIFY2(compared.at(0).at(0).toBool(), qPrintable(diff->summaryLabel()->text()));
        QVERIFY(diff->summaryLabel()->text().contains(QStringLiteral("different statement files")));
        bool found = false;
        for (int row = 0; row < diff->model()->rowCount(); ++row) {
            const RunDiffLine *line = diff->model()->line(row);
            if (line->orderNo != QLatin1String("PO1103-1"))
                continue;
            found = true;
            QCOMPARE(line->olderCategory, std::optional(DiscrepancyCategory::PlatformOnly));
            QCOMPARE(line->newerCategory, std::nullopt);
            QCOMPARE(diff->model()->index(row, RunDiffModel::OlderCategory).data().toString(),
                     QStringLiteral("Platform only"));
            QCOMPARE(diff->model()->index(row, RunDiffModel::NewerCategory).data().toString(),
                     QStringLiteral("Matched"));
            QCOMPARE(diff->model()->index(row, RunDiffModel::Cause).data().toString(),
                     QStringLiteral("Another statement file"));
        }
        QVERIFY(found);
    }

    void drillDownOpensTheOrdersStory()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        QVERIFY(f.run(plantDay(f, kDay, 5)).ok());
        Session session(f.core(), f.finance());
        MainWindow window(session);
        ReconciliationPanel *panel = window.reconciliationPanel();
        QVERIFY(panel);
        QVERIFY(window.showPanel(panel->objectName()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(panel->poolView()->model()->rowCount() == kPlantedPerDay);
        DiscrepancyModel *model = panel->poolView()->model();
        QString orderNo;
        for (int row = 0; row < model->rowCount() && orderNo.isEmpty(); ++row) {
            if (model->discrepancy(row)->orderNo.startsWith(QLatin1String("AM")))
                orderNo = model->discrepancy(row)->orderNo;
        }
        QVERIFY(orderNo.startsWith(QLatin1String("AM")));
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->discrepancy(row)->orderNo == orderNo)
                QVERIFY(panel->poolView()->select(model->discrepancy(row)->id));
        }
        QVERIFY(panel->poolView()->openOrderButton()->isEnabled());
        QTest::mouseClick(panel->poolView()->openOrderButton(), Qt::LeftButton);
        TransactionsPanel *transactions = window.transactionsPanel();
        QCOMPARE(window.navigation()->currentItem()->text(), QStringLiteral("Transactions"));
        QTRY_VERIFY(transactions->isVisible());
        QCOMPARE(transactions->filterBar()->idField()->text(), orderNo);
        QTRY_COMPARE(transactions->resultsModel()->rowCount(), 1);
        // The story names what reconciliation found in words, not the core's codes.
        transactions->resultsView()->setCurrentIndex(transactions->resultsModel()->index(0, 0));
        auto *timeline = transactions->storyView()->findChild<QTreeWidget *>(QStringLiteral("storyTimeline"));
        QVERIFY(timeline);
        const auto hasLine = [timeline](const QString &kind, const QString &result) {
            for (int i = 0; i < timeline->topLevelItemCount(); ++i) {
                const QTreeWidgetItem *line = timeline->topLevelItem(i);
                if (line->text(1) == kind && line->text(2) == result)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY(hasLine(QStringLiteral("Discrepancy found"),
                            ReconciliationText::category(DiscrepancyCategory::AmountMismatch)));
        QVERIFY(hasLine(QStringLiteral("Reconciliation run"),
                        ReconciliationText::category(DiscrepancyCategory::AmountMismatch)));
    }

    void rolesDecideWhatIsShown()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        QVERIFY(f.run(plantDay(f, kDay, 5)).ok());

        // Support has no recon.view: no panel at all.
        {
            Session support(f.core(), f.operatorWith(QStringLiteral("sam"), {Role::Support}));
            MainWindow window(support);
            QVERIFY(!window.reconciliationPanel());
            QVERIFY(!window.findChild<ReconciliationPanel *>());
        }
        // The auditor reads everything and has no button that acts.
        const Actor auditor = f.operatorWith(QStringLiteral("audrey"), {Role::Auditor});
        PanelUnderTest p(f, auditor);
        QVERIFY(!p.panel.startRunBox());
        QCOMPARE(p.pool()->model()->rowCount(), kPlantedPerDay);
        QVERIFY(p.pool()->select(p.pool()->model()->discrepancy(0)->id));
        QVERIFY(!p.pool()->proposeButton()->isVisibleTo(p.pool()));
        QVERIFY(!p.pool()->approveButton()->isVisibleTo(p.pool()));
        QVERIFY(!p.pool()->rejectButton()->isVisibleTo(p.pool()));
        QVERIFY(p.pool()->openOrderButton()->isVisibleTo(p.pool())); // reading the story is reading
        QTRY_COMPARE(p.runs()->runsTable()->model()->rowCount(), 1);
        // Finance, approver and auditor see the panel in the navigation.
        for (const QSet<Role> &roles : {QSet<Role>{Role::Finance}, QSet<Role>{Role::Approver}}) {
            Session session(f.core(), f.operatorWith(QStringLiteral("op%1").arg(int(*roles.begin())), roles));
            MainWindow window(session);
            QVERIFY(window.reconciliationPanel());
        }
    }

    // The demo platform as its finance operator opens the panel: the reconciled days in the
    // history, the planted day's discrepancies (one of each category) waiting in the pool and
    // counted in the chart. Pictures of it in both languages (SQLite).
    void demoPlatformAsFinanceSeesIt()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        gui::WaitForWorkers workers;
        QTemporaryDir sandboxKeys;
        PaydeskCore core(db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 1;
        options.onboarding.sandboxDirectory = sandboxKeys.path();
        options.historyOrders = 600;
        options.historyDays = 4;
        auto demo = DemoSetup::create(core, options);
        QVERIFY2(demo, qPrintable(demo ? QString() : demo.error().message()));
        auto finance =
            core.operators().authenticate(QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword), {});
        QVERIFY(finance);
        Session session(core, finance->actor);
        MainWindow window(session);
        ReconciliationPanel *panel = window.reconciliationPanel();
        QVERIFY(panel);
        QVERIFY(window.showPanel(panel->objectName()));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTRY_VERIFY(panel->runsView()->runModel()->rowCount() >= 4 * options.historyDays &&
                    !panel->runsView()->runModel()->isLoading());
        DiscrepancyPoolView *pool = panel->poolView();
        QTRY_VERIFY(!pool->model()->isLoading() && pool->model()->rowCount() > 0);
        QSet<DiscrepancyCategory> categories;
        for (int row = 0; row < pool->model()->rowCount(); ++row) {
            if (pool->model()->discrepancy(row)->billDate == demo->reconciliation.plantedDay)
                categories << pool->model()->discrepancy(row)->category;
        }
        QCOMPARE(categories, (QSet<DiscrepancyCategory>{
                                 DiscrepancyCategory::ChannelOnly, DiscrepancyCategory::PlatformOnly,
                                 DiscrepancyCategory::AmountMismatch, DiscrepancyCategory::StatusMismatch,
                                 DiscrepancyCategory::FeeMismatch, DiscrepancyCategory::DuplicateInStatement}));
        QTRY_VERIFY(!panel->chart()->tallies().isEmpty());
        QVERIFY(panel->chart()->dayText(demo->reconciliation.plantedDay).contains(QStringLiteral("Fee mismatch: 1")));
        // The amount mismatch side by side: one yuan apart, and both sides' amounts from the pool.
        for (int row = 0; row < pool->model()->rowCount(); ++row) {
            if (pool->model()->discrepancy(row)->category == DiscrepancyCategory::AmountMismatch)
                QVERIFY(pool->select(pool->model()->discrepancy(row)->id));
        }
        QVERIFY(pool->proposeButton()->isEnabled());
        QTableWidget *sides = pool->detail()->sidesTable();
        QVERIFY(sides->item(DiscrepancyDetailView::Amount, DiscrepancyDetailView::ChannelSide)->font().bold());

        if (backend != QLatin1String("sqlite"))
            return;
        for (const char *language : {"en", "zh_CN"}) {
            window.setLanguage(QString::fromLatin1(language));
            for (int tab : {int(ReconciliationPanel::RunsTab), int(ReconciliationPanel::PoolTab)}) {
                panel->tabs()->setCurrentIndex(tab);
                QTest::qWait(100);
                gui::screenshot(window, QStringLiteral("recon-demo-%1-%2")
                                            .arg(QLatin1String(language), tab == ReconciliationPanel::RunsTab
                                                                              ? QStringLiteral("runs")
                                                                              : QStringLiteral("pool")));
            }
        }
        window.setLanguage(QStringLiteral("en"));
    }

    // Pictures for people to look at (PAYDESK_SCREENSHOT_DIR or build/test-artifacts): every tab
    // in English and Chinese at two window sizes, a run under way, and the propose dialog.
    void renderForPeople()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("the pictures come from one backend");
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        gui::WaitForWorkers workers;
        // Twelve days with a varying mix of faults, each reconciled.
        const QStringList kinds{QStringLiteral("CO"), QStringLiteral("PO"), QStringLiteral("AM"),
                                QStringLiteral("FM"), QStringLiteral("SM"), QStringLiteral("DU")};
        for (int back = 11; back >= 0; --back) {
            const QDate day = kDay.addDays(-back);
            QStringList only;
            for (int k = 0; k < kinds.size(); ++k) {
                if ((back * 7 + k * 3) % 5 < 2 + back % 3)
                    only << kinds[k];
            }
            if (only.isEmpty())
                only << kinds[back % kinds.size()];
            ReconciliationRunRequest request = RunFixture::request(plantDay(f, day, 40, {}, only), day);
            QVERIFY(f.service().run(f.finance(), request).ok());
        }
        // The last day again from the channel's corrected bill: the right amount, the duplicate gone.
        QList<StatementLine> corrected;
        for (int n = 1; n <= 40; ++n)
            corrected << RunFixture::line(order(QStringLiteral("OK1103-%1").arg(n), kDay));
        corrected << RunFixture::line(order(QStringLiteral("CO1103-1"), kDay))
                  << RunFixture::line(order(QStringLiteral("AM1103-1"), kDay))
                  << RunFixture::line(order(QStringLiteral("DU1103-1"), kDay));
        QVERIFY(f.run(f.writeBill(QStringLiteral("bill-1103-corrected.csv"), corrected)).ok());
        const QString big = plantDay(f, kDay.addDays(-20), 30000);
        Session session(f.core(), f.operatorWith(QStringLiteral("bob"), {Role::Finance, Role::Approver}));
        MainWindow window(session);
        ReconciliationPanel *panel = window.reconciliationPanel();
        QVERIFY(window.showPanel(panel->objectName()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(panel->runsView()->runsTable()->model()->rowCount() == 13);
        QTRY_VERIFY(!panel->chart()->tallies().isEmpty());

        // One proposal waiting, chosen in the pool.
        DiscrepancyPoolView *pool = panel->poolView();
        QTRY_VERIFY(pool->model()->rowCount() > 0);
        QSignalSpy acted(pool, &DiscrepancyPoolView::actionFinished);
        QVERIFY(pool->select(pool->model()->discrepancy(0)->id));
        for (int row = 0; row < pool->model()->rowCount(); ++row) {
            if (pool->model()->discrepancy(row)->category == DiscrepancyCategory::AmountMismatch)
                QVERIFY(pool->select(pool->model()->discrepancy(row)->id));
        }
        ResolutionProposal proposal;
        proposal.discrepancyId = pool->current()->id;
        proposal.expectedVersion = pool->current()->version;
        proposal.resolution = DiscrepancyResolution::AdjustAmount;
        proposal.note = QStringLiteral("渠道确认金额 12.00，工单 4711");
        pool->submitProposal(proposal);
        QTRY_COMPARE(acted.count(), 1);
        panel->runsView()->runsTable()->setCurrentIndex(panel->runsView()->runsTable()->model()->index(0, 0));
        QTRY_VERIFY(panel->runsView()->itemsTable()->model()->rowCount() > 0);
        QSignalSpy dayRuns(panel->diffView(), &RunDiffView::runsLoaded);
        panel->diffView()->setDay(f.account().channelAccountId, kDay);
        QTRY_VERIFY(dayRuns.count() >= 1);
        QSignalSpy compared(panel->diffView(), &RunDiffView::compared);
        panel->diffView()->compare();
        QTRY_COMPARE(compared.count(), 1);

        const QList<QSize> sizes{QSize(1440, 900), QSize(1024, 768)};
        const char *tabs[] = {"runs", "pool", "chart", "diff"};
        for (const char *language : {"en", "zh_CN"}) {
            window.setLanguage(QString::fromLatin1(language));
            QCoreApplication::processEvents();
            for (const QSize &size : sizes) {
                window.resize(size);
                for (int tab = 0; tab < 4; ++tab) {
                    panel->tabs()->setCurrentIndex(tab);
                    QTest::qWait(100);
                    // The panel fits the window operators use; it never forces it wider.
                    QVERIFY2(window.size() == size, qPrintable(QStringLiteral("tab %1: %2 px wide, %3 asked")
                                                                   .arg(tab)
                                                                   .arg(window.width())
                                                                   .arg(window.minimumSizeHint().width())));
                    gui::screenshot(window, QStringLiteral("recon-%1-%2x%3-%4")
                                                .arg(QLatin1String(language))
                                                .arg(size.width())
                                                .arg(size.height())
                                                .arg(QLatin1String(tabs[tab])));
                }
            }
            // The propose dialog, for the amount mismatch of another day.
            panel->tabs()->setCurrentIndex(ReconciliationPanel::PoolTab);
            for (int row = 0; row < pool->model()->rowCount(); ++row) {
                const PoolDiscrepancy *d = pool->model()->discrepancy(row);
                if (d->category == DiscrepancyCategory::ChannelOnly && d->status == DiscrepancyStatus::Open)
                    QVERIFY(pool->select(d->id));
            }
            gui::whenModal(QStringLiteral("proposeResolution"), [language](QWidget *dialog) {
                QTest::qWait(100);
                gui::screenshot(*dialog, QStringLiteral("recon-%1-propose").arg(QLatin1String(language)));
                QMetaObject::invokeMethod(dialog, "reject");
            });
            pool->propose();
            // A run under way: its phase, lines and the Cancel button; then cancelled.
            panel->tabs()->setCurrentIndex(ReconciliationPanel::RunsTab);
            StartRunBox *box = panel->startRunBox();
            QSignalSpy finished(box, &StartRunBox::finished);
            box->dateEdit()->setDate(kDay.addDays(-20));
            box->importFile(big);
            // At once, so that the cancel comes long before the run could finish.
            gui::screenshot(window, QStringLiteral("recon-%1-running").arg(QLatin1String(language)));
            box->cancel();
            QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        }
        window.setLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TestReconciliationPanel)
#include "tst_reconciliationpanel.moc"
