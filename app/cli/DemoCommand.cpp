#include "app/cli/CliCommand.h"
#include "app/cli/DemoTraffic.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "demo/SandboxCredentials.h"

#include <QCoreApplication>

namespace paydesk::cli {

int runDemo(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("days"), Cli::tr("Business days of activity (default 30)."), QStringLiteral("n"),
                      QStringLiteral("30")});
    parser.addOption({QStringLiteral("seed"), Cli::tr("Random seed (default 20261127)."), QStringLiteral("n"),
                      QStringLiteral("20261127")});
    parser.addOption({QStringLiteral("merchants"), Cli::tr("Merchants to onboard, at least 12 (default 50)."),
                      QStringLiteral("n"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("orders"),
                      Cli::tr("Orders of the days before today, imported with their refunds and "
                              "ledger entries (default 20000; 0: none)."),
                      QStringLiteral("n"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("live"),
                      Cli::tr("Orders of today sent through the gateway (paydeskd in this process) and "
                              "paid at the sandbox, with callbacks, notifications and refunds "
                              "(default 60; 0: none)."),
                      QStringLiteral("n"), QStringLiteral("60")});
    parser.addOption({QStringLiteral("no-reconciliation"),
                      Cli::tr("Leave the past days unreconciled (by default they are reconciled, the "
                              "last with one discrepancy of each category).")});
    parser.addOption({QStringLiteral("sandbox-dir"),
                      Cli::tr("The paydesk-sandbox state directory whose keys the channel "
                              "accounts use; made if missing (default $PAYDESK_SANDBOX_DIR or "
                              "the sandbox's default)."),
                      QStringLiteral("dir")});
    if (!context.parse(
            parser, Cli::tr("Fill an empty database with a demo platform: operators for every role "
                            "(password Demo-Pass-2026!), the secret vault (master passphrase "
                            "demo-master-passphrase), a month of payments, refunds, clearing, channel "
                            "funds and payouts for twelve merchants on three channels, and about fifty "
                            "merchants in every onboarding state with documents, applications, channel "
                            "accounts on the local paydesk-sandbox (port 9443), fee rates and routing rules, and the "
                            "orders and refunds of those days (imported as a migration would bring them).")))
        return context.exitCode();
    bool daysOk = false;
    bool seedOk = false;
    bool merchantsOk = false;
    DemoSetup::Options options;
    options.ledger.days = parser.value(QStringLiteral("days")).toInt(&daysOk);
    options.ledger.seed = parser.value(QStringLiteral("seed")).toUInt(&seedOk);
    options.onboarding.merchants = parser.value(QStringLiteral("merchants")).toInt(&merchantsOk);
    if (!daysOk || options.ledger.days < 1 || options.ledger.days > 3660 || !seedOk)
        return context.fail(Cli::tr("--days must be 1 to 3660 and --seed a whole number"), Usage);
    if (!merchantsOk || options.onboarding.merchants < options.ledger.merchants || options.onboarding.merchants > 10000)
        return context.fail(Cli::tr("--merchants must be %1 to 10000").arg(options.ledger.merchants), Usage);
    bool ordersOk = false;
    options.historyOrders = parser.value(QStringLiteral("orders")).toLongLong(&ordersOk);
    options.historyDays = options.ledger.days;
    options.reconciliation = !parser.isSet(QStringLiteral("no-reconciliation"));
    if (!ordersOk || options.historyOrders < 0 || options.historyOrders > 100000000)
        return context.fail(Cli::tr("--orders must be 0 to 100000000"), Usage);
    bool liveOk = false;
    const int live = parser.value(QStringLiteral("live")).toInt(&liveOk);
    if (!liveOk || live < 0 || live > 100000)
        return context.fail(Cli::tr("--live must be 0 to 100000"), Usage);
    options.onboarding.sandboxDirectory = parser.isSet(QStringLiteral("sandbox-dir"))
                                              ? parser.value(QStringLiteral("sandbox-dir"))
                                              : SandboxCredentials::defaultDirectory();
    // The sandbox makes the same keys on its first start; making them now lets the demo's
    // channel accounts carry them, so "Test connection" works once the sandbox runs.
    auto keys = SandboxCredentials::makeKeys(options.onboarding.sandboxDirectory);
    if (!keys)
        return context.fail(keys.error());
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    auto summary = DemoSetup::create(*core, options);
    if (!summary)
        return context.fail(summary.error());
    context.out << Cli::tr("demo data: %1 journal entries (%2 payments, %3 refunds) over %4 days")
                       .arg(summary->ledger.entries)
                       .arg(summary->ledger.payments)
                       .arg(summary->ledger.refunds)
                       .arg(options.ledger.days)
                << '\n'
                << Cli::tr("onboarding: %1 merchants, %2 applications, %3 channel accounts (sandbox keys from %4), %5 "
                           "routing rules")
                       .arg(summary->onboarding.merchants)
                       .arg(summary->onboarding.applications)
                       .arg(summary->onboarding.channelAccounts)
                       .arg(options.onboarding.sandboxDirectory)
                       .arg(summary->onboarding.routingRules)
                << '\n'
                << Cli::tr("orders: %1 orders and %2 refunds of the last %3 days, imported with their ledger entries")
                       .arg(summary->historyOrders)
                       .arg(summary->historyRefunds)
                       .arg(options.historyDays)
                << Qt::endl;
    if (live > 0 && summary->onboarding.credentialsProblem.isEmpty()) {
        auto traffic = DemoTraffic::run(*core, options.onboarding.sandboxDirectory, live);
        // The platform is made by now; today's orders are a bonus (e.g. another sandbox with
        // other keys holds the port): say so and go on.
        if (!traffic)
            context.err << Cli::tr("warning: no live orders: %1").arg(traffic.error().message()) << Qt::endl;
        else
            context.out << Cli::tr("live: %1 orders through the gateway and the sandbox, %2 paid, %3 refunded in part")
                               .arg(traffic->orders)
                               .arg(traffic->paid)
                               .arg(traffic->refunds)
                        << Qt::endl;
    }
    if (!summary->onboarding.credentialsProblem.isEmpty())
        context.err
            << Cli::tr("warning: channel accounts have no credentials: %1").arg(summary->onboarding.credentialsProblem)
            << Qt::endl;
    return Success;
}

} // namespace paydesk::cli
