#include "widgets/shell/FirstRunDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

FirstRunDialog::FirstRunDialog(PaydeskCore &core, QWidget *parent)
    : QDialog(parent), m_core(core), m_username(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_confirm(new QLineEdit(this)), m_passphrase(new QLineEdit(this)), m_passphraseConfirm(new QLineEdit(this)),
      m_environment(new QComboBox(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Paydesk — first start"));
    m_username->setObjectName(QStringLiteral("firstAdminUsername"));
    m_password->setObjectName(QStringLiteral("firstAdminPassword"));
    m_confirm->setObjectName(QStringLiteral("firstAdminConfirm"));
    m_passphrase->setObjectName(QStringLiteral("masterPassphrase"));
    m_passphraseConfirm->setObjectName(QStringLiteral("masterPassphraseConfirm"));
    m_environment->setObjectName(QStringLiteral("environmentChoice"));
    m_message->setObjectName(QStringLiteral("firstRunMessage"));
    for (QLineEdit *edit : {m_password, m_confirm, m_passphrase, m_passphraseConfirm})
        edit->setEchoMode(QLineEdit::Password);
    m_environment->addItem(tr("Production"), QStringLiteral("production"));
    m_environment->addItem(tr("Test"), QStringLiteral("test"));
    m_environment->addItem(tr("Demo"), QStringLiteral("demo"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *intro = new QLabel(tr("This database has no operators yet. Create the first administrator, and choose the "
                                "master passphrase that encrypts channel keys and application secrets. Paydesk cannot "
                                "recover a lost master passphrase."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Administrator:"), m_username);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Password again:"), m_confirm);
    form->addRow(tr("Master passphrase:"), m_passphrase);
    form->addRow(tr("Passphrase again:"), m_passphraseConfirm);
    form->addRow(tr("Environment:"), m_environment);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    for (QLineEdit *edit : {m_username, m_password, m_confirm, m_passphrase, m_passphraseConfirm})
        connect(edit, &QLineEdit::textChanged, this, &FirstRunDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(480);
    validate();
}

void FirstRunDialog::validate()
{
    const int minimum = m_core.operators().policy().minimumLength;
    QString problem;
    if (!OperatorService::validateUsername(m_username->text()))
        problem = m_username->text().isEmpty() ? QStringLiteral(" ") : Error::describe(ErrorCode::OperatorNameInvalid);
    else if (m_password->text().size() < minimum)
        problem = tr("The password needs at least %n characters.", nullptr, minimum);
    else if (m_password->text() != m_confirm->text())
        problem = tr("The two passwords differ.");
    else if (m_passphrase->text().size() < 12)
        problem = tr("The master passphrase needs at least 12 characters.");
    else if (m_passphrase->text() != m_passphraseConfirm->text())
        problem = tr("The two passphrases differ.");
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_message->setText(problem.trimmed());
}

void FirstRunDialog::accept()
{
    const QString username = m_username->text();
    auto created = m_core.operators().createFirstAdmin(username, m_password->text(), Session::source());
    if (!created) {
        m_message->setText(created.error().message());
        return;
    }
    auto login = m_core.operators().authenticate(username, m_password->text(), Session::source());
    if (!login) {
        m_message->setText(login.error().message());
        return;
    }
    auto vault = m_core.vault().initialize(login->actor, SecretBytes(m_passphrase->text().toUtf8()));
    if (!vault) {
        m_message->setText(vault.error().message());
        return;
    }
    auto environment = m_core.settings().setValue(Settings::Environment, m_environment->currentData().toString());
    if (!environment) {
        m_message->setText(environment.error().message());
        return;
    }
    m_login = *login;
    QDialog::accept();
}

} // namespace paydesk
