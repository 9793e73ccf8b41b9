#include "widgets/common/PasswordDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

PasswordDialog::PasswordDialog(const QString &title, const QString &explanation, int fields, Submit submit,
                               QWidget *parent)
    : QDialog(parent), m_submit(std::move(submit)), m_message(new QLabel(this)), m_buttons(nullptr)
{
    setObjectName(QStringLiteral("passwordDialog"));
    setWindowTitle(title);
    auto *form = new QFormLayout;
    auto addField = [this, form](const QString &label, const QString &name) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setEchoMode(QLineEdit::Password);
        form->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &PasswordDialog::validate);
        return edit;
    };
    if (fields & Current)
        m_current = addField(tr("Current:"), QStringLiteral("currentPassword"));
    if (fields & New) {
        m_new = addField(tr("New:"), QStringLiteral("newPassword"));
        m_confirm = addField(tr("Again:"), QStringLiteral("confirmPassword"));
    }
    // Made after the fields, so that they come first in the tab order.
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    auto *intro = new QLabel(explanation, this);
    intro->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("passwordMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(420);
    validate();
    (m_current ? m_current : m_new)->setFocus();
}

void PasswordDialog::addAlternative(const QString &text, int code)
{
    QPushButton *button = m_buttons->addButton(text, QDialogButtonBox::DestructiveRole);
    button->setObjectName(QStringLiteral("alternativeButton"));
    button->setAutoDefault(false);
    button->setDefault(false);
    connect(button, &QPushButton::clicked, this, [this, code]() {
        m_alternative = code;
        reject();
    });
}

void PasswordDialog::setCancelable(bool cancelable)
{
    m_cancelable = cancelable;
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    if (!cancelable)
        delete cancel; // the box shows its buttons again when it is shown: hiding would not last
    else if (!cancel)
        m_buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false);
}

void PasswordDialog::reject()
{
    if (m_cancelable || m_alternative != 0)
        QDialog::reject();
}

void PasswordDialog::validate()
{
    QString problem;
    if (m_current && m_current->text().isEmpty())
        problem = QStringLiteral(" ");
    if (m_new) {
        if (m_new->text().size() < m_minimumLength)
            problem =
                m_new->text().isEmpty() ? QStringLiteral(" ") : tr("At least %n characters.", nullptr, m_minimumLength);
        else if (m_new->text() != m_confirm->text())
            problem = tr("The two entries differ.");
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_message->setText(problem.trimmed());
}

void PasswordDialog::accept()
{
    const QString current = m_current ? m_current->text() : QString();
    const QString next = m_new ? m_new->text() : QString();
    auto status = m_submit ? m_submit(current, next) : Status();
    if (!status) {
        m_message->setText(status.error().message());
        if (m_current && status.error().code() == ErrorCode::AuthenticationFailed)
            m_current->selectAll();
        return;
    }
    QDialog::accept();
}

} // namespace paydesk
