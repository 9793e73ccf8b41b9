#include "core/PaydeskCore.h"
#include "demo/DemoSetup.h"
#include "i18n/Translations.h"
#include "tests/support/TestDatabase.h"
#include "widgets/channel/ChannelAccountModel.h"
#include "widgets/channel/ChannelAccountsPanel.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/MerchantsPanel.h"
#include "widgets/merchant/ReviewQueuePanel.h"
#include "widgets/shell/MainWindow.h"

#include <QDir>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace paydesk;
using namespace paydesk::test;

// The demo platform as an operator first sees it: the onboarding panels over the merchants,
// channel accounts and review queue that DemoSetup made through the core.
class TestDemoConsole : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void onboardingPanelsShowTheDemo()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QTemporaryDir sandboxKeys; // empty: the accounts are made without credentials
        PaydeskCore core(db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 5;
        options.onboarding.sandboxDirectory = sandboxKeys.path();
        auto demo = DemoSetup::create(core, options);
        QVERIFY2(demo.ok(),
                 qPrintable(demo ? QString() : demo.error().message() + QLatin1Char(' ') + demo.error().detail()));
        QCOMPARE(demo->onboarding.merchants, 50);
        QVERIFY(!demo->onboarding.credentialsProblem.isEmpty());

        auto login = core.operators().authenticate(QStringLiteral("reviewer"),
                                                   QString::fromLatin1(DemoSetup::kPassword), QStringLiteral("test"));
        QVERIFY(login.ok());
        Session session(core, login->actor);
        MainWindow window(session);
        window.resize(1360, 900);
        window.show();

        MerchantsPanel *merchants = window.merchantsPanel();
        QVERIFY(merchants);
        QVERIFY(window.showPanel(merchants->objectName()));
        QTRY_VERIFY_WITH_TIMEOUT(merchants->model()->rowCount() > 0 && !merchants->model()->isLoading(), 20000);
        while (merchants->model()->canFetchMore({})) {
            merchants->model()->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!merchants->model()->isLoading(), 20000);
        }
        QCOMPARE(merchants->model()->rowCount(), 50);
        QLabel *counts = merchants->findChild<QLabel *>(QStringLiteral("merchantCounts"));
        QTRY_VERIFY2(counts->text().startsWith(QStringLiteral("50 merchants")), qPrintable(counts->text()));

        ReviewQueuePanel *queue = window.reviewQueuePanel();
        QVERIFY(queue);
        QVERIFY(window.showPanel(queue->objectName()));
        QTRY_COMPARE_WITH_TIMEOUT(queue->model()->rowCount(), 5, 20000);

        ChannelAccountsPanel *accounts = window.channelAccountsPanel();
        QVERIFY(window.showPanel(accounts->objectName()));
        QTRY_COMPARE_WITH_TIMEOUT(accounts->model()->rowCount(), 5, 20000);

        const QString dir = QStringLiteral(PAYDESK_ARTIFACT_DIR);
        QDir().mkpath(dir);
        for (QWidget *panel : std::initializer_list<QWidget *>{merchants, queue, accounts}) {
            window.showPanel(panel->objectName());
            QTest::qWait(200);
            QVERIFY(window.grab().save(
                QDir(dir).filePath(QStringLiteral("demo-%1-%2.png").arg(panel->objectName(), backend))));
        }
        window.close();
        QThreadPool::globalInstance()->waitForDone();
    }

    // The panels this issue changed (channel accounts, fees, routing, refunds, ledger) in both
    // languages at the two sizes operators use: every panel opens, and the window really is that
    // size (a panel that needs more room would force it wider). PNGs for a person to look at.
    void changedPanelsAtOperatorSizes()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("rendered once");
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QTemporaryDir sandboxKeys;
        PaydeskCore core(db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 3;
        options.onboarding.sandboxDirectory = sandboxKeys.path();
        QVERIFY(DemoSetup::create(core, options).ok());
        auto login = core.operators().authenticate(QStringLiteral("admin"), QString::fromLatin1(DemoSetup::kPassword),
                                                   QStringLiteral("test"));
        QVERIFY(login.ok());
        const QString dir = QStringLiteral(PAYDESK_ARTIFACT_DIR);
        QDir().mkpath(dir);
        for (const char *language : {"zh_CN", "en"}) {
            const QLocale locale{QString::fromLatin1(language)};
            QLocale::setDefault(locale);
            Translations::install(locale);
            Session session(core, login->actor);
            MainWindow window(session);
            window.show();
            for (const QSize size : {QSize(1440, 900), QSize(1024, 768)}) {
                window.resize(size);
                for (const QString &panel :
                     {QStringLiteral("channelAccountsPanel"), QStringLiteral("feesPanel"),
                      QStringLiteral("routingPanel"), QStringLiteral("refundsPanel"), QStringLiteral("ledgerPanel")}) {
                    QVERIFY2(window.showPanel(panel), qPrintable(panel));
                    QTest::qWait(300);
                    QVERIFY2(window.size() == size,
                             qPrintable(QStringLiteral("%1 (%2): the window is %3 px wide, the console asks for %4")
                                            .arg(panel, QString::fromLatin1(language))
                                            .arg(window.width())
                                            .arg(window.minimumSizeHint().width())));
                    QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("sizes-%1-%2-%3x%4.png")
                                                                      .arg(panel, QString::fromLatin1(language))
                                                                      .arg(size.width())
                                                                      .arg(size.height()))));
                }
            }
            window.close();
            QThreadPool::globalInstance()->waitForDone();
        }
        QLocale::setDefault(QLocale(QLocale::English));
        Translations::install(QLocale(QLocale::English));
    }
};

QTEST_MAIN(TestDemoConsole)
#include "tst_democonsole.moc"
