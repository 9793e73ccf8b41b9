#include "widgets/shell/ConsoleApp.h"

#include "core/PaydeskCore.h"
#include "widgets/common/PasswordDialog.h"
#include "widgets/common/Session.h"
#include "widgets/shell/FirstRunDialog.h"
#include "widgets/shell/GatewayControl.h"
#include "widgets/shell/LoginDialog.h"
#include "widgets/shell/MainWindow.h"

#include <QApplication>
#include <QTimer>

namespace paydesk {

namespace {
enum Alternative
{
    SkipVault = 1
};
}

ConsoleApp::ConsoleApp(PaydeskCore &core, GatewayControl *gateway, QObject *parent)
    : QObject(parent), m_core(core), m_gateway(gateway)
{
}

ConsoleApp::~ConsoleApp()
{
    delete m_window;
}

bool ConsoleApp::signIn(Login *login)
{
    auto hasOperators = m_core.operators().hasOperators();
    if (hasOperators && !*hasOperators) {
        FirstRunDialog firstRun(m_core);
        if (firstRun.exec() != QDialog::Accepted)
            return false;
        *login = firstRun.login();
        return true;
    }
    const QString environment = m_core.settings().value(Settings::Environment).value_or(QString());
    LoginDialog dialog(m_core, environment);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *login = dialog.login();
    if (!login->mustChangePassword)
        return true;
    PaydeskCore &core = m_core;
    const Actor actor = login->actor;
    PasswordDialog change(tr("Choose your own password"),
                          tr("Your password was set by an administrator. Choose your own before you continue."),
                          PasswordDialog::Current | PasswordDialog::New,
                          [&core, actor](const QString &current, const QString &next) {
                              return core.operators().changeOwnPassword(actor, current, next);
                          });
    return change.exec() == QDialog::Accepted;
}

bool ConsoleApp::start()
{
    Login login;
    if (!signIn(&login))
        return false;
    auto vaultExists = m_core.vault().isInitialized();
    if (vaultExists && *vaultExists && !m_core.vault().isUnlocked()) {
        PaydeskCore &core = m_core;
        const Actor actor = login.actor;
        PasswordDialog unlock(tr("Unlock the secret vault"),
                              tr("Enter the master passphrase to use channel keys and application secrets in this "
                                 "session. You can skip this and unlock later from the Account menu."),
                              PasswordDialog::Current, [&core, actor](const QString &current, const QString &) {
                                  return core.vault().unlock(actor, SecretBytes(current.toUtf8()));
                              });
        unlock.setObjectName(QStringLiteral("vaultUnlockDialog"));
        unlock.setMinimumLength(1);
        unlock.addAlternative(tr("Skip"), SkipVault);
        unlock.exec();
    }
    openWindow(login);
    return true;
}

void ConsoleApp::openWindow(const Login &login)
{
    m_session = std::make_unique<Session>(m_core, login.actor);
    m_window = new MainWindow(*m_session, m_gateway);
    connect(m_window, &MainWindow::signOutRequested, this, &ConsoleApp::signOut, Qt::QueuedConnection);
    m_window->show();
}

void ConsoleApp::signOut()
{
    if (!m_session)
        return;
    if (m_window)
        m_window->hide();
    if (m_gateway)
        m_gateway->stop(); // it serves with the vault's secrets, which lock now
    m_core.vault().lock();
    (void)m_core.audit().append(
        m_session->actor(),
        {QStringLiteral("logout"), QStringLiteral("operator:") + m_session->actor().name(), AuditResult::Ok, {}});
    // The window goes before the session its panels refer to, outside of the signal that asked.
    QTimer::singleShot(0, this, [this]() {
        delete m_window;
        m_session.reset();
        if (!start())
            QApplication::quit();
    });
}

} // namespace paydesk
