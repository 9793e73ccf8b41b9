#include "app/cli/CliCommand.h"
#include "app/cli/Lookup.h"

#include "core/channel/ChannelNames.h"
#include "core/util/Error.h"

#include <QFile>

namespace paydesk::cli {

namespace {
// An application by app_id ("app…") or by id.
Result<Application> findApplication(PaydeskCore &core, const Actor &actor, const QString &key)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    return isNumber ? core.applications().find(actor, id) : core.applications().findByAppId(actor, key);
}

QString timeText(const QDateTime &instant)
{
    return instant.isValid() ? instant.toString(Qt::ISODate) : Cli::tr("open-ended");
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("Only this merchant's (number or id)."),
                                      Cli::tr("merchant"));
    const QCommandLineOption platform(QStringLiteral("platform"), Cli::tr("Only the platform's own applications."));
    parser.addOptions({merchant, platform});
    if (!context.parse(
            parser, Cli::tr("List applications: app_id, merchant, name, payment methods, state. Needs merchant.view.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    ApplicationFilter filter;
    if (parser.isSet(platform))
        filter.scope = ApplicationFilter::Scope::Platform;
    if (parser.isSet(merchant)) {
        auto owner = findMerchant(*core, actor, parser.value(merchant));
        if (!owner)
            return context.fail(owner.error());
        filter.scope = ApplicationFilter::Scope::Merchant;
        filter.merchantId = owner->id;
    }
    auto applications = core->applications().list(actor, filter, 0, 1000);
    if (!applications)
        return context.fail(applications.error());
    for (const Application &a : std::as_const(*applications)) {
        context.out << a.appId << '\t' << (a.isPlatform() ? Cli::tr("platform") : a.merchantNo) << '\t' << a.name
                    << '\t' << a.methods.join(QLatin1Char(',')) << '\t'
                    << (a.enabled ? Cli::tr("enabled") : Cli::tr("disabled")) << '\n';
    }
    context.out.flush();
    return Success;
}

int create(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption merchant(QStringLiteral("merchant"),
                                      Cli::tr("The merchant (number or id); without it a platform application."),
                                      Cli::tr("merchant"));
    const QCommandLineOption name(QStringLiteral("name"), Cli::tr("Application name."), Cli::tr("name"));
    QStringList methodNames;
    for (PayMethod method : ChannelNames::allMethods())
        methodNames << ChannelNames::method(method);
    const QCommandLineOption methods(
        QStringLiteral("methods"),
        Cli::tr("Payment methods, comma separated: %1.").arg(methodNames.join(QStringLiteral(", "))), Cli::tr("list"));
    const QCommandLineOption notifyUrl(QStringLiteral("notify-url"),
                                       Cli::tr("Where payment results are posted (https)."), Cli::tr("url"));
    const QCommandLineOption allow(
        QStringLiteral("ip-allowlist"),
        Cli::tr("Addresses and CIDR ranges allowed to call, comma separated (default: any)."), Cli::tr("list"));
    parser.addOptions({merchant, name, methods, notifyUrl, allow});
    if (!context.parse(parser,
                       Cli::tr("Create an application (应用) and print its app_id. Add a key with add-rsa-key or "
                               "new-hmac-key. Needs app.manage.")))
        return context.exitCode();
    ApplicationDraft draft;
    draft.name = parser.value(name);
    draft.methods = parser.value(methods).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &method : draft.methods)
        method = method.trimmed();
    draft.notifyUrl = parser.value(notifyUrl);
    draft.ipAllowlist = parser.value(allow).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &entry : draft.ipAllowlist)
        entry = entry.trimmed();
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
    auto created = core->applications().create(actor, merchantId, draft);
    if (!created)
        return context.fail(created.error());
    context.out << created->appId << Qt::endl;
    return Success;
}

int keys(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("app"), Cli::tr("app_id or id."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(
            parser,
            Cli::tr("List an application's signing keys, newest first, with their validity. Needs merchant.view.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one application"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto application = findApplication(*core, actor, parser.positionalArguments().first());
    if (!application)
        return context.fail(application.error());
    auto list = core->applications().keys(actor, application->id);
    if (!list)
        return context.fail(list.error());
    for (const ApplicationKey &key : std::as_const(*list)) {
        context.out << key.id << '\t' << ApplicationNames::signType(key.type) << '\t' << key.fingerprint << '\t'
                    << timeText(key.validFrom) << '\t' << timeText(key.validUntil) << '\n';
    }
    context.out.flush();
    return Success;
}

// Seconds from --overlap-hours; -1 after printing a usage error.
qint64 overlapFrom(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return ApplicationService::kDefaultOverlapSeconds;
    bool ok = false;
    const qint64 hours = parser.value(option).toLongLong(&ok);
    if (!ok || hours < 0) {
        context.fail(Cli::tr("--overlap-hours takes a whole number of hours"), Usage);
        return -1;
    }
    return hours * 3600;
}

int addKey(CliContext &context, bool rsa)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("app"), Cli::tr("app_id or id."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption file(QStringLiteral("file"),
                                  Cli::tr("The application's RSA public key (PEM), ≥ 2048 bits."), Cli::tr("path"));
    const QCommandLineOption overlap(QStringLiteral("overlap-hours"),
                                     Cli::tr("How long the previous key of this kind keeps verifying (default 24)."),
                                     Cli::tr("hours"));
    if (rsa)
        parser.addOption(file);
    parser.addOption(overlap);
    if (!context.parse(
            parser,
            rsa ? Cli::tr("Add the application's RSA2 public key; an earlier RSA2 key stays valid for the overlap. "
                          "Needs app.manage.")
                : Cli::tr("Generate an HMAC-SHA256 secret, keep it in the vault and print it ONCE (Base64). "
                          "An earlier HMAC key stays valid for the overlap. Needs app.manage and "
                          "$PAYDESK_MASTER_KEY_FILE.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1 || (rsa && !parser.isSet(file)))
        return context.fail(rsa ? Cli::tr("give one application and --file") : Cli::tr("give exactly one application"),
                            Usage);
    const qint64 overlapSeconds = overlapFrom(context, parser, overlap);
    if (overlapSeconds < 0)
        return context.exitCode();
    QByteArray publicKey;
    if (rsa) {
        QFile input(parser.value(file));
        if (!input.open(QIODevice::ReadOnly))
            return context.fail(
                Error(ErrorCode::FileUnreadable, input.fileName() + QStringLiteral(": ") + input.errorString()));
        publicKey = input.readAll();
    }
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto application = findApplication(*core, actor, parser.positionalArguments().first());
    if (!application)
        return context.fail(application.error());
    if (rsa) {
        auto key = core->applications().addRsaKey(actor, application->id, publicKey, overlapSeconds);
        if (!key)
            return context.fail(key.error());
        context.out
            << Cli::tr("%1: RSA2 key %2 added (sha256 %3)").arg(application->appId).arg(key->id).arg(key->fingerprint)
            << Qt::endl;
        return Success;
    }
    if (!context.unlockVault(*core, actor))
        return context.exitCode();
    auto key = core->applications().generateHmacKey(actor, application->id, overlapSeconds);
    if (!key)
        return context.fail(key.error());
    context.err << Cli::tr("%1: HMAC key %2 generated; the secret below is shown this once:")
                       .arg(application->appId)
                       .arg(key->key.id)
                << Qt::endl;
    context.out << key->secretBase64 << Qt::endl;
    return Success;
}
} // namespace

int runApplication(CliContext &context)
{
    return dispatch(context,
                    Cli::tr("Usage: paydesk-cli app SUBCOMMAND [options]\n\nSubcommands:\n"
                            "  list [--merchant M | --platform]             Applications.\n"
                            "  create [--merchant M] --name N --methods L   Create an application; prints its app_id.\n"
                            "  keys APP                                     Its signing keys.\n"
                            "  add-rsa-key APP --file public.pem            Add the application's RSA2 public key.\n"
                            "  new-hmac-key APP                             Generate an HMAC secret (printed once).\n"),
                    {{QStringLiteral("list"), list},
                     {QStringLiteral("create"), create},
                     {QStringLiteral("keys"), keys},
                     {QStringLiteral("add-rsa-key"), [](CliContext &c) { return addKey(c, true); }},
                     {QStringLiteral("new-hmac-key"), [](CliContext &c) { return addKey(c, false); }}});
}

} // namespace paydesk::cli
