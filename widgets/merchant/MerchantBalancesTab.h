#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace paydesk {

class Session;

// A merchant's three ledger accounts — pending (not yet settled to it), available (what can be
// paid out) and frozen (held back) — with their balances from MerchantService::balances.
class MerchantBalancesTab : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantBalancesTab(Session &session, QWidget *parent = nullptr);

    void setMerchant(const Merchant &merchant);
    QString balanceText(int row) const;

public slots:
    void reload();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showBalances(Result<MerchantBalances> balances);
    void retranslate();

    Session &m_session;
    Merchant m_merchant;
    std::optional<MerchantBalances> m_balances;
    QString m_error;
    QLabel *m_heading;
    QLabel *m_names[3];
    QLabel *m_accounts[3];
    QLabel *m_amounts[3];
    QLabel *m_note;
    QPushButton *m_refresh;
    PageLoader<MerchantBalances> m_loader;
};

} // namespace paydesk
