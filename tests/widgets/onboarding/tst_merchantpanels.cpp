#include "tests/support/DocumentFiles.h"
#include "tests/widgets/onboarding/PanelTestSupport.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/ApplicationModel.h"
#include "widgets/merchant/ApplicationsPanel.h"
#include "widgets/merchant/DocumentPreview.h"
#include "widgets/merchant/MerchantActions.h"
#include "widgets/merchant/MerchantBalancesTab.h"
#include "widgets/merchant/MerchantDetailView.h"
#include "widgets/merchant/MerchantDocumentModel.h"
#include "widgets/merchant/MerchantDocumentsTab.h"
#include "widgets/merchant/MerchantFilterBar.h"
#include "widgets/merchant/MerchantHistoryModel.h"
#include "widgets/merchant/MerchantHistoryTab.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/MerchantProfileForm.h"
#include "widgets/merchant/MerchantsPanel.h"
#include "widgets/merchant/ReviewQueuePanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCryptographicHash>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::gui;

namespace {
// A translator standing in for lupdate's output, so the test can see panels follow a switch.
class FakeChinese : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        const QByteArray key = QByteArray(context) + '|' + sourceText;
        if (key == "paydesk::MerchantsPanel|&New merchant…")
            return QStringLiteral("新建商户(&N)…");
        if (key == "MerchantText|Draft")
            return QStringLiteral("草稿");
        if (key == "paydesk::MerchantModel|Merchant no.")
            return QStringLiteral("商户号");
        if (key == "paydesk::MerchantDetailView|Documents")
            return QStringLiteral("资料");
        if (key == "paydesk::ReviewQueuePanel|&Refresh")
            return QStringLiteral("刷新(&R)");
        if (key == "paydesk::ApplicationsPanel|New &application…")
            return QStringLiteral("新建应用(&A)…");
        return {};
    }
    bool isEmpty() const override { return false; }
};

} // namespace

// The merchant and review panels driven as operators would, offscreen, on a real core (maker and
// checker, support with masked data); every panel is also rendered to PNG in build/test-artifacts
// for a human to look at.
class TestMerchantPanels : public QObject
{
    Q_OBJECT

private:
    static QString writeScan(const QTemporaryDir &dir, const QString &name, const QString &title, QColor tint)
    {
        return writePng(dir, name, title,
                        QStringLiteral("Unified social credit code 91440300708461136T\nShenzhen Tencent Computer "
                                       "Systems Co., Ltd.\nRegistered capital CNY 65,000,000"),
                        tint);
    }

    // Fills the new-merchant dialog with a complete enterprise profile.
    static void fillEnterprise(QWidget *dialog)
    {
        type(child(dialog, "legalNameEdit"), QStringLiteral("深圳市腾讯计算机系统有限公司"));
        type(child(dialog, "shortNameEdit"), QStringLiteral("Tencent"));
        type(child(dialog, "registrationNoEdit"), QStringLiteral("91440300708461136t"));
        type(child(dialog, "industryEdit"), QStringLiteral("5734 computer software"));
        type(child(dialog, "contactNameEdit"), QStringLiteral("马先生"));
        type(child(dialog, "contactPhoneEdit"), QStringLiteral("138 1234 5678"));
        type(child(dialog, "contactEmailEdit"), QStringLiteral("finance@example.com"));
        type(child(dialog, "bankAccountNameEdit"), QStringLiteral("深圳市腾讯计算机系统有限公司"));
        type(child(dialog, "bankNameEdit"), QStringLiteral("招商银行"));
        type(child(dialog, "bankBranchEdit"), QStringLiteral("深圳分行营业部"));
        type(child(dialog, "bankAccountNoEdit"), QStringLiteral("6222 0212 3456 7891 234"));
        type(child(dialog, "minimumPayoutEdit"), QStringLiteral("100.00"));
        type(child(dialog, "reserveEdit"), QStringLiteral("5%"));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PaydeskTests"));
        QSettings().clear();
    }
    void init() { english(); }

