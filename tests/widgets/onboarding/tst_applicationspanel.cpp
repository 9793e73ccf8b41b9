#include "core/security/PrivateKey.h"
#include "tests/widgets/onboarding/PanelTestSupport.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/ApplicationKeyModel.h"
#include "widgets/merchant/ApplicationKeysView.h"
#include "widgets/merchant/ApplicationModel.h"
#include "widgets/merchant/ApplicationsPanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::gui;

// The applications panel driven as an onboarding operator would, offscreen, on a real core:
// create an application with the dialog's checks, an HMAC secret shown once, rotation with an
// overlap, an RSA2 public key, disabling. Rendered to PNG in build/test-artifacts.
class TestApplicationsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PaydeskTests"));
        QSettings().clear();
    }
    void init() { english(); }

    void applicationWithHmacSecretAndRsaKey()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        WaitForWorkers workers;
        QVERIFY(f.core().vault().initialize(f.admin(), passphrase()).ok());
        const Actor maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        const Merchant merchant = draftFor(f, maker);
        QVERIFY(merchant.id != 0);

        Session session(f.core(), maker);
        ApplicationsPanel panel(session);
        panel.resize(1280, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QAbstractItemModelTester appTester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester keyTester(panel.keys()->model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(!panel.model()->isLoading());
        QCOMPARE(panel.model()->rowCount(), 0);

        int answered = 0;
        whenModal(
            QStringLiteral("applicationDialog"),
            [&](QWidget *dialog) {
                QVERIFY(!okButton(dialog)->isEnabled());
                QVERIFY(child<QLabel>(dialog, "appIdLabel")->text().contains(QStringLiteral("Assigned")));
                type(child(dialog, "appNameEdit"), QStringLiteral("西湖茶 小程序"));
                type(child(dialog, "appMerchantEdit"), merchant.merchantNo);
                QCOMPARE(child<QLabel>(dialog, "appMessage_methods")->text(),
                         QStringLiteral("enable at least one payment method"));
                child<QCheckBox>(dialog, "method_wechat.jsapi")->setChecked(true);
                child<QCheckBox>(dialog, "method_alipay.precreate")->setChecked(true);
                QVERIFY(child<QLabel>(dialog, "appMessage_methods")->isHidden());
                type(child(dialog, "notifyUrlEdit"), QStringLiteral("http://tea.example.com/notify"));
                QCOMPARE(child<QLabel>(dialog, "appMessage_notify_url")->text(),
                         QStringLiteral("must be an https URL (plain http only with development endpoints on)"));
                QVERIFY(!okButton(dialog)->isEnabled());
                type(child(dialog, "notifyUrlEdit"), QStringLiteral("https://tea.example.com/pay/notify"));
                type(child<QPlainTextEdit>(dialog, "ipAllowlistEdit"), QStringLiteral("203.0.113.7\n10.1.2.3/8"));
                QVERIFY(
                    child<QLabel>(dialog, "appMessage_ip_allowlist")->text().contains(QStringLiteral("10.1.2.3/8")));
                QVERIFY(!okButton(dialog)->isEnabled());
                child<QPlainTextEdit>(dialog, "ipAllowlistEdit")->selectAll();
                type(child<QPlainTextEdit>(dialog, "ipAllowlistEdit"), QStringLiteral("203.0.113.7\n10.8.0.0/16"));
                QVERIFY(okButton(dialog)->isEnabled());
                screenshot(*dialog, QStringLiteral("application-dialog-") + backend);
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&panel, "newApplicationButton"), Qt::LeftButton);
        QCOMPARE(answered, 1);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QTRY_VERIFY(panel.selected().id != 0);
        const Application app = panel.selected();
        QCOMPARE(app.merchantId, merchant.id);
        QVERIFY(app.appId.startsWith(QStringLiteral("app")));
        QCOMPARE(app.methods, QStringList({QStringLiteral("wechat.jsapi"), QStringLiteral("alipay.precreate")}));
        QCOMPARE(app.ipAllowlist.entries(),
                 QStringList({QStringLiteral("203.0.113.7"), QStringLiteral("10.8.0.0/16")}));
        auto apps =
            f.core().applications().list(maker, {ApplicationFilter::Scope::Merchant, merchant.id, {}}, 0, 10).value();
        QCOMPARE(apps.size(), 1);
        QCOMPARE(apps.first().name, QStringLiteral("西湖茶 小程序"));
        QCOMPARE(panel.model()->index(0, ApplicationModel::MerchantColumn).data().toString(), merchant.merchantNo);

        // An HMAC secret, shown once with a copy button; closing needs the confirmation.
        QString secret;
        whenModal(
            QStringLiteral("secretShownOnceDialog"),
            [&](QWidget *dialog) {
                secret = child(dialog, "secretEdit")->text();
                QTest::mouseClick(child<QPushButton>(dialog, "copySecretButton"), Qt::LeftButton);
                QCOMPARE(QApplication::clipboard()->text(), secret);
                auto *close = child<QPushButton>(dialog, "closeSecretButton");
                QVERIFY(!close->isEnabled());
                QMetaObject::invokeMethod(dialog, "reject"); // Esc does not skip the confirmation
                QVERIFY(dialog->isVisible());
                screenshot(*dialog, QStringLiteral("application-secret-") + backend);
                child<QCheckBox>(dialog, "secretStoredCheck")->setChecked(true);
                QVERIFY(close->isEnabled());
                QTest::mouseClick(close, Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&panel, "generateHmacButton"), Qt::LeftButton);
        QTRY_COMPARE(answered, 2);
        QCOMPARE(secret.size(), 44);
        QVERIFY(QApplication::clipboard()->text() != secret); // cleared on closing
        QTRY_COMPARE(panel.keys()->model()->rowCount(), 1);
        QCOMPARE(panel.keys()->model()->index(0, ApplicationKeyModel::StateColumn).data().toString(),
                 QStringLiteral("Valid"));
        auto keys = f.core().applications().keys(maker, app.id).value();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().type, SignType::HmacSha256);
        const QByteArray secretBytes = QByteArray::fromBase64(secret.toLatin1());
        QCOMPARE(keys.first().fingerprint,
                 QString::fromLatin1(QCryptographicHash::hash(secretBytes, QCryptographicHash::Sha256).toHex()));
        // The merchant's system can sign with it.
        const QByteArray content = "amount=100&app_id=" + app.appId.toLatin1();
        const QByteArray signature =
            QMessageAuthenticationCode::hash(content, secretBytes, QCryptographicHash::Sha256).toBase64();
        QVERIFY(f.core()
                    .applications()
                    .verify(maker, app.appId, SignType::HmacSha256, content, signature, f.clock().nowUtc())
                    .ok());

        // Rotation: a new secret with a one-hour overlap ends the first one an hour from now.
        child<QSpinBox>(&panel, "overlapSpin")->setValue(1);
        QString second;
        whenModal(
            QStringLiteral("secretShownOnceDialog"),
            [&](QWidget *dialog) {
                second = child(dialog, "secretEdit")->text();
                child<QCheckBox>(dialog, "secretStoredCheck")->setChecked(true);
                QTest::mouseClick(child<QPushButton>(dialog, "closeSecretButton"), Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&panel, "generateHmacButton"), Qt::LeftButton);
        QTRY_COMPARE(answered, 3);
        QVERIFY(second != secret);
        QTRY_COMPARE(panel.keys()->model()->rowCount(), 2);
        QCOMPARE(panel.keys()->model()->state(0), ApplicationKeyModel::State::Valid);
        QCOMPARE(panel.keys()->model()->state(1), ApplicationKeyModel::State::Ending);
        keys = f.core().applications().keys(maker, app.id).value();
        QCOMPARE(keys.last().validUntil, f.clock().nowUtc().addSecs(3600));

        // An RSA2 public key, pasted; a private key is turned away before it reaches the core.
        const PrivateKey rsa = PrivateKey::generateRsa(2048).value();
        whenModal(
            QStringLiteral("rsaKeyDialog"),
            [&](QWidget *dialog) {
                auto *text = child<QPlainTextEdit>(dialog, "publicKeyEdit");
                type(text, QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"));
                QVERIFY(!okButton(dialog)->isEnabled());
                QVERIFY(child<QLabel>(dialog, "publicKeyStatus")->text().contains(QStringLiteral("private key")));
                text->clear();
                type(text, QString::fromLatin1(rsa.publicKey().toPem()));
                QVERIFY(okButton(dialog)->isEnabled());
                QVERIFY(child<QLabel>(dialog, "publicKeyStatus")->text().contains(QStringLiteral("fingerprint")));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&panel, "uploadRsaKeyButton"), Qt::LeftButton);
        QCOMPARE(answered, 4);
        QTRY_COMPARE(panel.keys()->model()->rowCount(), 3);
        QCOMPARE(panel.keys()->model()->at(0).type, SignType::Rsa2);
        QCOMPARE(panel.keys()->model()->index(0, ApplicationKeyModel::KindColumn).data().toString(),
                 QStringLiteral("RSA2 public key"));
        screenshot(panel, QStringLiteral("applications-keys-") + backend);

        // Disable and enable.
        QTest::mouseClick(child<QPushButton>(&panel, "toggleApplicationButton"), Qt::LeftButton);
        QTRY_COMPARE(panel.model()->index(0, ApplicationModel::EnabledColumn).data().toString(),
                     QStringLiteral("Disabled"));
        QVERIFY(!f.core().applications().find(maker, app.id)->enabled);
        QCOMPARE(child<QPushButton>(&panel, "toggleApplicationButton")->text(), QStringLiteral("E&nable"));
        QTest::mouseClick(child<QPushButton>(&panel, "toggleApplicationButton"), Qt::LeftButton);
        QTRY_VERIFY(f.core().applications().find(maker, app.id)->enabled);
    }
};

QTEST_MAIN(TestApplicationsPanel)
#include "tst_applicationspanel.moc"
