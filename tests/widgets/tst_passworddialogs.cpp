#include "tests/support/CoreFixture.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/common/Session.h"
#include "widgets/operators/OperatorModel.h"
#include "widgets/operators/OperatorsPanel.h"
#include "widgets/shell/ConsoleApp.h"
#include "widgets/shell/LockCurtain.h"
#include "widgets/shell/LoginDialog.h"
#include "widgets/shell/MainWindow.h"

#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace paydesk;
using namespace paydesk::test;

// The password dialogs as a person uses them, keyboard only: the password field has the focus,
// Enter means unlock or sign in, and signing out or skipping takes a click of its own. While the
// console is locked nothing of its data is in sight.
class TestPasswordDialogs : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *kPassphrase = "the master passphrase";

    // Calls `fill` once the modal dialog with this object name is up, without blocking the event
    // loop meanwhile (the dialog before it may still have to close). Gives up after 20 s.
    template <typename Fill> static void whenDialog(const QString &objectName, Fill fill)
    {
        auto *poll = new QTimer;
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        QObject::connect(poll, &QTimer::timeout, poll, [poll, objectName, fill, started]() {
            QWidget *modal = QApplication::activeModalWidget();
            if ((!modal || modal->objectName() != objectName) && started->elapsed() < 20000)
                return;
            poll->stop();
            poll->deleteLater();
            if (modal && modal->objectName() == objectName)
                fill(modal);
        });
        poll->start(20);
    }

    // The key presses a person makes: text into whatever has the focus, then Enter.
    static void typeAndEnter(QWidget *dialog, const QString &text)
    {
        QWidget *focus = dialog->focusWidget();
        QVERIFY(focus);
        QTest::keyClicks(focus, text);
        QTest::keyClick(focus, Qt::Key_Return);
    }

    // Every pixel of the area the same colour: nothing drawn there.
    static bool isPlain(const QImage &image, const QRect &area)
    {
        const QRgb first = image.pixel(area.topLeft());
        for (int y = area.top(); y <= area.bottom(); ++y) {
            for (int x = area.left(); x <= area.right(); ++x) {
                if (image.pixel(x, y) != first)
                    return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PaydeskTests"));
        QSettings().clear();
    }
    void init() { language("en_US"); }

    void lockScreenTakesThePasswordWithEnterAndShowsNoData()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        Session session(f.core(), admin);
        MainWindow window(session);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPanel(QStringLiteral("operatorsPanel")));
        QTRY_VERIFY(window.operatorsPanel()->model()->rowCount() >= 2);
        const QString title = window.windowTitle();
        const QRect dataArea = window.centralWidget()->geometry();
        QVERIFY(!isPlain(window.grab().toImage(), dataArea)); // the check below can see data

        // A dialog left open over the window, with data in it and in its title.
        QDialog other(&window);
        other.setObjectName(QStringLiteral("leftOpen"));
        other.setWindowTitle(QStringLiteral("Roles of fiona"));
        auto *text = new QLabel(QStringLiteral("payer oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), &other);
        text->adjustSize();
        other.resize(400, 200);
        other.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other));

        QSignalSpy unlocked(&window, &MainWindow::unlocked);
        QSignalSpy signedOut(&window, &MainWindow::signOutRequested);
        bool checked = false;
        whenDialog(QStringLiteral("lockDialog"), [&](QWidget *dialog) {
            [&]() {
                QVERIFY(!window.operatorsPanel()->isVisible());
                QVERIFY(!window.navigation()->isVisible());
                QVERIFY(!window.statusBar()->isVisible());
                QCOMPARE(window.windowTitle(), QStringLiteral("Paydesk is locked"));
                screenshot(window, QStringLiteral("locked-window-") + backend);
                QVERIFY(isPlain(window.grab().toImage(), dataArea));
                auto *cover = other.findChild<LockCover *>();
                QVERIFY(cover && cover->isVisible());
                QCOMPARE(cover->geometry(), other.rect());
                QCOMPARE(other.windowTitle(), QStringLiteral("Paydesk is locked"));
                QVERIFY(isPlain(other.grab().toImage(), other.rect()));
                // Escape (or closing the window) does not end the lock, and does not sign out.
                QTest::keyClick(dialog, Qt::Key_Escape);
                QVERIFY(dialog->isVisible());
                QVERIFY(!dialog->close());
                QCOMPARE(dialog->focusWidget()->objectName(), QStringLiteral("currentPassword"));
                screenshot(*dialog, QStringLiteral("lock-dialog-") + backend);
                // A wrong password first: the dialog stays, the field is ready for the next try.
                typeAndEnter(dialog, QStringLiteral("not the password"));
                QVERIFY(dialog->isVisible());
                QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("passwordMessage"))
                            ->text()
                            .contains(QStringLiteral("Wrong")));
                QCOMPARE(dialog->focusWidget()->objectName(), QStringLiteral("currentPassword"));
                dialog->findChild<QLineEdit *>(QStringLiteral("currentPassword"))->clear();
                checked = true;
            }();
            typeAndEnter(dialog, QString::fromLatin1(CoreFixture::kAdminPassword));
            if (dialog->isVisible()) // a failure above: end the lock so that the test can report it
                QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("alternativeButton")),
                                  Qt::LeftButton);
        });
        window.lockScreen();
        QVERIFY(checked);
        QCOMPARE(unlocked.count(), 1);
        QCOMPARE(signedOut.count(), 0);
        QVERIFY(window.operatorsPanel()->isVisible());
        QVERIFY(window.statusBar()->isVisible());
        QCOMPARE(window.windowTitle(), title);
        QCOMPARE(other.windowTitle(), QStringLiteral("Roles of fiona"));
        QVERIFY(!other.findChild<LockCover *>());
        QVERIFY(other.isVisible());
    }

    void signingOutOfTheLockScreenTakesItsOwnClick()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        Session session(f.core(), f.admin());
        MainWindow window(session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy unlocked(&window, &MainWindow::unlocked);
        QSignalSpy signedOut(&window, &MainWindow::signOutRequested);
        bool onlyByClick = false;
        whenDialog(QStringLiteral("lockDialog"), [&](QWidget *dialog) {
            auto *signOut = dialog->findChild<QPushButton *>(QStringLiteral("alternativeButton"));
            onlyByClick = signOut && !signOut->isDefault() && !signOut->autoDefault();
            // No Cancel that would sign out as well.
            for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
                if (button->isVisible() && button->text().contains(QStringLiteral("Cancel")))
                    onlyByClick = false;
            }
            QTest::mouseClick(signOut, Qt::LeftButton);
        });
        window.lockScreen();
        QVERIFY(onlyByClick);
        QCOMPARE(signedOut.count(), 1);
        QCOMPARE(unlocked.count(), 0);
        QVERIFY(!window.operatorsPanel()->isVisible()); // nothing is shown again on the way out
    }

    // Sign in with Enter, then the vault's passphrase with Enter: unlocked, not skipped.
    void enterSignsInAndUnlocksTheVault()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        QVERIFY(f.core().vault().initialize(admin, SecretBytes(QByteArray(kPassphrase))).ok());
        f.core().vault().lock();

        ConsoleApp console(f.core());
        bool signedIn = false;
        bool vaultSeen = false;
        whenDialog(QStringLiteral("loginDialog"), [&](QWidget *dialog) {
            auto *login = static_cast<LoginDialog *>(dialog);
            QTest::keyClicks(login->usernameEdit(), QStringLiteral("admin"));
            QTest::keyClick(login->usernameEdit(), Qt::Key_Tab);
            typeAndEnter(login, QString::fromLatin1(CoreFixture::kAdminPassword));
            signedIn = true;
            whenDialog(QStringLiteral("vaultUnlockDialog"), [&](QWidget *vault) {
                vaultSeen = true;
                screenshot(*vault, QStringLiteral("vault-dialog-") + backend);
                typeAndEnter(vault, QString::fromLatin1(kPassphrase));
                if (vault->isVisible())
                    QTest::mouseClick(vault->findChild<QPushButton *>(QStringLiteral("alternativeButton")),
                                      Qt::LeftButton);
            });
        });
        QVERIFY(console.start());
        QVERIFY(signedIn);
        QVERIFY(vaultSeen);
        QVERIFY(f.core().vault().isUnlocked());
        QVERIFY(console.window() && console.window()->isVisible());
    }

    // The Operators panel lifts a lockout as `paydesk-cli operator unlock` does.
    void operatorsPanelLiftsALockout()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        for (int i = 0; i < 10; ++i)
            QVERIFY(!f.core()
                         .operators()
                         .authenticate(QStringLiteral("fiona"), QStringLiteral("wrong-%1").arg(i), {})
                         .ok());
        Session session(f.core(), admin);
        OperatorsPanel panel(session);
        panel.resize(900, 300);
        panel.show();
        QTRY_COMPARE(panel.model()->rowCount(), 2);
        auto *unlock = panel.findChild<QPushButton *>(QStringLiteral("unlockOperatorButton"));
        QVERIFY(unlock && !unlock->isEnabled());
        const int row = panel.model()->at(0).username == QLatin1String("fiona") ? 0 : 1;
        panel.table()->setCurrentIndex(panel.model()->index(row, 0));
        QVERIFY(unlock->isEnabled());
        screenshot(panel, QStringLiteral("operators-locked-") + backend);
        QSignalSpy loaded(&panel, &OperatorsPanel::loaded);
        QTest::mouseClick(unlock, Qt::LeftButton);
        QTRY_VERIFY(loaded.count() >= 1);
        QVERIFY(f.core()
                    .operators()
                    .authenticate(QStringLiteral("fiona"), QString::fromLatin1(CoreFixture::kOperatorPassword), {})
                    .ok());
    }
};

QTEST_MAIN(TestPasswordDialogs)
#include "tst_passworddialogs.moc"
