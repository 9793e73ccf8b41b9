// paydesk-cli reconcile: runs, their history and diff, and the discrepancy pool, for finance
// operators and cron (docs/reconciliation.md "Command line"). The JSON is a contract with scripts.

#include "app/cli/ReconcileCommand.h"
#include "app/cli/CliCommand.h"
#include "app/cli/Lookup.h"
#include "app/cli/ReconcileOutput.h"
#include "app/cli/SignedCore.h"
#include "core/util/Error.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>
#include <csignal>

namespace paydesk::cli {

namespace {
using namespace ReconcileOutput;

// `reconcile run --fail-on-discrepancy` when the run found something a person must look at.
constexpr int kExitDiscrepancies = 3;
constexpr int kPage = 1000;

// Ctrl-C during a run: the run stops cancelled, with nothing of it written, instead of leaving
// its lock to the lease.
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free);
void onInterrupt(int)
{
    g_cancel.store(true);
}

QString option(const char *name)
{
    return QString::fromLatin1(name);
}

void addJsonOption(QCommandLineParser &parser)
{
    parser.addOption({option("json"), Cli::tr("Print JSON (amounts as decimal strings) instead of text.")});
}

void addAccountOption(QCommandLineParser &parser, const QString &what)
{
    parser.addOption({option("channel-account"), what, QStringLiteral("name")});
}

// A yyyy-mm-dd option: an invalid QDate when it is not given; false after a usage error.
bool dateOption(CliContext &context, const QCommandLineParser &parser, const char *name, QDate *date)
{
    if (!parser.isSet(option(name)))
        return true;
    *date = QDate::fromString(parser.value(option(name)), Qt::ISODate);
    if (date->isValid())
        return true;
    context.fail(Cli::tr("--%1 wants yyyy-mm-dd, not '%2'").arg(option(name), parser.value(option(name))), Usage);
    return false;
}

bool limitOption(CliContext &context, const QCommandLineParser &parser, int *limit)
{
    if (!parser.isSet(option("limit")))
        return true;
    bool ok = false;
    *limit = parser.value(option("limit")).toInt(&ok);
    if (ok && *limit >= 1 && *limit <= 100000)
        return true;
    context.fail(Cli::tr("--limit takes 1 to 100000"), Usage);
    return false;
}

// The positional ids a command wants, exactly `count` of them; false after a usage error (`wanted`).
bool idArguments(CliContext &context, const QCommandLineParser &parser, int count, const QString &wanted,
                 QList<qint64> *ids)
{
    const QStringList given = parser.positionalArguments();
    if (given.size() != count) {
        context.fail(wanted, Usage);
        return false;
    }
    for (const QString &text : given) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        if (!ok || id <= 0) {
            context.fail(Cli::tr("not an id: '%1'").arg(text), Usage);
            return false;
        }
        *ids << id;
    }
    return true;
}

bool noPositional(CliContext &context, const QCommandLineParser &parser)
{
    if (parser.positionalArguments().isEmpty())
        return true;
    context.fail(Cli::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()), Usage);
    return false;
}

void printJson(CliContext &context, const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    context.out << document.toJson(QJsonDocument::Indented);
    context.out.flush();
}

Result<AccountNames> accountNames(SignedCore &s)
{
    auto accounts = s.core->channelAccounts().list(s.actor);
    if (!accounts)
        return accounts.error();
    AccountNames names;
    for (const ChannelAccount &account : std::as_const(*accounts))
        names.insert(account.id, account.name);
    return names;
}

QString nameOf(const AccountNames &names, qint64 id)
{
    return names.value(id, QString::number(id));
}

// --channel-account as an id for a filter (0 when not given); false after printing why not.
bool accountFilter(CliContext &context, const QCommandLineParser &parser, SignedCore &s, qint64 *id)
{
    if (!parser.isSet(option("channel-account")))
        return true;
    auto account = findChannelAccount(*s.core, s.actor, parser.value(option("channel-account")));
    if (!account) {
        context.fail(account.error());
        return false;
    }
    *id = account->id;
    return true;
}

