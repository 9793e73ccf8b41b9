#include "app/cli/CliCommand.h"

#include "core/PaydeskCore.h"
#include "core/security/Actor.h"
#include "core/storage/Database.h"
#include "core/storage/DatabaseUrl.h"
#include "core/util/Error.h"

#include <QCoreApplication>
#include <QHostInfo>

#include <termios.h>
#include <unistd.h>

namespace paydesk::cli {

CliContext::CliContext(QString commandPath, QStringList arguments)
    : out(stdout), err(stderr), m_commandPath(std::move(commandPath)), m_arguments(std::move(arguments))
{
}

bool CliContext::parse(QCommandLineParser &parser, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"),
                      Cli::tr("Database URL: sqlite:/path/file.db or "
                              "postgresql://user[:password]@host[:port]/db. "
                              "Default: $PAYDESK_DATABASE, else paydesk.db in the data directory."),
                      QStringLiteral("url")});
    // The program name in help output is the whole command path, e.g. "paydesk-cli ledger post".
    QStringList arguments = m_arguments;
    arguments.prepend(m_commandPath);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        err << Cli::tr("Try '%1 --help'.").arg(m_commandPath) << Qt::endl;
        m_exitCode = Usage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        // The usage line names the binary; show the whole command path ("paydesk-cli ledger post").
        const QString binary = QCoreApplication::arguments().value(0);
        const qsizetype at = help.indexOf(binary);
        if (!binary.isEmpty() && at >= 0 && at < help.indexOf(QLatin1Char('\n')))
            help.replace(at, binary.size(), m_commandPath);
        out << help;
        out.flush();
        m_exitCode = Success;
        return false;
    }
    return true;
}

std::shared_ptr<Database> CliContext::openDatabase(const QCommandLineParser &parser)
{
    auto url = parser.isSet(QStringLiteral("database")) ? DatabaseUrl::parse(parser.value(QStringLiteral("database")))
                                                        : DatabaseUrl::fromEnvironmentOrDefault();
    if (!url) {
        fail(url.error());
        return nullptr;
    }
    auto database = Database::open(*url);
    if (!database) {
        fail(database.error());
        return nullptr;
    }
    return *database;
}

std::unique_ptr<PaydeskCore> CliContext::openCore(const QCommandLineParser &parser)
{
    auto database = openDatabase(parser);
    if (!database)
        return nullptr;
    return std::make_unique<PaydeskCore>(database, SystemClock::instance());
}

void CliContext::addOperatorOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("operator"),
                      Cli::tr("Sign in as this operator (default: $PAYDESK_OPERATOR). The password comes from "
                              "$PAYDESK_PASSWORD or the next line of standard input."),
                      QStringLiteral("name")});
}

QString CliContext::source()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("unknown")));
    return QStringLiteral("cli@%1/%2").arg(QHostInfo::localHostName(), user);
}

QString CliContext::readSecretLine(const QString &prompt)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        err << prompt;
        err.flush();
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    static QTextStream input(stdin);
    const QString line = input.readLine();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err << Qt::endl;
    }
    return line;
}

bool CliContext::signIn(const QCommandLineParser &parser, PaydeskCore &core, Actor *actor)
{
    const QString name = parser.isSet(QStringLiteral("operator")) ? parser.value(QStringLiteral("operator"))
                                                                  : qEnvironmentVariable("PAYDESK_OPERATOR");
    if (name.isEmpty()) {
        fail(Cli::tr("this command needs an operator: --operator NAME or $PAYDESK_OPERATOR"), Usage);
        return false;
    }
    QString password = qEnvironmentVariable("PAYDESK_PASSWORD");
    if (password.isEmpty())
        password = readSecretLine(Cli::tr("Password for %1: ").arg(name));
    auto login = core.operators().authenticate(name, password, source());
    if (!login) {
        fail(login.error());
        return false;
    }
    if (login->mustChangePassword) {
        fail(Error(ErrorCode::PasswordChangeRequired, Cli::tr("use 'paydesk-cli passwd'")));
        return false;
    }
    *actor = login->actor;
    return true;
}

bool CliContext::unlockVault(PaydeskCore &core, const Actor &actor)
{
    const QString keyFile = qEnvironmentVariable("PAYDESK_MASTER_KEY_FILE");
    if (keyFile.isEmpty()) {
        fail(Error(ErrorCode::VaultLocked,
                   Cli::tr("set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase")));
        return false;
    }
    auto passphrase = Vault::passphraseFromFile(keyFile);
    if (!passphrase) {
        fail(passphrase.error());
        return false;
    }
    auto unlocked = core.vault().unlock(actor, *passphrase);
    if (!unlocked) {
        fail(unlocked.error());
        return false;
    }
    return true;
}

int CliContext::fail(const Error &error)
{
    return fail(error.message());
}

int CliContext::fail(const QString &message, int code)
{
    out.flush();
    err << Cli::tr("error: %1").arg(message) << Qt::endl;
    m_exitCode = code;
    return code;
}

int dispatch(CliContext &context, const QString &help, const QList<std::pair<QString, Subcommand>> &subcommands)
{
    QStringList arguments = context.arguments();
    QStringList forwarded;
    while (!arguments.isEmpty() && arguments.first().startsWith(QLatin1String("--database"))) {
        forwarded << arguments.takeFirst();
        if (!forwarded.last().contains(QLatin1Char('=')) && !arguments.isEmpty())
            forwarded << arguments.takeFirst();
    }
    const QString name = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (name.isEmpty() || name == QLatin1String("--help") || name == QLatin1String("-h")) {
        (name.isEmpty() ? context.err : context.out) << help;
        return name.isEmpty() ? Usage : Success;
    }
    for (const auto &[subcommand, run] : subcommands) {
        if (subcommand == name) {
            CliContext sub(context.commandPath() + QLatin1Char(' ') + name, forwarded + arguments);
            return run(sub);
        }
    }
    const QString command = context.commandPath().section(QLatin1Char(' '), 1);
    return context.fail(Cli::tr("unknown %1 subcommand '%2'; see 'paydesk-cli %1 --help'").arg(command, name), Usage);
}

} // namespace paydesk::cli
