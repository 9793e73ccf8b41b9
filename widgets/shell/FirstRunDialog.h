#pragma once

#include "core/security/OperatorService.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace paydesk {

class PaydeskCore;

// First start on a database without operators: the first administrator, the master passphrase
// that protects the secret vault, and which environment this is. Nothing is created until OK.
class FirstRunDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FirstRunDialog(PaydeskCore &core, QWidget *parent = nullptr);

    const Login &login() const { return m_login; }

public slots:
    void accept() override;

private:
    void validate();

    PaydeskCore &m_core;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QLineEdit *m_passphrase;
    QLineEdit *m_passphraseConfirm;
    QComboBox *m_environment;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    Login m_login;
};

} // namespace paydesk
