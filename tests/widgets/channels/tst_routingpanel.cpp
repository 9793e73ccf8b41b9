#include "tests/support/CredentialSupport.h"
#include "tests/widgets/channels/ChannelPanelsSupport.h"
#include "widgets/common/Session.h"
#include "widgets/routing/RouteExplainModel.h"
#include "widgets/routing/RouteExplainView.h"
#include "widgets/routing/RoutingPanel.h"
#include "widgets/routing/RoutingRuleModel.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace paydesk;
using namespace paydesk::test;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

// The routing panel (路由规则) driven as onboarding staff would, offscreen, on a real core over
// SQLite and PostgreSQL: rules made in the dialog, and the explain box's choice and reasons as
// limits, disabled rules and accounts, priorities and weights change it. The sandbox only lends
// real key material, so that one account has complete credentials.
class TestRoutingPanel : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
    }
    void init() { english(); }

    void rulesAndExplain()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor onboarding = onboardingWithVault(f);
        QVERIFY(onboarding.isValid());
        auto merchant = f.core().merchants().create(onboarding, merchantProfile(QStringLiteral("Tencent")));
        QVERIFY(merchant);
        ChannelAccountService &accounts = f.core().channelAccounts();
        ChannelAccount limited =
            weChatAccount(QStringLiteral("wx-a"), QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId));
        limited.perTransactionLimit = cny(10000);
        auto a = accounts.create(onboarding, limited);
        auto b = accounts.create(onboarding, weChatAccount(QStringLiteral("wx-b"), QStringLiteral("1900000200")));
        auto c = accounts.create(onboarding, weChatAccount(QStringLiteral("wx-c"), QStringLiteral("1900000300")));
        auto d = accounts.create(onboarding, weChatAccount(QStringLiteral("wx-d"), QStringLiteral("1900000400")));
        QVERIFY(a && b && c && d);
        QVERIFY(accounts.setEnabled(onboarding, d->id, false));
        QVERIFY(provideCredentials(f.core(), a->id, weChatItems(m_bed))); // only wx-a can really pay

        Session session(f.core(), onboarding);
        RoutingPanel panel(session);
        QSignalSpy loaded(&panel, &RoutingPanel::loaded);
        panel.resize(1280, 860);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Tester rulesTester(panel.model(), kQtTest);
        Tester explainTester(panel.explainView()->model(), kQtTest);
        QTRY_VERIFY(loaded.count() >= 1);

        const struct
        {
            qint64 account;
            int priority;
            int weight;
        } rules[] = {{a->id, 1, 70}, {b->id, 1, 30}, {c->id, 2, 100}, {d->id, 1, 50}};
        for (const auto &rule : rules) {
            whenModal([&](QWidget *dialog) {
                QCOMPARE(dialog->objectName(), QStringLiteral("routingRuleDialog"));
                QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleMerchantCombo")), merchant->id));
                QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleMethodCombo")),
                               int(PayMethod::AlipayPrecreate)));
                QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("ruleAccountCombo"))->count(),
                         0); // no Alipay account
                QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
                QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleMethodCombo")),
                               int(PayMethod::WeChatNative)));
                QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleAccountCombo")), rule.account));
                dialog->findChild<QSpinBox *>(QStringLiteral("rulePrioritySpin"))->setValue(rule.priority);
                dialog->findChild<QSpinBox *>(QStringLiteral("ruleWeightSpin"))->setValue(rule.weight);
                if (rule.account == a->id)
                    screenshot(*dialog, QStringLiteral("channels-rule-dialog"));
                accept(dialog);
                QVERIFY2(!dialog->isVisible(),
                         qPrintable(dialog->findChild<QLabel *>(QStringLiteral("ruleMessage"))->text()));
            });
            QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("newRuleButton")), Qt::LeftButton);
        }
        QTRY_COMPARE(panel.model()->rowCount(), 4);
        QCOMPARE(panel.model()->index(0, RoutingRuleModel::AccountColumn).data().toString(), QStringLiteral("wx-a"));
        QCOMPARE(panel.model()->index(0, RoutingRuleModel::MethodColumn).data().toString(),
                 QStringLiteral("WeChat Pay QR code"));
        QCOMPARE(panel.model()->index(0, RoutingRuleModel::MerchantColumn).data().toString(),
                 merchant->merchantNo + QStringLiteral(" Tencent"));
        QCOMPARE(panel.model()->index(3, RoutingRuleModel::PriorityColumn).data().toInt(), 2);

        // A duplicate rule is the core's refusal, shown in the dialog.
        whenModal([&](QWidget *dialog) {
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleMerchantCombo")), merchant->id));
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleMethodCombo")),
                           int(PayMethod::WeChatNative)));
            QVERIFY(choose(dialog->findChild<QComboBox *>(QStringLiteral("ruleAccountCombo")), a->id));
            accept(dialog);
            QVERIFY(dialog->isVisible());
            QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("ruleMessage"))
                         ->text()
                         .contains(QStringLiteral("already routes")),
                     qPrintable(dialog->findChild<QLabel *>(QStringLiteral("ruleMessage"))->text()));
            QMetaObject::invokeMethod(dialog, "reject");
        });
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("newRuleButton")), Qt::LeftButton);
        QTRY_VERIFY(QApplication::activeModalWidget() == nullptr);

        // Explain 88.00: drawn between wx-a and wx-b; wx-c waits at priority 2; wx-d is disabled.
        RouteExplainView *explain = panel.explainView();
        RouteExplainModel *steps = explain->model();
        QSignalSpy explained(explain, &RouteExplainView::explained);
        auto ask = [&](const QString &amount, std::optional<PayMethod> method = PayMethod::WeChatNative) {
            QVERIFY(choose(explain->findChild<QComboBox *>(QStringLiteral("explainMerchantCombo")), merchant->id));
            if (method)
                QVERIFY(choose(explain->findChild<QComboBox *>(QStringLiteral("explainMethodCombo")), int(*method)));
            auto *edit = explain->findChild<QLineEdit *>(QStringLiteral("explainAmountEdit"));
            edit->clear();
            QTest::keyClicks(edit, amount);
            const int before = int(explained.count());
            QTest::mouseClick(explain->findChild<QPushButton *>(QStringLiteral("explainButton")), Qt::LeftButton);
            QTRY_COMPARE(explained.count(), before + 1);
        };
        auto outcome = [&](const QString &account) {
            return steps->index(steps->rowOf(account), RouteExplainModel::OutcomeColumn).data().toString();
        };
        auto why = [&](const QString &account) {
            return steps->index(steps->rowOf(account), RouteExplainModel::WhyColumn).data().toString();
        };
        ask(QStringLiteral("88.00"));
        QCOMPARE(steps->rowCount(), 4);
        QString choice = explain->choiceLabel()->text();
        QVERIFY2(choice.contains(QStringLiteral("drawn by weight at priority 1 between wx-a 70 %, wx-b 30 %")),
                 qPrintable(choice));
        const QString warning = explain->warningLabel()->text();
        QVERIFY2(warning.contains(QStringLiteral("Warning: wx-b lacks credentials")), qPrintable(warning));
        QVERIFY(!warning.contains(QStringLiteral("wx-a")));
        QCOMPARE(outcome(QStringLiteral("wx-a")), QStringLiteral("Would be drawn"));
        QCOMPARE(steps->index(steps->rowOf(QStringLiteral("wx-a")), RouteExplainModel::ShareColumn).data().toString(),
                 QStringLiteral("70 %"));
        QCOMPARE(outcome(QStringLiteral("wx-c")), QStringLiteral("Skipped: a higher priority comes first"));
        QCOMPARE(outcome(QStringLiteral("wx-d")), QStringLiteral("Skipped: account disabled"));
        QVERIFY2(why(QStringLiteral("wx-b")).contains(QStringLiteral("credentials incomplete")),
                 qPrintable(why(QStringLiteral("wx-b"))));
        QVERIFY(!why(QStringLiteral("wx-a")).contains(QStringLiteral("credentials")));
        screenshot(panel, QStringLiteral("channels-routing-draw-") + backend);

        // Disable wx-b's rule through the panel: wx-a alone takes it.
        const int ruleB = [&]() {
            for (int row = 0; row < panel.model()->rowCount(); ++row) {
                if (panel.model()->at(row).channelAccountId == b->id)
                    return row;
            }
            return -1;
        }();
        QVERIFY(ruleB >= 0);
        const qint64 ruleBId = panel.model()->at(ruleB).id;
        panel.table()->setCurrentIndex(panel.model()->index(ruleB, 0));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("toggleRuleButton")), Qt::LeftButton);
        QTRY_COMPARE(
            panel.model()->index(panel.model()->rowOf(ruleBId), RoutingRuleModel::EnabledColumn).data().toString(),
            QStringLiteral("Disabled"));
        ask(QStringLiteral("88.00"));
        choice = explain->choiceLabel()->text();
        QVERIFY2(choice.contains(QStringLiteral("routed to wx-a (priority 1)")), qPrintable(choice));
        QCOMPARE(outcome(QStringLiteral("wx-a")), QStringLiteral("Chosen"));
        QCOMPARE(outcome(QStringLiteral("wx-b")), QStringLiteral("Skipped: rule disabled"));
        QVERIFY(explain->warningLabel()->isHidden());

        // 150.00 is over wx-a's per payment limit: priority 2 takes over.
        ask(QStringLiteral("150.00"));
        choice = explain->choiceLabel()->text();
        QVERIFY2(choice.contains(QStringLiteral("routed to wx-c (priority 2)")), qPrintable(choice));
        QCOMPARE(outcome(QStringLiteral("wx-a")), QStringLiteral("Skipped: over the per-payment limit"));
        QVERIFY2(why(QStringLiteral("wx-a"))
                     .contains(QStringLiteral("150.00 CNY is over its per payment limit of 100.00 CNY")),
                 qPrintable(why(QStringLiteral("wx-a"))));
        QVERIFY2(explain->warningLabel()->text().contains(QStringLiteral("Warning: wx-c lacks credentials")),
                 qPrintable(explain->warningLabel()->text()));
        screenshot(panel, QStringLiteral("channels-routing-limit-") + backend);

        // Delete wx-d's rule after confirming.
        for (int row = 0; row < panel.model()->rowCount(); ++row) {
            if (panel.model()->at(row).channelAccountId == d->id)
                panel.table()->setCurrentIndex(panel.model()->index(row, 0));
        }
        answerYes();
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("deleteRuleButton")), Qt::LeftButton);
        QTRY_COMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(f.core().routing().rules(onboarding, merchant->id)->size(), 3);

        // Filter by method: nothing routes Alipay.
        QVERIFY(choose(panel.findChild<QComboBox *>(QStringLiteral("routingMethodFilter")),
                       int(PayMethod::AlipayPrecreate)));
        QTRY_COMPARE(panel.model()->rowCount(), 0);
        // The explain box follows the filter's method.
        QCOMPARE(explain->findChild<QComboBox *>(QStringLiteral("explainMethodCombo"))->currentData().toInt(),
                 int(PayMethod::AlipayPrecreate));
        ask(QStringLiteral("10.00"), std::nullopt);
        QVERIFY2(explain->choiceLabel()->text().contains(QStringLiteral("no routing rule")),
                 qPrintable(explain->choiceLabel()->text()));
    }

    void readersSeeNoChangingButtons()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        QVERIFY(support.isValid());
        Session session(f.core(), support);
        RoutingPanel panel(session);
        QSignalSpy loaded(&panel, &RoutingPanel::loaded);
        QTRY_VERIFY(loaded.count() >= 1);
        panel.show();
        for (const char *name : {"newRuleButton", "editRuleButton", "toggleRuleButton", "deleteRuleButton"})
            QVERIFY(!panel.findChild<QPushButton *>(QLatin1String(name))->isVisible());
        // Explaining is reading: allowed.
        QVERIFY(panel.explainView()->isVisible());
    }
};

QTEST_MAIN(TestRoutingPanel)
#include "tst_routingpanel.moc"
