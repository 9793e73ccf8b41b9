#include "app/cli/CliCommand.h"
#include "app/cli/Lookup.h"

#include "core/channel/ChannelNames.h"
#include "core/util/Error.h"

namespace paydesk::cli {

namespace {
QString methodList()
{
    QStringList names;
    for (PayMethod method : ChannelNames::allMethods())
        names << ChannelNames::method(method);
    return names.join(QStringLiteral(", "));
}

// Whose rates a command is about: --merchant or --account, exactly one.
struct Subject
{
    RateSubject kind = RateSubject::Merchant;
    qint64 id = 0;
    QString label;
};

struct SubjectOptions
{
    QCommandLineOption merchant{QStringLiteral("merchant"), Cli::tr("The merchant (number or id): its merchant rate."),
                                Cli::tr("merchant")};
    QCommandLineOption account{QStringLiteral("account"),
                               Cli::tr("The channel account (name or id): its channel cost rate."), Cli::tr("account")};
};

bool subjectGiven(CliContext &context, const QCommandLineParser &parser, const SubjectOptions &options)
{
    if (parser.isSet(options.merchant) == parser.isSet(options.account)) {
        context.fail(Cli::tr("give either --merchant or --account"), Usage);
        return false;
    }
    return true;
}

Result<Subject> resolve(PaydeskCore &core, const Actor &actor, const QCommandLineParser &parser,
                        const SubjectOptions &options)
{
    Subject subject;
    if (parser.isSet(options.merchant)) {
        auto merchant = findMerchant(core, actor, parser.value(options.merchant));
        if (!merchant)
            return merchant.error();
        subject = {RateSubject::Merchant, merchant->id, merchant->merchantNo};
    } else {
        auto account = findChannelAccount(core, actor, parser.value(options.account));
        if (!account)
            return account.error();
        subject = {RateSubject::ChannelCost, account->id, account->name};
    }
    return subject;
}

// A date option (YYYY-MM-DD), or `fallback` when absent; invalid QDate after a usage error.
QDate dateFrom(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
               const QDate &fallback)
{
    if (!parser.isSet(option))
        return fallback;
    const QDate date = QDate::fromString(parser.value(option), Qt::ISODate);
    if (!date.isValid())
        context.fail(Cli::tr("--%1 takes a date as YYYY-MM-DD").arg(option.names().first()), Usage);
    return date;
}

int set(CliContext &context, bool withdraw)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const SubjectOptions subjectOptions;
    const QCommandLineOption method(QStringLiteral("method"), Cli::tr("Payment method: %1.").arg(methodList()),
                                    Cli::tr("method"));
    const QCommandLineOption rate(QStringLiteral("rate"), Cli::tr("Rate in percent, e.g. 0.38%."), Cli::tr("percent"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  withdraw ? Cli::tr("The future effective date to withdraw.")
                                           : Cli::tr("First business day of the rate (default today)."),
                                  Cli::tr("date"));
    parser.addOptions({subjectOptions.merchant, subjectOptions.account, method, from});
    if (!withdraw)
        parser.addOption(rate);
    if (!context.parse(parser,
                       withdraw ? Cli::tr("Withdraw a rate change that is not in effect yet. Needs fee.manage.")
                                : Cli::tr("Set a merchant rate or a channel cost rate from a date on (effective-dated: "
                                          "earlier days keep their rate). Needs fee.manage.")))
        return context.exitCode();
    if (!subjectGiven(context, parser, subjectOptions))
        return context.exitCode();
    PayMethod payMethod;
    if (!ChannelNames::methodFromName(parser.value(method), &payMethod))
        return context.fail(Cli::tr("--method takes one of: %1").arg(methodList()), Usage);
    Rate newRate;
    if (!withdraw) {
        auto parsed = Rate::parsePercent(parser.value(rate));
        if (!parsed)
            return context.fail(parsed.error());
        newRate = *parsed;
    }
    if (withdraw && !parser.isSet(from))
        return context.fail(Cli::tr("--from is required"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    const QDate date = dateFrom(context, parser, from, core->clock().businessDate());
    if (!date.isValid())
        return context.exitCode();
    auto subject = resolve(*core, actor, parser, subjectOptions);
    if (!subject)
        return context.fail(subject.error());
    FeeService &fees = core->fees();
    if (withdraw) {
        const Status done = subject->kind == RateSubject::Merchant
                                ? fees.withdrawMerchantRate(actor, subject->id, payMethod, date)
                                : fees.withdrawChannelCostRate(actor, subject->id, payMethod, date);
        if (!done)
            return context.fail(done.error());
        context.out << Cli::tr("%1 %2: the change from %3 is withdrawn")
                           .arg(subject->label, ChannelNames::method(payMethod), date.toString(Qt::ISODate))
                    << Qt::endl;
        return Success;
    }
    auto change = subject->kind == RateSubject::Merchant
                      ? fees.setMerchantRate(actor, subject->id, payMethod, newRate, date)
                      : fees.setChannelCostRate(actor, subject->id, payMethod, newRate, date);
    if (!change)
        return context.fail(change.error());
    context.out << Cli::tr("%1 %2: %3 from %4")
                       .arg(subject->label, ChannelNames::method(payMethod), newRate.toPercentString(),
                            date.toString(Qt::ISODate))
                << Qt::endl;
    return Success;
}

int history(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const SubjectOptions subjectOptions;
    parser.addOptions({subjectOptions.merchant, subjectOptions.account});
    if (!context.parse(parser, Cli::tr("Every rate of a merchant or channel account, newest effective date first: "
                                       "method, rate, from, template, set by. Needs channel.view.")))
        return context.exitCode();
    if (!subjectGiven(context, parser, subjectOptions))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto subject = resolve(*core, actor, parser, subjectOptions);
    if (!subject)
        return context.fail(subject.error());
    auto rows = subject->kind == RateSubject::Merchant ? core->fees().merchantRateHistory(actor, subject->id)
                                                       : core->fees().channelCostHistory(actor, subject->id);
    if (!rows)
        return context.fail(rows.error());
    for (const EffectiveRate &row : std::as_const(*rows)) {
        context.out << ChannelNames::method(row.method) << '\t' << row.rate.toPercentString() << '\t'
                    << row.effectiveFrom.toString(Qt::ISODate) << '\t'
                    << (row.templateId ? Cli::tr("template %1").arg(row.templateId) : QStringLiteral("-")) << '\t'
                    << row.createdBy << '\n';
    }
    context.out.flush();
    return Success;
}

int templates(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List the fee templates with their rates. Needs channel.view.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto list = core->fees().templates(actor);
    if (!list)
        return context.fail(list.error());
    for (const FeeTemplate &t : std::as_const(*list)) {
        QStringList rates;
        for (auto it = t.rates.constBegin(); it != t.rates.constEnd(); ++it)
            rates << ChannelNames::method(it.key()) + QLatin1Char('=') + it.value().toPercentString();
        context.out << t.id << '\t' << t.name << '\t' << rates.join(QLatin1Char(',')) << '\n';
    }
    context.out.flush();
    return Success;
}

int createTemplate(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption name(QStringLiteral("name"), Cli::tr("Template name."), Cli::tr("name"));
    const QCommandLineOption description(QStringLiteral("description"), Cli::tr("What it is for."), Cli::tr("text"));
    const QCommandLineOption rates(QStringLiteral("rates"),
                                   Cli::tr("METHOD=PERCENT pairs, comma separated, e.g. "
                                           "wechat.native=0.38%,alipay.precreate=0.38%."),
                                   Cli::tr("list"));
    parser.addOptions({name, description, rates});
    if (!context.parse(parser, Cli::tr("Create a fee template (a set of merchant rates). Needs fee.manage.")))
        return context.exitCode();
    FeeTemplate feeTemplate;
    feeTemplate.name = parser.value(name);
    feeTemplate.description = parser.value(description);
    for (const QString &pair : parser.value(rates).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList parts = pair.split(QLatin1Char('='));
        PayMethod method;
        if (parts.size() != 2 || !ChannelNames::methodFromName(parts.first().trimmed(), &method))
            return context.fail(
                Cli::tr("--rates: '%1' is not METHOD=PERCENT with a method of: %2").arg(pair, methodList()), Usage);
        auto rate = Rate::parsePercent(parts.last().trimmed());
        if (!rate)
            return context.fail(rate.error());
        feeTemplate.rates.insert(method, *rate);
    }
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto created = core->fees().createTemplate(actor, feeTemplate);
    if (!created)
        return context.fail(created.error());
    context.out << Cli::tr("created fee template %1 (id %2)").arg(created->name).arg(created->id) << Qt::endl;
    return Success;
}

int applyTemplate(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("template"), Cli::tr("Template id or name."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchants(QStringLiteral("merchants"),
                                       Cli::tr("Merchants (numbers or ids), comma separated."), Cli::tr("list"));
    const QCommandLineOption from(QStringLiteral("from"), Cli::tr("First business day of the rates (default today)."),
                                  Cli::tr("date"));
    parser.addOptions({merchants, from});
    if (!context.parse(parser,
                       Cli::tr("Give every listed merchant the template's rates from a date on, all or nothing. "
                               "Needs fee.manage.")))
        return context.exitCode();
    const QStringList keys = parser.value(merchants).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parser.positionalArguments().size() != 1 || keys.isEmpty())
        return context.fail(Cli::tr("give one template and --merchants"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    const QDate date = dateFrom(context, parser, from, core->clock().businessDate());
    if (!date.isValid())
        return context.exitCode();
    auto list = core->fees().templates(actor);
    if (!list)
        return context.fail(list.error());
    const QString key = parser.positionalArguments().first();
    qint64 templateId = 0;
    for (const FeeTemplate &t : std::as_const(*list)) {
        if (t.name == key || QString::number(t.id) == key)
            templateId = t.id;
    }
    if (templateId == 0)
        return context.fail(Cli::tr("no fee template '%1'").arg(key));
    QList<qint64> ids;
    for (const QString &merchantKey : keys) {
        auto merchant = findMerchant(*core, actor, merchantKey.trimmed());
        if (!merchant)
            return context.fail(merchant.error());
        ids << merchant->id;
    }
    auto written = core->fees().applyTemplate(actor, templateId, ids, date);
    if (!written)
        return context.fail(written.error());
    context.out << Cli::tr("applied to %n merchant(s): %1 rate(s) from %2", nullptr, int(ids.size()))
                       .arg(*written)
                       .arg(date.toString(Qt::ISODate))
                << Qt::endl;
    return Success;
}

int quote(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("The merchant (number or id)."),
                                      Cli::tr("merchant"));
    const QCommandLineOption account(QStringLiteral("account"), Cli::tr("The channel account (name or id)."),
                                     Cli::tr("account"));
    const QCommandLineOption method(QStringLiteral("method"), Cli::tr("Payment method."), Cli::tr("method"));
    const QCommandLineOption amount(QStringLiteral("amount"), Cli::tr("Payment amount, e.g. 88.00."),
                                    Cli::tr("amount"));
    const QCommandLineOption date(QStringLiteral("date"), Cli::tr("Business day (default today)."), Cli::tr("date"));
    parser.addOptions({merchant, account, method, amount, date});
    if (!context.parse(
            parser, Cli::tr("What one payment would cost: merchant fee, channel cost and margin. Needs channel.view.")))
        return context.exitCode();
    PayMethod payMethod;
    if (!ChannelNames::methodFromName(parser.value(method), &payMethod))
        return context.fail(Cli::tr("--method takes one of: %1").arg(methodList()), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    const QDate day = dateFrom(context, parser, date, core->clock().businessDate());
    if (!day.isValid())
        return context.exitCode();
    auto owner = findMerchant(*core, actor, parser.value(merchant));
    if (!owner)
        return context.fail(owner.error());
    auto channelAccount = findChannelAccount(*core, actor, parser.value(account));
    if (!channelAccount)
        return context.fail(channelAccount.error());
    auto money = Money::parse(parser.value(amount), channelAccount->currency);
    if (!money)
        return context.fail(money.error());
    auto q = core->fees().quote(actor, owner->id, channelAccount->id, payMethod, *money, day);
    if (!q)
        return context.fail(q.error());
    context.out << Cli::tr("amount %1; merchant fee %2 (%3); channel cost %4 (%5); margin %6")
                       .arg(q->amount.toString(), q->merchantFee.toString(), q->merchantRate.toPercentString(),
                            q->channelCost.toString(), q->channelRate.toPercentString(), q->margin.toString())
                << Qt::endl;
    return Success;
}
} // namespace

int runFee(CliContext &context)
{
    return dispatch(
        context,
        Cli::tr("Usage: paydesk-cli fee SUBCOMMAND [options]\n\nSubcommands:\n"
                "  set --merchant M | --account A --method X --rate P [--from D]   Set a rate from a date.\n"
                "  withdraw --merchant M | --account A --method X --from D         Withdraw a future change.\n"
                "  history --merchant M | --account A                               Every rate, newest first.\n"
                "  templates                                                        Fee templates.\n"
                "  create-template --name N --rates X=P,…                           New fee template.\n"
                "  apply-template T --merchants M1,M2 [--from D]                    Apply a template.\n"
                "  quote --merchant M --account A --method X --amount N             Fees of one payment.\n"),
        {{QStringLiteral("set"), [](CliContext &c) { return set(c, false); }},
         {QStringLiteral("withdraw"), [](CliContext &c) { return set(c, true); }},
         {QStringLiteral("history"), history},
         {QStringLiteral("templates"), templates},
         {QStringLiteral("create-template"), createTemplate},
         {QStringLiteral("apply-template"), applyTemplate},
         {QStringLiteral("quote"), quote}});
}

} // namespace paydesk::cli
