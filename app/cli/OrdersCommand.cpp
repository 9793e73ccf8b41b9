#include "app/cli/CliCommand.h"
#include "app/cli/OrdersFind.h"
#include "core/channel/ChannelNames.h"

#include "core/PaydeskCore.h"
#include "core/payment/OrderImport.h"
#include "core/payment/RefundRequests.h"
#include "core/util/Error.h"

#include <QElapsedTimer>

namespace paydesk::cli {

namespace {

int import(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption file(QStringLiteral("file"), Cli::tr("The CSV file (UTF-8; columns in docs/payments.md)."),
                                  Cli::tr("file"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), Cli::tr("No progress on standard error."));
    parser.addOptions({file, quiet});
    if (!context.parse(parser,
                       Cli::tr("Import historical orders and refunds with their ledger entries, all or nothing: the "
                               "file is checked first and every problem reported with its line. Needs ledger.post.")))
        return context.exitCode();
    if (!parser.isSet(file))
        return context.fail(Cli::tr("--file is required"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    OrderImport importer(core->database(), core->clock(), core->audit(), core->fees());
    QElapsedTimer shown;
    shown.start();
    const bool showProgress = !parser.isSet(quiet);
    auto summary = importer.run(actor, parser.value(file), [&](qint64 done, qint64 total, bool writing) {
        if (showProgress && shown.elapsed() >= 1000) {
            shown.restart();
            context.err << (writing ? Cli::tr("writing: %1 %") : Cli::tr("checking: %1 %"))
                               .arg(total > 0 ? done * 100 / total : 0)
                        << Qt::endl;
        }
        return true;
    });
    if (!summary)
        return context.fail(summary.error());
    const double seconds = summary->checkSeconds + summary->writeSeconds;
    context.out << Cli::tr("imported %1 orders and %2 refunds (%3 ledger entries) from %4 lines in %5 s "
                           "(check %6 s, write %7 s): %8 orders/s")
                       .arg(summary->orders)
                       .arg(summary->refunds)
                       .arg(summary->entries)
                       .arg(summary->lines)
                       .arg(seconds, 0, 'f', 1)
                       .arg(summary->checkSeconds, 0, 'f', 1)
                       .arg(summary->writeSeconds, 0, 'f', 1)
                       .arg(seconds > 0 ? summary->orders / seconds : 0, 0, 'f', 0)
                << '\n';
    context.out.flush();
    return Success;
}

int notifications(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    parser.addPositionalArgument(QStringLiteral("order"), Cli::tr("Our order number (P…)."));
    if (!context.parse(parser, Cli::tr("An order's notifications to its application and every attempt to deliver them. "
                                       "Needs payment.view.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give one order number"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto found = core->notifications().forOrder(actor, parser.positionalArguments().first());
    if (!found)
        return context.fail(found.error());
    for (const PaymentNotification &n : std::as_const(*found)) {
        context.out << n.id << '\t' << NotificationNames::kind(n.kind) << '\t' << NotificationNames::status(n.status)
                    << '\t' << n.url << '\t' << Cli::tr("%n attempt(s)", nullptr, n.attempts) << '\t'
                    << (n.status == NotificationStatus::Pending ? Cli::tr("next %1").arg(n.nextAt.toString(Qt::ISODate))
                                                                : QString())
                    << '\n';
        for (const NotificationAttempt &a : n.attemptLog)
            context.out << "  #" << a.attempt << '\t' << a.at.toString(Qt::ISODateWithMs) << '\t'
                        << NotificationNames::outcome(a.outcome) << '\t' << a.httpStatus << '\t' << a.durationMs
                        << " ms\t" << a.response.left(80).simplified() << '\n';
    }
    context.out.flush();
    return Success;
}

int resend(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    parser.addPositionalArgument(QStringLiteral("order"), Cli::tr("Our order number (P…)."));
    if (!context.parse(parser,
                       Cli::tr("Post an order's notifications again now (paydeskd sends them; the retry schedule "
                               "starts over). Needs payment.operate.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give one order number"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto count = core->notifications().resend(actor, parser.positionalArguments().first());
    if (!count)
        return context.fail(count.error());
    context.out << Cli::tr("%n notification(s) due again", nullptr, *count) << '\n';
    context.out.flush();
    return Success;
}

void printRequest(CliContext &context, const OperatorRefundRequest &r)
{
    context.out << r.id << '\t' << r.orderNo << '\t' << r.merchantNo << '\t' << r.amount.toString() << '\t'
                << RefundRequestNames::status(r.status) << '\t' << r.requestedBy << '\t'
                << (r.decidedBy.isEmpty() ? QStringLiteral("-") : r.decidedBy) << '\t'
                << (r.refundNo.isEmpty() ? QStringLiteral("-") : r.refundNo) << '\t' << r.reason
                << (r.decisionNote.isEmpty() ? QString() : QStringLiteral(" | ") + r.decisionNote) << '\n';
}

// The channel's last word on a refund, for people (the record keeps the channel's own text).
QString channelAnswerText(const QString &answer)
{
    if (answer.isEmpty())
        return Cli::tr("no answer yet");
    RefundState state = RefundState::Processing;
    if (ChannelNames::refundStateFromName(answer, &state)) {
        switch (state) {
        case RefundState::NotFound:
            return Cli::tr("the channel has no such refund yet");
        case RefundState::Failed:
            return Cli::tr("the channel says it failed");
        case RefundState::Abnormal:
            return Cli::tr("the channel could not pay it back (abnormal)");
        case RefundState::Processing:
        case RefundState::Succeeded:
            return answer;
        }
    }
    ErrorCode code = ErrorCode::None;
    if (errorCodeFromName(answer, &code))
        return Error::describe(code);
    return answer;
}

// Prints the request; a refund the channel did not take is a failure, with the reason.
int reportMade(CliContext &context, const OperatorRefundRequest &r)
{
    printRequest(context, r);
    context.out.flush();
    if (r.status == RefundRequestStatus::Pending || r.refundNo.isEmpty() || r.takenByChannel())
        return Success;
    if (r.refundStatus == PaymentRefundStatus::Failed)
        return context.fail(
            Cli::tr("refund %1 failed at the channel: %2").arg(r.refundNo, channelAnswerText(r.channelAnswer)));
    return context.fail(
        Cli::tr("refund %1 is recorded, but the channel has not taken it: %2. Paydesk asks the channel again under "
                "the same refund number until it settles; it is never refunded twice.")
            .arg(r.refundNo, channelAnswerText(r.channelAnswer)));
}

int refund(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption amount(QStringLiteral("amount"), Cli::tr("How much to refund, e.g. 30.00."),
                                    Cli::tr("amount"));
    const QCommandLineOption reason(QStringLiteral("reason"), Cli::tr("Why (kept with the refund)."), Cli::tr("text"));
    parser.addOptions({amount, reason});
    parser.addPositionalArgument(QStringLiteral("order"), Cli::tr("Our order number (P…)."));
    if (!context.parse(parser,
                       Cli::tr("Refund (part of) a paid order. At or below the approval threshold it is made at once; "
                               "above it, it waits for an approver. Exit status 1, with the reason, when the channel "
                               "did not take the refund (Paydesk keeps asking it). Needs refund.request.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1 || !parser.isSet(amount) || !parser.isSet(reason))
        return context.fail(Cli::tr("give one order number, --amount and --reason"), Usage);
    auto money = Money::parse(parser.value(amount), Currency::cny());
    if (!money)
        return context.fail(money.error());
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto made =
        core->refundRequests().request(actor, parser.positionalArguments().first(), *money, parser.value(reason));
    if (!made)
        return context.fail(made.error());
    return reportMade(context, *made);
}

int requests(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption status(QStringLiteral("status"),
                                    Cli::tr("Only these: pending, approved, rejected, executed, failed."),
                                    Cli::tr("status"));
    parser.addOption(status);
    if (!context.parse(parser,
                       Cli::tr("Refund requests of operators, newest first: id, order, merchant, amount, status, "
                               "requested by, decided by, refund, reason. Needs payment.view.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    std::optional<RefundRequestStatus> only;
    if (parser.isSet(status)) {
        RefundRequestStatus named = RefundRequestStatus::Pending;
        if (!RefundRequestNames::statusFromName(parser.value(status), &named))
            return context.fail(Cli::tr("--status must be one of pending, approved, rejected, executed, failed"),
                                Usage);
        only = named;
    }
    auto all = core->refundRequests().list(actor, only);
    if (!all)
        return context.fail(all.error());
    for (const OperatorRefundRequest &r : std::as_const(*all))
        printRequest(context, r);
    context.out.flush();
    return Success;
}

int decide(CliContext &context, bool approve)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption note(QStringLiteral("note"),
                                  approve ? Cli::tr("A note for the record.") : Cli::tr("Why not (required)."),
                                  Cli::tr("text"));
    parser.addOption(note);
    parser.addPositionalArgument(QStringLiteral("request"), Cli::tr("The refund request's id."));
    if (!context.parse(
            parser,
            approve
                ? Cli::tr("Approve a refund request (not one's own); the refund is made at once. Needs refund.approve.")
                : Cli::tr("Reject a refund request (not one's own). Needs refund.approve.")))
        return context.exitCode();
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok)
        return context.fail(Cli::tr("give one request id"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto decided = approve ? core->refundRequests().approve(actor, id, parser.value(note))
                           : core->refundRequests().reject(actor, id, parser.value(note));
    if (!decided)
        return context.fail(decided.error());
    if (approve)
        return reportMade(context, *decided);
    printRequest(context, *decided);
    context.out.flush();
    return Success;
}

} // namespace

int runOrders(CliContext &context)
{
    return dispatch(
        context,
        Cli::tr("Usage: paydesk-cli orders SUBCOMMAND [options]\n\nSubcommands:\n"
                "  find [TEXT] [filters]        Find orders by any id and filters (--json, --count, --csv F).\n"
                "  import --file F.csv          Import historical orders and refunds (all or nothing).\n"
                "  notifications ORDER          An order's notifications and their attempts.\n"
                "  resend ORDER                 Send an order's notifications again.\n"
                "  refund ORDER --amount A --reason R   Refund; above the threshold an approver decides.\n"
                "  refund-requests [--status S] Operators' refund requests.\n"
                "  approve-refund ID [--note N] Approve a refund request (not one's own).\n"
                "  reject-refund ID --note N    Reject a refund request.\n"),
        {{QStringLiteral("find"), runOrdersFind},
         {QStringLiteral("import"), import},
         {QStringLiteral("notifications"), notifications},
         {QStringLiteral("resend"), resend},
         {QStringLiteral("refund"), refund},
         {QStringLiteral("refund-requests"), requests},
         {QStringLiteral("approve-refund"), [](CliContext &c) { return decide(c, true); }},
         {QStringLiteral("reject-refund"), [](CliContext &c) { return decide(c, false); }}});
}

} // namespace paydesk::cli
