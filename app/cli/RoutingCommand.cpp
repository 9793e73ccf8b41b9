#include "app/cli/CliCommand.h"
#include "app/cli/Lookup.h"

#include "core/channel/ChannelNames.h"
#include "core/util/Error.h"

namespace paydesk::cli {

namespace {
bool methodFrom(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
                PayMethod *method)
{
    if (ChannelNames::methodFromName(parser.value(option), method))
        return true;
    QStringList names;
    for (PayMethod m : ChannelNames::allMethods())
        names << ChannelNames::method(m);
    context.fail(Cli::tr("--method takes one of: %1").arg(names.join(QStringLiteral(", "))), Usage);
    return false;
}

bool positiveFrom(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option, int *value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    *value = parser.value(option).toInt(&ok);
    if (ok && *value >= 1)
        return true;
    context.fail(Cli::tr("--%1 takes a whole number from 1").arg(option.names().first()), Usage);
    return false;
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("Only this merchant's rules (number or id)."),
                                      Cli::tr("merchant"));
    parser.addOption(merchant);
    if (!context.parse(
            parser,
            Cli::tr("List routing rules: id, merchant, method, account, priority, weight, state. Needs channel.view.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    qint64 merchantId = 0;
    if (parser.isSet(merchant)) {
        auto owner = findMerchant(*core, actor, parser.value(merchant));
        if (!owner)
            return context.fail(owner.error());
        merchantId = owner->id;
    }
    auto rules = core->routing().rules(actor, merchantId);
    if (!rules)
        return context.fail(rules.error());
    for (const RoutingRule &r : std::as_const(*rules)) {
        context.out << r.id << '\t' << r.merchantId << '\t' << ChannelNames::method(r.method) << '\t' << r.accountName
                    << '\t' << r.priority << '\t' << r.weight << '\t'
                    << (r.enabled ? Cli::tr("enabled") : Cli::tr("disabled")) << '\n';
    }
    context.out.flush();
    return Success;
}

int add(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("The merchant (number or id)."),
                                      Cli::tr("merchant"));
    const QCommandLineOption method(QStringLiteral("method"), Cli::tr("Payment method."), Cli::tr("method"));
    const QCommandLineOption account(QStringLiteral("account"), Cli::tr("Channel account (name or id)."),
                                     Cli::tr("account"));
    const QCommandLineOption priority(QStringLiteral("priority"), Cli::tr("1 is tried first (default 1)."),
                                      Cli::tr("n"));
    const QCommandLineOption weight(QStringLiteral("weight"),
                                    Cli::tr("Share among rules of the same priority, 1–10000 (default 1)."),
                                    Cli::tr("n"));
    parser.addOptions({merchant, method, account, priority, weight});
    if (!context.parse(parser, Cli::tr("Add a routing rule: payments of the merchant with this method may go to this "
                                       "channel account. Needs routing.manage.")))
        return context.exitCode();
    RoutingRule rule;
    if (!methodFrom(context, parser, method, &rule.method) ||
        !positiveFrom(context, parser, priority, &rule.priority) ||
        !positiveFrom(context, parser, weight, &rule.weight))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto owner = findMerchant(*core, actor, parser.value(merchant));
    if (!owner)
        return context.fail(owner.error());
    auto target = findChannelAccount(*core, actor, parser.value(account));
    if (!target)
        return context.fail(target.error());
    rule.merchantId = owner->id;
    rule.channelAccountId = target->id;
    auto created = core->routing().createRule(actor, rule);
    if (!created)
        return context.fail(created.error());
    context.out << Cli::tr("rule %1: %2 %3 → %4 (priority %5, weight %6)")
                       .arg(created->id)
                       .arg(owner->merchantNo, ChannelNames::method(created->method), target->name)
                       .arg(created->priority)
                       .arg(created->weight)
                << Qt::endl;
    return Success;
}

int remove(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("rule"), Cli::tr("Rule id."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("Delete a routing rule. Needs routing.manage.")))
        return context.exitCode();
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok)
        return context.fail(Cli::tr("give exactly one rule id"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    const Status deleted = core->routing().deleteRule(actor, id);
    if (!deleted)
        return context.fail(deleted.error());
    context.out << Cli::tr("rule %1 deleted").arg(id) << Qt::endl;
    return Success;
}

int explain(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("The merchant (number or id)."),
                                      Cli::tr("merchant"));
    const QCommandLineOption method(QStringLiteral("method"), Cli::tr("Payment method."), Cli::tr("method"));
    const QCommandLineOption amount(QStringLiteral("amount"), Cli::tr("Payment amount, e.g. 88.00."),
                                    Cli::tr("amount"));
    const QCommandLineOption currency(QStringLiteral("currency"), Cli::tr("Currency (default CNY)."), Cli::tr("code"),
                                      QStringLiteral("CNY"));
    parser.addOptions({merchant, method, amount, currency});
    if (!context.parse(parser, Cli::tr("Which channel account a payment would go to today, and why each rule would or "
                                       "would not be used; exit 1 when no account can take it. Needs channel.view.")))
        return context.exitCode();
    RouteRequest request;
    if (!methodFrom(context, parser, method, &request.method))
        return context.exitCode();
    auto code = Currency::fromCode(parser.value(currency));
    if (!code)
        return context.fail(code.error());
    auto money = Money::parse(parser.value(amount), *code);
    if (!money)
        return context.fail(money.error());
    request.amount = *money;
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto owner = findMerchant(*core, actor, parser.value(merchant));
    if (!owner)
        return context.fail(owner.error());
    request.merchantId = owner->id;
    request.businessDate = core->clock().businessDate();
    auto decision = core->routing().explain(actor, request);
    if (!decision)
        return context.fail(decision.error());
    context.out << decision->explanation() << '\n';
    if (decision->accountId == 0 && decision->steps.isEmpty())
        return context.fail(
            Cli::tr("no routing rule for %1 %2").arg(owner->merchantNo, ChannelNames::method(request.method)));
    bool anyEligible = false;
    for (const RouteStep &step : std::as_const(decision->steps))
        anyEligible = anyEligible || step.outcome == RouteOutcome::Eligible || step.outcome == RouteOutcome::Chosen;
    context.out.flush();
    if (!anyEligible)
        return context.fail(Cli::tr("no channel account can take this payment"));
    return Success;
}
} // namespace

int runRouting(CliContext &context)
{
    return dispatch(context,
                    Cli::tr("Usage: paydesk-cli routing SUBCOMMAND [options]\n\nSubcommands:\n"
                            "  list [--merchant M]                                        Routing rules.\n"
                            "  add --merchant M --method X --account A [--priority P] [--weight W]   Add a rule.\n"
                            "  delete RULE                                                Delete a rule.\n"
                            "  explain --merchant M --method X --amount N                 Why this account.\n"),
                    {{QStringLiteral("list"), list},
                     {QStringLiteral("add"), add},
                     {QStringLiteral("delete"), remove},
                     {QStringLiteral("explain"), explain}});
}

} // namespace paydesk::cli
