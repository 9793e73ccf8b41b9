#include "core/storage/Sql.h"
#include "demo/DemoLedger.h"
#include "i18n/Translations.h"
#include "tests/support/CoreFixture.h"
#include "tests/support/LedgerFixtures.h"
#include "widgets/audit/AuditModel.h"
#include "widgets/audit/AuditPanel.h"
#include "widgets/common/Session.h"
#include "widgets/ledger/BalancesView.h"
#include "widgets/ledger/JournalModel.h"
#include "widgets/ledger/JournalPanel.h"
#include "widgets/ledger/LedgerPanel.h"
#include "widgets/ledger/TrialBalanceModel.h"
#include "widgets/operators/OperatorModel.h"
#include "widgets/operators/OperatorsPanel.h"
#include "widgets/shell/FirstRunDialog.h"
#include "widgets/shell/IdleWatcher.h"
#include "widgets/shell/LoginDialog.h"
#include "widgets/shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// The console driven as a person would, offscreen: every panel is also rendered to PNG in
// build/test-artifacts for a human to look at.
class TestConsole : public QObject
{
    Q_OBJECT

private:
    static void screenshot(QWidget &widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PAYDESK_SCREENSHOT_DIR", QStringLiteral(PAYDESK_ARTIFACT_DIR));
        QDir().mkpath(dir);
        QVERIFY(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }
    // Answers the next modal dialog once it is up.
    template <typename Fill> static void whenModal(Fill fill)
    {
        QTimer::singleShot(0, [fill]() {
            QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
            fill(QApplication::activeModalWidget());
        });
    }
    static void english()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PaydeskTests"));
        QSettings().clear();
    }
    void init() { english(); }

