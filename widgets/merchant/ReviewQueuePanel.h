#pragma once

#include "core/merchant/Merchant.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace paydesk {

class MerchantActions;
class MerchantDocumentsTab;
class MerchantModel;
class MerchantProfileForm;
class Session;

// 商户审核: merchants submitted for review, oldest first, with who submitted them and when. The
// selected one's profile and documents are shown read-only with Approve and Reject (a reason is
// required); the core refuses a review by the merchant's own submitter and the panel says so.
class ReviewQueuePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewQueuePanel(Session &session, QWidget *parent = nullptr);

    MerchantModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MerchantActions *actions() const { return m_actions; }
    MerchantProfileForm *profileForm() const { return m_form; }
    MerchantDocumentsTab *documents() const { return m_documents; }
    const Merchant &selected() const { return m_merchant; }

public slots:
    void reload();

signals:
    // A merchant left the queue (approved or rejected here).
    void reviewed(const Merchant &merchant);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showSelected();
    void retranslate();

    Session &m_session;
    Merchant m_merchant;
    MerchantModel *m_model;
    QTableView *m_table;
    QLabel *m_count;
    QPushButton *m_refresh;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_hint;
    MerchantActions *m_actions;
    QTabWidget *m_tabs;
    MerchantProfileForm *m_form;
    MerchantDocumentsTab *m_documents;
    int m_reselectRow = -1;  // after a review: the row to show next
    qint64 m_reselectId = 0; // after any other reload: the merchant that was shown
};

} // namespace paydesk
