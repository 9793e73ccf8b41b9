#include "tests/widgets/channels/ChannelPanelsSupport.h"
#include "widgets/common/Session.h"
#include "widgets/fee/ApplyTemplateDialog.h"
#include "widgets/fee/CurrentRateModel.h"
#include "widgets/fee/FeeQuoteView.h"
#include "widgets/fee/FeeTemplateModel.h"
#include "widgets/fee/FeeTemplatesView.h"
#include "widgets/fee/FeesPanel.h"
#include "widgets/fee/MerchantRatesView.h"
#include "widgets/fee/RateHistoryModel.h"
#include "widgets/fee/RateScheduleView.h"
#include "widgets/format/DisplayFormat.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>

using namespace paydesk;
using namespace paydesk::test;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

// The fees panel (费率) and the merchant rates view driven as onboarding staff would, offscreen,
// on a real core over SQLite and PostgreSQL: rates from today and from a later date, their
// history, a withdrawn change, channel costs, templates applied to several merchants, a quote.
class TestFeesPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void init() { english(); }

    void ratesHistoryTemplatesAndQuote()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor onboarding = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        QVERIFY(onboarding.isValid());
        QList<qint64> merchants;
        for (const QString &name :
             {QStringLiteral("Tencent"), QStringLiteral("Meituan"), QStringLiteral("Pinduoduo")}) {
            auto created = f.core().merchants().create(onboarding, merchantProfile(name));
            QVERIFY2(created, qPrintable(created.error().message()));
            merchants << created->id;
        }
        auto account = f.core().channelAccounts().create(
            onboarding, weChatAccount(QStringLiteral("wx-shared-01"), QStringLiteral("1900000109")));
        QVERIFY2(account, qPrintable(account.error().message()));
        const QDate today = f.clock().businessDate();

        Session session(f.core(), onboarding);
        FeesPanel panel(session);
        QSignalSpy loaded(&panel, &FeesPanel::loaded);
        panel.resize(1280, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY(loaded.count() >= 1);
        RateScheduleView *schedule = panel.merchantRates()->findChild<RateScheduleView *>();
        QVERIFY(schedule);
        Tester currentTester(schedule->currentModel(), kQtTest);
        Tester historyTester(schedule->historyModel(), kQtTest);
        Tester templateTester(panel.templates()->model(), kQtTest);
        Tester costTester(panel.costRates()->historyModel(), kQtTest);

        QSignalSpy ratesLoaded(panel.merchantRates(), &MerchantRatesView::loaded);
        QVERIFY(panel.showMerchant(merchants[0]));
        QTRY_COMPARE(panel.merchantRates()->merchantId(), merchants[0]);
        QTRY_COMPARE(schedule->currentModel()->rowCount(), 4);
        QCOMPARE(schedule->currentModel()->index(0, CurrentRateModel::RateColumn).data().toString(),
                 QStringLiteral("not set"));

        // A rate from today, typed as percent and shown in ppm as it is typed.
        QSignalSpy changed(panel.merchantRates(), &MerchantRatesView::changed);
        whenModal([](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("setRateDialog"));
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("rateMethodCombo")),
                           int(PayMethod::WeChatNative)));
            auto *percent = dialog->findChild<QLineEdit *>(QStringLiteral("ratePercentEdit"));
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QTest::keyClicks(percent, QStringLiteral("0.6x"));
            QVERIFY(!ok->isEnabled());
            QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("rateDialogMessage"))->text().isEmpty());
            percent->setText(QStringLiteral("0.6"));
            QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("rateHint"))->text(),
                     QStringLiteral("0.60 % = 6,000 ppm"));
            QVERIFY(ok->isEnabled());
            screenshot(*dialog, QStringLiteral("channels-set-rate-dialog"));
            accept(dialog);
            QVERIFY(!dialog->isVisible());
        });
        QTest::mouseClick(schedule->findChild<QPushButton *>(QStringLiteral("setRateButton")), Qt::LeftButton);
        QTRY_COMPARE(changed.count(), 1);
        QTRY_COMPARE(schedule->historyModel()->rowCount(), 1);
        QTRY_COMPARE(schedule->currentModel()->index(0, CurrentRateModel::RateColumn).data().toString(),
                     QStringLiteral("0.60 %"));
        QCOMPARE(schedule->currentModel()->index(0, CurrentRateModel::PpmColumn).data().toString(),
                 QStringLiteral("6,000 ppm"));

        // A future change, then the history with who and when.
        const QDate future = today.addDays(10);
        whenModal([future](QWidget *dialog) {
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("rateMethodCombo")),
                           int(PayMethod::WeChatNative)));
            dialog->findChild<QLineEdit *>(QStringLiteral("ratePercentEdit"))->setText(QStringLiteral("0.38"));
            dialog->findChild<QDateEdit *>(QStringLiteral("rateEffectiveDate"))->setDate(future);
            accept(dialog);
            QVERIFY(!dialog->isVisible());
        });
        QTest::mouseClick(schedule->findChild<QPushButton *>(QStringLiteral("setRateButton")), Qt::LeftButton);
        QTRY_COMPARE(schedule->historyModel()->rowCount(), 2);
        RateHistoryModel *history = schedule->historyModel();
        QCOMPARE(history->index(0, RateHistoryModel::EffectiveFromColumn).data().toString(),
                 DisplayFormat::date(future));
        QCOMPARE(history->index(0, RateHistoryModel::RateColumn).data().toString(), QStringLiteral("0.38 %"));
        QCOMPARE(history->index(0, RateHistoryModel::PpmColumn).data().toString(), QStringLiteral("3,800 ppm"));
        QCOMPARE(history->index(0, RateHistoryModel::StateColumn).data().toString(), QStringLiteral("Scheduled"));
        QCOMPARE(history->index(1, RateHistoryModel::StateColumn).data().toString(), QStringLiteral("In effect"));
        QCOMPARE(history->index(0, RateHistoryModel::SetByColumn).data().toString(), QStringLiteral("olivia"));
        QVERIFY(!history->index(0, RateHistoryModel::SetAtColumn).data().toString().isEmpty());
        QCOMPARE(schedule->currentModel()->index(0, CurrentRateModel::NextChangeColumn).data().toString(),
                 QStringLiteral("0.38 % from %1").arg(DisplayFormat::date(future)));
        screenshot(panel, QStringLiteral("channels-fees-merchant-") + backend);

        // The rate in effect cannot be withdrawn; the scheduled one can.
        auto *withdraw = schedule->findChild<QPushButton *>(QStringLiteral("withdrawRateButton"));
        schedule->historyTable()->setCurrentIndex(history->index(1, 0));
        QVERIFY(!withdraw->isEnabled());
        schedule->historyTable()->setCurrentIndex(history->index(0, 0));
        QVERIFY(withdraw->isEnabled());
        QTest::mouseClick(withdraw, Qt::LeftButton);
        QTRY_COMPARE(history->rowCount(), 1);
        QCOMPARE(f.core().fees().merchantRateHistory(onboarding, merchants[0])->size(), 1);

        // Backdating is the core's refusal, shown in the dialog (the date edit allows no past date,
        // so ask for a rate from today where one is already in effect).
        whenModal([](QWidget *dialog) {
            dialog->findChild<QLineEdit *>(QStringLiteral("ratePercentEdit"))->setText(QStringLiteral("0.5"));
            accept(dialog);
            QVERIFY(dialog->isVisible());
            QVERIFY2(!dialog->findChild<QLabel *>(QStringLiteral("rateDialogMessage"))->text().isEmpty(),
                     "the core's refusal");
            QMetaObject::invokeMethod(dialog, "reject");
        });
        schedule->currentTable()->setCurrentIndex(schedule->currentModel()->index(0, 0));
        QTest::mouseClick(schedule->findChild<QPushButton *>(QStringLiteral("setRateButton")), Qt::LeftButton);
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);

        // Channel cost of the account.
        QVERIFY(panel.showAccount(account->id));
        QTRY_COMPARE(panel.costRates()->currentModel()->rowCount(), 2); // WeChat: QR code and JSAPI
        whenModal([](QWidget *dialog) {
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("rateMethodCombo")),
                           int(PayMethod::WeChatNative)));
            QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("rateMethodCombo"))->count(), 2);
            dialog->findChild<QLineEdit *>(QStringLiteral("ratePercentEdit"))->setText(QStringLiteral("0.25"));
            accept(dialog);
            QVERIFY(!dialog->isVisible());
        });
        QTest::mouseClick(panel.costRates()->findChild<QPushButton *>(QStringLiteral("setRateButton")), Qt::LeftButton);
        QTRY_COMPARE(panel.costRates()->historyModel()->rowCount(), 1);
        QCOMPARE(f.core().fees().channelCostRateOn(onboarding, account->id, PayMethod::WeChatNative, today)->rate.ppm(),
                 2500);
        screenshot(panel, QStringLiteral("channels-fees-cost-") + backend);

        // Templates: create, apply to two merchants from tomorrow, then deleting is refused.
        panel.tabs()->setCurrentWidget(panel.templates());
        FeeTemplatesView *templates = panel.templates();
        whenModal([](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("feeTemplateDialog"));
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("templateNameEdit")),
                             QStringLiteral("Standard retail"));
            QVERIFY(!ok->isEnabled()); // no method yet
            dialog->findChild<QCheckBox *>(QStringLiteral("templateMethod_wechat.native"))->setChecked(true);
            dialog->findChild<QLineEdit *>(QStringLiteral("templatePercent_wechat.native"))
                ->setText(QStringLiteral("0.38"));
            dialog->findChild<QCheckBox *>(QStringLiteral("templateMethod_alipay.precreate"))->setChecked(true);
            dialog->findChild<QLineEdit *>(QStringLiteral("templatePercent_alipay.precreate"))
                ->setText(QStringLiteral("101"));
            QVERIFY(!ok->isEnabled());
            QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("templateMessage"))->text().isEmpty());
            dialog->findChild<QLineEdit *>(QStringLiteral("templatePercent_alipay.precreate"))
                ->setText(QStringLiteral("0.375"));
            QVERIFY(ok->isEnabled());
            screenshot(*dialog, QStringLiteral("channels-template-dialog"));
            accept(dialog);
            QVERIFY(!dialog->isVisible());
        });
        QTest::mouseClick(templates->findChild<QPushButton *>(QStringLiteral("newTemplateButton")), Qt::LeftButton);
        QTRY_COMPARE(templates->model()->rowCount(), 1);
        QCOMPARE(templates->model()->index(0, FeeTemplateModel::RatesColumn).data().toString(),
                 QStringLiteral("WeChat Pay QR code 0.38 %, Alipay QR code 0.375 %"));
        QCOMPARE(templates->model()->index(0, FeeTemplateModel::AppliedColumn).data().toString(),
                 QStringLiteral("Not applied yet"));
        templates->table()->setCurrentIndex(templates->model()->index(0, 0));

        const QList<qint64> chosen = {merchants[1], merchants[2]};
        whenModal([chosen, today](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("applyTemplateDialog"));
            QTRY_VERIFY(qobject_cast<ApplyTemplateDialog *>(dialog)->isLoaded());
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("applyMerchantList"));
            QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("applyTemplateCombo"))->currentText(),
                     QStringLiteral("Standard retail"));
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled()); // nobody checked yet
            for (int row = 0; row < list->count(); ++row) {
                if (chosen.contains(list->item(row)->data(Qt::UserRole).toLongLong()))
                    list->item(row)->setCheckState(Qt::Checked);
            }
            QCOMPARE(dialog->findChild<QDateEdit *>(QStringLiteral("applyEffectiveDate"))->date(), today.addDays(1));
            QVERIFY(ok->isEnabled());
            QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("applyCount"))->text(),
                     QStringLiteral("2 of 3 merchants checked."));
            screenshot(*dialog, QStringLiteral("channels-apply-template-dialog"));
            accept(dialog);
            QVERIFY2(!dialog->isVisible(),
                     qPrintable(dialog->findChild<QLabel *>(QStringLiteral("applyTemplateMessage"))->text()));
        });
        QTest::mouseClick(templates->findChild<QPushButton *>(QStringLiteral("applyTemplateButton")), Qt::LeftButton);
        QTRY_COMPARE(templates->messageLabel()->text(), QStringLiteral("4 merchant rates set from the template."));
        for (qint64 merchant : chosen) {
            auto rates = f.core().fees().merchantRateHistory(onboarding, merchant);
            QCOMPARE(rates->size(), 2);
            QCOMPARE(rates->first().effectiveFrom, today.addDays(1));
            QVERIFY(rates->first().templateId > 0);
        }
        QTRY_COMPARE(templates->model()->index(0, FeeTemplateModel::AppliedColumn).data().toString(),
                     QStringLiteral("Applied (kept)"));
        templates->table()->setCurrentIndex(templates->model()->index(0, 0));
        answerYes();
        QTest::mouseClick(templates->findChild<QPushButton *>(QStringLiteral("deleteTemplateButton")), Qt::LeftButton);
        QTRY_VERIFY2(templates->messageLabel()->text().contains(QStringLiteral("kept for the record")),
                     qPrintable(templates->messageLabel()->text()));
        QCOMPARE(templates->model()->rowCount(), 1);
        screenshot(panel, QStringLiteral("channels-fees-templates-") + backend);

        // The merchant's own view (as the merchant detail embeds it) names the template.
        MerchantRatesView view(session);
        QSignalSpy viewLoaded(&view, &MerchantRatesView::loaded);
        view.setMerchant(merchants[1]);
        QCOMPARE(view.merchantId(), merchants[1]);
        QTRY_COMPARE(viewLoaded.count(), 1);
        RateHistoryModel *viewHistory = view.findChild<RateScheduleView *>()->historyModel();
        QCOMPARE(viewHistory->rowCount(), 2);
        QCOMPARE(viewHistory->index(0, RateHistoryModel::TemplateColumn).data().toString(),
                 QStringLiteral("Standard retail"));
        QCOMPARE(viewHistory->index(0, RateHistoryModel::StateColumn).data().toString(), QStringLiteral("Scheduled"));
        view.resize(900, 520);
        screenshot(view, QStringLiteral("channels-merchant-rates-view-") + backend);

        // The calculator: 100.00 by WeChat QR code for the first merchant today.
        panel.tabs()->setCurrentWidget(panel.quote());
        FeeQuoteView *quote = panel.quote();
        QVERIFY(choose(quote->findChild<QComboBox *>(QStringLiteral("quoteMerchantCombo")), merchants[0]));
        QVERIFY(
            choose(quote->findChild<QComboBox *>(QStringLiteral("quoteMethodCombo")), int(PayMethod::WeChatNative)));
        QVERIFY(choose(quote->findChild<QComboBox *>(QStringLiteral("quoteAccountCombo")), account->id));
        QTest::keyClicks(quote->findChild<QLineEdit *>(QStringLiteral("quoteAmountEdit")), QStringLiteral("100.00"));
        QSignalSpy quoted(quote, &FeeQuoteView::quoted);
        QTest::mouseClick(quote->findChild<QPushButton *>(QStringLiteral("quoteButton")), Qt::LeftButton);
        QTRY_COMPARE(quoted.count(), 1);
        const QString result = quote->resultLabel()->text();
        QVERIFY2(result.contains(QStringLiteral("Merchant fee: 0.60 CNY at 0.60 % (6,000 ppm)")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Channel cost: 0.25 CNY at 0.25 % (2,500 ppm)")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Platform margin: 0.35 CNY")), qPrintable(result));
        screenshot(panel, QStringLiteral("channels-fees-quote-") + backend);
        // A merchant without a rate today: the core's reason.
        QVERIFY(choose(quote->findChild<QComboBox *>(QStringLiteral("quoteMerchantCombo")), merchants[2]));
        QVERIFY(choose(quote->findChild<QComboBox *>(QStringLiteral("quoteAccountCombo")), account->id));
        QTest::mouseClick(quote->findChild<QPushButton *>(QStringLiteral("quoteButton")), Qt::LeftButton);
        QTRY_COMPARE(quoted.count(), 2);
        QVERIFY2(quote->resultLabel()->text().contains(QStringLiteral("rate")),
                 qPrintable(quote->resultLabel()->text()));
    }

    void readersSeeNoChangingButtons()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        QVERIFY(support.isValid());
        Session session(f.core(), support);
        FeesPanel panel(session);
        QSignalSpy loaded(&panel, &FeesPanel::loaded);
        QTRY_VERIFY(loaded.count() >= 1);
        panel.show();
        QVERIFY(!panel.merchantRates()->findChild<QPushButton *>(QStringLiteral("setRateButton"))->isVisible());
        QVERIFY(!panel.merchantRates()
                     ->findChild<QPushButton *>(QStringLiteral("applyTemplateToMerchantButton"))
                     ->isVisible());
        QVERIFY(!panel.templates()->findChild<QPushButton *>(QStringLiteral("newTemplateButton"))->isVisible());
        // The core refuses anyway.
        QCOMPARE(f.core().fees().createTemplate(support, FeeTemplate()).error().code(), ErrorCode::PermissionDenied);
    }
};

QTEST_MAIN(TestFeesPanel)
#include "tst_feespanel.moc"
