#pragma once

#include "core/util/Result.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace paydesk {

// Asks for a password (or passphrase): the current one, a new one typed twice, or both.
// Checks length and the match as you type; on OK runs `submit` and stays open with the core's
// error if it fails, so the person can correct it. The first field has the focus and Enter means
// OK: every other button (Cancel, an alternative such as "Sign out" or "Skip") takes its own
// click, so a password typed and confirmed with Enter can never trigger it.
class PasswordDialog : public QDialog
{
    Q_OBJECT

public:
    enum Field
    {
        Current = 0x1,
        New = 0x2
    };
    using Submit = std::function<Status(const QString &current, const QString &next)>;

    PasswordDialog(const QString &title, const QString &explanation, int fields, Submit submit,
                   QWidget *parent = nullptr);

    void setMinimumLength(int length)
    {
        m_minimumLength = length;
        validate();
    }
    // Shown as a second button that closes the dialog with QDialog::Rejected and this code.
    void addAlternative(const QString &text, int code);
    // Without Cancel: Escape and closing the window do nothing, only OK or an alternative end it
    // (the lock screen, whose only way out besides the password is signing out).
    void setCancelable(bool cancelable);
    int alternative() const { return m_alternative; }

    QLineEdit *currentEdit() const { return m_current; }
    QLineEdit *newEdit() const { return m_new; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void accept() override;
    void reject() override;

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
    bool m_cancelable = true;
};

} // namespace paydesk
