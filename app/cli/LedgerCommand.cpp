#include "app/cli/CliCommand.h"

#include "core/PaydeskCore.h"
#include "core/ledger/JournalJsonReader.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/util/Error.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace paydesk::cli {

namespace {
Result<QDate> dateOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return QDate();
    const QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid())
        return Error(ErrorCode::EntryDateInvalid, parser.value(name));
    return date;
}

int post(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("file"), Cli::tr("JSON file of journal entries."), QStringLiteral("path")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Post journal entries from a JSON file, all or nothing. Format:\n"
                               "[{\"date\":\"2026-11-26\",\"reference\":\"ORD-1\",\"memo\":\"...\",\n"
                               "  \"postings\":[{\"account\":\"channel_receivable:wx01\",\"amount\":\"99.40\","
                               "\"currency\":\"CNY\"}, ...]}]\n"
                               "Amounts are decimal strings, positive = debit, negative = credit. Accounts follow "
                               "the chart of accounts (bank:<id>, channel_receivable:<id>, suspense, "
                               "settlement_in_transit, merchant:<id>:pending|available|frozen, fee_income, "
                               "channel_fee_expense) and are opened on first use. Optional per entry: \"kind\" "
                               "(manual, payment, refund, clearing, ...) and \"event_key\" (posted at most once).")))
        return context.exitCode();
    if (!parser.isSet(QStringLiteral("file")))
        return context.fail(Cli::tr("--file is required"), Usage);
    QFile file(parser.value(QStringLiteral("file")));
    if (!file.open(QIODevice::ReadOnly))
        return context.fail(
            Error(ErrorCode::FileUnreadable, file.fileName() + QStringLiteral(": ") + file.errorString()));
    auto drafts = JournalJsonReader::read(file.readAll(), QString());
    if (!drafts)
        return context.fail(drafts.error().within(file.fileName()));
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto ids = core->ledger().post(actor, *drafts, Ledger::PostOptions{true});
    if (!ids)
        return context.fail(ids.error().within(file.fileName()));
    if (ids->isEmpty())
        context.out << Cli::tr("posted 0 entries") << Qt::endl;
    else
        context.out << Cli::tr("posted %1 entries (ids %2 to %3)").arg(ids->size()).arg(ids->first()).arg(ids->last())
                    << Qt::endl;
    return Success;
}

int reverse(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("entry-id"), Cli::tr("The journal entry to reverse."));
    parser.addOption({QStringLiteral("date"), Cli::tr("Business date of the reversal (default: today)."),
                      QStringLiteral("yyyy-mm-dd")});
    parser.addOption({QStringLiteral("memo"), Cli::tr("Why the entry is reversed."), QStringLiteral("text")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Correct a journal entry by posting its exact negation, linked to it. "
                                       "Entries are never edited or deleted.")))
        return context.exitCode();
    bool ok = false;
    const qint64 entryId = parser.positionalArguments().value(0).toLongLong(&ok);
    if (!ok || parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one entry id"), Usage);
    auto date = dateOption(parser, QStringLiteral("date"));
    if (!date)
        return context.fail(date.error());
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    const QDate businessDate = date->isValid() ? *date : SystemClock::instance().businessDate();
    auto id = core->ledger().reverse(actor, entryId, businessDate, parser.value(QStringLiteral("memo")));
    if (!id)
        return context.fail(id.error());
    context.out << Cli::tr("entry %1 reversed by entry %2").arg(entryId).arg(*id) << Qt::endl;
    return Success;
}

