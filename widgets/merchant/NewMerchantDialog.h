#pragma once

#include "core/merchant/Merchant.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;

namespace paydesk {

class MerchantProfileForm;
class Session;

// Registers a merchant as a draft: the profile form, checked as you type, and OK once it is
// valid. The core creates it on OK; when it refuses, the dialog stays open with the reason
// under the field it names.
class NewMerchantDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewMerchantDialog(Session &session, QWidget *parent = nullptr);

    MerchantProfileForm *form() const { return m_form; }
    // The merchant the core created (id 0 until then).
    const Merchant &created() const { return m_created; }

public slots:
    void accept() override;

private:
    void validate();

    Session &m_session;
    MerchantProfileForm *m_form;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    Merchant m_created;
};

} // namespace paydesk
