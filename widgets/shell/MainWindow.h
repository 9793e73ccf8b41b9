#pragma once

#include <QMainWindow>

class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace paydesk {

class AuditPanel;
class IdleWatcher;
class LedgerPanel;
class OperatorsPanel;
class MerchantsPanel;
class ReviewQueuePanel;
class ApplicationsPanel;
class ChannelAccountsPanel;
class FeesPanel;
class GatewayControl;
class ReconciliationPanel;
class RefundsPanel;
class TransactionsPanel;
class RoutingPanel;
class Session;

// The console's main window: a navigation sidebar with the panels the operator may use, the
// panel on the right, and who/where/which environment in the status bar. Locks itself after
// the idle time and asks for the password again, with nothing of the data in sight meanwhile.
// Remembers geometry, panel and language.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `gateway`: the in-process gateway the File menu may switch on (none: no such item).
    explicit MainWindow(Session &session, GatewayControl *gateway = nullptr, QWidget *parent = nullptr);

    LedgerPanel *ledgerPanel() const { return m_ledger; }
    AuditPanel *auditPanel() const { return m_audit; }
    OperatorsPanel *operatorsPanel() const { return m_operators; }
    MerchantsPanel *merchantsPanel() const { return m_merchants; }
    ReviewQueuePanel *reviewQueuePanel() const { return m_reviewQueue; }
    ApplicationsPanel *applicationsPanel() const { return m_applications; }
    ChannelAccountsPanel *channelAccountsPanel() const { return m_channelAccounts; }
    FeesPanel *feesPanel() const { return m_fees; }
    RoutingPanel *routingPanel() const { return m_routing; }
    RefundsPanel *refundsPanel() const { return m_refunds; }
    TransactionsPanel *transactionsPanel() const { return m_transactions; }
    ReconciliationPanel *reconciliationPanel() const { return m_reconciliation; }
    QListWidget *navigation() const { return m_navigation; }
    QAction *gatewayAction() const { return m_gatewayAction; }
    QLabel *gatewayLabel() const { return m_gatewayLabel; }
    // Shows the panel with this object name (e.g. "ledgerPanel"); false if not available.
    bool showPanel(const QString &objectName);
    IdleWatcher *idleWatcher() const { return m_idle; }

public slots:
    // Starts or stops the in-process gateway (the File menu's checkable item).
    void serveGateway(bool on);
    void lockScreen();
    void setLanguage(const QString &localeName);
    void changePassword();
    void unlockVault();

signals:
    void signOutRequested();
    void locked();
    void unlocked();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void addPanel(QWidget *panel);
    void createMenus();
    void retranslate();
    void updateStatus();
    void showAbout();
    // Takes every panel, the status bar and the title's content out of sight (and back).
    void hideData(bool hidden);

    Session &m_session;
    GatewayControl *m_gateway = nullptr;
    QAction *m_gatewayAction = nullptr;
    QLabel *m_gatewayLabel = nullptr;
    QListWidget *m_navigation;
    QStackedWidget *m_panels;
    // The window's area: the navigation and panels, or while locked a plain cover instead.
    QStackedWidget *m_screen;
    QWidget *m_content;
    QWidget *m_lockCover;
    LedgerPanel *m_ledger = nullptr;
    AuditPanel *m_audit = nullptr;
    OperatorsPanel *m_operators = nullptr;
    MerchantsPanel *m_merchants = nullptr;
    ReviewQueuePanel *m_reviewQueue = nullptr;
    ApplicationsPanel *m_applications = nullptr;
    ChannelAccountsPanel *m_channelAccounts = nullptr;
    FeesPanel *m_fees = nullptr;
    RoutingPanel *m_routing = nullptr;
    RefundsPanel *m_refunds = nullptr;
    TransactionsPanel *m_transactions = nullptr;
    ReconciliationPanel *m_reconciliation = nullptr;
    IdleWatcher *m_idle;
    QLabel *m_operatorLabel;
    QLabel *m_environmentLabel;
    QLabel *m_databaseLabel;
    QLabel *m_vaultLabel;
    QString m_environment;
    bool m_isLocked = false;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_accountMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_englishAction = nullptr;
    QAction *m_chineseAction = nullptr;
    QAction *m_passwordAction = nullptr;
    QAction *m_vaultAction = nullptr;
    QAction *m_lockAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace paydesk
