#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace paydesk {
class Actor;
class Database;
class Error;
class PaydeskCore;
} // namespace paydesk

// Shared plumbing of paydesk-cli commands: option parsing with --help and --database on
// every command, opening the database, and printing errors to stderr.
namespace paydesk::cli {

// Translation context of the cli's messages.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

enum ExitCode
{
    Success = 0,
    Failure = 1,
    Usage = 2
};

class CliContext
{
public:
    CliContext(QString commandPath, QStringList arguments);

    // Adds --help and --database, parses; on --help prints the help and returns false with
    // exitCode() == Success; on a parse error prints it and returns false with Usage.
    bool parse(QCommandLineParser &parser, const QString &description);
    int exitCode() const { return m_exitCode; }

    // Opens the database named by --database, PAYDESK_DATABASE or the default; prints why not.
    std::shared_ptr<Database> openDatabase(const QCommandLineParser &parser);
    // The core's services over that database (nullptr after printing why not).
    std::unique_ptr<PaydeskCore> openCore(const QCommandLineParser &parser);

    // Adds --operator to a command that changes or reads business data.
    static void addOperatorOption(QCommandLineParser &parser);
    // Signs in the operator named by --operator or PAYDESK_OPERATOR with the password from
    // PAYDESK_PASSWORD, else the next line of standard input (not echoed on a terminal).
    bool signIn(const QCommandLineParser &parser, PaydeskCore &core, Actor *actor);
    // One line from standard input; on a terminal, prompted on stderr and not echoed.
    QString readSecretLine(const QString &prompt);
    // Unlocks the vault with the passphrase in the file named by $PAYDESK_MASTER_KEY_FILE;
    // prints why not and returns false.
    bool unlockVault(PaydeskCore &core, const Actor &actor);
    // "cli@host/user": where cli actions come from, for the audit log.
    static QString source();

    int fail(const Error &error);
    int fail(const QString &message, int code = Failure);

    const QStringList &arguments() const { return m_arguments; }
    const QString &commandPath() const { return m_commandPath; }

    QTextStream out;
    QTextStream err;

private:
    QString m_commandPath;
    QStringList m_arguments;
    int m_exitCode = Success;
};

// Runs `COMMAND SUBCOMMAND …`: picks the subcommand (keeping a leading --database for it),
// prints `help` for --help (exit 0) or when none is given (exit 2).
using Subcommand = std::function<int(CliContext &)>;
int dispatch(CliContext &context, const QString &help, const QList<std::pair<QString, Subcommand>> &subcommands);

int runMigrate(CliContext &context);
int runInit(CliContext &context);
int runPasswd(CliContext &context);
int runLedger(CliContext &context);
int runAudit(CliContext &context);
int runVault(CliContext &context);
int runDemo(CliContext &context);
int runStatement(CliContext &context);
int runChannelAccount(CliContext &context);
int runMerchant(CliContext &context);
int runApplication(CliContext &context);
int runFee(CliContext &context);
int runRouting(CliContext &context);
int runOrders(CliContext &context);
int runOperator(CliContext &context);
int runReconcile(CliContext &context);

} // namespace paydesk::cli
