// paydesk-cli reconcile resolve | approve | reject: the discrepancy pool's maker-checker. Each reads
// the discrepancy first and passes the version it saw, so of two operators acting on the same
// one, the second is told it changed meanwhile instead of overwriting the first.

#include "app/cli/ReconcileCommand.h"

#include "app/cli/SignedCore.h"
#include "core/util/Error.h"

#include <functional>

namespace paydesk::cli {

namespace {
QString option(const char *name)
{
    return QString::fromLatin1(name);
}

// The one discrepancy id a command takes; 0 after a usage error.
qint64 discrepancyId(CliContext &context, const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (!ok || id <= 0 || parser.positionalArguments().size() != 1) {
        context.fail(Cli::tr("give exactly one discrepancy id"), Usage);
        return 0;
    }
    return id;
}

void printDecision(CliContext &context, const PoolDiscrepancy &d)
{
    context.out << Cli::tr("Discrepancy %1 (%2 %3): %4, %5")
                       .arg(QString::number(d.id), ReconciliationNames::category(d.category), d.matchKey,
                            ReconciliationNames::discrepancyStatus(d.status),
                            d.resolution ? ReconciliationNames::resolution(*d.resolution) : Cli::tr("no resolution"))
                << '\n';
    if (d.ledgerEntryId)
        context.out << Cli::tr("Ledger entry %1").arg(d.ledgerEntryId) << '\n';
    context.out.flush();
}

// Signs in, reads the discrepancy for the version the operator acts on, and makes the change.
using Change = std::function<Result<PoolDiscrepancy>(ReconciliationService &, const Actor &, int version)>;
int changeSeen(CliContext &context, const QCommandLineParser &parser, qint64 id, const Change &change)
{
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto seen = s.core->reconciliation().discrepancy(s.actor, id);
    if (!seen)
        return context.fail(seen.error());
    auto changed = change(s.core->reconciliation(), s.actor, seen->version);
    if (!changed)
        return context.fail(changed.error());
    printDecision(context, *changed);
    return Success;
}
} // namespace

int reconcileResolve(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(option("id"), Cli::tr("The discrepancy's id."));
    parser.addOption({option("action"),
                      Cli::tr("The resolution: channel_only_mark_paid, park_in_suspense, refund_to_payer, "
                              "assign_to_merchant, reverse_payment, adjust_amount, adjust_fee, acknowledge."),
                      QStringLiteral("action")});
    parser.addOption({option("note"), Cli::tr("Why (required)."), QStringLiteral("text")});
    parser.addOption({option("merchant"), Cli::tr("assign_to_merchant: the merchant the money belongs to."),
                      QStringLiteral("merchant-no")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Propose how a discrepancy of the pool is settled. Another operator approves "
                                       "it ('reconcile approve'), which posts its ledger entry.")))
        return context.exitCode();
    const qint64 id = discrepancyId(context, parser);
    if (!id)
        return context.exitCode();
    ResolutionProposal proposal;
    proposal.discrepancyId = id;
    if (!parser.isSet(option("action")))
        return context.fail(Cli::tr("--action is required"), Usage);
    if (!ReconciliationNames::resolutionFromName(parser.value(option("action")), &proposal.resolution))
        return context.fail(Cli::tr("--action: unknown resolution '%1'").arg(parser.value(option("action"))), Usage);
    proposal.note = parser.value(option("note")).trimmed();
    if (proposal.note.isEmpty())
        return context.fail(Cli::tr("--note is required"), Usage);
    proposal.merchantNo = parser.value(option("merchant")).trimmed().toUpper();
    return changeSeen(context, parser, id, [&](ReconciliationService &service, const Actor &actor, int version) {
        proposal.expectedVersion = version;
        return service.propose(actor, proposal);
    });
}

int reconcileApprove(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(option("id"), Cli::tr("The discrepancy's id."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Approve a proposed resolution: the discrepancy is resolved and the "
                                       "resolution's ledger entry is posted. Not one's own proposal.")))
        return context.exitCode();
    const qint64 id = discrepancyId(context, parser);
    if (!id)
        return context.exitCode();
    return changeSeen(context, parser, id, [&](ReconciliationService &service, const Actor &actor, int version) {
        return service.approve(actor, id, version);
    });
}

int reconcileReject(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(option("id"), Cli::tr("The discrepancy's id."));
    parser.addOption({option("reason"), Cli::tr("Why (required)."), QStringLiteral("text")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Reject a proposed resolution: the discrepancy is open again (a follow-up of parked "
                               "money leaves it parked).")))
        return context.exitCode();
    const qint64 id = discrepancyId(context, parser);
    if (!id)
        return context.exitCode();
    const QString reason = parser.value(option("reason")).trimmed();
    if (reason.isEmpty())
        return context.fail(Cli::tr("--reason is required"), Usage);
    return changeSeen(context, parser, id, [&](ReconciliationService &service, const Actor &actor, int version) {
        return service.reject(actor, id, version, reason);
    });
}

} // namespace paydesk::cli
