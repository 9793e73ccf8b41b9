#include "MockClock.h"
#include "TestDatabase.h"
#include "Translations.h"
#include "demo/DemoLedger.h"
#include "ledger/LedgerAccounts.h"
#include "ledger/LedgerPanel.h"
#include "ledger/TrialBalanceModel.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

class TestLedgerPanel : public QObject
{
    Q_OBJECT

private:
    static void screenshot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PAYDESK_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void showsBalancedTrialBalance()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        MockClock clock(QDateTime::currentDateTimeUtc());
        auto demo = DemoLedger(db.database(), clock).generate(DemoLedger::Options{10, 6, 6, 3});
        QVERIFY2(demo.ok(), qPrintable(demo.error().message()));

        MainWindow window(db.shared());
        window.resize(1200, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LedgerPanel *panel = window.ledgerPanel();
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() > 0, 20000);
        // Every account of the chart is listed.
        QCOMPARE(panel->model()->rowCount(), int(LedgerAccounts::list(db.database())->size()));
        QVERIFY(panel->model()->rowCount() >= 18);
        auto *totals = panel->findChild<QLabel *>(QStringLiteral("totalsLabel"));
        QTRY_VERIFY(totals->text().contains(QStringLiteral("balanced")));
        QVERIFY(totals->text().startsWith(QStringLiteral("CNY: debits ")));
        QVERIFY(!totals->text().contains(QStringLiteral("NOT")));
        // Amounts are grouped for people: "1,234.56".
        bool grouped = false;
        for (int row = 0; row < panel->model()->rowCount(); ++row) {
            const QString debit = panel->model()->index(row, TrialBalanceModel::DebitColumn).data().toString();
            grouped = grouped || debit.contains(QLatin1Char(','));
        }
        QVERIFY(grouped);
        screenshot(window, QStringLiteral("ledger-en-") + backend);

        // Before the first business day every balance is zero.
        auto *latest = panel->findChild<QCheckBox *>(QStringLiteral("latestCheck"));
        auto *asOf = panel->findChild<QDateEdit *>(QStringLiteral("asOfDate"));
        QSignalSpy loaded(panel, &LedgerPanel::loaded);
        asOf->setDate(clock.businessDate().addDays(-40));
        latest->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && !panel->model()->trialBalance().asOf.isNull(), 20000);
        QTRY_COMPARE(panel->model()->trialBalance().asOf, clock.businessDate().addDays(-40));
        for (int row = 0; row < panel->model()->rowCount(); ++row)
            QVERIFY(panel->model()->index(row, TrialBalanceModel::DebitColumn).data().toString().isEmpty());
    }

    void switchesToChinese()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        MockClock clock(QDateTime::currentDateTimeUtc());
        QVERIFY(DemoLedger(db.database(), clock).generate(DemoLedger::Options{5, 3, 4, 5}).ok());
        MainWindow window(db.shared());
        window.resize(1200, 700);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.ledgerPanel()->model()->rowCount() > 0, 20000);
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QVERIFY(Translations::install(QLocale(QLocale::Chinese, QLocale::China)));
        QCoreApplication::processEvents();
        QCOMPARE(window.ledgerPanel()->model()->headerData(TrialBalanceModel::DebitColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("借方"));
        QCOMPARE(window.findChild<QListWidget *>(QStringLiteral("navigation"))->item(0)->text(), QStringLiteral("账务"));
        QTRY_VERIFY(window.ledgerPanel()->findChild<QLabel *>(QStringLiteral("totalsLabel"))->text().contains(QStringLiteral("平衡")));
        QTest::qWait(200);
        screenshot(window, QStringLiteral("ledger-zh-") + backend);
    }
};

QTEST_MAIN(TestLedgerPanel)
#include "tst_ledgerpanel.moc"
