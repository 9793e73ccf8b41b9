#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/DocumentFiles.h"
#include "tests/widgets/onboarding/PanelTestSupport.h"
#include "tests/widgets/support/GuiActions.h"
#include "widgets/audit/AuditPanel.h"
#include "widgets/channel/ChannelAccountModel.h"
#include "widgets/channel/ChannelAccountsPanel.h"
#include "widgets/channel/CredentialChangeModel.h"
#include "widgets/channel/CredentialChangesView.h"
#include "widgets/channel/CredentialStatusModel.h"
#include "widgets/channel/CredentialsView.h"
#include "widgets/common/Session.h"
#include "widgets/fee/ApplyTemplateDialog.h"
#include "widgets/fee/CurrentRateModel.h"
#include "widgets/fee/FeeTemplateModel.h"
#include "widgets/fee/FeeTemplatesView.h"
#include "widgets/fee/FeesPanel.h"
#include "widgets/fee/MerchantRatesView.h"
#include "widgets/fee/RateHistoryModel.h"
#include "widgets/fee/RateScheduleView.h"
#include "widgets/merchant/ApplicationKeyModel.h"
#include "widgets/merchant/ApplicationKeysView.h"
#include "widgets/merchant/ApplicationModel.h"
#include "widgets/merchant/ApplicationsPanel.h"
#include "widgets/merchant/DocumentPreview.h"
#include "widgets/merchant/MerchantActions.h"
#include "widgets/merchant/MerchantDetailView.h"
#include "widgets/merchant/MerchantDocumentModel.h"
#include "widgets/merchant/MerchantDocumentsTab.h"
#include "widgets/merchant/MerchantHistoryModel.h"
#include "widgets/merchant/MerchantHistoryTab.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/MerchantsPanel.h"
#include "widgets/merchant/ReviewQueuePanel.h"
#include "widgets/routing/RouteExplainModel.h"
#include "widgets/routing/RouteExplainView.h"
#include "widgets/routing/RoutingPanel.h"
#include "widgets/routing/RoutingRuleModel.h"
#include "widgets/shell/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::gui;

