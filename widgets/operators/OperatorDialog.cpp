#include "widgets/operators/OperatorDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/operators/RoleText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

OperatorDialog::OperatorDialog(Session &session, QWidget *parent) : QDialog(parent), m_session(session)
{
    build(true);
    setWindowTitle(tr("New operator"));
}

OperatorDialog::OperatorDialog(Session &session, qint64 operatorId, const QString &username, const QSet<Role> &roles,
                               QWidget *parent)
    : QDialog(parent), m_session(session), m_operatorId(operatorId)
{
    build(false);
    setWindowTitle(tr("Roles of %1").arg(username));
    for (auto it = m_roleBoxes.cbegin(); it != m_roleBoxes.cend(); ++it)
        it.value()->setChecked(roles.contains(it.key()));
    validate();
}

void OperatorDialog::build(bool create)
{
    setObjectName(QStringLiteral("operatorDialog"));
    auto *layout = new QVBoxLayout(this);
    if (create) {
        auto *form = new QFormLayout;
        m_username = new QLineEdit(this);
        m_username->setObjectName(QStringLiteral("usernameEdit"));
        m_displayName = new QLineEdit(this);
        m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("initialPasswordEdit"));
        m_password->setEchoMode(QLineEdit::Password);
        m_confirm = new QLineEdit(this);
        m_confirm->setObjectName(QStringLiteral("confirmPasswordEdit"));
        m_confirm->setEchoMode(QLineEdit::Password);
        m_mustChange = new QCheckBox(tr("Must choose a new password at the first sign-in"), this);
        m_mustChange->setObjectName(QStringLiteral("mustChangeCheck"));
        m_mustChange->setChecked(true);
        form->addRow(tr("User name:"), m_username);
        form->addRow(tr("Name:"), m_displayName);
        form->addRow(tr("Initial password:"), m_password);
        form->addRow(tr("Again:"), m_confirm);
        form->addRow(QString(), m_mustChange);
        layout->addLayout(form);
        for (QLineEdit *edit : {m_username, m_password, m_confirm})
            connect(edit, &QLineEdit::textChanged, this, &OperatorDialog::validate);
    }
    auto *roles = new QGroupBox(tr("Roles"), this);
    auto *rolesLayout = new QVBoxLayout(roles);
    for (Role role : Permissions::allRoles()) {
        auto *box = new QCheckBox(RoleText::name(role), roles);
        box->setObjectName(QStringLiteral("role_") + Permissions::roleName(role));
        rolesLayout->addWidget(box);
        m_roleBoxes.insert(role, box);
        connect(box, &QCheckBox::toggled, this, &OperatorDialog::validate);
    }
    layout->addWidget(roles);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("operatorMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperatorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(440);
    validate();
}

QSet<Role> OperatorDialog::roles() const
{
    QSet<Role> roles;
    for (auto it = m_roleBoxes.cbegin(); it != m_roleBoxes.cend(); ++it) {
        if (it.value()->isChecked())
            roles.insert(it.key());
    }
    return roles;
}

void OperatorDialog::validate()
{
    QString problem;
    if (roles().isEmpty())
        problem = tr("Choose at least one role.");
    if (m_username) {
        const int minimum = m_session.core().operators().policy().minimumLength;
        if (!OperatorService::validateUsername(m_username->text()))
            problem =
                m_username->text().isEmpty() ? QStringLiteral(" ") : Error::describe(ErrorCode::OperatorNameInvalid);
        else if (m_password->text().size() < minimum)
            problem = tr("The password needs at least %n characters.", nullptr, minimum);
        else if (m_password->text() != m_confirm->text())
            problem = tr("The two passwords differ.");
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_message->setText(problem.trimmed());
}

void OperatorDialog::accept()
{
    OperatorService &operators = m_session.core().operators();
    Status status;
    if (m_username) {
        auto created = operators.create(m_session.actor(), m_username->text(), m_displayName->text().trimmed(), roles(),
                                        m_password->text(), m_mustChange->isChecked());
        if (!created)
            status = created.error();
    } else {
        status = operators.setRoles(m_session.actor(), m_operatorId, roles());
    }
    if (!status) {
        m_message->setText(status.error().message());
        return;
    }
    QDialog::accept();
}

} // namespace paydesk
