#include "demo/DemoSetup.h"

#include "core/PaydeskCore.h"
#include "core/payment/OrderImport.h"
#include "core/storage/UnitOfWork.h"
#include "demo/DemoOrders.h"

#include <QFile>
#include <QHostInfo>
#include <QTemporaryDir>

namespace paydesk::DemoSetup {

const char *const kPassword = "Demo-Pass-2026!";
const char *const kMasterPassphrase = "demo-master-passphrase";

QList<std::pair<QString, QString>> operators()
{
    return {
        {QStringLiteral("admin"), QStringLiteral("admin,finance,auditor")},
        {QStringLiteral("finance"), QStringLiteral("finance")},
        {QStringLiteral("approver"), QStringLiteral("approver")},
        {QStringLiteral("auditor"), QStringLiteral("auditor")},
        {QStringLiteral("support"), QStringLiteral("support")},
        {QStringLiteral("onboarding"), QStringLiteral("onboarding")},
        {QStringLiteral("reviewer"), QStringLiteral("onboarding")},
    };
}

Result<Summary> create(PaydeskCore &core, const Options &options, const DemoLedger::Progress &progress)
{
    auto existing = core.operators().hasOperators();
    if (!existing)
        return existing.error();
    if (*existing)
        return Error(ErrorCode::FirstAdminExists, QStringLiteral("demo data goes into an empty database"));
    const QString source = QStringLiteral("demo@") + QHostInfo::localHostName();
    const QString password = QString::fromLatin1(kPassword);
    auto admin = core.operators().createFirstAdmin(QStringLiteral("admin"), password, source);
    if (!admin)
        return admin.error();
    auto login = core.operators().authenticate(QStringLiteral("admin"), password, source);
    if (!login)
        return login.error();
    const Actor &actor = login->actor;
    const QList<std::pair<QString, QString>> people = operators();
    for (const auto &[name, roleNames] : people) {
        QSet<Role> roles;
        if (!Permissions::rolesFromText(roleNames, &roles))
            return Error(ErrorCode::RoleUnknown, roleNames);
        if (name == QLatin1String("admin")) {
            auto set = core.operators().setRoles(actor, admin->id, roles);
            if (!set)
                return set.error();
            continue;
        }
        // Demo operators sign in with the published password without changing it first.
        auto created = core.operators().create(actor, name, name, roles, password, false);
        if (!created)
            return created.error();
    }
    auto vault = core.vault().initialize(actor, SecretBytes(QByteArray(kMasterPassphrase)));
    if (!vault)
        return vault.error();
    auto environment = core.settings().setValue(Settings::Environment, QStringLiteral("demo"));
    if (!environment)
        return environment.error();
    // The demo's applications and channels live on loopback over plain http.
    auto development = core.settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on"));
    if (!development)
        return development.error();
    Summary summary;
    auto ledger = DemoLedger(core.database(), core.clock()).generate(options.ledger, progress);
    if (!ledger)
        return ledger.error();
    summary.ledger = *ledger;
    auto audited =
        core.audit().append(actor, {QStringLiteral("demo.generate"), QStringLiteral("ledger"), AuditResult::Ok,
                                    QJsonObject{{QStringLiteral("entries"), QString::number(ledger->entries)}}});
    if (!audited)
        return audited.error();
    // Onboarding as the platform's staff would do it: one operator prepares, another reviews.
    auto maker = core.operators().authenticate(QStringLiteral("onboarding"), password, source);
    if (!maker)
        return maker.error();
    auto checker = core.operators().authenticate(QStringLiteral("reviewer"), password, source);
    if (!checker)
        return checker.error();
    auto onboarding = DemoOnboarding(core, maker->actor, checker->actor).create(options.onboarding);
    if (!onboarding)
        return onboarding.error();
    summary.onboarding = *onboarding;
    if (options.historyOrders <= 0)
        return summary;
    // A month of orders and refunds from before today, imported as a migration would bring them.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error(ErrorCode::FileUnwritable, QStringLiteral("a temporary directory for the demo's orders"));
    const QString path = scratch.filePath(QStringLiteral("demo-orders.csv"));
    QFile csv(path);
    if (!csv.open(QIODevice::WriteOnly))
        return Error(ErrorCode::FileUnwritable, path);
    DemoOrders::Options history;
    history.orders = options.historyOrders;
    history.days = options.historyDays;
    auto written = DemoOrders::write(core.database(), core.fees(), csv, history);
    csv.close();
    if (!written)
        return written.error();
    auto finance = core.operators().authenticate(QStringLiteral("finance"), password, source);
    if (!finance)
        return finance.error();
    auto imported = OrderImport(core.database(), core.clock(), core.audit(), core.fees()).run(finance->actor, path);
    if (!imported)
        return imported.error();
    summary.historyOrders = imported->orders;
    summary.historyRefunds = imported->refunds;
    if (!options.reconciliation)
        return summary;
    // The days DemoOrders wrote: up to yesterday.
    const QDate lastDay = SystemClock::instance().businessDate().addDays(-1);
    auto reconciled =
        DemoReconciliation::create(core, finance->actor, lastDay.addDays(1 - options.historyDays), lastDay);
    if (!reconciled)
        return reconciled.error();
    summary.reconciliation = *reconciled;
    return summary;
}

} // namespace paydesk::DemoSetup
