#pragma once

#include "core/security/OperatorService.h"
#include "widgets/common/PageLoader.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace paydesk {

class PaydeskCore;

// Sign in: user name and password, checked by the core off the GUI thread (scrypt takes a
// moment). Wrong passwords, lockouts and disabled operators are explained in plain words.
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(PaydeskCore &core, const QString &environment, QWidget *parent = nullptr);

    const Login &login() const { return m_login; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void accept() override;

private:
    void finished(Result<Login> login);

    PaydeskCore &m_core;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_message;
    QPushButton *m_signIn;
    Login m_login;
    PageLoader<Login> m_loader;
};

} // namespace paydesk
