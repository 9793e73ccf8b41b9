#pragma once

#include "widgets/shell/MainWindow.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace paydesk {

class GatewayControl;
class PaydeskCore;
class Session;
struct Login;

// The console's life: first start (first administrator and vault) or sign in, a forced
// password change when required, the vault's master passphrase, then the main window; after
// "sign out" (or the idle lock's "sign out") back to signing in.
class ConsoleApp : public QObject
{
    Q_OBJECT

public:
    // `gateway`: the in-process gateway the File menu can switch on; stopped at sign-out.
    explicit ConsoleApp(PaydeskCore &core, GatewayControl *gateway = nullptr, QObject *parent = nullptr);
    ~ConsoleApp() override;

    // Runs the sign-in dialogs and shows the main window; false when the person gave up.
    bool start();
    MainWindow *window() const { return m_window; }

private:
    bool signIn(Login *login);
    void openWindow(const Login &login);
    void signOut();

    PaydeskCore &m_core;
    GatewayControl *m_gateway = nullptr;
    std::unique_ptr<Session> m_session;
    QPointer<MainWindow> m_window;
};

} // namespace paydesk
