#pragma once

#include "core/merchant/Merchant.h"
#include "core/merchant/MerchantWorkflow.h"
#include "widgets/common/BackgroundCalls.h"

#include <QMap>
#include <QWidget>

class QPushButton;

namespace paydesk {

class Session;

// The workflow buttons for one merchant: the steps MerchantWorkflow::actionsFrom its status
// offers that the operator's roles allow. Steps that carry a reason or note ask for it first;
// each runs MerchantService::perform off the GUI thread, and a refusal (a reviewer who
// submitted the merchant, activation before it is ready, …) is shown as the core words it.
class MerchantActions : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantActions(Session &session, QWidget *parent = nullptr);

    void setMerchant(const Merchant &merchant);
    // Limits the buttons to these steps (the review queue offers approve and reject); empty: all.
    void setOffered(const QList<MerchantAction> &actions);
    QPushButton *button(MerchantAction action) const { return m_buttons.value(action); }
    bool isBusy() const { return m_busy; }
    // The refusal shown last (ErrorCode::None when the last step succeeded).
    const Error &lastError() const { return m_lastError; }

public slots:
    void trigger(MerchantAction action);

signals:
    void performed(const Merchant &merchant, MerchantAction action);
    void failed(const Error &error, MerchantAction action);

protected:
    void changeEvent(QEvent *event) override;

private:
    void perform(MerchantAction action, const QString &text);
    void updateButtons();
    void retranslate();
    // Asks for the step's reason or note; false when the operator cancelled.
    bool askText(MerchantAction action, QString *text);

    Session &m_session;
    Merchant m_merchant;
    QList<MerchantAction> m_offered;
    QMap<MerchantAction, QPushButton *> m_buttons;
    bool m_busy = false;
    Error m_lastError;
    BackgroundCalls m_calls;
};

} // namespace paydesk
