#include "app/cli/CliCommand.h"
#include "i18n/Translations.h"

#include <QCoreApplication>

using namespace paydesk::cli;

namespace {
QString topLevelHelp()
{
    return Cli::tr(
        "Usage: paydesk-cli [--database URL] COMMAND [options]\n"
        "\n"
        "Scripting and cron front end of the Paydesk payment core.\n"
        "\n"
        "Commands:\n"
        "  migrate        Create or upgrade the database schema.\n"
        "  init           Create the first administrator (and the secret vault) of a new database.\n"
        "  passwd         Change an operator's own password.\n"
        "  operator       Operators: list, show, create, roles, disable, enable, reset-password, unlock.\n"
        "  ledger         Post, reverse, check and export the double-entry ledger\n"
        "                 (post, reverse, trial-balance, accounts, close-account, check, export).\n"
        "  audit          Verify the audit log's hash chain, list records.\n"
        "  vault          Secret vault: status, set, list.\n"
        "  demo           Fill an empty database with a demo platform (operators, vault, a month of activity).\n"
        "  statement      Parse and check a channel statement (WeChat Pay, Alipay, UnionPay): parse.\n"
        "  merchant       Merchants: list, show, import (CSV), attach documents, workflow steps.\n"
        "  app            Applications (应用): list, create, keys, add-rsa-key, new-hmac-key.\n"
        "  channel-account  Channel accounts: list, create, credentials, set-credential (proposes), pending,\n"
        "                 approve, reject, withdraw, enable, disable, test.\n"
        "  fee            Fee rates: set, withdraw, history, templates, create-template, apply-template, quote.\n"
        "  routing        Routing rules: list, add, delete, explain.\n"
        "  orders         Orders: import (CSV, with ledger entries), notifications, resend, refund and\n"
        "                 its approval (refund, refund-requests, approve-refund, reject-refund).\n"
        "  reconcile      Reconciliation (对账): run a channel account's day (download or import), runs, show,\n"
        "                 diff, discrepancies, and the pool's resolve, approve, reject.\n"
        "\n"
        "Global options:\n"
        "  --database URL  sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db.\n"
        "                  Default: $PAYDESK_DATABASE, else paydesk.db in the user's data directory.\n"
        "  -h, --help      Show this help; 'paydesk-cli COMMAND --help' shows a command's help.\n"
        "  --version       Show the version.\n"
        "\n"
        "Commands that read or change business data sign in an operator: --operator NAME (or\n"
        "$PAYDESK_OPERATOR) with the password from $PAYDESK_PASSWORD or the next line of standard input.\n"
        "\n"
        "Exit status: 0 success, 1 failure (errors go to stderr), 2 usage error ('reconcile run\n"
        "--fail-on-discrepancy': 3 when the run found discrepancies).\n");
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("paydesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Paydesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYDESK_VERSION));
    paydesk::Translations::install(QLocale::system());

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    QStringList forwarded;
    QString command;
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (!command.isEmpty()) {
            rest << argument;
        } else if (argument == QLatin1String("--database") && i + 1 < arguments.size()) {
            forwarded << argument << arguments[++i];
        } else if (argument.startsWith(QLatin1String("--database="))) {
            forwarded << argument;
        } else if (argument == QLatin1String("-h") || argument == QLatin1String("--help") ||
                   argument == QLatin1String("help")) {
            QTextStream(stdout) << topLevelHelp();
            return Success;
        } else if (argument == QLatin1String("--version")) {
            QTextStream(stdout) << "paydesk-cli " << QCoreApplication::applicationVersion() << Qt::endl;
            return Success;
        } else if (argument.startsWith(QLatin1Char('-'))) {
            QTextStream(stderr) << Cli::tr("error: unknown option %1 before the command").arg(argument) << Qt::endl;
            return Usage;
        } else {
            command = argument;
        }
    }
    if (command.isEmpty()) {
        QTextStream(stderr) << topLevelHelp();
        return Usage;
    }

    CliContext context(QStringLiteral("paydesk-cli ") + command, forwarded + rest);
    if (command == QLatin1String("migrate"))
        return runMigrate(context);
    if (command == QLatin1String("init"))
        return runInit(context);
    if (command == QLatin1String("passwd"))
        return runPasswd(context);
    if (command == QLatin1String("ledger"))
        return runLedger(context);
    if (command == QLatin1String("audit"))
        return runAudit(context);
    if (command == QLatin1String("vault"))
        return runVault(context);
    if (command == QLatin1String("demo"))
        return runDemo(context);
    if (command == QLatin1String("statement"))
        return runStatement(context);
    if (command == QLatin1String("channel-account"))
        return runChannelAccount(context);
    if (command == QLatin1String("merchant"))
        return runMerchant(context);
    if (command == QLatin1String("app"))
        return runApplication(context);
    if (command == QLatin1String("fee"))
        return runFee(context);
    if (command == QLatin1String("routing"))
        return runRouting(context);
    if (command == QLatin1String("orders"))
        return runOrders(context);
    if (command == QLatin1String("operator"))
        return runOperator(context);
    if (command == QLatin1String("reconcile"))
        return runReconcile(context);
    QTextStream(stderr) << Cli::tr("error: unknown command '%1'; see 'paydesk-cli --help'").arg(command) << Qt::endl;
    return Usage;
}
