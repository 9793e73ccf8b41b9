#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class MerchantDetailView;
class MerchantFilterBar;
class MerchantModel;
class Session;

// 商户管理: the merchant list — searched by name, merchant no. or registration no., narrowed
// to a status, loaded a page at a time off the GUI thread, with counts per status — "New
// merchant…", and the selected merchant in full below (MerchantDetailView).
class MerchantsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantsPanel(Session &session, QWidget *parent = nullptr);

    MerchantModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MerchantFilterBar *filterBar() const { return m_filter; }
    MerchantDetailView *detail() const { return m_detail; }
    // Selects the merchant with this id once its row is loaded.
    void select(qint64 merchantId);
    // Lists just this merchant (searched by its number) and selects it: where other panels link to.
    void showMerchant(qint64 merchantId, const QString &merchantNo);

public slots:
    void applyFilter();
    void createMerchant();
    void reloadCounts();

signals:
    // The counts per status were (re)loaded.
    void countsLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void selectPending();
    void showSelected();
    void merchantChanged(const Merchant &merchant);
    void retranslate();

    Session &m_session;
    MerchantModel *m_model;
    MerchantFilterBar *m_filter;
    QPushButton *m_create;
    QTableView *m_table;
    QLabel *m_message;
    MerchantDetailView *m_detail;
    qint64 m_pendingSelection = 0;
    bool m_ownChange = false;
    PageLoader<QMap<MerchantStatus, qint64>> m_counts;
};

} // namespace paydesk
