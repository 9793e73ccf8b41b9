#include "app/cli/CliCommand.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"

namespace paydesk::cli {

namespace {
int status(CliContext &context)
{
    QCommandLineParser parser;
    if (!context.parse(parser, Cli::tr("Tell whether the secret vault is set up and, with $PAYDESK_MASTER_KEY_FILE, "
                                       "whether that passphrase opens it (exit 1 if not).")))
        return context.exitCode();
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    auto initialized = core->vault().isInitialized();
    if (!initialized)
        return context.fail(initialized.error());
    if (!*initialized) {
        context.out << Cli::tr("vault: not set up") << Qt::endl;
        return Success;
    }
    if (qEnvironmentVariableIsEmpty("PAYDESK_MASTER_KEY_FILE")) {
        context.out << Cli::tr("vault: set up") << Qt::endl;
        return Success;
    }
    if (!context.unlockVault(*core, Actor::system(QStringLiteral("cli"), {}, CliContext::source())))
        return context.exitCode();
    context.out << Cli::tr("vault: set up, and the master passphrase opens it") << Qt::endl;
    return Success;
}

int set(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), Cli::tr("Name of the secret."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Store a secret read from standard input (the line after the operator's password "
                               "when that is read from standard input too). Needs vault.write and "
                               "$PAYDESK_MASTER_KEY_FILE.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one secret name"), Usage);
    if (qEnvironmentVariableIsEmpty("PAYDESK_MASTER_KEY_FILE"))
        return context.fail(Error(ErrorCode::VaultLocked,
                                  Cli::tr("set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase")));
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor) || !context.unlockVault(*core, actor))
        return context.exitCode();
    const SecretBytes value(context.readSecretLine(Cli::tr("Secret value: ")).toUtf8());
    auto stored = core->vault().store(actor, parser.positionalArguments().first(), value);
    if (!stored)
        return context.fail(stored.error());
    context.out << Cli::tr("stored secret %1").arg(parser.positionalArguments().first()) << Qt::endl;
    return Success;
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List the names of the stored secrets (never their values). Needs vault.read.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto names = core->vault().names(actor);
    if (!names)
        return context.fail(names.error());
    for (const QString &name : std::as_const(*names))
        context.out << name << '\n';
    context.out.flush();
    return Success;
}
} // namespace

int runVault(CliContext &context)
{
    return dispatch(context,
                    Cli::tr("Usage: paydesk-cli vault SUBCOMMAND [options]\n\nSubcommands:\n"
                            "  status       Whether the vault is set up and the master passphrase opens it.\n"
                            "  set NAME     Store a secret from standard input.\n"
                            "  list         Names of the stored secrets.\n"),
                    {{QStringLiteral("status"), status}, {QStringLiteral("set"), set}, {QStringLiteral("list"), list}});
}

} // namespace paydesk::cli