int trialBalance(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("date"),
                      Cli::tr("Balances at the end of this business date (default: all postings)."),
                      QStringLiteral("yyyy-mm-dd")});
    parser.addOption({QStringLiteral("json"), Cli::tr("Print JSON instead of a table.")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Print every account's balance (debit positive, credit negative) and the debit and "
                               "credit totals per currency. Exit status 1 when they differ.")))
        return context.exitCode();
    auto date = dateOption(parser, QStringLiteral("date"));
    if (!date)
        return context.fail(date.error());
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto trial = core->ledger().trialBalance(actor, *date);
    if (!trial)
        return context.fail(trial.error());

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray accounts;
        for (const LedgerAccount &account : std::as_const(trial->accounts)) {
            accounts.append(QJsonObject{
                {QStringLiteral("account"), account.name},
                {QStringLiteral("currency"), account.currency.code()},
                {QStringLiteral("type_code"), account.typeCode},
                {QStringLiteral("category"), AccountName::categoryName(account.category)},
                {QStringLiteral("status"), account.open ? QStringLiteral("open") : QStringLiteral("closed")},
                {QStringLiteral("balance"), account.balance.toString()}});
        }
        QJsonObject totals;
        for (auto it = trial->totals.cbegin(); it != trial->totals.cend(); ++it) {
            totals.insert(it.key().code(),
                          QJsonObject{{QStringLiteral("debits"), Money::fromMinor(it->debits, it.key()).toString()},
                                      {QStringLiteral("credits"), Money::fromMinor(it->credits, it.key()).toString()},
                                      {QStringLiteral("net"), Money::fromMinor(it->net(), it.key()).toString()}});
        }
        QJsonObject root{{QStringLiteral("as_of"), date->isValid() ? date->toString(Qt::ISODate) : QString()},
                         {QStringLiteral("accounts"), accounts},
                         {QStringLiteral("totals"), totals},
                         {QStringLiteral("balanced"), trial->isBalanced()}};
        context.out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        context.out << QStringLiteral("%1  %2  %3  %4\n")
                           .arg(Cli::tr("Account"), -40)
                           .arg(Cli::tr("Cur"), -3)
                           .arg(Cli::tr("Debit"), 20)
                           .arg(Cli::tr("Credit"), 20);
        for (const LedgerAccount &account : std::as_const(trial->accounts)) {
            const qint64 minor = account.balance.minor();
            const QString debit = minor > 0 ? account.balance.toString() : QString();
            const QString credit = minor < 0 ? account.balance.negated().value().toString() : QString();
            context.out << QStringLiteral("%1  %2  %3  %4\n")
                               .arg(account.name, -40)
                               .arg(account.currency.code(), -3)
                               .arg(debit, 20)
                               .arg(credit, 20);
        }
        for (auto it = trial->totals.cbegin(); it != trial->totals.cend(); ++it) {
            context.out << QStringLiteral("%1  %2  %3  %4\n")
                               .arg(Cli::tr("Total"), -40)
                               .arg(it.key().code(), -3)
                               .arg(Money::fromMinor(it->debits, it.key()).toString(), 20)
                               .arg(Money::fromMinor(it->credits, it.key()).toString(), 20);
        }
        context.out << (trial->isBalanced() ? Cli::tr("balanced") : Cli::tr("NOT BALANCED")) << Qt::endl;
    }
    return trial->isBalanced() ? Success : Failure;
}

int accounts(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List the chart of accounts with type, status and balance on the account's own "
                                       "side (a merchant's available money is positive).")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto list = core->ledger().accounts(actor);
    if (!list)
        return context.fail(list.error());
    for (const LedgerAccount &account : std::as_const(*list)) {
        context.out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                           .arg(account.typeCode)
                           .arg(account.name, -40)
                           .arg(account.currency.code())
                           .arg(AccountName::categoryName(account.category), -9)
                           .arg(account.open ? QStringLiteral("open") : QStringLiteral("closed"), -6)
                           .arg(account.naturalBalance().toString(), 20);
    }
    context.out.flush();
    return Success;
}

