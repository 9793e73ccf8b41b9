#include "app/cli/CliCommand.h"
#include "app/cli/Lookup.h"
#include "app/cli/SignedCore.h"

#include "core/channel/ChannelNames.h"
#include "core/merchant/MerchantCsvImport.h"
#include "core/merchant/MerchantWorkflow.h"
#include "core/util/Error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::cli {

namespace {
QString timeText(const QDateTime &instant)
{
    return instant.isValid() ? instant.toString(Qt::ISODate) : QString();
}

QJsonObject merchantJson(const Merchant &m)
{
    const MerchantProfile &p = m.profile;
    return QJsonObject{{QStringLiteral("id"), m.id},
                       {QStringLiteral("merchant_no"), m.merchantNo},
                       {QStringLiteral("status"), MerchantNames::status(m.status)},
                       {QStringLiteral("legal_name"), p.legalName},
                       {QStringLiteral("short_name"), p.shortName},
                       {QStringLiteral("type"), MerchantNames::type(p.type)},
                       {QStringLiteral("registration_no"), p.registrationNo},
                       {QStringLiteral("contact_name"), p.contactName},
                       {QStringLiteral("contact_phone"), p.contactPhone},
                       {QStringLiteral("contact_email"), p.contactEmail},
                       {QStringLiteral("industry"), p.industry},
                       {QStringLiteral("bank_account_name"), p.bankAccountName},
                       {QStringLiteral("bank_name"), p.bankName},
                       {QStringLiteral("bank_branch"), p.bankBranch},
                       {QStringLiteral("bank_account_no"), p.bankAccountNo},
                       {QStringLiteral("currency"), p.currency.code()},
                       {QStringLiteral("settlement_cycle"), MerchantNames::cycle(p.settlementCycle)},
                       {QStringLiteral("settlement_days"), p.settlementDays},
                       {QStringLiteral("minimum_payout"), p.minimumPayout.toString()},
                       {QStringLiteral("reserve_ppm"), p.reservePpm},
                       {QStringLiteral("rejection_reason"), m.rejectionReason},
                       {QStringLiteral("submitted_by"), m.submittedBy},
                       {QStringLiteral("reviewed_by"), m.reviewedBy},
                       {QStringLiteral("created_at"), timeText(m.createdAt)},
                       {QStringLiteral("version"), m.version},
                       {QStringLiteral("masked"), m.masked}};
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption status(QStringLiteral("status"),
                                    Cli::tr("Only these statuses (comma separated: draft, submitted, "
                                            "approved, rejected, active, frozen, closed)."),
                                    Cli::tr("list"));
    const QCommandLineOption search(QStringLiteral("search"),
                                    Cli::tr("Name part, or a whole merchant number, registration "
                                            "number or phone."),
                                    Cli::tr("text"));
    const QCommandLineOption limit(QStringLiteral("limit"), Cli::tr("At most this many (default 100, at most 1000)."),
                                   Cli::tr("n"), QStringLiteral("100"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print JSON."));
    parser.addOptions({status, search, limit, json});
    if (!context.parse(parser,
                       Cli::tr("List merchants, newest first. Needs merchant.view (personal data masked without "
                               "merchant.view_sensitive).")))
        return context.exitCode();
    MerchantFilter filter;
    filter.text = parser.value(search);
    for (const QString &name : parser.value(status).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        MerchantStatus s;
        if (!MerchantNames::statusFromName(name.trimmed(), &s))
            return context.fail(Cli::tr("unknown status '%1'").arg(name), Usage);
        filter.statuses.insert(s);
    }
    bool ok = false;
    const int count = parser.value(limit).toInt(&ok);
    if (!ok || count < 1 || count > 1000)
        return context.fail(Cli::tr("--limit takes 1 to 1000"), Usage);
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto merchants = s.core->merchants().list(s.actor, filter, 0, count);
    if (!merchants)
        return context.fail(merchants.error());
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Merchant &m : std::as_const(*merchants))
            array.append(merchantJson(m));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const Merchant &m : std::as_const(*merchants)) {
            context.out << QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                               .arg(m.merchantNo, MerchantNames::status(m.status), MerchantNames::type(m.profile.type),
                                    m.profile.shortName, m.profile.legalName);
        }
    }
    context.out.flush();
    return Success;
}