    void profileFormChecksAsYouType()
    {
        QFETCH_GLOBAL(QString, backend);
        MerchantProfileForm form;
        form.setToday(QDate(2026, 11, 26));
        form.resize(1000, 560);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QVERIFY(!form.isValid());                          // the names are required
        QVERIFY(messageOf(&form, "legal_name").isEmpty()); // … but not a mistake before anything was typed
        type(child(&form, "legalNameEdit"), QStringLiteral("张"));
        QCOMPARE(messageOf(&form, "legal_name"), QStringLiteral("at least 2 characters"));
        type(child(&form, "legalNameEdit"), QStringLiteral("张三"));
        QVERIFY(messageOf(&form, "legal_name").isEmpty());
        type(child(&form, "shortNameEdit"), QStringLiteral("张三水果店"));
        QVERIFY(form.isValid());

        // An enterprise's credit code is not a resident ID: switching the type re-checks it.
        type(child(&form, "registrationNoEdit"), QStringLiteral("11010519491231002X"));
        QVERIFY(!form.isValid());
        QVERIFY(!messageOf(&form, "registration_no").isEmpty());
        auto *typeCombo = child<QComboBox>(&form, "merchantTypeCombo");
        typeCombo->setCurrentIndex(typeCombo->findData(int(MerchantType::Individual)));
        QVERIFY2(messageOf(&form, "registration_no").isEmpty(), qPrintable(messageOf(&form, "registration_no")));
        QVERIFY(form.isValid());

        type(child(&form, "contactPhoneEdit"), QStringLiteral("12345"));
        QCOMPARE(messageOf(&form, "contact_phone"),
                 QStringLiteral("not a mobile number (11 digits) or a landline with its area code"));
        type(child(&form, "contactPhoneEdit"), QStringLiteral("010-12345678"));
        QVERIFY(messageOf(&form, "contact_phone").isEmpty());
        type(child(&form, "bankAccountNoEdit"), QStringLiteral("6222-abc"));
        QCOMPARE(messageOf(&form, "bank_account_no"), QStringLiteral("8 to 30 digits"));
        type(child(&form, "bankAccountNoEdit"), QStringLiteral("6222-0212-3456-7891"));
        type(child(&form, "minimumPayoutEdit"), QStringLiteral("12.345"));
        QVERIFY(messageOf(&form, "minimum_payout").contains(QStringLiteral("not an amount")));
        type(child(&form, "minimumPayoutEdit"), QStringLiteral("12.34"));
        type(child(&form, "reserveEdit"), QStringLiteral("120%"));
        QVERIFY(!messageOf(&form, "reserve_ppm").isEmpty());
        QVERIFY(!form.isValid());
        QVERIFY(form.problemSummary().join(QLatin1Char(' ')).contains(QStringLiteral("Reserve held back")));
        screenshot(form, QStringLiteral("merchant-form-invalid-") + backend);
        type(child(&form, "reserveEdit"), QStringLiteral("2.5%"));
        QVERIFY(form.isValid());
        // T+N takes between 2 and 30 days.
        auto *cycle = child<QComboBox>(&form, "settlementCycleCombo");
        auto *days = child<QSpinBox>(&form, "settlementDaysSpin");
        QVERIFY(!days->isEnabled());
        cycle->setCurrentIndex(cycle->findData(int(SettlementCycle::TN)));
        QVERIFY(days->isEnabled());
        days->setValue(5);
        const MerchantProfile typed = form.profile().value();
        QCOMPARE(typed.type, MerchantType::Individual);
        QCOMPARE(typed.bankAccountNo, QStringLiteral("6222021234567891"));
        QCOMPARE(typed.minimumPayout, Money::fromMinor(1234, Currency::cny()));
        QCOMPARE(typed.reservePpm, qint64(25000));
        QCOMPARE(typed.settlementCycle, SettlementCycle::TN);
        QCOMPARE(typed.settlementDays, 5);
        QVERIFY(form.isModified());

        // While approved only contact and settlement fields are open; masked text is not checked.
        MerchantProfile shown = typed;
        shown.registrationNo = QStringLiteral("110105********002X");
        shown.bankAccountNo = QStringLiteral("6222 **** **** 7891");
        form.setProfile(shown, true);
        form.setEditScope(MerchantEditScope::ContactAndSettlement);
        QVERIFY(form.isValid());
        QVERIFY(!form.isModified());
        QVERIFY(child(&form, "legalNameEdit")->isReadOnly());
        QVERIFY(child(&form, "bankAccountNoEdit")->isReadOnly());
        QVERIFY(!child(&form, "contactEmailEdit")->isReadOnly());
        QVERIFY(!child<QComboBox>(&form, "merchantTypeCombo")->isEnabled());
        QVERIFY(child<QComboBox>(&form, "settlementCycleCombo")->isEnabled());
        form.setEditScope(MerchantEditScope::None);
        QVERIFY(child(&form, "contactEmailEdit")->isReadOnly());
        QVERIFY(!child<QSpinBox>(&form, "settlementDaysSpin")->isEnabled());
        // Problems the core names appear under their fields until edited.
        form.setEditScope(MerchantEditScope::Full);
        form.showProblems({{QStringLiteral("industry"), QStringLiteral("required")}});
        QCOMPARE(messageOf(&form, "industry"), QStringLiteral("required"));
    }

