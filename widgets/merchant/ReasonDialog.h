#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace paydesk {

// Asks for the reason or note a workflow step carries (rejecting, freezing, approving). With
// `required`, OK stays disabled until something is typed; the core keeps at most 500 characters.
class ReasonDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kMaximumLength = 500;

    ReasonDialog(const QString &title, const QString &prompt, bool required, QWidget *parent = nullptr);

    QString text() const;

private:
    void validate();

    bool m_required;
    QLabel *m_prompt;
    QPlainTextEdit *m_edit;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace paydesk
