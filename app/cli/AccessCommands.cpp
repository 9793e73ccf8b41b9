#include "app/cli/CliCommand.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"

#include <QCoreApplication>

namespace paydesk::cli {

// paydesk-cli init --admin NAME: the first administrator of a new database (and the vault,
// when PAYDESK_MASTER_KEY_FILE names the master passphrase).
int runInit(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("admin"), Cli::tr("User name of the first administrator."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("environment"), Cli::tr("demo, test or production (default production)."),
                      QStringLiteral("name"), QStringLiteral("production")});
    if (!context.parse(parser,
                       Cli::tr("Set up a new database: create the first administrator, whose password is read "
                               "from standard input (at least 12 characters), and record the environment. When "
                               "$PAYDESK_MASTER_KEY_FILE names a file, its content becomes the master passphrase "
                               "of the secret vault.")))
        return context.exitCode();
    const QString admin = parser.value(QStringLiteral("admin"));
    const QString environment = parser.value(QStringLiteral("environment"));
    if (admin.isEmpty())
        return context.fail(Cli::tr("--admin is required"), Usage);
    if (environment != QLatin1String("demo") && environment != QLatin1String("test") &&
        environment != QLatin1String("production"))
        return context.fail(Cli::tr("--environment must be demo, test or production"), Usage);
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    const QString password = context.readSecretLine(Cli::tr("Password for %1: ").arg(admin));
    auto created = core->operators().createFirstAdmin(admin, password, CliContext::source());
    if (!created)
        return context.fail(created.error());
    auto recorded = core->settings().setValue(Settings::Environment, environment);
    if (!recorded)
        return context.fail(recorded.error());
    context.out << Cli::tr("created administrator %1 (%2 environment)").arg(admin, environment) << Qt::endl;
    const QString keyFile = qEnvironmentVariable("PAYDESK_MASTER_KEY_FILE");
    if (keyFile.isEmpty())
        return Success;
    auto passphrase = Vault::passphraseFromFile(keyFile);
    if (!passphrase)
        return context.fail(passphrase.error());
    auto login = core->operators().authenticate(admin, password, CliContext::source());
    if (!login)
        return context.fail(login.error());
    auto vault = core->vault().initialize(login->actor, *passphrase);
    if (!vault)
        return context.fail(vault.error());
    context.out << Cli::tr("secret vault set up under the master passphrase from %1").arg(keyFile) << Qt::endl;
    return Success;
}

// paydesk-cli passwd --operator NAME: current and new password from standard input.
int runPasswd(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Change an operator's own password. Reads the current password, then the new "
                                       "one, each on its own line of standard input.")))
        return context.exitCode();
    const QString name = parser.isSet(QStringLiteral("operator")) ? parser.value(QStringLiteral("operator"))
                                                                  : qEnvironmentVariable("PAYDESK_OPERATOR");
    if (name.isEmpty())
        return context.fail(Cli::tr("this command needs an operator: --operator NAME or $PAYDESK_OPERATOR"), Usage);
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    const QString current = context.readSecretLine(Cli::tr("Current password: "));
    const QString next = context.readSecretLine(Cli::tr("New password: "));
    auto login = core->operators().authenticate(name, current, CliContext::source());
    if (!login)
        return context.fail(login.error());
    auto changed = core->operators().changeOwnPassword(login->actor, current, next);
    if (!changed)
        return context.fail(changed.error());
    context.out << Cli::tr("password changed for %1").arg(name) << Qt::endl;
    return Success;
}

} // namespace paydesk::cli