    void firstRunCreatesAdministratorAndVault()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        FirstRunDialog dialog(f.core());
        dialog.show();
        auto *ok = dialog.findChild<QLineEdit *>(QStringLiteral("firstAdminUsername"));
        QTest::keyClicks(ok, QStringLiteral("chief"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("firstAdminPassword")),
                         QStringLiteral("Strong-Pass-123"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("firstAdminConfirm")),
                         QStringLiteral("Strong-Pass-124"));
        QVERIFY(
            dialog.findChild<QLabel *>(QStringLiteral("firstRunMessage"))->text().contains(QStringLiteral("differ")));
        dialog.findChild<QLineEdit *>(QStringLiteral("firstAdminConfirm"))->setText(QStringLiteral("Strong-Pass-123"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("masterPassphrase")),
                         QStringLiteral("the master passphrase"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("masterPassphraseConfirm")),
                         QStringLiteral("the master passphrase"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("firstRunMessage"))->text().isEmpty());
        screenshot(dialog, QStringLiteral("first-run-") + backend);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.login().actor.name(), QStringLiteral("chief"));
        QVERIFY(f.core().vault().isInitialized().value());
        QVERIFY(f.core().vault().isUnlocked());
        QCOMPARE(f.core().settings().value(Settings::Environment).value(), QStringLiteral("production"));
    }

    void loginSuccessFailureAndLockout()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        LoginDialog dialog(f.core(), QStringLiteral("test"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
        QTest::keyClicks(dialog.usernameEdit(), QStringLiteral("admin"));
        for (int attempt = 1; attempt <= 10; ++attempt) {
            dialog.passwordEdit()->setText(QStringLiteral("wrong-%1").arg(attempt));
            QTest::mouseClick(button, Qt::LeftButton);
            QTRY_VERIFY(button->isEnabled());
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
        }
        QVERIFY2(dialog.messageLabel()->text().contains(QStringLiteral("locked until")),
                 qPrintable(dialog.messageLabel()->text()));
        screenshot(dialog, QStringLiteral("login-locked-") + backend);
        dialog.passwordEdit()->setText(QString::fromLatin1(CoreFixture::kAdminPassword));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(button->isEnabled());
        QVERIFY(dialog.messageLabel()->text().contains(QStringLiteral("locked until")));
        f.clock().advanceSeconds(31 * 60);
        dialog.passwordEdit()->setText(QStringLiteral("still-wrong"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(button->isEnabled());
        QCOMPARE(dialog.messageLabel()->text(), QStringLiteral("Wrong user name or password"));
        dialog.passwordEdit()->setText(QString::fromLatin1(CoreFixture::kAdminPassword));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.login().actor.name(), QStringLiteral("admin"));
    }

    void navigationFollowsRoles()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        QVERIFY(
            f.core().operators().setRoles(admin, admin.operatorId(), {Role::Admin, Role::Finance, Role::Auditor}).ok());
        const Actor everything =
            f.core()
                .operators()
                .authenticate(QStringLiteral("admin"), QString::fromLatin1(CoreFixture::kAdminPassword), {})
                ->actor;
        const QString ledger = QStringLiteral("Ledger"), merchants = QStringLiteral("Merchants"),
                      review = QStringLiteral("Review queue"), applications = QStringLiteral("Applications"),
                      channels = QStringLiteral("Channel accounts"), fees = QStringLiteral("Fee rates & templates"),
                      routing = QStringLiteral("Routing rules"), transactions = QStringLiteral("Transactions"),
                      refunds = QStringLiteral("Refunds & notifications"),
                      reconciliation = QStringLiteral("Reconciliation"), audit = QStringLiteral("Audit log"),
                      operators = QStringLiteral("Operators & roles");
        const struct
        {
            Actor actor;
            QStringList panels;
        } cases[] = {
            {everything,
             {ledger, merchants, applications, channels, fees, routing, transactions, refunds, reconciliation, audit,
              operators}},
            {f.operatorWith(QStringLiteral("fiona"), {Role::Finance}),
             {ledger, merchants, applications, channels, fees, routing, transactions, refunds, reconciliation}},
            {f.operatorWith(QStringLiteral("audrey"), {Role::Auditor}),
             {ledger, merchants, applications, channels, fees, routing, transactions, refunds, reconciliation, audit,
              operators}},
            {f.operatorWith(QStringLiteral("sam"), {Role::Support}),
             {merchants, applications, channels, fees, routing, transactions, refunds}},
            {f.operatorWith(QStringLiteral("olga"), {Role::Onboarding}),
             {merchants, review, applications, channels, fees, routing}},
        };
        for (const auto &c : cases) {
            Session session(f.core(), c.actor);
            MainWindow window(session);
            QStringList shown;
            for (int i = 0; i < window.navigation()->count(); ++i)
                shown << window.navigation()->item(i)->text();
            QCOMPARE(shown, c.panels);
            QVERIFY(window.findChild<QLabel *>(QStringLiteral("operatorStatus"))->text().contains(c.actor.name()));
        }
    }

    void ledgerShowsPostedEntryAndSwitchesLanguage()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        f.clock().set(QDateTime::currentDateTimeUtc());
        QVERIFY(DemoLedger(f.core().database(), f.clock()).generate(DemoLedger::Options{10, 6, 8, 11}).ok());
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        auto posted = f.core().ledger().post(
            finance, {paymentEntry(QStringLiteral("ORD-88"), QStringLiteral("M1001"), QStringLiteral("wx_shared01"),
                                   "88.00", "0.22", "0.53", f.clock().businessDate())});
        QVERIFY2(posted.ok(), qPrintable(posted.error().message()));

        Session session(f.core(), finance);
        MainWindow window(session);
        window.resize(1280, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LedgerPanel *ledger = window.ledgerPanel();
        QVERIFY(ledger);
        QAbstractItemModelTester balancesTester(ledger->balances()->model(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(ledger->balances()->model()->rowCount() > 10, 20000);
        QTRY_VERIFY(
            ledger->findChild<QLabel *>(QStringLiteral("totalsLabel"))->text().contains(QStringLiteral("balanced")));
        screenshot(window, QStringLiteral("ledger-balances-") + backend);

        ledger->tabs()->setCurrentWidget(ledger->journal());
        JournalModel *journal = ledger->journal()->model();
        QAbstractItemModelTester journalTester(journal, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(journal->rowCount() > 0 && !journal->isLoading(), 20000);
        QCOMPARE(journal->index(0, JournalModel::ReferenceColumn).data().toString(), QStringLiteral("ORD-88"));
        QCOMPARE(journal->index(0, JournalModel::AmountColumn).data().toString(), QStringLiteral("88.00 CNY"));
        // Pages arrive one after another as the list scrolls, until the journal is complete.
        QSignalSpy pages(journal, &JournalModel::pageLoaded);
        auto *table = ledger->journal()->findChild<QTableView *>(QStringLiteral("journalTable"));
        QTRY_VERIFY_WITH_TIMEOUT(([&]() {
                                     table->scrollToBottom();
                                     return journal->isComplete() && !journal->isLoading();
                                 }()),
                                 30000);
        const qint64 entries =
            Sql::scalar(f.core().database().connection().value(), QStringLiteral("SELECT count(*) FROM journal_entry"))
                ->toLongLong();
        QCOMPARE(qint64(journal->rowCount()), entries);
        QVERIFY(entries > 3 * JournalModel::PageSize);
        for (int row = 1; row < journal->rowCount(); ++row)
            QVERIFY(journal->index(row - 1, 0).data().toLongLong() > journal->index(row, 0).data().toLongLong());
        // The entry's lines.
        table->setCurrentIndex(journal->index(0, 0));
        auto *lines = ledger->journal()->findChild<QTableWidget *>(QStringLiteral("entryLines"));
        QTRY_COMPARE(lines->rowCount(), 4);
        QCOMPARE(lines->item(0, 0)->text(), QStringLiteral("channel_receivable:wx_shared01"));
        QCOMPARE(lines->item(0, 2)->text(), QStringLiteral("87.78"));
        QCOMPARE(lines->item(2, 3)->text(), QStringLiteral("87.47"));
        // Filters: a reference fragment and an amount range.
        ledger->journal()->findChild<QLineEdit *>(QStringLiteral("referenceFilter"))->setText(QStringLiteral("ord-8"));
        ledger->journal()->findChild<QLineEdit *>(QStringLiteral("minAmount"))->setText(QStringLiteral("80"));
        ledger->journal()->findChild<QLineEdit *>(QStringLiteral("maxAmount"))->setText(QStringLiteral("90.00"));
        QTest::mouseClick(ledger->journal()->findChild<QPushButton *>(QStringLiteral("applyFilterButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(journal->isComplete() && !journal->isLoading());
        QCOMPARE(journal->rowCount(), 1);
        screenshot(window, QStringLiteral("ledger-journal-") + backend);

        // Switch to Chinese at runtime: visible texts change.
        window.findChild<QAction *>(QStringLiteral("chineseAction"))->trigger();
        QCoreApplication::processEvents();
        QCOMPARE(window.navigation()->item(0)->text(), QStringLiteral("账务"));
        QCOMPARE(ledger->tabs()->tabText(1), QStringLiteral("日记账"));
        QCOMPARE(journal->headerData(JournalModel::AmountColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("金额"));
        QCOMPARE(journal->index(0, JournalModel::KindColumn).data().toString(), QStringLiteral("支付"));
        QVERIFY(window.windowTitle().contains(QStringLiteral("控制台")));
        QTest::qWait(100);
        screenshot(window, QStringLiteral("ledger-journal-zh-") + backend);
        window.findChild<QAction *>(QStringLiteral("englishAction"))->trigger();
        QTRY_COMPARE(window.navigation()->item(0)->text(), QStringLiteral("Ledger"));
        QCOMPARE(journal->index(0, JournalModel::KindColumn).data().toString(), QStringLiteral("Payment"));
    }

    void idleLockAsksForThePassword()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        Session session(f.core(), f.admin());
        MainWindow window(session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy locked(&window, &MainWindow::locked);
        QSignalSpy unlocked(&window, &MainWindow::unlocked);
        QSignalSpy signedOut(&window, &MainWindow::signOutRequested);
        connect(&window, &MainWindow::locked, this, [&]() {
            whenModal([&](QWidget *dialog) {
                QCOMPARE(dialog->objectName(), QStringLiteral("lockDialog"));
                auto *password = dialog->findChild<QLineEdit *>(QStringLiteral("currentPassword"));
                password->setText(QStringLiteral("not it"));
                QMetaObject::invokeMethod(dialog, "accept");
                QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("passwordMessage"))
                            ->text()
                            .contains(QStringLiteral("Wrong")));
                QVERIFY(dialog->isVisible());
                password->setText(QString::fromLatin1(CoreFixture::kAdminPassword));
                QMetaObject::invokeMethod(dialog, "accept");
            });
        });
        window.idleWatcher()->setTimeout(150);
        QTRY_COMPARE(locked.count(), 1);
        QTRY_COMPARE(unlocked.count(), 1);
        QCOMPARE(signedOut.count(), 0);
        // The failed attempt counted; the success is on record.
        auto records =
            f.core().audit().records(session.actor(), AuditFilter{{}, QStringLiteral("session.unlock"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 1);
    }

    void auditPanelReportsTampering()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        Session session(f.core(), admin);
        MainWindow window(session);
        window.resize(1280, 760);
        window.show();
        QVERIFY(window.showPanel(QStringLiteral("auditPanel")));
        AuditPanel *audit = window.auditPanel();
        QTRY_VERIFY_WITH_TIMEOUT(audit->model()->rowCount() >= 4, 20000);
        auto *verify = audit->findChild<QPushButton *>(QStringLiteral("verifyChainButton"));
        auto *verdict = audit->findChild<QLabel *>(QStringLiteral("verifyResult"));
        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(verdict->text().contains(QStringLiteral("Intact")), 20000);
        screenshot(window, QStringLiteral("audit-intact-") + backend);

        const QSqlDatabase connection = f.core().database().connection().value();
        QVERIFY(Sql::exec(connection, backend == QLatin1String("sqlite")
                                          ? QStringLiteral("DROP TRIGGER audit_log_no_update")
                                          : QStringLiteral("DROP TRIGGER audit_log_immutable ON audit_log"))
                    .ok());
        QVERIFY(
            Sql::exec(connection, QStringLiteral("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")).ok());
        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(verdict->text().contains(QStringLiteral("Tampering detected at record 2")), 20000);
        screenshot(window, QStringLiteral("audit-tampered-") + backend);
        // Filters.
        audit->findChild<QLineEdit *>(QStringLiteral("auditActionFilter"))->setText(QStringLiteral("operator"));
        QTest::mouseClick(audit->findChild<QPushButton *>(QStringLiteral("auditApplyButton")), Qt::LeftButton);
        QTRY_VERIFY(!audit->model()->isLoading() && audit->model()->rowCount() > 0);
        for (int row = 0; row < audit->model()->rowCount(); ++row)
            QVERIFY(audit->model()->record(row).action.startsWith(QStringLiteral("operator.")));
    }

    void operatorsPanelCreatesAndDisables()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        Session session(f.core(), f.admin());
        MainWindow window(session);
        window.resize(1280, 760);
        window.show();
        QVERIFY(window.showPanel(QStringLiteral("operatorsPanel")));
        OperatorsPanel *panel = window.operatorsPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        whenModal([](QWidget *dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("usernameEdit")), QStringLiteral("carol"));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("displayNameEdit")),
                             QStringLiteral("Carol Chen"));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("initialPasswordEdit")),
                             QStringLiteral("Temporary-Pass-1"));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("confirmPasswordEdit")),
                             QStringLiteral("Temporary-Pass-1"));
            dialog->findChild<QCheckBox *>(QStringLiteral("role_finance"))->setChecked(true);
            dialog->findChild<QCheckBox *>(QStringLiteral("role_approver"))->setChecked(true);
            QMetaObject::invokeMethod(dialog, "accept");
        });
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("newOperatorButton")), Qt::LeftButton);
        QTRY_COMPARE(panel->model()->rowCount(), 2);
        const int row = panel->model()->rowOf(QStringLiteral("carol"));
        QVERIFY(row >= 0);
        QCOMPARE(panel->model()->index(row, OperatorModel::RolesColumn).data().toString(),
                 QStringLiteral("Finance, Approver"));
        QCOMPARE(panel->model()->index(row, OperatorModel::StatusColumn).data().toString(),
                 QStringLiteral("Active, must change password"));
        panel->table()->setCurrentIndex(panel->model()->index(row, 0));
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("toggleActiveButton")), Qt::LeftButton);
        QTRY_COMPARE(panel->model()
                         ->index(panel->model()->rowOf(QStringLiteral("carol")), OperatorModel::StatusColumn)
                         .data()
                         .toString(),
                     QStringLiteral("Disabled"));
        screenshot(window, QStringLiteral("operators-") + backend);
        QCOMPARE(f.core()
                     .operators()
                     .authenticate(QStringLiteral("carol"), QStringLiteral("Temporary-Pass-1"), {})
                     .error()
                     .code(),
                 ErrorCode::OperatorDisabled);
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