    void onboardingThroughThePanels()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        WaitForWorkers workers;
        f.admin();
        const Actor maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        const Actor checker = f.operatorWith(QStringLiteral("oscar"), {Role::Onboarding});
        QTemporaryDir files;
        QVERIFY(files.isValid());

        Session makerSession(f.core(), maker);
        MerchantsPanel panel(makerSession);
        panel.resize(1280, 860);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QAbstractItemModelTester listTester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester documentTester(panel.detail()->documents()->model(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester historyTester(panel.detail()->history()->model(),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(!panel.model()->isLoading());
        QCOMPARE(panel.model()->rowCount(), 0);

        // 1. A new merchant through the form: OK waits for valid input, the phone's reason shows.
        int answered = 0;
        whenModal(
            QStringLiteral("newMerchantDialog"),
            [&](QWidget *dialog) {
                QVERIFY(!okButton(dialog)->isEnabled());
                fillEnterprise(dialog);
                type(child(dialog, "contactPhoneEdit"), QStringLiteral("0755-123"));
                QVERIFY(!okButton(dialog)->isEnabled());
                QVERIFY(messageOf(dialog, "contact_phone").contains(QStringLiteral("landline")));
                QVERIFY(child<QLabel>(dialog, "newMerchantMessage")->text().contains(QStringLiteral("Phone")));
                screenshot(*dialog, QStringLiteral("merchant-new-dialog-") + backend);
                type(child(dialog, "contactPhoneEdit"), QStringLiteral("138 1234 5678"));
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&panel, "newMerchantButton"), Qt::LeftButton);
        QCOMPARE(answered, 1);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QTRY_VERIFY(panel.detail()->merchant().id != 0);
        const qint64 id = panel.detail()->merchant().id;
        Merchant stored = f.core().merchants().find(maker, id).value();
        QCOMPARE(stored.status, MerchantStatus::Draft);
        QCOMPARE(stored.merchantNo, QStringLiteral("M1001"));
        QCOMPARE(stored.profile.legalName, QStringLiteral("深圳市腾讯计算机系统有限公司"));
        QCOMPARE(stored.profile.registrationNo, QStringLiteral("91440300708461136T"));
        QCOMPARE(stored.profile.contactPhone, QStringLiteral("13812345678"));
        QCOMPARE(stored.profile.bankAccountNo, QStringLiteral("6222021234567891234"));
        QCOMPARE(stored.profile.minimumPayout, Money::fromMinor(10000, Currency::cny()));
        QCOMPARE(stored.profile.reservePpm, qint64(50000));
        QCOMPARE(stored.createdBy, QStringLiteral("olivia"));
        QCOMPARE(panel.model()->index(0, MerchantModel::StatusColumn).data().toString(), QStringLiteral("Draft"));
        QTRY_VERIFY(panel.filterBar()
                        ->findChild<QLabel *>(QStringLiteral("merchantCounts"))
                        ->text()
                        .contains(QStringLiteral("Draft 1")));

        // 2. Edit the draft: Save only while valid, the reason under the field.
        MerchantDetailView *detail = panel.detail();
        MerchantProfileForm *form = detail->profileForm();
        auto *save = child<QPushButton>(detail, "saveProfileButton");
        QVERIFY(!save->isEnabled());
        type(child(form, "contactEmailEdit"), QStringLiteral("finance@"));
        QCOMPARE(messageOf(form, "contact_email"), QStringLiteral("not an e-mail address"));
        QVERIFY(!save->isEnabled());
        QVERIFY(child<QLabel>(detail, "profileHint")->text().contains(QStringLiteral("E-mail")));
        type(child(form, "contactEmailEdit"), QStringLiteral("pay@tencent.example.com"));
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(detail->merchant().profile.contactEmail, QStringLiteral("pay@tencent.example.com"));
        QCOMPARE(f.core().merchants().find(maker, id)->profile.contactEmail, QStringLiteral("pay@tencent.example.com"));
        QVERIFY(!save->isEnabled());
        screenshot(panel, QStringLiteral("merchants-profile-") + backend);

        // 3. Submitting without documents: the core's refusal is shown.
        QString refusal;
        whenModal(
            QStringLiteral("merchantActionError"),
            [&](QWidget *box) {
                refusal = static_cast<QMessageBox *>(box)->text();
                QMetaObject::invokeMethod(box, "accept");
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(detail, "action_submit"), Qt::LeftButton);
        QTRY_COMPARE(answered, 2);
        QVERIFY2(refusal.contains(QStringLiteral("Business licence")), qPrintable(refusal));
        QCOMPARE(detail->actions()->lastError().code(), ErrorCode::MerchantDocumentMissing);
        QVERIFY(detail->banner()->text().contains(QStringLiteral("Before submitting")));

        // 4. Real documents: PNG scans and a PDF from Qt's own writers, attached through the dialog.
        detail->tabs()->setCurrentIndex(MerchantDetailView::DocumentsTab);
        MerchantDocumentsTab *documents = detail->documents();
        const struct
        {
            DocumentKind kind;
            QString path;
        } uploads[] = {
            {DocumentKind::BusinessLicence, writeScan(files, QStringLiteral("licence.png"),
                                                      QStringLiteral("BUSINESS LICENCE"), QColor(0xc8, 0x10, 0x2e))},
            {DocumentKind::LegalIdFront, writeScan(files, QStringLiteral("id-front.png"),
                                                   QStringLiteral("RESIDENT ID · FRONT"), QColor(0x1a, 0x56, 0xdb))},
            {DocumentKind::LegalIdBack, writeScan(files, QStringLiteral("id-back.png"),
                                                  QStringLiteral("RESIDENT ID · BACK"), QColor(0x1a, 0x56, 0xdb))},
            {DocumentKind::BankAccountProof,
             writePdf(files, QStringLiteral("bank-proof.pdf"),
                      QStringLiteral("Account name: Shenzhen Tencent Computer Systems Co., Ltd.\nBank: China "
                                     "Merchants Bank, Shenzhen branch\nAccount no.: 6222 0212 3456 7891 234"))},
        };
        for (const auto &upload : uploads) {
            QVERIFY(!upload.path.isEmpty());
            const int before = documents->model()->rowCount();
            whenModal(QStringLiteral("attachDocumentDialog"), [&](QWidget *dialog) {
                auto *kinds = child<QComboBox>(dialog, "documentKindCombo");
                QCOMPARE(kinds->currentData().toInt(), int(upload.kind)); // the first missing kind is offered
                QVERIFY(!okButton(dialog)->isEnabled());
                type(child(dialog, "documentFileEdit"), upload.path + QStringLiteral(".missing"));
                QVERIFY(!okButton(dialog)->isEnabled());
                type(child(dialog, "documentFileEdit"), upload.path);
                QVERIFY(okButton(dialog)->isEnabled());
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            });
            QTest::mouseClick(child<QPushButton>(documents, "attachDocumentButton"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(documents->model()->rowCount(), before + 1, 10000);
        }
        QTRY_VERIFY(documents->missingKinds().isEmpty());
        auto listed = f.core().documents().list(maker, id).value();
        QCOMPARE(listed.size(), 4);
        QFile pdfFile(uploads[3].path);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        bool pdfFound = false;
        for (const MerchantDocument &d : listed) {
            if (d.kind == DocumentKind::BankAccountProof) {
                pdfFound = true;
                QCOMPARE(d.mediaType, QStringLiteral("application/pdf"));
                QCOMPARE(d.size, qint64(pdfBytes.size()));
                QCOMPARE(d.sha256,
                         QString::fromLatin1(QCryptographicHash::hash(pdfBytes, QCryptographicHash::Sha256).toHex()));
                QCOMPARE(d.uploadedBy, QStringLiteral("olivia"));
            }
        }
        QVERIFY(pdfFound);
        // The model shows what the core lists, with the short hash and the uploader.
        const int pdfRow = [&]() {
            for (int row = 0; row < documents->model()->rowCount(); ++row) {
                if (documents->model()->at(row).kind == DocumentKind::BankAccountProof)
                    return row;
            }
            return -1;
        }();
        QVERIFY(pdfRow >= 0);
        QCOMPARE(documents->model()->index(pdfRow, MerchantDocumentModel::KindColumn).data().toString(),
                 QStringLiteral("Bank account proof"));
        QCOMPARE(documents->model()->index(pdfRow, MerchantDocumentModel::UploadedByColumn).data().toString(),
                 QStringLiteral("olivia"));
        QVERIFY(documents->model()
                    ->index(pdfRow, MerchantDocumentModel::Sha256Column)
                    .data()
                    .toString()
                    .startsWith(QString::fromLatin1(
                        QCryptographicHash::hash(pdfBytes, QCryptographicHash::Sha256).toHex().left(16))));

        // Preview: the licence as an image, the bank proof as a PDF page.
        QSignalSpy previews(documents, &MerchantDocumentsTab::previewFinished);
        documents->table()->setCurrentIndex(documents->model()->index(pdfRow == 0 ? 1 : 0, 0));
        QTRY_VERIFY(previews.count() >= 1);
        QVERIFY(previews.last().at(0).toBool());
        QTRY_COMPARE(documents->preview()->shownKind(), QStringLiteral("image"));
        screenshot(panel, QStringLiteral("merchants-documents-image-") + backend);
        documents->table()->setCurrentIndex(documents->model()->index(pdfRow, 0));
        QTRY_COMPARE(documents->preview()->shownKind(), QStringLiteral("pdf"));
        QVERIFY(previews.last().at(0).toBool());
        QCOMPARE(documents->preview()->pdfPageCount(), 1);
        QTest::qWait(200); // the PDF view renders its page asynchronously
        screenshot(panel, QStringLiteral("merchants-documents-pdf-") + backend);
        QTRY_VERIFY(detail->banner()->text().contains(QStringLiteral("ready to submit")));

        // 5. Submit.
        QTest::mouseClick(child<QPushButton>(detail, "action_submit"), Qt::LeftButton);
        QTRY_COMPARE(detail->merchant().status, MerchantStatus::Submitted);
        stored = f.core().merchants().find(maker, id).value();
        QCOMPARE(stored.status, MerchantStatus::Submitted);
        QCOMPARE(stored.submittedBy, QStringLiteral("olivia"));
        // The step's Session::dataChanged makes the list reload off the GUI thread: wait for the new page.
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->index(0, MerchantModel::StatusColumn).data().toString(),
                                  QStringLiteral("Submitted"), 10000);
        QVERIFY(child<QPushButton>(detail, "action_submit")->isHidden());
        QVERIFY(!child<QPushButton>(detail, "attachDocumentButton")->isEnabled());
        QVERIFY(child(form, "legalNameEdit")->isReadOnly());
        detail->tabs()->setCurrentIndex(MerchantDetailView::HistoryTab);
        QTRY_COMPARE(detail->history()->model()->rowCount(), 7); // create, edit, 4 documents, submit
        QCOMPARE(detail->history()->model()->index(6, MerchantHistoryModel::StatusColumn).data().toString(),
                 QStringLiteral("Draft → Submitted"));
        screenshot(panel, QStringLiteral("merchants-history-") + backend);

        // 6. The submitter's own review queue: the merchant is there, and approving it is refused.
        ReviewQueuePanel ownQueue(makerSession);
        ownQueue.resize(1280, 860);
        ownQueue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&ownQueue));
        QAbstractItemModelTester queueTester(ownQueue.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(ownQueue.model()->rowCount(), 1);
        QCOMPARE(ownQueue.model()->index(0, MerchantModel::SubmittedByColumn).data().toString(),
                 QStringLiteral("olivia"));
        ownQueue.table()->setCurrentIndex(ownQueue.model()->index(0, 0));
        QCOMPARE(ownQueue.selected().id, id);
        QVERIFY(!child<QLabel>(&ownQueue, "reviewHint")->isHidden());
        QTRY_COMPARE(ownQueue.documents()->model()->rowCount(), 4);
        QVERIFY(ownQueue.documents()->findChild<QPushButton *>(QStringLiteral("attachDocumentButton"))->isHidden());
        QVERIFY(child(ownQueue.profileForm(), "legalNameEdit")->isReadOnly());
        screenshot(ownQueue, QStringLiteral("review-queue-own-") + backend);
        whenModal(
            QStringLiteral("reasonDialog"),
            [&](QWidget *dialog) {
                QVERIFY(okButton(dialog)->isEnabled()); // a note is optional when approving
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
                whenModal(
                    QStringLiteral("merchantActionError"),
                    [&](QWidget *box) {
                        refusal = static_cast<QMessageBox *>(box)->text();
                        screenshot(*box, QStringLiteral("review-self-refused-") + backend);
                        QMetaObject::invokeMethod(box, "accept");
                    },
                    &answered);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&ownQueue, "action_approve"), Qt::LeftButton);
        QTRY_COMPARE(answered, 4);
        QCOMPARE(ownQueue.actions()->lastError().code(), ErrorCode::MerchantSelfReview);
        QVERIFY2(refusal.contains(QStringLiteral("olivia")), qPrintable(refusal));
        QCOMPARE(f.core().merchants().find(maker, id)->status, MerchantStatus::Submitted);

        // 7. A colleague reviews: rejecting needs a reason; approving works.
        Session checkerSession(f.core(), checker);
        ReviewQueuePanel queue(checkerSession);
        queue.resize(1280, 860);
        queue.show();
        QVERIFY(QTest::qWaitForWindowExposed(&queue));
        QTRY_COMPARE(queue.model()->rowCount(), 1);
        queue.table()->setCurrentIndex(queue.model()->index(0, 0));
        QVERIFY(child<QLabel>(&queue, "reviewHint")->isHidden());
        QTRY_COMPARE(queue.documents()->model()->rowCount(), 4);
        queue.documents()->table()->setCurrentIndex(queue.documents()->model()->index(0, 0));
        QTRY_COMPARE(queue.documents()->preview()->shownKind(), QStringLiteral("image"));
        queue.findChild<QTabWidget *>(QStringLiteral("reviewTabs"))->setCurrentIndex(1);
        screenshot(queue, QStringLiteral("review-queue-") + backend);
        whenModal(
            QStringLiteral("reasonDialog"),
            [&](QWidget *dialog) {
                QVERIFY(!okButton(dialog)->isEnabled());
                type(child<QPlainTextEdit>(dialog, "reasonEdit"), QStringLiteral("  "));
                QVERIFY(!okButton(dialog)->isEnabled());
                QMetaObject::invokeMethod(dialog, "reject");
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&queue, "action_reject"), Qt::LeftButton);
        QCOMPARE(answered, 5);
        QCOMPARE(f.core().merchants().find(maker, id)->status, MerchantStatus::Submitted);
        whenModal(
            QStringLiteral("reasonDialog"),
            [&](QWidget *dialog) {
                type(child<QPlainTextEdit>(dialog, "reasonEdit"), QStringLiteral("证照清晰，资料齐全"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(&queue, "action_approve"), Qt::LeftButton);
        QCOMPARE(answered, 6);
        QTRY_COMPARE(queue.model()->rowCount(), 0);
        QTRY_VERIFY(!queue.model()->isLoading());
        stored = f.core().merchants().find(maker, id).value();
        QCOMPARE(stored.status, MerchantStatus::Approved);
        QCOMPARE(stored.reviewedBy, QStringLiteral("oscar"));
        auto history = f.core().merchants().history(maker, id).value();
        QCOMPARE(history.last().note, QStringLiteral("证照清晰，资料齐全"));
        QVERIFY(child<QLabel>(&queue, "reviewQueueCount")->text().startsWith(QStringLiteral("0 merchant")));

        // 8. Back with the maker: approved, accounts open, not yet ready to activate.
        detail->refresh();
        QTRY_COMPARE(detail->merchant().status, MerchantStatus::Approved);
        QTRY_VERIFY_WITH_TIMEOUT(detail->banner()->text().contains(QStringLiteral("Not ready to activate")), 10000);
        QVERIFY2(detail->banner()->text().contains(QStringLiteral("no enabled application")),
                 qPrintable(detail->banner()->text()));
        detail->tabs()->setCurrentIndex(MerchantDetailView::BalancesTab);
        QTRY_COMPARE(child<QLabel>(detail, "availableBalance")->text(), QStringLiteral("0.00 CNY"));
        // The accounts are open: the balances reload off the GUI thread after the refresh (until then
        // the balances from before the approval, 0.00 with the "open when approved" note, stay shown).
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(detail, "balancesNote")->text().isEmpty(), 10000);
        QVERIFY(f.core().merchants().balances(maker, id)->accountsOpen);
        screenshot(panel, QStringLiteral("merchants-balances-") + backend);
        // Approved: contact and settlement fields only.
        QCOMPARE(form->editScope(), MerchantEditScope::ContactAndSettlement);
        QVERIFY(child(form, "legalNameEdit")->isReadOnly());
        QVERIFY(!child(form, "contactNameEdit")->isReadOnly());
        // Activation is refused with the readiness problems in the core's words.
        whenModal(
            QStringLiteral("merchantActionError"),
            [&](QWidget *box) {
                refusal = static_cast<QMessageBox *>(box)->text();
                QMetaObject::invokeMethod(box, "accept");
            },
            &answered);
        QTest::mouseClick(child<QPushButton>(detail, "action_activate"), Qt::LeftButton);
        QTRY_COMPARE(answered, 7);
        QCOMPARE(detail->actions()->lastError().code(), ErrorCode::MerchantNotReady);
        QVERIFY2(refusal.contains(QStringLiteral("no enabled application")), qPrintable(refusal));
        detail->tabs()->setCurrentIndex(MerchantDetailView::ProfileTab);
        screenshot(panel, QStringLiteral("merchants-approved-") + backend);

        // 9. The Apps tab lists this merchant's applications only.
        QVERIFY(f.core()
                    .applications()
                    .create(maker, 0, {QStringLiteral("Platform checkout"), {QStringLiteral("wechat.native")}, {}, {}})
                    .ok());
        detail->tabs()->setCurrentIndex(MerchantDetailView::AppsTab);
        QTRY_VERIFY(!detail->applications()->model()->isLoading());
        QCOMPARE(detail->applications()->model()->rowCount(), 0);
        QCOMPARE(detail->applications()->model()->filter().merchantId, id);
        QVERIFY(detail->applications()->findChild<QComboBox *>(QStringLiteral("appScopeCombo"))->isHidden());
        screenshot(panel, QStringLiteral("merchants-apps-") + backend);
        detail->tabs()->setCurrentIndex(MerchantDetailView::FeesTab);
        QTest::qWait(300);
        screenshot(panel, QStringLiteral("merchants-fees-") + backend);
        // An application made elsewhere (a colleague, the cli): View → Refresh checks readiness again.
        QVERIFY(f.core()
                    .applications()
                    .create(maker, id, {QStringLiteral("Tea shop"), {QStringLiteral("wechat.native")}, {}, {}})
                    .ok());
        QVERIFY(detail->banner()->text().contains(QStringLiteral("no enabled application")));
        emit makerSession.dataChanged();
        QTRY_VERIFY2(!detail->banner()->text().contains(QStringLiteral("no enabled application")),
                     qPrintable(detail->banner()->text()));
        QVERIFY2(detail->banner()->text().contains(QStringLiteral("Not ready to activate")),
                 qPrintable(detail->banner()->text()));

        // Searching: by a piece of the name, by merchant number; a status with no merchant.
        type(panel.filterBar()->searchEdit(), QStringLiteral("M1001"));
        QTest::keyClick(panel.filterBar()->searchEdit(), Qt::Key_Return);
        QTRY_VERIFY(!panel.model()->isLoading());
        QCOMPARE(panel.model()->rowCount(), 1);
        panel.filterBar()->setStatus(MerchantStatus::Frozen);
        QTRY_VERIFY(!panel.model()->isLoading());
        QCOMPARE(panel.model()->rowCount(), 0);
        panel.filterBar()->setStatus(MerchantStatus::Approved);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
    }

    void supportSeesMaskedDataReadOnly()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        WaitForWorkers workers;
        f.admin();
        const Actor maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        const Merchant merchant = draftFor(f, maker);
        QVERIFY(merchant.id != 0);
        QVERIFY(
            f.core()
                .documents()
                .attach(maker, merchant.id, DocumentKind::BusinessLicence, QStringLiteral("licence.png"),
                        QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                                            "0000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082"))
                .ok());

        Session session(f.core(), support);
        MerchantsPanel panel(session);
        panel.resize(1280, 860);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QVERIFY(!child<QPushButton>(&panel, "newMerchantButton")->isEnabled());
        QVERIFY(
            panel.model()->index(0, MerchantModel::RegistrationColumn).data().toString().contains(QLatin1Char('*')));
        panel.table()->setCurrentIndex(panel.model()->index(0, 0));
        MerchantDetailView *detail = panel.detail();
        QTRY_COMPARE(detail->merchant().id, merchant.id);
        MerchantProfileForm *form = detail->profileForm();
        QVERIFY(child(form, "bankAccountNoEdit")->text().contains(QLatin1Char('*')));
        QVERIFY(child(form, "contactPhoneEdit")->text().contains(QLatin1Char('*')));
        QVERIFY(form->isValid()); // masked text is not mistaken for a bad number
        QVERIFY(child(form, "legalNameEdit")->isReadOnly());
        QVERIFY(child<QPushButton>(detail, "saveProfileButton")->isHidden());
        for (MerchantAction action : MerchantWorkflow::allActions())
            QVERIFY(detail->actions()->button(action)->isHidden());
        detail->tabs()->setCurrentIndex(MerchantDetailView::DocumentsTab);
        QTRY_COMPARE(detail->documents()->model()->rowCount(), 1);
        QVERIFY(!child<QPushButton>(detail, "attachDocumentButton")->isEnabled());
        QSignalSpy previews(detail->documents(), &MerchantDocumentsTab::previewFinished);
        detail->documents()->table()->setCurrentIndex(detail->documents()->model()->index(0, 0));
        QTRY_COMPARE(previews.count(), 1);
        QVERIFY(!previews.first().at(0).toBool());
        QVERIFY(child<QLabel>(detail, "documentsInfo")->text().contains(QStringLiteral("personal data")));
        detail->tabs()->setCurrentIndex(MerchantDetailView::ProfileTab);
        screenshot(panel, QStringLiteral("merchants-support-masked-") + backend);
    }

    void panelsFollowLanguageChange()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        WaitForWorkers workers;
        f.admin();
        const Actor maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        QVERIFY(draftFor(f, maker).id != 0);
        Session session(f.core(), maker);
        MerchantsPanel merchants(session);
        ReviewQueuePanel queue(session);
        ApplicationsPanel applications(session);
        merchants.show();
        QTRY_COMPARE(merchants.model()->rowCount(), 1);
        merchants.table()->setCurrentIndex(merchants.model()->index(0, 0));

        FakeChinese chinese;
        QVERIFY(QCoreApplication::installTranslator(&chinese));
        QCoreApplication::processEvents();
        QCOMPARE(child<QPushButton>(&merchants, "newMerchantButton")->text(), QStringLiteral("新建商户(&N)…"));
        QCOMPARE(merchants.model()->index(0, MerchantModel::StatusColumn).data().toString(), QStringLiteral("草稿"));
        QCOMPARE(merchants.model()->headerData(MerchantModel::NoColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("商户号"));
        QCOMPARE(merchants.detail()->tabs()->tabText(MerchantDetailView::DocumentsTab), QStringLiteral("资料"));
        QCOMPARE(child<QPushButton>(&queue, "refreshQueueButton")->text(), QStringLiteral("刷新(&R)"));
        QCOMPARE(child<QPushButton>(&applications, "newApplicationButton")->text(), QStringLiteral("新建应用(&A)…"));
        QVERIFY(child<QComboBox>(&merchants, "merchantStatusFilter")->itemText(1).startsWith(QStringLiteral("草稿")));
        QCoreApplication::removeTranslator(&chinese);
        QCoreApplication::processEvents();
        QCOMPARE(child<QPushButton>(&merchants, "newMerchantButton")->text(), QStringLiteral("&New merchant…"));
        QCOMPARE(merchants.model()->index(0, MerchantModel::StatusColumn).data().toString(), QStringLiteral("Draft"));
    }
};

QTEST_MAIN(TestMerchantPanels)
#include "tst_merchantpanels.moc"
