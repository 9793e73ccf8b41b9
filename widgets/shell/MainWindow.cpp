#include "widgets/shell/MainWindow.h"

#include "core/PaydeskCore.h"
#include "i18n/Translations.h"
#include "widgets/audit/AuditPanel.h"
#include "widgets/channel/ChannelAccountsPanel.h"
#include "widgets/common/PasswordDialog.h"
#include "widgets/common/Session.h"
#include "widgets/fee/FeesPanel.h"
#include "widgets/ledger/LedgerPanel.h"
#include "widgets/merchant/ApplicationsPanel.h"
#include "widgets/merchant/MerchantsPanel.h"
#include "widgets/merchant/ReviewQueuePanel.h"
#include "widgets/operators/OperatorsPanel.h"
#include "widgets/operators/RoleText.h"
#include "widgets/payment/RefundsPanel.h"
#include "widgets/payment/TransactionsPanel.h"
#include "widgets/reconciliation/ReconciliationPanel.h"
#include "widgets/routing/RoutingPanel.h"
#include "widgets/shell/GatewayControl.h"
#include "widgets/shell/IdleWatcher.h"
#include "widgets/shell/LockCurtain.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace paydesk {

namespace {
enum Alternative
{
    SignOut = 1
};
}

MainWindow::MainWindow(Session &session, GatewayControl *gateway, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_gateway(gateway), m_gatewayLabel(new QLabel(this)),
      m_navigation(new QListWidget(this)), m_panels(new QStackedWidget(this)), m_screen(new QStackedWidget(this)),
      m_content(nullptr), m_lockCover(new QWidget(this)),
      m_idle(new IdleWatcher(int(session.core().operators().policy().idleLockSeconds * 1000), this)),
      m_operatorLabel(new QLabel(this)), m_environmentLabel(new QLabel(this)), m_databaseLabel(new QLabel(this)),
      m_vaultLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_operatorLabel->setObjectName(QStringLiteral("operatorStatus"));
    m_environmentLabel->setObjectName(QStringLiteral("environmentStatus"));
    m_vaultLabel->setObjectName(QStringLiteral("vaultStatus"));
    m_navigation->setMaximumWidth(200);
    m_environment = session.core().settings().value(Settings::Environment).value_or(QString());

    // Panels by permission: an operator sees only what the core would let them use.
    if (session.can(Permission::LedgerView))
        addPanel(m_ledger = new LedgerPanel(session, this));
    if (session.can(Permission::MerchantView))
        addPanel(m_merchants = new MerchantsPanel(session, this));
    if (session.can(Permission::MerchantReview))
        addPanel(m_reviewQueue = new ReviewQueuePanel(session, this));
    if (session.can(Permission::MerchantView))
        addPanel(m_applications = new ApplicationsPanel(session, this));
    if (session.can(Permission::ChannelView)) {
        addPanel(m_channelAccounts = new ChannelAccountsPanel(session, this));
        addPanel(m_fees = new FeesPanel(session, this));
        addPanel(m_routing = new RoutingPanel(session, this));
    }
    if (session.can(Permission::PaymentView)) {
        addPanel(m_transactions = new TransactionsPanel(session, this));
        addPanel(m_refunds = new RefundsPanel(session, this));
    }
    if (session.can(Permission::ReconcileView))
        addPanel(m_reconciliation = new ReconciliationPanel(session, this));
    if (session.can(Permission::AuditView))
        addPanel(m_audit = new AuditPanel(session, this));
    if (session.can(Permission::OperatorView))
        addPanel(m_operators = new OperatorsPanel(session, this));
    if (m_panels->count() == 0) {
        auto *nothing = new QLabel(this);
        nothing->setObjectName(QStringLiteral("noPanels"));
        nothing->setAlignment(Qt::AlignCenter);
        nothing->setWordWrap(true);
        addPanel(nothing);
    }

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_panels);
    splitter->setStretchFactor(1, 1);
    // The navigation is capped in width: hand it its width from the start, so that no empty
    // strip opens between it and the panel.
    splitter->setSizes({m_navigation->maximumWidth(), 1080});
    m_content = splitter;
    m_lockCover->setObjectName(QStringLiteral("lockCover"));
    m_lockCover->setAutoFillBackground(true);
    m_screen->addWidget(m_content);
    m_screen->addWidget(m_lockCover);
    setCentralWidget(m_screen);
    statusBar()->addWidget(m_operatorLabel);
    m_gatewayLabel->setObjectName(QStringLiteral("gatewayStatus"));
    statusBar()->addPermanentWidget(m_gatewayLabel);
    statusBar()->addPermanentWidget(m_vaultLabel);
    statusBar()->addPermanentWidget(m_environmentLabel);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_navigation, &QListWidget::currentRowChanged, m_panels, &QStackedWidget::setCurrentIndex);
    if (m_transactions && m_merchants) {
        connect(m_transactions, &TransactionsPanel::merchantRequested, this,
                [this](qint64 id, const QString &merchantNo) {
                    m_merchants->showMerchant(id, merchantNo);
                    showPanel(m_merchants->objectName());
                });
    }
    if (m_reconciliation && m_transactions) {
        connect(m_reconciliation, &ReconciliationPanel::orderRequested, this, [this](const QString &orderNo) {
            m_transactions->showOrder(orderNo);
            showPanel(m_transactions->objectName());
        });
    }
    connect(m_idle, &IdleWatcher::idle, this, &MainWindow::lockScreen);

    createMenus();
    retranslate();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 780);
    if (!showPanel(settings.value(QStringLiteral("window/panel")).toString()))
        m_navigation->setCurrentRow(0);
}