// One merchant onboarded from nothing to active entirely through the console, offscreen, by two
// onboarding operators each in their own main window: olivia (maker) registers it, attaches its
// documents and submits it; her own review is refused; oscar (checker) approves it; olivia gives
// it an application with an HMAC key, a WeChat Pay account tested against a real sandbox, fees and
// a routing rule, and activates it. The core is read only to check what the widgets did, and the
// audit log must tell the same story. Key steps are rendered to build/test-artifacts/e2e-*.png.
class TestOnboardingE2e : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;
    QString m_backend;

    void snap(QWidget &widget, const QString &name)
    {
        QTest::qWait(80); // posted layout requests and asynchronous renders settle, as a person would see it
        screenshot(widget, name + QLatin1Char('-') + m_backend);
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PaydeskTests"));
        QSettings().clear();
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
    }
    void init() { english(); }

    static QString writeScan(const QTemporaryDir &dir, const QString &name, const QString &title)
    {
        return writePng(
            dir, name, title,
            QStringLiteral("Unified social credit code 91440300708461136T\nHangzhou West Lake Tea Co., Ltd."));
    }

    void merchantFromNothingToActive()
    {
        QFETCH_GLOBAL(QString, backend);
        m_backend = backend;
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        WaitForWorkers workers;
        f.clock().set(QDateTime::currentDateTimeUtc()); // the sandbox signs and checks with real time
        const QDate today = f.clock().businessDate();
        // Set up at first start, before anyone onboards: the vault (it keeps HMAC secrets and
        // channel credentials) and the people.
        QVERIFY(f.core().vault().initialize(f.admin(), passphrase()).ok());
        const Actor maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        const Actor checker = f.operatorWith(QStringLiteral("oscar"), {Role::Onboarding});
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        QVERIFY(maker.isValid() && checker.isValid() && finance.isValid());
        QTemporaryDir files;
        QVERIFY(files.isValid());

        Session makerSession(f.core(), maker);
        Session checkerSession(f.core(), checker);
        MainWindow window(makerSession);
        MainWindow checkerWindow(checkerSession);
        for (MainWindow *w : {&window, &checkerWindow}) {
            w->resize(1360, 900);
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w));
        }
        MerchantsPanel *merchants = window.merchantsPanel();
        QVERIFY(merchants && window.reviewQueuePanel() && window.channelAccountsPanel() && window.feesPanel() &&
                window.routingPanel());
        MerchantDetailView *detail = merchants->detail();
        int answered = 0;

        // 1. New merchant… → the form → a draft.
        STEP(openPanel(window, QStringLiteral("Merchants"), merchants));
        QTRY_VERIFY(!merchants->model()->isLoading());
        QCOMPARE(merchants->model()->rowCount(), 0);
        whenModal(
            QStringLiteral("newMerchantDialog"),
            [&](QWidget *dialog) {
                QVERIFY(!okButton(dialog)->isEnabled());
                QVERIFY(choose(child<QComboBox>(dialog, "merchantTypeCombo"), int(MerchantType::Enterprise)));
                type(child(dialog, "legalNameEdit"), QStringLiteral("杭州西湖茶叶有限公司"));
                type(child(dialog, "shortNameEdit"), QStringLiteral("West Lake Tea"));
                type(child(dialog, "registrationNoEdit"), QStringLiteral("91440300708461136T"));
                type(child(dialog, "industryEdit"), QStringLiteral("5499 tea"));
                type(child(dialog, "contactNameEdit"), QStringLiteral("王女士"));
                type(child(dialog, "contactPhoneEdit"), QStringLiteral("139 1234 5678"));
                type(child(dialog, "contactEmailEdit"), QStringLiteral("tea@example.com"));
                type(child(dialog, "bankAccountNameEdit"), QStringLiteral("杭州西湖茶叶有限公司"));
                type(child(dialog, "bankNameEdit"), QStringLiteral("中国工商银行"));
                type(child(dialog, "bankBranchEdit"), QStringLiteral("杭州西湖支行"));
                type(child(dialog, "bankAccountNoEdit"), QStringLiteral("6212 2602 0000 1234 567"));
                QVERIFY2(okButton(dialog)->isEnabled(),
                         qPrintable(child<QLabel>(dialog, "newMerchantMessage")->text()));
                snap(*dialog, QStringLiteral("e2e-1-new-merchant"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        STEP(press(child<QPushButton>(merchants, "newMerchantButton")));
        QCOMPARE(answered, 1);
        QTRY_COMPARE(merchants->model()->rowCount(), 1);
        QTRY_VERIFY(detail->merchant().id != 0);
        const qint64 id = detail->merchant().id;
        Merchant stored = f.core().merchants().find(maker, id).value();
        const QString no = stored.merchantNo;
        QCOMPARE(no, QStringLiteral("M1001"));
        QCOMPARE(stored.status, MerchantStatus::Draft);
        QCOMPARE(stored.createdBy, QStringLiteral("olivia"));
        QCOMPARE(stored.profile.type, MerchantType::Enterprise);
        QCOMPARE(stored.profile.legalName, QStringLiteral("杭州西湖茶叶有限公司"));
        QCOMPARE(stored.profile.registrationNo, QStringLiteral("91440300708461136T"));
        QCOMPARE(stored.profile.contactPhone, QStringLiteral("13912345678"));
        QCOMPARE(stored.profile.bankAccountNo, QStringLiteral("6212260200001234567"));
        QTRY_VERIFY(detail->banner()->text().contains(QStringLiteral("Before submitting")));
        STEP(snap(window, QStringLiteral("e2e-1-draft")));

        // 2. The documents: PNG scans and a PDF, attached in the Documents tab's dialog; the PDF
        // is picked with the file chooser behind Browse….
        STEP(clickTab(detail->tabs(), MerchantDetailView::DocumentsTab));
        MerchantDocumentsTab *documents = detail->documents();
        QTRY_VERIFY(!documents->isLoading());
        const struct
        {
            DocumentKind kind;
            QString path;
            bool browse;
        } uploads[] = {
            {DocumentKind::BusinessLicence,
             writeScan(files, QStringLiteral("licence.png"), QStringLiteral("BUSINESS LICENCE")), false},
            {DocumentKind::LegalIdFront,
             writeScan(files, QStringLiteral("id-front.png"), QStringLiteral("RESIDENT ID · FRONT")), false},
            {DocumentKind::LegalIdBack,
             writeScan(files, QStringLiteral("id-back.png"), QStringLiteral("RESIDENT ID · BACK")), false},
            {DocumentKind::BankAccountProof,
             writePdf(files, QStringLiteral("bank-proof.pdf"),
                      QStringLiteral("Account name: Hangzhou West Lake Tea Co., Ltd.\nBank: ICBC Hangzhou West Lake "
                                     "branch\nAccount no.: 6212 2602 0000 1234 567")),
             true},
        };
        int chosen = 0;
        for (const auto &upload : uploads) {
            QVERIFY(!upload.path.isEmpty());
            const int before = documents->model()->rowCount();
            whenModal(
                QStringLiteral("attachDocumentDialog"),
                [&](QWidget *dialog) {
                    QCOMPARE(child<QComboBox>(dialog, "documentKindCombo")->currentData().toInt(), int(upload.kind));
                    if (upload.browse) {
                        whenFileDialog(upload.path, &chosen);
                        QTest::mouseClick(child<QPushButton>(dialog, "browseDocumentButton"), Qt::LeftButton);
                        QCOMPARE(chosen, 1);
                        QCOMPARE(child(dialog, "documentFileEdit")->text(), upload.path);
                    } else {
                        type(child(dialog, "documentFileEdit"), upload.path);
                    }
                    QVERIFY(okButton(dialog)->isEnabled());
                    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                },
                &answered);
            STEP(press(child<QPushButton>(documents, "attachDocumentButton")));
            QTRY_COMPARE_WITH_TIMEOUT(documents->model()->rowCount(), before + 1, 20000);
        }
        QCOMPARE(answered, 5);
        QTRY_VERIFY(documents->missingKinds().isEmpty());
        QTRY_VERIFY2(detail->banner()->text().contains(QStringLiteral("ready to submit")),
                     qPrintable(detail->banner()->text()));
        int pdfRow = -1;
        for (int row = 0; row < documents->model()->rowCount(); ++row) {
            if (documents->model()->at(row).kind == DocumentKind::BankAccountProof)
                pdfRow = row;
        }
        STEP(clickRow(documents->table(), pdfRow));
        QTRY_COMPARE(documents->preview()->shownKind(), QStringLiteral("pdf"));
        QTest::qWait(200); // the PDF view renders its page asynchronously
        STEP(snap(window, QStringLiteral("e2e-2-documents")));

        // 3. Submit; the maker's own review queue lists it but refuses her approval.
        STEP(press(child<QPushButton>(detail, "action_submit")));
        QTRY_COMPARE(detail->merchant().status, MerchantStatus::Submitted);
        QCOMPARE(f.core().merchants().find(maker, id)->submittedBy, QStringLiteral("olivia"));
        ReviewQueuePanel *ownQueue = window.reviewQueuePanel();
        STEP(openPanel(window, QStringLiteral("Review queue"), ownQueue));
        QTRY_COMPARE(ownQueue->model()->rowCount(), 1);
        STEP(clickRow(ownQueue->table(), 0));
        QTRY_COMPARE(ownQueue->selected().id, id);
        QVERIFY(child<QLabel>(ownQueue, "reviewHint")->isVisible());
        QString refusal;
        whenModal(
            QStringLiteral("reasonDialog"),
            [&](QWidget *dialog) {
                QTest::mouseClick(okButton(dialog), Qt::LeftButton); // the note is optional when approving
                whenModal(
                    QStringLiteral("merchantActionError"),
                    [&](QWidget *box) {
                        refusal = static_cast<QMessageBox *>(box)->text();
                        snap(*box, QStringLiteral("e2e-3-self-review-refused"));
                        QTest::mouseClick(static_cast<QMessageBox *>(box)->button(QMessageBox::Ok), Qt::LeftButton);
                    },
                    &answered);
            },
            &answered);
        STEP(press(child<QPushButton>(ownQueue, "action_approve")));
        QTRY_COMPARE(answered, 7);
        QCOMPARE(ownQueue->actions()->lastError().code(), ErrorCode::MerchantSelfReview);
        QVERIFY2(refusal.contains(QStringLiteral("olivia")), qPrintable(refusal));
        QCOMPARE(f.core().merchants().find(maker, id)->status, MerchantStatus::Submitted);
        STEP(snap(window, QStringLiteral("e2e-3-own-queue")));

        // 4. The checker, in her own window: refresh the queue, look at the documents, approve.
        ReviewQueuePanel *queue = checkerWindow.reviewQueuePanel();
        STEP(openPanel(checkerWindow, QStringLiteral("Review queue"), queue));
        STEP(press(child<QPushButton>(queue, "refreshQueueButton")));
        QTRY_COMPARE(queue->model()->rowCount(), 1);
        STEP(clickRow(queue->table(), 0));
        QTRY_COMPARE(queue->selected().id, id);
        QVERIFY(child<QLabel>(queue, "reviewHint")->isHidden());
        STEP(clickTab(queue->findChild<QTabWidget *>(QStringLiteral("reviewTabs")), 1));
        QTRY_COMPARE(queue->documents()->model()->rowCount(), 4);
        STEP(clickRow(queue->documents()->table(), 0));
        QTRY_VERIFY(!queue->documents()->preview()->shownKind().isEmpty());
        STEP(snap(checkerWindow, QStringLiteral("e2e-4-review")));
        whenModal(
            QStringLiteral("reasonDialog"),
            [&](QWidget *dialog) {
                type(child<QPlainTextEdit>(dialog, "reasonEdit"), QStringLiteral("证照清晰，资料齐全"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        STEP(press(child<QPushButton>(queue, "action_approve")));
        QCOMPARE(answered, 8);
        QTRY_COMPARE_WITH_TIMEOUT(queue->model()->rowCount(), 0, 20000);
        stored = f.core().merchants().find(checker, id).value();
        QCOMPARE(stored.status, MerchantStatus::Approved);
        QCOMPARE(stored.reviewedBy, QStringLiteral("oscar"));
        QStringList ledgerNames;
        const QList<LedgerAccount> ledgerAccounts = f.core().ledger().accounts(finance).value();
        for (const LedgerAccount &account : ledgerAccounts)
            ledgerNames << account.name;
        for (const char *kind : {"pending", "available", "frozen"})
            QVERIFY2(ledgerNames.contains(QStringLiteral("merchant:%1:%2").arg(no, QLatin1String(kind))), kind);
        MerchantsPanel *checkerMerchants = checkerWindow.merchantsPanel();
        STEP(openPanel(checkerWindow, QStringLiteral("Merchants"), checkerMerchants));
        QTRY_COMPARE(checkerMerchants->model()->rowCount(), 1);
        STEP(clickRow(checkerMerchants->table(), 0));
        QTRY_COMPARE(checkerMerchants->detail()->merchant().status, MerchantStatus::Approved);
        STEP(clickTab(checkerMerchants->detail()->tabs(), MerchantDetailView::BalancesTab));
        QTRY_COMPARE(child<QLabel>(checkerMerchants->detail(), "availableBalance")->text(), QStringLiteral("0.00 CNY"));
        STEP(snap(checkerWindow, QStringLiteral("e2e-4-approved")));

        // 5. Back with the maker: after a refresh it shows approved; activation is refused and
        // the banner lists what is missing.
        STEP(openPanel(window, QStringLiteral("Merchants"), merchants));
        STEP(refresh(window));
        QTRY_COMPARE_WITH_TIMEOUT(detail->merchant().status, MerchantStatus::Approved, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(detail->banner()->text().contains(QStringLiteral("Not ready to activate")), 10000);
        QVERIFY2(detail->banner()->text().contains(QStringLiteral("no enabled application")),
                 qPrintable(detail->banner()->text()));
        QVERIFY2(detail->banner()->text().contains(QStringLiteral("no enabled routing rule")),
                 qPrintable(detail->banner()->text()));
        whenModal(
            QStringLiteral("merchantActionError"),
            [&](QWidget *box) {
                refusal = static_cast<QMessageBox *>(box)->text();
                QTest::mouseClick(static_cast<QMessageBox *>(box)->button(QMessageBox::Ok), Qt::LeftButton);
            },
            &answered);
        STEP(press(child<QPushButton>(detail, "action_activate")));
        QTRY_COMPARE(answered, 9);
        QCOMPARE(detail->actions()->lastError().code(), ErrorCode::MerchantNotReady);
        QVERIFY2(refusal.contains(QStringLiteral("no enabled application")), qPrintable(refusal));
        QCOMPARE(f.core().merchants().find(maker, id)->status, MerchantStatus::Approved);
        STEP(snap(window, QStringLiteral("e2e-5-not-ready")));

        // 6. The Apps tab: an application, then an HMAC secret shown once.
        STEP(clickTab(detail->tabs(), MerchantDetailView::AppsTab));
        ApplicationsPanel *apps = detail->applications();
        QTRY_VERIFY(!apps->model()->isLoading());
        QCOMPARE(apps->model()->rowCount(), 0);
        whenModal(
            QStringLiteral("applicationDialog"),
            [&](QWidget *dialog) {
                QCOMPARE(child(dialog, "appMerchantEdit")->text(), no);
                QVERIFY(child(dialog, "appMerchantEdit")->isReadOnly());
                type(child(dialog, "appNameEdit"), QStringLiteral("West Lake Tea checkout"));
                child<QCheckBox>(dialog, "method_wechat.native")->click();
                type(child(dialog, "notifyUrlEdit"), QStringLiteral("https://tea.example.com/pay/notify"));
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        STEP(press(child<QPushButton>(apps, "newApplicationButton")));
        QCOMPARE(answered, 10);
        QTRY_VERIFY_WITH_TIMEOUT(apps->selected().id != 0, 10000);
        QString secret;
        whenModal(
            QStringLiteral("secretShownOnceDialog"),
            [&](QWidget *dialog) {
                secret = child(dialog, "secretEdit")->text();
                QVERIFY(!child<QPushButton>(dialog, "closeSecretButton")->isEnabled());
                child<QCheckBox>(dialog, "secretStoredCheck")->click();
                snap(*dialog, QStringLiteral("e2e-6-secret-once"));
                QTest::mouseClick(child<QPushButton>(dialog, "closeSecretButton"), Qt::LeftButton);
            },
            &answered);
        STEP(press(child<QPushButton>(apps->keys(), "generateHmacButton")));
        QTRY_COMPARE_WITH_TIMEOUT(answered, 11, 10000);
        QCOMPARE(secret.size(), 44);
        QTRY_COMPARE(apps->keys()->model()->rowCount(), 1);
        QTRY_VERIFY2(!detail->banner()->text().contains(QStringLiteral("no enabled application")),
                     qPrintable(detail->banner()->text()));
        STEP(snap(window, QStringLiteral("e2e-6-application")));

        // 7. A shared WeChat Pay account pointing at the sandbox, its credentials, a connection test.
        ChannelAccountsPanel *accounts = window.channelAccountsPanel();
        STEP(openPanel(window, QStringLiteral("Channel accounts"), accounts));
        const QByteArray ca = readFile(m_bed.sandbox->keys().caFile());
        QVERIFY(!ca.isEmpty());
        whenModal(
            QStringLiteral("channelAccountDialog"),
            [&](QWidget *dialog) {
                QVERIFY(choose(child<QComboBox>(dialog, "accountChannelCombo"), int(ChannelKind::WeChatPay)));
                QCOMPARE(child<QComboBox>(dialog, "accountModeCombo")->currentData().toInt(),
                         int(ChannelAccountMode::Shared));
                type(child(dialog, "accountNameEdit"), QStringLiteral("wx_e2e"));
                type(child(dialog, "accountMerchantIdEdit"), QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId));
                type(child(dialog, "accountAppIdEdit"), QString::fromLatin1(sandbox::SandboxKeys::kWeChatAppId));
                type(child(dialog, "accountBaseUrlEdit"), m_bed.sandbox->baseUrl().toString());
                type(child(dialog, "accountNotifyUrlEdit"), m_bed.notifyBase + QStringLiteral("/wx"));
                type(child<QPlainTextEdit>(dialog, "accountCaEdit"), QString::fromLatin1(ca));
                QVERIFY2(okButton(dialog)->isEnabled(), qPrintable(child<QLabel>(dialog, "accountMessage")->text()));
                snap(*dialog, QStringLiteral("e2e-7-account-dialog"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                QVERIFY2(!dialog->isVisible(), qPrintable(child<QLabel>(dialog, "accountMessage")->text()));
            },
            &answered);
        STEP(press(child<QPushButton>(accounts, "newAccountButton")));
        QCOMPARE(answered, 12);
        QTRY_VERIFY_WITH_TIMEOUT(accounts->model()->rowOf(QStringLiteral("wx_e2e")) >= 0, 10000);
        STEP(clickRow(accounts->table(), accounts->model()->rowOf(QStringLiteral("wx_e2e"))));
        const qint64 accountId = accounts->model()->at(accounts->model()->rowOf(QStringLiteral("wx_e2e"))).account.id;
        QTRY_COMPARE(accounts->credentials()->model()->rowCount(), 6);
        auto file = [this](const char *relative) { return readFile(m_bed.state.filePath(QLatin1String(relative))); };
        const QList<QPair<QString, QByteArray>> credentials = {
            {QStringLiteral("merchant_key"), file("wechatpay/merchant.key")},
            {QStringLiteral("merchant_serial"),
             m_bed.sandbox->keys().weChatMerchant.certificate.serialHex().toLatin1()},
            {QStringLiteral("apiv3_key"), file("wechatpay/apiv3.key")},
            {QStringLiteral("platform_certificates"), file("wechatpay/platform.pem")}};
        for (const auto &item : credentials)
            STEP(setCredential(accounts, item.first, item.second));
        // The keys and certificates wait for a second operator: the administrator compares their
        // fingerprints in their own console and approves them (the serial was stored at once).
        QTRY_COMPARE(accounts->changes()->model()->rowCount(), 3);
        {
            Session adminSession(f.core(), f.admin());
            MainWindow adminWindow(adminSession);
            adminWindow.resize(1360, 900);
            adminWindow.show();
            QVERIFY(QTest::qWaitForWindowExposed(&adminWindow));
            ChannelAccountsPanel *approvals = adminWindow.channelAccountsPanel();
            STEP(openPanel(adminWindow, QStringLiteral("Channel accounts"), approvals));
            QTRY_COMPARE(approvals->changes()->model()->rowCount(), 3);
            STEP(snap(adminWindow, QStringLiteral("e2e-7-credential-approval")));
            for (int left = 3; left > 0; --left) {
                whenModal(
                    QStringLiteral("approveChangeBox"),
                    [](QWidget *box) {
                        QTest::mouseClick(qobject_cast<QMessageBox *>(box)->button(QMessageBox::Yes), Qt::LeftButton);
                    },
                    &answered);
                STEP(press(child<QPushButton>(approvals, "approveChangeButton")));
                QTRY_COMPARE(approvals->changes()->model()->rowCount(), left - 1);
            }
        }
        QCOMPARE(answered, 15);
        STEP(refresh(window));
        for (const auto &item : credentials) {
            CredentialStatusModel *model = accounts->credentials()->model();
            QTRY_COMPARE(model->index(model->rowOf(item.first), CredentialStatusModel::StatusColumn).data().toString(),
                         QStringLiteral("Set"));
        }
        QSignalSpy tested(accounts, &ChannelAccountsPanel::tested);
        STEP(press(child<QPushButton>(accounts, "testConnectionButton")));
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(accounts->connectionResult()->text()));
        QVERIFY(accounts->connectionResult()->text().contains(QStringLiteral("Connection OK")));
        STEP(snap(window, QStringLiteral("e2e-7-channel-account")));

        // 8. Fees: a template (Fees panel), the channel's cost, and the template applied to the
        // merchant from today in its own Fees tab.
        FeesPanel *fees = window.feesPanel();
        STEP(openPanel(window, QStringLiteral("Fee rates & templates"), fees));
        STEP(clickTab(fees->tabs(), fees->tabs()->indexOf(fees->templates())));
        whenModal(
            QStringLiteral("feeTemplateDialog"),
            [&](QWidget *dialog) {
                type(child(dialog, "templateNameEdit"), QStringLiteral("Tea shops"));
                child<QCheckBox>(dialog, "templateMethod_wechat.native")->click();
                type(child(dialog, "templatePercent_wechat.native"), QStringLiteral("0.38"));
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                QVERIFY(!dialog->isVisible());
            },
            &answered);
        STEP(press(child<QPushButton>(fees->templates(), "newTemplateButton")));
        QCOMPARE(answered, 16);
        QTRY_COMPARE(fees->templates()->model()->rowCount(), 1);
        STEP(snap(window, QStringLiteral("e2e-8-fee-template")));

        STEP(clickTab(fees->tabs(), 1)); // Channel costs
        QTRY_VERIFY(choose(child<QComboBox>(fees, "costAccountCombo"), accountId));
        QTRY_COMPARE(fees->costRates()->currentModel()->rowCount(), 2); // WeChat Pay: QR code and JSAPI
        whenModal(
            QStringLiteral("setRateDialog"),
            [&](QWidget *dialog) {
                QVERIFY(choose(child<QComboBox>(dialog, "rateMethodCombo"), int(PayMethod::WeChatNative)));
                type(child(dialog, "ratePercentEdit"), QStringLiteral("0.25"));
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                QVERIFY(!dialog->isVisible());
            },
            &answered);
        STEP(press(child<QPushButton>(fees->costRates(), "setRateButton")));
        QCOMPARE(answered, 17);
        QTRY_COMPARE(fees->costRates()->historyModel()->rowCount(), 1);
        STEP(snap(window, QStringLiteral("e2e-8-channel-cost")));

        STEP(openPanel(window, QStringLiteral("Merchants"), merchants));
        STEP(clickTab(detail->tabs(), MerchantDetailView::FeesTab));
        MerchantRatesView *rates = detail->rates();
        QCOMPARE(rates->merchantId(), id);
        whenModal(
            QStringLiteral("applyTemplateDialog"),
            [&](QWidget *dialog) {
                QTRY_VERIFY(qobject_cast<ApplyTemplateDialog *>(dialog)->isLoaded());
                QCOMPARE(child<QComboBox>(dialog, "applyTemplateCombo")->currentText(), QStringLiteral("Tea shops"));
                QCOMPARE(child<QLabel>(dialog, "applyCount")->text(), QStringLiteral("1 of 1 merchants checked."));
                child<QDateEdit>(dialog, "applyEffectiveDate")->setDate(today);
                QCOMPARE(child<QDateEdit>(dialog, "applyEffectiveDate")->date(), today);
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                QVERIFY2(!dialog->isVisible(), qPrintable(child<QLabel>(dialog, "applyTemplateMessage")->text()));
            },
            &answered);
        STEP(press(child<QPushButton>(rates, "applyTemplateToMerchantButton")));
        QCOMPARE(answered, 18);
        CurrentRateModel *current = rates->schedule()->currentModel();
        QTRY_COMPARE(current->index(0, CurrentRateModel::RateColumn).data().toString(), QStringLiteral("0.38 %"));
        STEP(snap(window, QStringLiteral("e2e-8-merchant-rates")));

        // 9. Routing: one rule, and the explain box names the account for 88.00.
        RoutingPanel *routing = window.routingPanel();
        STEP(openPanel(window, QStringLiteral("Routing rules"), routing));
        // The rule dialog and the explain box offer the merchants and accounts the panel last loaded
        // off the GUI thread (it reloads on every change): wait until they include ours.
        QTRY_VERIFY_WITH_TIMEOUT(
            routing->directory().merchant(id) != nullptr && routing->directory().account(accountId) != nullptr, 20000);
        whenModal(
            QStringLiteral("routingRuleDialog"),
            [&](QWidget *dialog) {
                QVERIFY(choose(child<QComboBox>(dialog, "ruleMerchantCombo"), id));
                QVERIFY(choose(child<QComboBox>(dialog, "ruleMethodCombo"), int(PayMethod::WeChatNative)));
                QVERIFY(choose(child<QComboBox>(dialog, "ruleAccountCombo"), accountId));
                child<QSpinBox>(dialog, "rulePrioritySpin")->setValue(1);
                child<QSpinBox>(dialog, "ruleWeightSpin")->setValue(1);
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                QVERIFY2(!dialog->isVisible(), qPrintable(child<QLabel>(dialog, "ruleMessage")->text()));
            },
            &answered);
        STEP(press(child<QPushButton>(routing, "newRuleButton")));
        QCOMPARE(answered, 19);
        QTRY_COMPARE(routing->model()->rowCount(), 1);
        QCOMPARE(routing->model()->index(0, RoutingRuleModel::AccountColumn).data().toString(),
                 QStringLiteral("wx_e2e"));
        RouteExplainView *explain = routing->explainView();
        QSignalSpy explained(explain, &RouteExplainView::explained);
        QVERIFY(choose(child<QComboBox>(explain, "explainMerchantCombo"), id));
        QVERIFY(choose(child<QComboBox>(explain, "explainMethodCombo"), int(PayMethod::WeChatNative)));
        type(child(explain, "explainAmountEdit"), QStringLiteral("88.00"));
        STEP(press(child<QPushButton>(explain, "explainButton")));
        QTRY_COMPARE(explained.count(), 1);
        QVERIFY2(explain->choiceLabel()->text().contains(QStringLiteral("routed to wx_e2e (priority 1)")),
                 qPrintable(explain->choiceLabel()->text()));
        QVERIFY(explain->warningLabel()->isHidden()); // its credentials are complete
        RouteExplainModel *steps = explain->model();
        QCOMPARE(
            steps->index(steps->rowOf(QStringLiteral("wx_e2e")), RouteExplainModel::OutcomeColumn).data().toString(),
            QStringLiteral("Chosen"));
        STEP(snap(window, QStringLiteral("e2e-9-routing")));

        // 10. Back to the merchant: the banner followed the new rule (no refresh needed); Activate.
        STEP(openPanel(window, QStringLiteral("Merchants"), merchants));
        STEP(clickTab(detail->tabs(), MerchantDetailView::ProfileTab));
        QTRY_VERIFY2_WITH_TIMEOUT(detail->banner()->text().contains(QStringLiteral("Ready to activate")),
                                  qPrintable(detail->banner()->text()), 10000);
        STEP(snap(window, QStringLiteral("e2e-10-ready")));
        STEP(press(child<QPushButton>(detail, "action_activate")));
        QTRY_COMPARE_WITH_TIMEOUT(detail->merchant().status, MerchantStatus::Active, 10000);
        QVERIFY(detail->banner()->isHidden());
        QTRY_COMPARE(merchants->model()->index(0, MerchantModel::StatusColumn).data().toString(),
                     QStringLiteral("Active")); // reloaded off the GUI thread
        STEP(clickTab(detail->tabs(), MerchantDetailView::HistoryTab));
        QTRY_COMPARE(detail->history()->model()->rowCount(), 8); // create, 4 documents, submit, approve, activate
        QCOMPARE(detail->history()->model()->index(7, MerchantHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("Approved → Active"));
        STEP(snap(window, QStringLiteral("e2e-10-active")));

        // What the core holds now.
        stored = f.core().merchants().find(maker, id).value();
        QCOMPARE(stored.status, MerchantStatus::Active);
        const QList<MerchantDocument> held = f.core().documents().list(maker, id).value();
        QCOMPARE(held.size(), 4);
        QSet<DocumentKind> kinds;
        for (const MerchantDocument &document : held) {
            QVERIFY(!document.superseded);
            QCOMPARE(document.uploadedBy, QStringLiteral("olivia"));
            kinds.insert(document.kind);
        }
        QCOMPARE(kinds, QSet<DocumentKind>({DocumentKind::BusinessLicence, DocumentKind::LegalIdFront,
                                            DocumentKind::LegalIdBack, DocumentKind::BankAccountProof}));
        const QList<Application> applications =
            f.core().applications().list(maker, {ApplicationFilter::Scope::Merchant, id, {}}, 0, 10).value();
        QCOMPARE(applications.size(), 1);
        QVERIFY(applications.first().enabled);
        QCOMPARE(applications.first().methods, QStringList({QStringLiteral("wechat.native")}));
        const QList<ApplicationKey> keys = f.core().applications().keys(maker, applications.first().id).value();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().type, SignType::HmacSha256);
        QVERIFY(keys.first().isValidAt(f.clock().nowUtc()));
        const EffectiveRate rate = f.core().fees().merchantRateOn(maker, id, PayMethod::WeChatNative, today).value();
        QCOMPARE(rate.rate.ppm(), 3800);
        QVERIFY(rate.templateId > 0);
        QCOMPARE(rate.effectiveFrom, today);
        QCOMPARE(f.core().fees().channelCostRateOn(maker, accountId, PayMethod::WeChatNative, today)->rate.ppm(), 2500);
        const QList<RoutingRule> rules = f.core().routing().rules(maker, id).value();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.first().method, PayMethod::WeChatNative);
        QCOMPARE(rules.first().channelAccountId, accountId);
        QCOMPARE(rules.first().priority, 1);
        QCOMPARE(rules.first().weight, 1);
        QVERIFY(rules.first().enabled);
        const ChannelAccount account = f.core().channelAccounts().find(maker, accountId).value();
        QCOMPARE(account.name, QStringLiteral("wx_e2e"));
        QCOMPARE(account.channel, ChannelKind::WeChatPay);
        QCOMPARE(account.mode, ChannelAccountMode::Shared);
        QVERIFY(account.enabled);
        QVERIFY(account.lastTestOk());

        // The audit log tells the same story, step by step, each by the operator who did it.
        const QList<AuditRecord> records = f.core().audit().records(f.admin(), AuditFilter{}, 0, 1000).value();
        QMultiMap<QString, QString> byAction; // action → actor
        QMap<QString, qint64> firstSeq;
        for (const AuditRecord &record : records) { // newest first
            byAction.insert(record.action, record.actor);
            firstSeq[record.action] = record.seq;
            QVERIFY2(record.result != AuditResult::Denied,
                     qPrintable(record.action + QLatin1Char(' ') + record.object));
        }
        const struct
        {
            const char *action;
            const char *actor;
            int count;
        } story[] = {
            {"merchant.create", "olivia", 1},
            {"merchant.document.attach", "olivia", 4},
            {"merchant.submit", "olivia", 1},
            {"merchant.approve", "oscar", 1},
            {"application.create", "olivia", 1},
            {"application.key.add", "olivia", 1},
            {"channel_account.create", "olivia", 1},
            {"channel_account.credentials.propose", "olivia", 3},
            {"channel_account.credentials", "olivia", 1},
            {"channel_account.credentials.approve", "admin", 3},
            {"channel_account.test", "olivia", 1},
            {"fee.template.create", "olivia", 1},
            {"fee.channel_cost_rate.set", "olivia", 1},
            {"fee.template.apply", "olivia", 1},
            {"routing.rule.create", "olivia", 1},
            {"merchant.activate", "olivia", 1},
        };
        qint64 previous = 0;
        for (const auto &step : story) {
            const QString action = QString::fromLatin1(step.action);
            const QStringList actors = byAction.values(action);
            QVERIFY2(actors.size() == step.count,
                     qPrintable(QStringLiteral("%1: %2 record(s)").arg(action).arg(actors.size())));
            for (const QString &actor : actors)
                QVERIFY2(actor == QLatin1String(step.actor), qPrintable(action + QStringLiteral(" by ") + actor));
            QVERIFY2(firstSeq.value(action) > previous, qPrintable(action + QStringLiteral(" out of order")));
            previous = firstSeq.value(action);
        }
        for (const AuditRecord &record : records) {
            if (record.action.startsWith(QLatin1String("merchant.")) &&
                !record.action.startsWith(QLatin1String("merchant.document")))
                QCOMPARE(record.object, QStringLiteral("merchant:") + no);
        }
        const AuditVerification verification = f.core().audit().verify(f.admin()).value();
        QVERIFY2(verification.intact(), qPrintable(verification.reason()));
        QVERIFY(verification.records >= qint64(records.size()));

        // The same console in Chinese: every onboarding panel retranslates at runtime.
        window.findChild<QAction *>(QStringLiteral("chineseAction"))->trigger();
        QCoreApplication::processEvents();
        QStringList titles;
        for (int i = 0; i < window.navigation()->count(); ++i)
            titles << window.navigation()->item(i)->text();
        QCOMPARE(titles, (QStringList{QStringLiteral("商户"), QStringLiteral("审核队列"), QStringLiteral("应用"),
                                      QStringLiteral("渠道账户"), QStringLiteral("费率与费率模板"),
                                      QStringLiteral("路由规则")}));
        const struct
        {
            QWidget *panel;
            const char *name;
        } panels[] = {{window.merchantsPanel(), "e2e-zh-merchants"},
                      {window.reviewQueuePanel(), "e2e-zh-review"},
                      {window.applicationsPanel(), "e2e-zh-applications"},
                      {window.channelAccountsPanel(), "e2e-zh-channel-accounts"},
                      {window.feesPanel(), "e2e-zh-fees"},
                      {window.routingPanel(), "e2e-zh-routing"}};
        for (const auto &p : panels) {
            window.showPanel(p.panel->objectName());
            QTest::qWait(150);
            snap(window, QString::fromLatin1(p.name));
        }
        window.findChild<QAction *>(QStringLiteral("englishAction"))->trigger();
        QTRY_COMPARE(window.navigation()->item(0)->text(), QStringLiteral("Merchants"));
    }
};

QTEST_MAIN(TestOnboardingE2e)
#include "tst_onboarding_e2e.moc"
