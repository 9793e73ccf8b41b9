#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTabWidget;

namespace paydesk {

class ApplicationsPanel;
class MerchantActions;
class MerchantBalancesTab;
class MerchantDocumentsTab;
class MerchantHistoryTab;
class MerchantProfileForm;
class MerchantRatesView;
class Session;

// One merchant in full: a heading with its status, a banner with what still stands in the way
// of the next step (missing documents and fields before submission, readiness problems before
// activation, the rejection reason), the workflow buttons, and the tabs Profile, Documents,
// Accounts & balances, Apps, Fees and History.
class MerchantDetailView : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        ProfileTab,
        DocumentsTab,
        BalancesTab,
        AppsTab,
        FeesTab,
        HistoryTab
    };

    explicit MerchantDetailView(Session &session, QWidget *parent = nullptr);

    // Shows this merchant (id 0: nothing selected).
    void setMerchant(const Merchant &merchant);
    const Merchant &merchant() const { return m_merchant; }

    QTabWidget *tabs() const { return m_tabs; }
    MerchantProfileForm *profileForm() const { return m_form; }
    MerchantDocumentsTab *documents() const { return m_documents; }
    MerchantBalancesTab *balances() const { return m_balances; }
    ApplicationsPanel *applications() const { return m_applications; }
    MerchantRatesView *rates() const { return m_rates; }
    MerchantHistoryTab *history() const { return m_history; }
    MerchantActions *actions() const { return m_actions; }
    QLabel *banner() const { return m_banner; }

public slots:
    void saveProfile();
    void revertProfile();
    // Reads the merchant again from the core (after changes made elsewhere).
    void refresh();

signals:
    // The merchant changed here (saved, a workflow step, a document): the list shows it anew.
    void merchantChanged(const Merchant &merchant);
    // The activation readiness was (re)loaded into the banner.
    void bannerUpdated();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showMerchant(const Merchant &merchant, bool keepEdits);
    void updateProfileButtons();
    void updateBanner();
    void loadReadiness();
    void retranslate();

    Session &m_session;
    Merchant m_merchant;
    QStringList m_readiness;
    bool m_readinessKnown = false;
    QString m_readinessError;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_banner;
    MerchantActions *m_actions;
    QTabWidget *m_tabs;
    QScrollArea *m_profileScroll;
    MerchantProfileForm *m_form;
    QLabel *m_profileHint;
    QPushButton *m_save;
    QPushButton *m_revert;
    MerchantDocumentsTab *m_documents;
    MerchantBalancesTab *m_balances;
    ApplicationsPanel *m_applications;
    MerchantRatesView *m_rates;
    MerchantHistoryTab *m_history;
    PageLoader<QStringList> m_readinessLoader;
    PageLoader<Merchant> m_refreshLoader;
    BackgroundCalls m_calls;
};

} // namespace paydesk
