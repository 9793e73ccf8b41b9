#include "widgets/shell/LoginDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

LoginDialog::LoginDialog(PaydeskCore &core, const QString &environment, QWidget *parent)
    : QDialog(parent), m_core(core), m_username(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_message(new QLabel(this)), m_signIn(new QPushButton(tr("Sign in"), this)),
      m_loader(this, [this](Result<Login> login) { finished(std::move(login)); })
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Paydesk — sign in"));
    m_username->setObjectName(QStringLiteral("loginUsername"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);

    auto *heading = new QLabel(QStringLiteral("<h2>Paydesk</h2>"), this);
    auto *where = new QLabel(tr("Database: %1").arg(core.database().url().toDisplayString()), this);
    where->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("User name:"), m_username);
    form->addRow(tr("Password:"), m_password);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    // Enter signs in from either field; Cancel takes a click of its own.
    buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    if (!environment.isEmpty()) {
        auto *badge = new QLabel(tr("Environment: %1").arg(environment), this);
        badge->setObjectName(QStringLiteral("loginEnvironment"));
        layout->addWidget(badge);
    }
    layout->addWidget(where);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(420);
}

void LoginDialog::accept()
{
    if (m_loader.isRunning())
        return;
    if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_message->setText(tr("Enter your user name and password."));
        return;
    }
    m_signIn->setEnabled(false);
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Signing in…"));
    PaydeskCore *core = &m_core;
    const QString username = m_username->text().trimmed();
    const QString password = m_password->text();
    m_loader.start(
        [core, username, password]() { return core->operators().authenticate(username, password, Session::source()); });
}

void LoginDialog::finished(Result<Login> login)
{
    m_signIn->setEnabled(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    if (!login) {
        QString text = Error::describe(login.error().code());
        if (login.error().code() == ErrorCode::OperatorLocked) {
            const QDateTime until = QDateTime::fromString(login.error().detail(), Qt::ISODate);
            text =
                tr("Too many failed sign-ins: this operator is locked until %1.").arg(DisplayFormat::dateTime(until));
        }
        m_message->setText(text);
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_login = *login;
    m_message->clear();
    QDialog::accept();
}

} // namespace paydesk