int closeAccount(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("account"), Cli::tr("Account name, e.g. merchant:M001:pending."));
    parser.addOption({QStringLiteral("currency"), Cli::tr("Currency of the account (default CNY)."),
                      QStringLiteral("code"), QStringLiteral("CNY")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Close an account whose balance is zero; it then takes no postings.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one account name"), Usage);
    auto currency = Currency::fromCode(parser.value(QStringLiteral("currency")));
    if (!currency)
        return context.fail(currency.error());
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto closed = core->ledger().closeAccount(actor, parser.positionalArguments().first(), *currency);
    if (!closed)
        return context.fail(closed.error());
    context.out << Cli::tr("closed %1").arg(parser.positionalArguments().first()) << Qt::endl;
    return Success;
}

int check(CliContext &context)
{
    QCommandLineParser parser;
    if (!context.parse(parser,
                       Cli::tr("Verify every ledger invariant over the whole database: entries balance, the trial "
                               "balance is zero, balances equal their postings, non-negative accounts never went "
                               "below zero, reversals mirror their originals, each payment or refund is posted "
                               "once. Exit status 0 when all hold, 1 with the violations listed otherwise.")))
        return context.exitCode();
    auto database = context.openDatabase(parser);
    if (!database)
        return context.exitCode();
    auto report = LedgerInvariantChecker(*database).run();
    if (!report)
        return context.fail(report.error());
    if (report->ok()) {
        context.out << Cli::tr("ledger check passed: %1 checks").arg(report->checks.size()) << Qt::endl;
        return Success;
    }
    for (const InvariantViolation &violation : std::as_const(report->violations))
        context.out << violation.check << QStringLiteral(": ") << violation.detail << '\n';
    context.out.flush();
    context.err << Cli::tr("ledger check failed: %1 violation(s)").arg(report->violations.size()) << Qt::endl;
    return Failure;
}

int exportJournal(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("format"), Cli::tr("Output format: ledger (ledger-cli journal)."),
                      QStringLiteral("format"), QStringLiteral("ledger")});
    parser.addOption(
        {QStringLiteral("output"), Cli::tr("Write to this file instead of standard output."), QStringLiteral("path")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Export the whole journal. The ledger format can be read by ledger-cli, e.g. "
                                       "'ledger -f FILE balance', to cross-check Paydesk's balances.")))
        return context.exitCode();
    if (parser.value(QStringLiteral("format")) != QLatin1String("ledger"))
        return context.fail(
            Cli::tr("unknown format '%1' (supported: ledger)").arg(parser.value(QStringLiteral("format"))), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    if (!parser.isSet(QStringLiteral("output"))) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return context.fail(Error(ErrorCode::FileUnwritable, QStringLiteral("stdout")));
        auto written = core->ledger().exportJournal(actor, out);
        if (!written)
            return context.fail(written.error());
        return Success;
    }
    // QSaveFile: a failed export never leaves a half-written file behind.
    QSaveFile out(parser.value(QStringLiteral("output")));
    if (!out.open(QIODevice::WriteOnly))
        return context.fail(
            Error(ErrorCode::FileUnwritable, out.fileName() + QStringLiteral(": ") + out.errorString()));
    auto written = core->ledger().exportJournal(actor, out);
    if (!written)
        return context.fail(written.error());
    if (!out.commit())
        return context.fail(
            Error(ErrorCode::FileUnwritable, out.fileName() + QStringLiteral(": ") + out.errorString()));
    context.out << Cli::tr("exported %1 entries to %2").arg(*written).arg(out.fileName()) << Qt::endl;
    return Success;
}

QString ledgerHelp()
{
    return Cli::tr("Usage: paydesk-cli ledger SUBCOMMAND [options]\n"
                   "\n"
                   "Subcommands:\n"
                   "  post --file F             Post entries from a JSON file, all or nothing.\n"
                   "  reverse ENTRY_ID          Post the exact negation of an entry.\n"
                   "  trial-balance [--date D] [--json]\n"
                   "                            Balances per account and totals per currency.\n"
                   "  accounts                  The chart of accounts with balances.\n"
                   "  close-account NAME        Close an account with a zero balance.\n"
                   "  check                     Verify every ledger invariant (exit 1 on a violation).\n"
                   "  export --format ledger [--output F]\n"
                   "                            Export the journal for ledger-cli.\n"
                   "\n"
                   "'paydesk-cli ledger SUBCOMMAND --help' shows the options of each.\n");
}
} // namespace

int runLedger(CliContext &context)
{
    return dispatch(context, ledgerHelp(),
                    {{QStringLiteral("post"), post},
                     {QStringLiteral("reverse"), reverse},
                     {QStringLiteral("trial-balance"), trialBalance},
                     {QStringLiteral("accounts"), accounts},
                     {QStringLiteral("close-account"), closeAccount},
                     {QStringLiteral("check"), check},
                     {QStringLiteral("export"), exportJournal}});
}

} // namespace paydesk::cli