int runDay(CliContext &context)
{
    QCommandLineParser parser;
    addAccountOption(parser, Cli::tr("The channel account to reconcile (required)."));
    parser.addOption({option("date"), Cli::tr("The bill date, the channel's business day (required)."),
                      QStringLiteral("yyyy-mm-dd")});
    parser.addOption({option("file"),
                      Cli::tr("Import this statement (format and encoding from its content) instead of downloading "
                              "it through the channel account."),
                      QStringLiteral("path")});
    addJsonOption(parser);
    parser.addOption(
        {option("fail-on-discrepancy"),
         Cli::tr("Exit with status 3 when the run found discrepancies (carried-over items do not count).")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Reconcile one channel account and bill date: download the statement (or import "
                               "--file), match it against our payments and refunds of the day, and print what it "
                               "found. The same file again is not run twice; a different one supersedes the day's "
                               "run. Exit status 0 when the run completed, with discrepancies or not (3 with "
                               "--fail-on-discrepancy when there are some), 1 when it failed (the statement, the "
                               "account, another run of the day under way: stderr says why), 2 on a usage error. "
                               "Ctrl-C cancels the run; nothing of it is written.")))
        return context.exitCode();
    if (!noPositional(context, parser))
        return context.exitCode();
    if (!parser.isSet(option("channel-account")))
        return context.fail(Cli::tr("--channel-account is required"), Usage);
    if (!parser.isSet(option("date")))
        return context.fail(Cli::tr("--date is required"), Usage);
    QDate date;
    if (!dateOption(context, parser, "date", &date))
        return context.exitCode();
    const QString file = parser.value(option("file"));
    if (parser.isSet(option("file")) && file.isEmpty())
        return context.fail(Cli::tr("--file needs a path"), Usage);

    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    // A download signs its request with the account's credentials, which are in the vault.
    if (file.isEmpty() && !context.unlockVault(*s.core, s.actor))
        return context.exitCode();

    ReconciliationRunRequest request;
    request.channelAccount = parser.value(option("channel-account"));
    request.billDate = date;
    request.file = file.isEmpty() ? QString() : QFileInfo(file).absoluteFilePath();
    request.cancel = &g_cancel;
    const auto previousInt = std::signal(SIGINT, onInterrupt);
    const auto previousTerm = std::signal(SIGTERM, onInterrupt);
    auto outcome = s.core->reconciliation().run(s.actor, request);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    // The channels answer "no bill" with their not-found codes, whose general text speaks of orders.
    if (!outcome && file.isEmpty() && outcome.error().code() == ErrorCode::ChannelNotFound)
        return context.fail(Cli::tr("the channel has no statement for %1 (yet): %2")
                                .arg(date.toString(Qt::ISODate), outcome.error().detail()));
    if (!outcome)
        return context.fail(outcome.error());
    auto tallies = talliesOf(outcome->summary);
    if (!tallies)
        return context.fail(tallies.error());

    if (parser.isSet(option("json"))) {
        QJsonObject object = runObject(outcome->runId, request.channelAccount, date, outcome->status, *tallies);
        object.insert(option("already_imported"), outcome->alreadyImported);
        object.insert(option("auto_resolved"), outcome->autoResolved);
        object.insert(option("superseded_run_id"),
                      outcome->supersededRunId ? QJsonValue(outcome->supersededRunId) : QJsonValue(QJsonValue::Null));
        printJson(context, object);
    } else {
        if (outcome->alreadyImported)
            context.out << Cli::tr("This statement was imported before: run %1 read it; nothing new was run.")
                               .arg(outcome->runId)
                        << '\n';
        context.out << Cli::tr("Run %1: %2 %3 %4")
                           .arg(QString::number(outcome->runId), request.channelAccount, date.toString(Qt::ISODate),
                                ReconciliationNames::runStatus(outcome->status))
                    << '\n';
        if (outcome->supersededRunId)
            context.out << Cli::tr("It supersedes run %1.").arg(outcome->supersededRunId) << '\n';
        if (outcome->autoResolved > 0)
            context.out << Cli::tr("Missed callbacks the channel confirmed, resolved by themselves: %1")
                               .arg(outcome->autoResolved)
                        << '\n';
        printTallies(context.out, *tallies);
        context.out << Cli::tr("Discrepancies: %1").arg(tallies->discrepancies()) << '\n';
        if (tallies->discrepancies() > 0)
            context.out << Cli::tr("See 'paydesk-cli reconcile show %1' and 'paydesk-cli reconcile discrepancies "
                                   "--open'.")
                               .arg(outcome->runId)
                        << '\n';
        context.out.flush();
    }
    return parser.isSet(option("fail-on-discrepancy")) && tallies->discrepancies() > 0 ? kExitDiscrepancies
                                                                                       : int(Success);
}

