#include "CliCommand.h"

#include "PaydeskCore.h"
#include "demo/DemoSetup.h"
#include "util/Clock.h"
#include "util/Error.h"

#include <QCoreApplication>

namespace paydesk::cli {

int runDemo(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("days"), Cli::tr("Business days of activity (default 30)."),
                      QStringLiteral("n"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("seed"), Cli::tr("Random seed (default 20261127)."),
                      QStringLiteral("n"), QStringLiteral("20261127")});
    if (!context.parse(parser, Cli::tr("Fill an empty database with a demo platform: operators for every role "
                                       "(password Demo-Pass-2026!), the secret vault (master passphrase "
                                       "demo-master-passphrase), and a month of payments, refunds, clearing, channel "
                                       "funds and payouts for twelve merchants on three channels.")))
        return context.exitCode();
    bool daysOk = false;
    bool seedOk = false;
    DemoLedger::Options options;
    options.days = parser.value(QStringLiteral("days")).toInt(&daysOk);
    options.seed = parser.value(QStringLiteral("seed")).toUInt(&seedOk);
    if (!daysOk || options.days < 1 || options.days > 3660 || !seedOk)
        return context.fail(Cli::tr("--days must be 1 to 3660 and --seed a whole number"), Usage);
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    auto summary = DemoSetup::create(*core, options);
    if (!summary)
        return context.fail(summary.error());
    context.out << Cli::tr("demo data: %1 journal entries (%2 payments, %3 refunds) over %4 days")
                       .arg(summary->entries)
                       .arg(summary->payments)
                       .arg(summary->refunds)
                       .arg(options.days)
                << Qt::endl;
    return Success;
}

} // namespace paydesk::cli