int show(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("merchant"), Cli::tr("Merchant number (M1004) or id."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print JSON."));
    parser.addOption(json);
    if (!context.parse(parser,
                       Cli::tr("Show a merchant: profile, status, balances, documents, applications, fee rates in "
                               "effect today and routing rules. Needs merchant.view (and channel.view for rates "
                               "and routing).")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one merchant"), Usage);
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    PaydeskCore &core = *s.core;
    auto merchant = findMerchant(core, s.actor, parser.positionalArguments().first());
    if (!merchant)
        return context.fail(merchant.error());
    QJsonObject object = merchantJson(*merchant);
    auto balances = core.merchants().balances(s.actor, merchant->id);
    if (!balances)
        return context.fail(balances.error());
    object.insert(QStringLiteral("balances"), QJsonObject{{QStringLiteral("pending"), balances->pending.toString()},
                                                          {QStringLiteral("available"), balances->available.toString()},
                                                          {QStringLiteral("frozen"), balances->frozen.toString()}});
    QJsonArray documents;
    if (auto list = core.documents().list(s.actor, merchant->id)) {
        for (const MerchantDocument &d : std::as_const(*list)) {
            documents.append(QJsonObject{{QStringLiteral("id"), d.id},
                                         {QStringLiteral("kind"), DocumentNames::kind(d.kind)},
                                         {QStringLiteral("file_name"), d.fileName},
                                         {QStringLiteral("media_type"), d.mediaType},
                                         {QStringLiteral("size"), d.size},
                                         {QStringLiteral("sha256"), d.sha256}});
        }
    }
    object.insert(QStringLiteral("documents"), documents);
    QJsonArray apps;
    ApplicationFilter appFilter;
    appFilter.scope = ApplicationFilter::Scope::Merchant;
    appFilter.merchantId = merchant->id;
    if (auto list = core.applications().list(s.actor, appFilter, 0, 1000)) {
        for (const Application &a : std::as_const(*list)) {
            apps.append(QJsonObject{{QStringLiteral("app_id"), a.appId},
                                    {QStringLiteral("name"), a.name},
                                    {QStringLiteral("methods"), a.methods.join(QLatin1Char(','))},
                                    {QStringLiteral("enabled"), a.enabled}});
        }
    }
    object.insert(QStringLiteral("applications"), apps);
    QJsonArray rates;
    const QDate today = core.clock().businessDate();
    for (PayMethod method : ChannelNames::allMethods()) {
        if (auto rate = core.fees().merchantRateOn(s.actor, merchant->id, method, today)) {
            rates.append(QJsonObject{{QStringLiteral("method"), ChannelNames::method(method)},
                                     {QStringLiteral("rate"), rate->rate.toPercentString()},
                                     {QStringLiteral("effective_from"), rate->effectiveFrom.toString(Qt::ISODate)}});
        }
    }
    object.insert(QStringLiteral("rates"), rates);
    QJsonArray rules;
    if (auto list = core.routing().rules(s.actor, merchant->id)) {
        for (const RoutingRule &r : std::as_const(*list)) {
            rules.append(QJsonObject{{QStringLiteral("method"), ChannelNames::method(r.method)},
                                     {QStringLiteral("account"), r.accountName},
                                     {QStringLiteral("priority"), r.priority},
                                     {QStringLiteral("weight"), r.weight},
                                     {QStringLiteral("enabled"), r.enabled}});
        }
    }
    object.insert(QStringLiteral("routing"), rules);
    if (parser.isSet(json)) {
        context.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        context.out.flush();
        return Success;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isArray() || value.isObject())
            continue;
        context.out << it.key() << ": " << value.toVariant().toString() << '\n';
    }
    context.out << "balances: "
                << Cli::tr("pending %1, available %2, frozen %3")
                       .arg(balances->pending.toString(), balances->available.toString(), balances->frozen.toString())
                << '\n';
    for (const QString &key : {QStringLiteral("documents"), QStringLiteral("applications"), QStringLiteral("rates"),
                               QStringLiteral("routing")}) {
        const QJsonArray array = object.value(key).toArray();
        context.out << key << ": " << array.size() << '\n';
        for (const QJsonValue &item : array) {
            QStringList parts;
            const QJsonObject o = item.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                parts << it.key() + QLatin1Char('=') + it.value().toVariant().toString();
            context.out << "  " << parts.join(QStringLiteral(", ")) << '\n';
        }
    }
    context.out.flush();
    return Success;
}

int import(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption file(QStringLiteral("file"), Cli::tr("CSV file (UTF-8 or GB18030) with a header row."),
                                  Cli::tr("path"));
    parser.addOption(file);
    QStringList columns;
    for (const MerchantCsvImport::Column &column : MerchantCsvImport::columns())
        columns << QStringLiteral("%1 (%2)%3")
                       .arg(column.name, column.chinese, column.required ? QStringLiteral("*") : QString());
    if (!context.parse(parser,
                       Cli::tr("Create merchants (as drafts) from a CSV file, all or nothing: any problem is reported "
                               "with its line number and nothing is created. Columns, English or Chinese header, "
                               "* required: %1. type: enterprise|individual (企业|个人); settlement_cycle: T1, T+N or "
                               "manual; minimum_payout in yuan; reserve_percent in percent. Needs merchant.edit.")
                           .arg(columns.join(QStringLiteral(", ")))))
        return context.exitCode();
    if (!parser.isSet(file))
        return context.fail(Cli::tr("--file is required"), Usage);
    QFile input(parser.value(file));
    if (!input.open(QIODevice::ReadOnly))
        return context.fail(
            Error(ErrorCode::FileUnreadable, input.fileName() + QStringLiteral(": ") + input.errorString()));
    const QByteArray bytes = input.readAll();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    MerchantCsvImport importer(s.core->database(), s.core->audit(), s.core->merchants());
    auto created = importer.import(s.actor, bytes);
    if (!created) {
        context.err << QFileInfo(input.fileName()).fileName() << ":\n" << created.error().detail() << Qt::endl;
        return context.fail(Error(created.error().code()));
    }
    for (const Merchant &m : std::as_const(*created))
        context.out << m.merchantNo << '\t' << m.profile.shortName << '\n';
    context.out << Cli::tr("imported %n merchant(s) as drafts", nullptr, int(created->size())) << Qt::endl;
    return Success;
}

int attach(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("merchant"), Cli::tr("Merchant number or id."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  Cli::tr("business_licence, legal_id_front, legal_id_back, "
                                          "bank_account_proof or other."),
                                  Cli::tr("kind"));
    const QCommandLineOption file(QStringLiteral("file"), Cli::tr("PNG, JPEG or PDF file."), Cli::tr("path"));
    parser.addOptions({kind, file});
    if (!context.parse(parser, Cli::tr("Attach a document to a draft or rejected merchant. Needs merchant.edit.")))
        return context.exitCode();
    DocumentKind documentKind;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(file) ||
        !DocumentNames::kindFromName(parser.value(kind), &documentKind))
        return context.fail(Cli::tr("give a merchant, --kind and --file"), Usage);
    QFile input(parser.value(file));
    if (!input.open(QIODevice::ReadOnly))
        return context.fail(
            Error(ErrorCode::FileUnreadable, input.fileName() + QStringLiteral(": ") + input.errorString()));
    const QByteArray bytes = input.readAll();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto merchant = findMerchant(*s.core, s.actor, parser.positionalArguments().first());
    if (!merchant)
        return context.fail(merchant.error());
    auto attached =
        s.core->documents().attach(s.actor, merchant->id, documentKind, QFileInfo(input.fileName()).fileName(), bytes);
    if (!attached)
        return context.fail(attached.error());
    context.out << Cli::tr("%1: attached %2 (%3, %4 bytes, sha256 %5)")
                       .arg(merchant->merchantNo, DocumentNames::kind(attached->kind), attached->mediaType)
                       .arg(attached->size)
                       .arg(attached->sha256)
                << Qt::endl;
    return Success;
}

// submit, approve, reject, reopen, activate, freeze, unfreeze, close.
int step(CliContext &context, MerchantAction action)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("merchant"), Cli::tr("Merchant number or id."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption text(QStringList{QStringLiteral("reason"), QStringLiteral("note")},
                                  Cli::tr("Reason (reject, freeze: required) or note."), Cli::tr("text"));
    parser.addOption(text);
    if (!context.parse(
            parser, Cli::tr("Move a merchant one step in its workflow (draft → submitted → approved | rejected; "
                            "approved → active ⇄ frozen → closed). Review needs merchant.review and another "
                            "operator than the submitter; activate, freeze, unfreeze and close need merchant.manage.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one merchant"), Usage);
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto merchant = findMerchant(*s.core, s.actor, parser.positionalArguments().first());
    if (!merchant)
        return context.fail(merchant.error());
    auto moved = s.core->merchants().perform(s.actor, action, merchant->id, merchant->version, parser.value(text));
    if (!moved)
        return context.fail(moved.error());
    context.out << Cli::tr("%1: %2 → %3")
                       .arg(moved->merchantNo, MerchantNames::status(merchant->status),
                            MerchantNames::status(moved->status))
                << Qt::endl;
    return Success;
}
} // namespace

int runMerchant(CliContext &context)
{
    QList<std::pair<QString, Subcommand>> commands{{QStringLiteral("list"), list},
                                                   {QStringLiteral("show"), show},
                                                   {QStringLiteral("import"), import},
                                                   {QStringLiteral("attach"), attach}};
    for (MerchantAction action :
         {MerchantAction::Submit, MerchantAction::Approve, MerchantAction::Reject, MerchantAction::Reopen,
          MerchantAction::Activate, MerchantAction::Freeze, MerchantAction::Unfreeze, MerchantAction::Close})
        commands.append({MerchantWorkflow::actionName(action), [action](CliContext &c) { return step(c, action); }});
    return dispatch(
        context,
        Cli::tr("Usage: paydesk-cli merchant SUBCOMMAND [options]\n\nSubcommands:\n"
                "  list [--status S] [--search T] [--json]   Merchants, newest first.\n"
                "  show MERCHANT [--json]                    Profile, balances, documents, apps, rates, routing.\n"
                "  import --file F.csv                       Create merchants from a CSV file, all or nothing.\n"
                "  attach MERCHANT --kind K --file F         Attach a document (PNG, JPEG, PDF).\n"
                "  submit | approve | reject | reopen | activate | freeze | unfreeze | close MERCHANT\n"
                "                                            One workflow step (--reason / --note).\n"),
        commands);
}

} // namespace paydesk::cli
