#include "core/security/PrivateKey.h"
#include "tests/widgets/channels/ChannelPanelsSupport.h"
#include "widgets/channel/ChannelAccountModel.h"
#include "widgets/channel/ChannelAccountsPanel.h"
#include "widgets/channel/CredentialChangeModel.h"
#include "widgets/channel/CredentialChangesView.h"
#include "widgets/channel/CredentialStatusModel.h"
#include "widgets/channel/CredentialsView.h"
#include "widgets/common/Session.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace paydesk;
using namespace paydesk::test;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

// The channel accounts panel driven as onboarding staff would, offscreen, on a real core over
// SQLite and PostgreSQL: an account made in the dialog, its credentials set item by item, and
// connection tests against a real sandbox over HTTPS.
class TestChannelAccountsPanel : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    // Sets one credential item through the panel's "Set…" button and dialog.
    static void setThroughPanel(ChannelAccountsPanel &panel, const QString &item, const QByteArray &value)
    {
        auto *button = panel.findChild<QPushButton *>(QStringLiteral("setCredential_") + item);
        QVERIFY2(button, qPrintable(item));
        QVERIFY(button->isEnabled());
        whenModal([value](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("setCredentialDialog"));
            if (auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("credentialTextEdit")))
                text->setPlainText(QString::fromUtf8(value));
            else
                dialog->findChild<QLineEdit *>(QStringLiteral("credentialLineEdit"))
                    ->setText(QString::fromUtf8(value.trimmed()));
            accept(dialog);
            QVERIFY2(!dialog->isVisible(),
                     qPrintable(dialog->findChild<QLabel *>(QStringLiteral("credentialMessage"))->text()));
        });
        button->click();
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);
    }

    static QString statusOf(CredentialsView *view, const QString &item)
    {
        const int row = view->model()->rowOf(item);
        return row < 0 ? QString() : view->model()->index(row, CredentialStatusModel::StatusColumn).data().toString();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
    }
    void init() { english(); }

    void createsSetsCredentialsAndTests()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.clock().set(QDateTime::currentDateTimeUtc()); // the sandbox signs and checks with real time
        const Actor onboarding = onboardingWithVault(f);
        QVERIFY(onboarding.isValid());
        Session session(f.core(), onboarding);
        ChannelAccountsPanel panel(session, nullptr);
        QSignalSpy loaded(&panel, &ChannelAccountsPanel::loaded);
        panel.resize(1280, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Tester accountsTester(panel.model(), kQtTest);
        Tester credentialsTester(panel.credentials()->model(), kQtTest);
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(panel.model()->rowCount(), 0);

        // A WeChat Pay account pointing at the sandbox, typed into the dialog.
        const QString base = m_bed.sandbox->baseUrl().toString();
        const QByteArray ca = readFile(m_bed.sandbox->keys().caFile());
        QVERIFY(!ca.isEmpty());
        whenModal([&](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("channelAccountDialog"));
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            auto *message = dialog->findChild<QLabel *>(QStringLiteral("accountMessage"));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("accountNameEdit")),
                             QStringLiteral("wx-sandbox"));
            dialog->findChild<QLineEdit *>(QStringLiteral("accountMerchantIdEdit"))->setText(QStringLiteral("19000x"));
            QVERIFY2(message->text().contains(QStringLiteral("channel_merchant_id")), qPrintable(message->text()));
            QVERIFY(!ok->isEnabled());
            dialog->findChild<QLineEdit *>(QStringLiteral("accountMerchantIdEdit"))
                ->setText(QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId));
            dialog->findChild<QLineEdit *>(QStringLiteral("accountAppIdEdit"))
                ->setText(QString::fromLatin1(sandbox::SandboxKeys::kWeChatAppId));
            // Validated as typed: plain http is refused for the channel address.
            auto *baseUrl = dialog->findChild<QLineEdit *>(QStringLiteral("accountBaseUrlEdit"));
            baseUrl->setText(QStringLiteral("http://127.0.0.1:1"));
            QVERIFY2(message->text().contains(QStringLiteral("base_url")), qPrintable(message->text()));
            QVERIFY(!ok->isEnabled());
            baseUrl->setText(base);
            dialog->findChild<QLineEdit *>(QStringLiteral("accountNotifyUrlEdit"))
                ->setText(m_bed.notifyBase + QStringLiteral("/wx"));
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("accountCaEdit"))->setPlainText(QString::fromLatin1(ca));
            dialog->findChild<QLineEdit *>(QStringLiteral("accountPerTransactionEdit"))
                ->setText(QStringLiteral("5,000.00"));
            dialog->findChild<QLineEdit *>(QStringLiteral("accountDailyLimitEdit"))->setText(QStringLiteral("0.001"));
            QVERIFY2(!message->text().isEmpty(), "three decimals must be refused");
            dialog->findChild<QLineEdit *>(QStringLiteral("accountDailyLimitEdit"))->setText(QStringLiteral("200000"));
            QVERIFY2(message->text().isEmpty(), qPrintable(message->text()));
            QVERIFY(ok->isEnabled());
            screenshot(*dialog, QStringLiteral("channels-account-dialog"));
            accept(dialog);
            QVERIFY2(!dialog->isVisible(), qPrintable(message->text()));
        });
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("newAccountButton")), Qt::LeftButton);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        const int row = panel.model()->rowOf(QStringLiteral("wx-sandbox"));
        QVERIFY(row >= 0);
        auto column = [&](int c) {
            return panel.model()->index(panel.model()->rowOf(QStringLiteral("wx-sandbox")), c).data().toString();
        };
        QCOMPARE(column(ChannelAccountModel::ChannelColumn), QStringLiteral("WeChat Pay"));
        QCOMPARE(column(ChannelAccountModel::ModeColumn), QStringLiteral("Shared"));
        QCOMPARE(column(ChannelAccountModel::PerTransactionColumn), QStringLiteral("5,000.00 CNY"));
        QCOMPARE(column(ChannelAccountModel::DailyLimitColumn), QStringLiteral("200,000.00 CNY"));
        QCOMPARE(column(ChannelAccountModel::UsedTodayColumn), QStringLiteral("0.00 CNY (0 payments)"));
        QCOMPARE(column(ChannelAccountModel::LastTestColumn), QStringLiteral("Never tested"));
        const qint64 accountId = panel.model()->at(row).account.id;
        QCOMPARE(f.core().channelAccounts().find(onboarding, accountId)->baseUrl, base);

        // The credentials the channel needs, all missing; a test says what is missing.
        QVERIFY(panel.select(QStringLiteral("wx-sandbox")));
        CredentialsView *credentials = panel.credentials();
        QTRY_COMPARE(credentials->model()->rowCount(), 6);
        QCOMPARE(statusOf(credentials, QStringLiteral("merchant_key")), QStringLiteral("Missing"));
        QVERIFY(column(ChannelAccountModel::CredentialsColumn).startsWith(QStringLiteral("Incomplete")));
        QSignalSpy tested(&panel, &ChannelAccountsPanel::tested);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
        QCOMPARE(tested.takeFirst().at(0).toBool(), false);
        QVERIFY2(panel.connectionResult()->text().contains(QStringLiteral("Connection failed")),
                 qPrintable(panel.connectionResult()->text()));

        // Set every item through the panel: the serial (it verifies nothing) is stored at once;
        // keys and certificates wait for a second operator.
        const auto items = weChatItems(m_bed);
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            setThroughPanel(panel, it.key(), it.value().bytes());
        QTRY_COMPARE(panel.changes()->model()->rowCount(), 3);
        QTRY_COMPARE(statusOf(credentials, QStringLiteral("merchant_serial")), QStringLiteral("Set"));
        for (const char *item : {"merchant_key", "apiv3_key", "platform_certificates"})
            QCOMPARE(statusOf(credentials, QLatin1String(item)), QStringLiteral("Missing"));
        QVERIFY2(
            panel.messageLabel()->text().contains(QStringLiteral("takes effect when a second operator approves it")),
            qPrintable(panel.messageLabel()->text()));
        // The maker sees what waits, may withdraw it, and cannot approve it.
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("approveChangeButton"))->isVisible());
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("rejectChangeButton"))->isVisible());
        QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("withdrawChangeButton"))->isEnabled());
        QVERIFY(panel.changes()->fingerprints()->text().contains(QStringLiteral("You proposed it")));

        // The administrator compares the fingerprints and approves each change in another console.
        Session adminSession(f.core(), f.admin());
        ChannelAccountsPanel approvals(adminSession, nullptr);
        QSignalSpy approvalsLoaded(&approvals, &ChannelAccountsPanel::loaded);
        approvals.resize(1280, 900);
        approvals.show();
        QVERIFY(QTest::qWaitForWindowExposed(&approvals));
        CredentialChangesView *pending = approvals.changes();
        Tester changesTester(pending->model(), kQtTest);
        QTRY_COMPARE(pending->model()->rowCount(), 3);
        auto *approve = approvals.findChild<QPushButton *>(QStringLiteral("approveChangeButton"));
        QVERIFY(approve->isVisible() && approve->isEnabled());
        QVERIFY(approvals.findChild<QPushButton *>(QStringLiteral("rejectChangeButton"))->isEnabled());
        QVERIFY(
            !approvals.findChild<QPushButton *>(QStringLiteral("withdrawChangeButton"))->isEnabled()); // not the maker
        const QString prints = pending->fingerprints()->text();
        QVERIFY2(prints.contains(QStringLiteral("certificate SHA-256")) && prints.contains(QStringLiteral("none →")),
                 qPrintable(prints));
        QVERIFY(prints.contains(m_bed.sandbox->keys().weChatPlatform.certificate.serialHex()));
        screenshot(approvals, QStringLiteral("channels-accounts-pending-") + backend);
        while (pending->model()->rowCount() > 0) {
            const int waiting = pending->model()->rowCount();
            answerYes();
            QTest::mouseClick(approve, Qt::LeftButton);
            QTRY_COMPARE(pending->model()->rowCount(), waiting - 1);
            QVERIFY2(pending->messageLabel()->text().contains(QStringLiteral("approved")),
                     qPrintable(pending->messageLabel()->text()));
        }
        panel.reload();
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            QTRY_COMPARE(statusOf(credentials, it.key()), QStringLiteral("Set"));
        QTRY_VERIFY(credentials->findChild<QLabel *>(QStringLiteral("credentialSummary"))
                        ->text()
                        .startsWith(QStringLiteral("Complete")));
        QCOMPARE(statusOf(credentials, QStringLiteral("platform_public_key")), QStringLiteral("Missing"));
        // Never a value on screen: the serial we stored appears nowhere in the panel's texts.
        const QString serial = QString::fromLatin1(items.value(QStringLiteral("merchant_serial")).bytes());
        for (QLabel *label : panel.findChildren<QLabel *>())
            QVERIFY(!label->text().contains(serial));
        QTRY_COMPARE(column(ChannelAccountModel::CredentialsColumn), QStringLiteral("Complete"));

        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
        QVERIFY(panel.isTesting());
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("testConnectionButton"))->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
        QVERIFY2(tested.takeFirst().at(0).toBool(), qPrintable(panel.connectionResult()->text()));
        QVERIFY2(panel.connectionResult()->text().contains(QStringLiteral("Connection OK")),
                 qPrintable(panel.connectionResult()->text()));
        QTRY_VERIFY(column(ChannelAccountModel::LastTestColumn).startsWith(QStringLiteral("OK")));
        QVERIFY(f.core().channelAccounts().find(onboarding, accountId)->lastTestOk());
        screenshot(panel, QStringLiteral("channels-accounts-ok-") + backend);

        // A wrong merchant key, approved: the channel refuses our signature, and the panel says so.
        auto otherKey = PrivateKey::generateRsa(2048);
        QVERIFY(otherKey);
        setThroughPanel(panel, QStringLiteral("merchant_key"), otherKey->toPem());
        approvals.reload();
        QTRY_COMPARE(pending->model()->rowCount(), 1);
        answerYes();
        QTest::mouseClick(approve, Qt::LeftButton);
        QTRY_COMPARE(pending->model()->rowCount(), 0);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
        QCOMPARE(tested.takeFirst().at(0).toBool(), false);
        const QString failure = panel.connectionResult()->text();
        QVERIFY2(failure.contains(QStringLiteral("Connection failed")) &&
                     failure.contains(QStringLiteral("refused our signature")),
                 qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("SIGN_ERROR")), qPrintable(failure));
        QVERIFY(panel.connectionResult()->isVisible());
        QTRY_VERIFY(column(ChannelAccountModel::LastTestColumn).startsWith(QStringLiteral("Failed")));
        screenshot(panel, QStringLiteral("channels-accounts-failed-") + backend);

        // A key that is not a key is refused before anything is stored; the dialog shows why.
        whenModal([](QWidget *dialog) {
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("credentialTextEdit"))
                ->setPlainText(QStringLiteral("not a key"));
            accept(dialog);
            QVERIFY(dialog->isVisible());
            QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("credentialMessage"))
                         ->text()
                         .contains(QStringLiteral("merchant_key")),
                     qPrintable(dialog->findChild<QLabel *>(QStringLiteral("credentialMessage"))->text()));
            screenshot(*dialog, QStringLiteral("channels-credential-refused"));
            QMetaObject::invokeMethod(dialog, "reject");
        });
        panel.findChild<QPushButton *>(QStringLiteral("setCredential_merchant_key"))->click();

        // Disable, then enable again.
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("toggleAccountButton")), Qt::LeftButton);
        QTRY_COMPARE(column(ChannelAccountModel::EnabledColumn), QStringLiteral("Disabled"));
        QVERIFY(!f.core().channelAccounts().find(onboarding, accountId)->enabled);
        QCOMPARE(panel.findChild<QPushButton *>(QStringLiteral("toggleAccountButton"))->text(),
                 QStringLiteral("E&nable"));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("toggleAccountButton")), Qt::LeftButton);
        QTRY_COMPARE(column(ChannelAccountModel::EnabledColumn), QStringLiteral("Enabled"));

        // A locked vault: said plainly, and no Set… button to press.
        f.core().vault().lock();
        credentials->reload();
        QTRY_VERIFY(credentials->vaultNotice()->isVisible());
        QVERIFY(credentials->vaultNotice()->text().contains(QStringLiteral("vault is locked")));
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("setCredential_apiv3_key"))->isEnabled());
        screenshot(panel, QStringLiteral("channels-accounts-vault-locked-") + backend);

        // Language change: the panel retranslates without losing its rows.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(&panel, &change);
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.findChild<QPushButton *>(QStringLiteral("testConnectionButton"))->text(),
                 QStringLiteral("&Test connection"));
    }

    void readersSeeNoChangingButtons()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        QVERIFY(support.isValid());
        Session session(f.core(), support);
        ChannelAccountsPanel panel(session, nullptr);
        QSignalSpy loaded(&panel, &ChannelAccountsPanel::loaded);
        QTRY_VERIFY(loaded.count() >= 1);
        panel.show();
        for (const char *name : {"newAccountButton", "editAccountButton", "testConnectionButton", "toggleAccountButton",
                                 "approveChangeButton", "rejectChangeButton", "withdrawChangeButton"})
            QVERIFY(!panel.findChild<QPushButton *>(QLatin1String(name))->isVisible());
        // The core refuses anyway.
        QCOMPARE(f.core()
                     .channelAccounts()
                     .create(support, weChatAccount(QStringLiteral("wx"), QStringLiteral("1900000109")))
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
    }
};

QTEST_MAIN(TestChannelAccountsPanel)
#include "tst_channelaccountspanel.moc"
