#include "app/cli/CliCommand.h"
#include "app/cli/CredentialChangeCommands.h"

#include "app/cli/Lookup.h"
#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/util/Error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::cli {

namespace {
QJsonObject accountJson(const ChannelAccount &account)
{
    return QJsonObject{{QStringLiteral("id"), account.id},
                       {QStringLiteral("name"), account.name},
                       {QStringLiteral("channel"), ChannelNames::channel(account.channel)},
                       {QStringLiteral("mode"), ChannelAccount::modeName(account.mode)},
                       {QStringLiteral("owner_merchant_id"), account.ownerMerchantId},
                       {QStringLiteral("channel_merchant_id"), account.channelMerchantId},
                       {QStringLiteral("sub_merchant_id"), account.subMerchantId},
                       {QStringLiteral("base_url"), account.baseUrl},
                       {QStringLiteral("currency"), account.currency.code()},
                       {QStringLiteral("per_transaction_limit"), account.perTransactionLimit.toString()},
                       {QStringLiteral("daily_limit"), account.dailyLimit.toString()},
                       {QStringLiteral("enabled"), account.enabled},
                       {QStringLiteral("last_test_at"),
                        account.lastTestAt.isValid() ? account.lastTestAt.toString(Qt::ISODate) : QString()},
                       {QStringLiteral("last_test_result"), account.lastTestResult}};
}

QString credentialNames(ChannelKind channel)
{
    QStringList names;
    for (const CredentialItem &item : ChannelCredentialItems::itemsFor(channel))
        names << item.name;
    return names.join(QStringLiteral(", "));
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the accounts as JSON."));
    parser.addOption(json);
    if (!context.parse(parser,
                       Cli::tr("List the channel accounts: id, name, channel, mode, channel merchant id, limits, "
                               "state and the last connection test. Needs channel.view.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto accounts = core->channelAccounts().list(actor);
    if (!accounts)
        return context.fail(accounts.error());
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const ChannelAccount &account : std::as_const(*accounts))
            array.append(accountJson(account));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        context.out.flush();
        return Success;
    }
    for (const ChannelAccount &account : std::as_const(*accounts)) {
        context.out << QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7")
                           .arg(account.id)
                           .arg(account.name, ChannelNames::channel(account.channel),
                                ChannelAccount::modeName(account.mode), account.channelMerchantId,
                                account.enabled ? Cli::tr("enabled") : Cli::tr("disabled"),
                                account.lastTestResult.isEmpty() ? Cli::tr("never tested") : account.lastTestResult)
                    << '\n';
    }
    context.out.flush();
    return Success;
}

int test(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("account"), Cli::tr("Id or name of the channel account."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Call the channel with the account's credentials (a query for an order that cannot "
                               "exist) and report whether they are accepted; exit 1 if not. Needs channel.manage and "
                               "$PAYDESK_MASTER_KEY_FILE (the credentials are in the vault).")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one channel account"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor) || !context.unlockVault(*core, actor))
        return context.exitCode();
    auto account = findChannelAccount(*core, actor, parser.positionalArguments().first());
    if (!account)
        return context.fail(account.error());
    auto result = core->channelAccounts().testConnection(actor, account->id);
    if (!result)
        return context.fail(result.error());
    if (!result->ok)
        return context.fail(Cli::tr("%1: %2").arg(account->name, result->message));
    context.out << Cli::tr("%1: %2 (%3 ms)").arg(account->name, result->message).arg(result->elapsedMs) << Qt::endl;
    return Success;
}

// Money in the account's currency from an option; zero when the option is absent.
bool limitFrom(CliContext &context, const QCommandLineParser &parser, const QCommandLineOption &option,
               Currency currency, Money *limit)
{
    *limit = Money::zero(currency);
    if (!parser.isSet(option))
        return true;
    auto parsed = Money::parse(parser.value(option), currency);
    if (!parsed) {
        context.fail(Cli::tr("--%1: %2").arg(option.names().first(), parsed.error().message()), Usage);
        return false;
    }
    *limit = *parsed;
    return true;
}

int create(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption name(QStringLiteral("name"),
                                  Cli::tr("Account name (letters, digits, _ and -), also its ledger id."),
                                  Cli::tr("name"));
    const QCommandLineOption channel(QStringLiteral("channel"), Cli::tr("wechatpay, alipay or unionpay."),
                                     Cli::tr("channel"));
    const QCommandLineOption mode(QStringLiteral("mode"), Cli::tr("shared (default) or own."), Cli::tr("mode"),
                                  QStringLiteral("shared"));
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("Own accounts: the merchant (number or id)."),
                                      Cli::tr("merchant"));
    const QCommandLineOption channelMerchant(QStringLiteral("channel-merchant-id"),
                                             Cli::tr("WeChat mchid, Alipay app_id or UnionPay merId."), Cli::tr("id"));
    const QCommandLineOption subMerchant(QStringLiteral("sub-merchant-id"),
                                         Cli::tr("Service-provider mode: the sub-merchant id."), Cli::tr("id"));
    const QCommandLineOption appId(QStringLiteral("app-id"), Cli::tr("WeChat Pay: the appid."), Cli::tr("appid"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     Cli::tr("The channel's https address (default: production)."), Cli::tr("url"));
    const QCommandLineOption fileUrl(QStringLiteral("file-url"), Cli::tr("UnionPay: the file download address."),
                                     Cli::tr("url"));
    const QCommandLineOption notifyUrl(QStringLiteral("notify-url"),
                                       Cli::tr("Where the channel posts payment results."), Cli::tr("url"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"),
                                    Cli::tr("Extra CA certificates (PEM) to trust for this channel."), Cli::tr("path"));
    const QCommandLineOption currency(QStringLiteral("currency"), Cli::tr("Currency (default CNY)."), Cli::tr("code"),
                                      QStringLiteral("CNY"));
    const QCommandLineOption perTransaction(QStringLiteral("per-transaction-limit"),
                                            Cli::tr("Largest single payment, e.g. 5000.00 (default: none)."),
                                            Cli::tr("amount"));
    const QCommandLineOption daily(QStringLiteral("daily-limit"), Cli::tr("Most per business day (default: none)."),
                                   Cli::tr("amount"));
    const QCommandLineOption disabled(QStringLiteral("disabled"), Cli::tr("Create it disabled."));
    parser.addOptions({name, channel, mode, merchant, channelMerchant, subMerchant, appId, baseUrl, fileUrl, notifyUrl,
                       caFile, currency, perTransaction, daily, disabled});
    if (!context.parse(parser,
                       Cli::tr("Create a channel account. Its credentials go into the vault with set-credential. "
                               "Needs channel.manage.")))
        return context.exitCode();
    ChannelAccount account;
    if (!ChannelNames::channelFromName(parser.value(channel), &account.channel))
        return context.fail(Cli::tr("--channel takes wechatpay, alipay or unionpay"), Usage);
    if (!ChannelAccount::modeFromName(parser.value(mode), &account.mode))
        return context.fail(Cli::tr("--mode takes shared or own"), Usage);
    auto currencyCode = Currency::fromCode(parser.value(currency));
    if (!currencyCode)
        return context.fail(currencyCode.error());
    account.currency = *currencyCode;
    account.name = parser.value(name);
    account.channelMerchantId = parser.value(channelMerchant);
    account.subMerchantId = parser.value(subMerchant);
    account.channelAppId = parser.value(appId);
    account.baseUrl = parser.isSet(baseUrl) ? parser.value(baseUrl) : ChannelAccount::defaultBaseUrl(account.channel);
    account.fileUrl = parser.isSet(fileUrl) ? parser.value(fileUrl) : ChannelAccount::defaultFileUrl(account.channel);
    account.notifyUrl = parser.value(notifyUrl);
    account.enabled = !parser.isSet(disabled);
    if (!limitFrom(context, parser, perTransaction, account.currency, &account.perTransactionLimit) ||
        !limitFrom(context, parser, daily, account.currency, &account.dailyLimit))
        return context.exitCode();
    if (parser.isSet(caFile)) {
        QFile file(parser.value(caFile));
        if (!file.open(QIODevice::ReadOnly))
            return context.fail(
                Error(ErrorCode::FileUnreadable, file.fileName() + QStringLiteral(": ") + file.errorString()));
        account.caCertificates = file.readAll();
    }
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    if (parser.isSet(merchant)) {
        auto owner = findMerchant(*core, actor, parser.value(merchant));
        if (!owner)
            return context.fail(owner.error());
        account.ownerMerchantId = owner->id;
    }
    auto created = core->channelAccounts().create(actor, account);
    if (!created)
        return context.fail(created.error());
    context.out << Cli::tr("created channel account %1 (id %2); its credentials: %3")
                       .arg(created->name)
                       .arg(created->id)
                       .arg(credentialNames(created->channel))
                << Qt::endl;
    return Success;
}

int credentials(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("account"), Cli::tr("Id or name of the channel account."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser,
                       Cli::tr("Which credentials the account has in the vault and which are missing (names only, "
                               "never values). Needs channel.view.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one channel account"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto account = findChannelAccount(*core, actor, parser.positionalArguments().first());
    if (!account)
        return context.fail(account.error());
    auto status = core->channelAccounts().credentialStatus(actor, account->id);
    if (!status)
        return context.fail(status.error());
    for (const CredentialItemStatus &item : std::as_const(status->items)) {
        context.out << item.name << '\t' << (item.present ? Cli::tr("set") : Cli::tr("missing")) << '\t'
                    << (item.required ? Cli::tr("required") : Cli::tr("alternative")) << '\n';
    }
    context.out << (status->complete ? Cli::tr("complete")
                                     : Cli::tr("incomplete: %1").arg(status->missing.join(QStringLiteral(", "))))
                << Qt::endl;
    return status->complete ? Success : Failure;
}

int setCredential(CliContext &context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("account"), Cli::tr("Id or name of the channel account."));
    CliContext::addOperatorOption(parser);
    const QCommandLineOption item(QStringLiteral("item"),
                                  Cli::tr("Credential item; repeat with --file for several at once (one change)."),
                                  Cli::tr("name"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  Cli::tr("File holding the item's value (PEM, PFX, key text); one per --item."),
                                  Cli::tr("path"));
    parser.addOptions({item, file});
    if (!context.parse(parser,
                       Cli::tr("Propose credentials of a channel account, checked first (a PEM that parses, a "
                               "32-byte APIv3 key, a PFX that opens with its password). Keys and certificates (trust "
                               "material) wait, encrypted, until a second operator approves them with channel-account "
                               "approve; only merchant_serial given alone is stored at once. Items: WeChat Pay %1; "
                               "Alipay %2; UnionPay %3. Needs channel.manage and $PAYDESK_MASTER_KEY_FILE.")
                           .arg(credentialNames(ChannelKind::WeChatPay), credentialNames(ChannelKind::Alipay),
                                credentialNames(ChannelKind::UnionPay))))
        return context.exitCode();
    const QStringList items = parser.values(item);
    const QStringList files = parser.values(file);
    if (parser.positionalArguments().size() != 1 || items.isEmpty() || items.size() != files.size())
        return context.fail(Cli::tr("give one channel account and as many --item as --file"), Usage);
    QMap<QString, SecretBytes> values;
    for (int i = 0; i < items.size(); ++i) {
        QFile input(files.at(i));
        if (!input.open(QIODevice::ReadOnly))
            return context.fail(
                Error(ErrorCode::FileUnreadable, input.fileName() + QStringLiteral(": ") + input.errorString()));
        values.insert(items.at(i), SecretBytes(input.readAll()));
    }
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor) || !context.unlockVault(*core, actor))
        return context.exitCode();
    auto account = findChannelAccount(*core, actor, parser.positionalArguments().first());
    if (!account)
        return context.fail(account.error());
    auto proposed = core->channelAccounts().proposeCredentials(actor, account->id, values);
    if (!proposed)
        return context.fail(proposed.error());
    if (proposed->isPending())
        context.out << Cli::tr("%1: proposed change %2 of %3; it takes effect when a second operator approves it "
                               "(paydesk-cli channel-account approve %2)")
                           .arg(account->name)
                           .arg(proposed->id)
                           .arg(proposed->items.join(QStringLiteral(", ")))
                    << '\n';
    else
        context.out << Cli::tr("%1: stored %2 (not trust material: no approval needed)")
                           .arg(account->name, proposed->items.join(QStringLiteral(", ")))
                    << '\n';
    printCredentialChange(context, *proposed);
    context.out.flush();
    return Success;
}

int setEnabled(CliContext &context, bool enabled)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("account"), Cli::tr("Id or name of the channel account."));
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, enabled ? Cli::tr("Enable a channel account for routing. Needs channel.manage.")
                                       : Cli::tr("Disable a channel account: routing skips it. Needs channel.manage.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one channel account"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    auto account = findChannelAccount(*core, actor, parser.positionalArguments().first());
    if (!account)
        return context.fail(account.error());
    const Status changed = core->channelAccounts().setEnabled(actor, account->id, enabled);
    if (!changed)
        return context.fail(changed.error());
    context.out << (enabled ? Cli::tr("%1: enabled") : Cli::tr("%1: disabled")).arg(account->name) << Qt::endl;
    return Success;
}
} // namespace

int runChannelAccount(CliContext &context)
{
    return dispatch(
        context,
        Cli::tr("Usage: paydesk-cli channel-account SUBCOMMAND [options]\n\nSubcommands:\n"
                "  list [--json]                     The channel accounts and their last connection test.\n"
                "  create --name N --channel C …     Create a shared or own account (see create --help).\n"
                "  credentials ACCOUNT               Which credentials are set and which are missing.\n"
                "  set-credential ACCOUNT --item I --file F   Propose credentials (a second operator approves).\n"
                "  pending [ACCOUNT] [--all]         Credential changes waiting for approval, with fingerprints.\n"
                "  approve CHANGE [--note N]         Approve another operator's credential change.\n"
                "  reject CHANGE --note N            Reject another operator's credential change.\n"
                "  withdraw CHANGE                   Withdraw a credential change of one's own.\n"
                "  enable | disable ACCOUNT          Let routing use the account, or not.\n"
                "  test ACCOUNT                      Check the account's credentials against the channel.\n"),
        {{QStringLiteral("list"), list},
         {QStringLiteral("create"), create},
         {QStringLiteral("credentials"), credentials},
         {QStringLiteral("set-credential"), setCredential},
         {QStringLiteral("pending"), credentialChangesPending},
         {QStringLiteral("approve"), credentialChangeApprove},
         {QStringLiteral("reject"), credentialChangeReject},
         {QStringLiteral("withdraw"), credentialChangeWithdraw},
         {QStringLiteral("enable"), [](CliContext &c) { return setEnabled(c, true); }},
         {QStringLiteral("disable"), [](CliContext &c) { return setEnabled(c, false); }},
         {QStringLiteral("test"), test}});
}

} // namespace paydesk::cli