int listRuns(CliContext &context)
{
    QCommandLineParser parser;
    addAccountOption(parser, Cli::tr("Only this channel account's runs."));
    parser.addOption({option("from"), Cli::tr("Bill dates from this one."), QStringLiteral("yyyy-mm-dd")});
    parser.addOption({option("to"), Cli::tr("Bill dates up to this one."), QStringLiteral("yyyy-mm-dd")});
    parser.addOption(
        {option("limit"), Cli::tr("At most this many runs, newest first (default 100)."), QStringLiteral("n")});
    addJsonOption(parser);
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List reconciliation runs, newest first, with their status and counts.")))
        return context.exitCode();
    ReconciliationRunFilter filter;
    if (!noPositional(context, parser) || !dateOption(context, parser, "from", &filter.from) ||
        !dateOption(context, parser, "to", &filter.to) || !limitOption(context, parser, &filter.limit))
        return context.exitCode();
    SignedCore s = openSigned(context, parser);
    if (!s.core || !accountFilter(context, parser, s, &filter.channelAccountId))
        return context.exitCode();
    auto runs = s.core->reconciliation().runs(s.actor, filter);
    if (!runs)
        return context.fail(runs.error());
    auto names = accountNames(s);
    if (!names)
        return context.fail(names.error());
    QJsonArray array;
    for (const ReconciliationRun &run : std::as_const(*runs)) {
        auto tallies = talliesOf(run);
        if (!tallies)
            return context.fail(tallies.error().within(QStringLiteral("run %1").arg(run.id)));
        if (parser.isSet(option("json")))
            array.append(historyObject(run, nameOf(*names, run.channelAccountId), *tallies));
        else
            printRunLine(context.out, run, nameOf(*names, run.channelAccountId), *tallies);
    }
    if (parser.isSet(option("json")))
        printJson(context, array);
    else if (runs->isEmpty())
        context.out << Cli::tr("No runs.") << '\n';
    return Success;
}

int showRun(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(option("run"), Cli::tr("The run's id."));
    addJsonOption(parser);
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Show a run: its summary and every item it did not match (its discrepancies "
                                       "and carried-over items).")))
        return context.exitCode();
    QList<qint64> ids;
    if (!idArguments(context, parser, 1, Cli::tr("give the run's id"), &ids))
        return context.exitCode();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto run = s.core->reconciliation().findRun(s.actor, ids.first());
    if (!run)
        return context.fail(run.error());
    auto tallies = talliesOf(*run);
    if (!tallies)
        return context.fail(tallies.error());
    auto names = accountNames(s);
    if (!names)
        return context.fail(names.error());
    const QString account = nameOf(*names, run->channelAccountId);
    const bool json = parser.isSet(option("json"));
    if (!json) {
        printRunLine(context.out, *run, account, *tallies);
        context.out << Cli::tr("Started by %1 at %2; file %3")
                           .arg(run->startedBy, run->startedAt.toUTC().toString(Qt::ISODate),
                                run->settings.value(option("file")).toString())
                    << '\n';
        if (!run->error.isEmpty())
            context.out << Cli::tr("Error: %1").arg(run->error) << '\n';
        printTallies(context.out, *tallies);
    }
    QJsonArray items;
    qint64 after = 0;
    for (;;) {
        auto page = s.core->reconciliation().items(s.actor, run->id, after, kPage);
        if (!page)
            return context.fail(page.error());
        for (const ReconciliationItem &item : std::as_const(*page)) {
            if (json)
                items.append(itemObject(item));
            else
                printItem(context.out, item);
        }
        if (page->size() < kPage)
            break;
        after = page->last().id;
    }
    if (json) {
        printJson(context,
                  QJsonObject{{option("run"), historyObject(*run, account, *tallies)}, {option("items"), items}});
    }
    return Success;
}

int diffRuns(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(option("run1"), Cli::tr("One run's id."));
    parser.addPositionalArgument(option("run2"), Cli::tr("Another run's id, of the same account and bill date."));
    addJsonOption(parser);
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Compare two runs of the same channel account and bill date: which items changed "
                               "category, and why (statement_changed, resolution, settings_changed, "
                               "our_side_changed). The run begun first is the older, whichever id comes first.")))
        return context.exitCode();
    QList<qint64> ids;
    if (!idArguments(context, parser, 2, Cli::tr("give two run ids"), &ids))
        return context.exitCode();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto diff = s.core->reconciliation().diff(s.actor, ids.at(0), ids.at(1));
    if (!diff)
        return context.fail(diff.error());
    auto names = accountNames(s);
    if (!names)
        return context.fail(names.error());
    const QString account = nameOf(*names, diff->older.channelAccountId);
    if (parser.isSet(option("json")))
        printJson(context, diffObject(*diff, account));
    else
        printDiff(context.out, *diff, account);
    return Success;
}

