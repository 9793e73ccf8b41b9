#pragma once

#include "util/Result.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace paydesk {

// Asks for a password (or passphrase): the current one, a new one typed twice, or both.
// Checks length and the match as you type; on OK runs `submit` and stays open with the core's
// error if it fails, so the person can correct it.
class PasswordDialog : public QDialog
{
    Q_OBJECT

public:
    enum Field { Current = 0x1, New = 0x2 };
    using Submit = std::function<Status(const QString &current, const QString &next)>;

    PasswordDialog(const QString &title, const QString &explanation, int fields, Submit submit, QWidget *parent = nullptr);

    void setMinimumLength(int length) { m_minimumLength = length; validate(); }
    // Shown as a second button that closes the dialog with QDialog::Rejected and this code.
    void addAlternative(const QString &text, int code);
    int alternative() const { return m_alternative; }

    QLineEdit *currentEdit() const { return m_current; }
    QLineEdit *newEdit() const { return m_new; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void accept() override;

private:
    void validate();

    Submit m_submit;
    QLineEdit *m_current = nullptr;
    QLineEdit *m_new = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    int m_minimumLength = 12;
    int m_alternative = 0;
};

} // namespace paydesk