void MainWindow::addPanel(QWidget *panel)
{
    m_panels->addWidget(panel);
    m_navigation->addItem(QString());
}

bool MainWindow::showPanel(const QString &objectName)
{
    for (int i = 0; i < m_panels->count(); ++i) {
        if (m_panels->widget(i)->objectName() == objectName && !objectName.isEmpty()) {
            m_navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::signOutRequested);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    // Serving the gateway processes payments with the platform's channel credentials: for those
    // who manage channel accounts.
    if (m_gateway && m_session.can(Permission::ChannelManage)) {
        m_gatewayAction = m_fileMenu->addAction(QString());
        m_gatewayAction->setObjectName(QStringLiteral("gatewayAction"));
        m_gatewayAction->setCheckable(true);
        m_gatewayAction->setChecked(m_gateway->isRunning());
        connect(m_gatewayAction, &QAction::toggled, this, &MainWindow::serveGateway);
    }
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_viewMenu->addAction(QString(), &m_session, &Session::dataChanged);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_languageMenu = m_viewMenu->addMenu(QString());
    auto *languages = new QActionGroup(this);
    m_englishAction =
        m_languageMenu->addAction(QStringLiteral("English"), this, [this]() { setLanguage(QStringLiteral("en")); });
    m_chineseAction =
        m_languageMenu->addAction(QStringLiteral("简体中文"), this, [this]() { setLanguage(QStringLiteral("zh_CN")); });
    m_englishAction->setObjectName(QStringLiteral("englishAction"));
    m_chineseAction->setObjectName(QStringLiteral("chineseAction"));
    for (QAction *action : {m_englishAction, m_chineseAction}) {
        action->setCheckable(true);
        languages->addAction(action);
    }
    (QLocale().language() == QLocale::Chinese ? m_chineseAction : m_englishAction)->setChecked(true);

    m_accountMenu = menuBar()->addMenu(QString());
    m_passwordAction = m_accountMenu->addAction(QString(), this, &MainWindow::changePassword);
    m_vaultAction = m_accountMenu->addAction(QString(), this, &MainWindow::unlockVault);
    m_lockAction = m_accountMenu->addAction(QString(), this, &MainWindow::lockScreen);
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setObjectName(QStringLiteral("lockAction"));

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::setLanguage(const QString &localeName)
{
    const QLocale locale(localeName);
    QLocale::setDefault(locale);
    Translations::install(locale);
    QSettings().setValue(QStringLiteral("language"), localeName);
    (locale.language() == QLocale::Chinese ? m_chineseAction : m_englishAction)->setChecked(true);
}

void MainWindow::retranslate()
{
    setWindowTitle(m_screen->currentWidget() == m_lockCover ? tr("Paydesk is locked")
                                                            : tr("Paydesk — payment operations console"));
    for (int i = 0; i < m_panels->count(); ++i) {
        QWidget *panel = m_panels->widget(i);
        QString title;
        if (panel == m_ledger)
            title = tr("Ledger");
        else if (panel == m_merchants)
            title = tr("Merchants");
        else if (panel == m_reviewQueue)
            title = tr("Review queue");
        else if (panel == m_applications)
            title = tr("Applications");
        else if (panel == m_channelAccounts)
            title = tr("Channel accounts");
        else if (panel == m_fees)
            title = tr("Fee rates & templates");
        else if (panel == m_routing)
            title = tr("Routing rules");
        else if (panel == m_transactions)
            title = tr("Transactions");
        else if (panel == m_refunds)
            title = tr("Refunds & notifications");
        else if (panel == m_reconciliation)
            title = tr("Reconciliation");
        else if (panel == m_audit)
            title = tr("Audit log");
        else if (panel == m_operators)
            title = tr("Operators & roles");
        else if (auto *label = qobject_cast<QLabel *>(panel)) {
            title = tr("Welcome");
            label->setText(tr("Your roles (%1) have no panels in this version yet.")
                               .arg(RoleText::names(m_session.actor().roles())));
        }
        m_navigation->item(i)->setText(title);
    }
    m_fileMenu->setTitle(tr("&File"));
    m_signOutAction->setText(tr("Sign &out"));
    if (m_gatewayAction)
        m_gatewayAction->setText(tr("Serve the &gateway on loopback"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_refreshAction->setText(tr("&Refresh"));
    m_languageMenu->setTitle(tr("&Language"));
    m_accountMenu->setTitle(tr("&Account"));
    m_passwordAction->setText(tr("Change &password…"));
    m_vaultAction->setText(tr("Unlock secret &vault…"));
    m_lockAction->setText(tr("&Lock screen"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Paydesk"));
    updateStatus();
}

void MainWindow::updateStatus()
{
    const Actor &actor = m_session.actor();
    m_operatorLabel->setText(tr("Signed in as %1 (%2)").arg(actor.name(), RoleText::names(actor.roles())));
    QString environment = m_environment;
    if (environment == QLatin1String("production"))
        environment = tr("Production");
    else if (environment == QLatin1String("test"))
        environment = tr("Test");
    else if (environment == QLatin1String("demo"))
        environment = tr("Demo");
    m_environmentLabel->setText(tr("Environment: %1").arg(environment.isEmpty() ? tr("unknown") : environment));
    m_environmentLabel->setStyleSheet(
        m_environment == QLatin1String("production") ? QStringLiteral("color: #b00020; font-weight: bold") : QString());
    m_databaseLabel->setText(tr("Database: %1").arg(m_session.core().database().url().toDisplayString()));
    const bool vaultExists = m_session.core().vault().isInitialized().value_or(false);
    const bool vaultOpen = m_session.core().vault().isUnlocked();
    m_vaultLabel->setText(!vaultExists ? tr("Vault: not set up")
                          : vaultOpen  ? tr("Vault: unlocked")
                                       : tr("Vault: locked"));
    m_vaultAction->setEnabled(vaultExists && !vaultOpen);
    m_gatewayLabel->setText(m_gateway && m_gateway->isRunning() ? tr("Gateway: %1").arg(m_gateway->url().toString())
                                                                : QString());
    m_gatewayLabel->setVisible(m_gateway && m_gateway->isRunning());
}

void MainWindow::serveGateway(bool on)
{
    if (!m_gateway)
        return;
    if (!on) {
        m_gateway->stop();
    } else if (!m_session.core().vault().isUnlocked()) {
        QMessageBox::information(this, tr("Gateway"),
                                 tr("Unlock the secret vault first: the gateway needs the channel credentials "
                                    "and the applications' keys."));
    } else {
        auto served = m_gateway->start();
        if (!served)
            QMessageBox::warning(this, tr("Gateway"),
                                 tr("The gateway could not start: %1").arg(served.error().message()));
    }
    if (m_gatewayAction) {
        const QSignalBlocker blocker(m_gatewayAction);
        m_gatewayAction->setChecked(m_gateway->isRunning());
    }
    updateStatus();
}

void MainWindow::lockScreen()
{
    if (m_isLocked)
        return;
    m_isLocked = true;
    m_idle->setPaused(true);
    hideData(true);
    Session &session = m_session;
    PasswordDialog dialog(
        tr("Paydesk is locked"),
        tr("Paydesk locked itself after a time without use. Enter the password of %1 to go on.")
            .arg(session.actor().name()),
        PasswordDialog::Current,
        [&session](const QString &current, const QString &) {
            return session.core().operators().confirmPassword(session.actor(), current);
        },
        this);
    dialog.setObjectName(QStringLiteral("lockDialog"));
    // Enter confirms the password; signing out takes a click of its own, and Escape does nothing.
    dialog.setCancelable(false);
    dialog.addAlternative(tr("Sign out"), SignOut);
    int result = QDialog::Rejected;
    {
        const LockCurtain curtain({this, &dialog}, tr("Paydesk is locked"));
        emit locked();
        result = dialog.exec();
    }
    m_isLocked = false;
    if (result != QDialog::Accepted) {
        emit signOutRequested(); // the window goes without showing its data again
        return;
    }
    hideData(false);
    m_idle->setPaused(false);
    emit unlocked();
}

void MainWindow::hideData(bool hidden)
{
    m_screen->setCurrentWidget(hidden ? m_lockCover : m_content);
    statusBar()->setVisible(!hidden);
    menuBar()->setEnabled(!hidden);
    retranslate();
}

void MainWindow::changePassword()
{
    Session &session = m_session;
    PasswordDialog dialog(
        tr("Change password"), tr("Choose a new password of at least 12 characters that you have not used recently."),
        PasswordDialog::Current | PasswordDialog::New,
        [&session](const QString &current, const QString &next) {
            return session.core().operators().changeOwnPassword(session.actor(), current, next);
        },
        this);
    dialog.exec();
}

void MainWindow::unlockVault()
{
    Session &session = m_session;
    PasswordDialog dialog(
        tr("Unlock the secret vault"), tr("Enter the master passphrase."), PasswordDialog::Current,
        [&session](const QString &current, const QString &) {
            return session.core().vault().unlock(session.actor(), SecretBytes(current.toUtf8()));
        },
        this);
    dialog.setMinimumLength(1);
    dialog.exec();
    updateStatus();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Paydesk"),
                       tr("<h3>Paydesk %1</h3><p>Console for an aggregated payment platform: merchants, channels, "
                          "orders, reconciliation, clearing and settlement over a double-entry ledger.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (QWidget *current = m_panels->currentWidget())
        settings.setValue(QStringLiteral("window/panel"), current->objectName());
    QMainWindow::closeEvent(event);
}

} // namespace paydesk