int listDiscrepancies(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({option("open"), Cli::tr("Only the unresolved ones (open or proposed).")});
    addAccountOption(parser, Cli::tr("Only this channel account's."));
    parser.addOption({option("category"),
                      Cli::tr("Only this category: channel_only, platform_only, amount_mismatch, status_mismatch, "
                              "fee_mismatch, duplicate_in_statement."),
                      QStringLiteral("category")});
    parser.addOption({option("from"), Cli::tr("Bill dates from this one."), QStringLiteral("yyyy-mm-dd")});
    parser.addOption({option("to"), Cli::tr("Bill dates up to this one."), QStringLiteral("yyyy-mm-dd")});
    parser.addOption({option("limit"), Cli::tr("At most this many, newest first (default 100)."), QStringLiteral("n")});
    addJsonOption(parser);
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List the discrepancy pool, newest first: each problem a run found, across "
                                       "runs, with its status and resolution.")))
        return context.exitCode();
    DiscrepancyFilter filter;
    filter.unresolvedOnly = parser.isSet(option("open"));
    if (!noPositional(context, parser) || !dateOption(context, parser, "from", &filter.from) ||
        !dateOption(context, parser, "to", &filter.to) || !limitOption(context, parser, &filter.limit))
        return context.exitCode();
    if (parser.isSet(option("category"))) {
        DiscrepancyCategory category{};
        if (!ReconciliationNames::categoryFromName(parser.value(option("category")), &category) ||
            category == DiscrepancyCategory::Matched || category == DiscrepancyCategory::CarriedOver)
            return context.fail(
                Cli::tr("--category: not a discrepancy category: '%1'").arg(parser.value(option("category"))), Usage);
        filter.category = category;
    }
    SignedCore s = openSigned(context, parser);
    if (!s.core || !accountFilter(context, parser, s, &filter.channelAccountId))
        return context.exitCode();
    auto pool = s.core->reconciliation().discrepancies(s.actor, filter);
    if (!pool)
        return context.fail(pool.error());
    auto names = accountNames(s);
    if (!names)
        return context.fail(names.error());
    QJsonArray array;
    for (const PoolDiscrepancy &d : std::as_const(*pool)) {
        if (parser.isSet(option("json")))
            array.append(discrepancyObject(d, nameOf(*names, d.channelAccountId)));
        else
            printDiscrepancy(context.out, d, nameOf(*names, d.channelAccountId));
    }
    if (parser.isSet(option("json")))
        printJson(context, array);
    else if (pool->isEmpty())
        context.out << Cli::tr("No discrepancies.") << '\n';
    return Success;
}

QString reconcileHelp()
{
    return Cli::tr(
        "Usage: paydesk-cli reconcile SUBCOMMAND [options]\n"
        "\n"
        "Subcommands:\n"
        "  run --channel-account ACC --date YYYY-MM-DD [--file F] [--json] [--fail-on-discrepancy]\n"
        "                            Reconcile one channel account and bill date (download or import).\n"
        "                            Exit 0 completed, 3 discrepancies (--fail-on-discrepancy), 1 failed, 2 usage.\n"
        "  runs [--channel-account ACC] [--from D] [--to D] [--json]\n"
        "                            The run history, newest first.\n"
        "  show RUN [--json]         A run's summary and its items.\n"
        "  diff RUN1 RUN2 [--json]   Which items changed category between two runs of a day, and why.\n"
        "  discrepancies [--open] [--channel-account ACC] [--category C] [--json]\n"
        "                            The discrepancy pool.\n"
        "  resolve ID --action A --note N [--merchant M]\n"
        "                            Propose a resolution (channel_only_mark_paid, park_in_suspense,\n"
        "                            refund_to_payer, assign_to_merchant, reverse_payment, adjust_amount,\n"
        "                            adjust_fee, acknowledge); another operator approves it.\n"
        "  approve ID                Approve a proposed resolution (posts its ledger entry).\n"
        "  reject ID --reason R      Reject a proposed resolution (open again, or still parked).\n"
        "\n"
        "'paydesk-cli reconcile SUBCOMMAND --help' shows the options of each.\n");
}
} // namespace

int runReconcile(CliContext &context)
{
    return dispatch(context, reconcileHelp(),
                    {{QStringLiteral("run"), runDay},
                     {QStringLiteral("runs"), listRuns},
                     {QStringLiteral("show"), showRun},
                     {QStringLiteral("diff"), diffRuns},
                     {QStringLiteral("discrepancies"), listDiscrepancies},
                     {QStringLiteral("resolve"), reconcileResolve},
                     {QStringLiteral("approve"), reconcileApprove},
                     {QStringLiteral("reject"), reconcileReject}});
}

} // namespace paydesk::cli
