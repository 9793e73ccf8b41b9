#include "CliCommand.h"

#include "PaydeskCore.h"
#include "channel/ChannelNames.h"
#include "util/Error.h"

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
                       {QStringLiteral("last_test_at"), account.lastTestAt.isValid() ? account.lastTestAt.toString(Qt::ISODate) : QString()},
                       {QStringLiteral("last_test_result"), account.lastTestResult}};
}

// An account by id or by name.
Result<ChannelAccount> findAccount(PaydeskCore &core, const Actor &actor, const QString &key)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    return isNumber ? core.channelAccounts().find(actor, id) : core.channelAccounts().findByName(actor, key);
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the accounts as JSON."));
    parser.addOption(json);
    if (!context.parse(parser, Cli::tr("List the channel accounts: id, name, channel, mode, channel merchant id, limits, "
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
                           .arg(account.name, ChannelNames::channel(account.channel), ChannelAccount::modeName(account.mode),
                                account.channelMerchantId,
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
    if (!context.parse(parser, Cli::tr("Call the channel with the account's credentials (a query for an order that cannot "
                                       "exist) and report whether they are accepted; exit 1 if not. Needs channel.manage and "
                                       "$PAYDESK_MASTER_KEY_FILE (the credentials are in the vault).")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 1)
        return context.fail(Cli::tr("give exactly one channel account"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor) || !context.unlockVault(*core, actor))
        return context.exitCode();
    auto account = findAccount(*core, actor, parser.positionalArguments().first());
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
} // namespace

int runChannelAccount(CliContext &context)
{
    return dispatch(context,
                    Cli::tr("Usage: paydesk-cli channel-account SUBCOMMAND [options]\n\nSubcommands:\n"
                            "  list [--json]   The channel accounts and their last connection test.\n"
                            "  test ACCOUNT    Check the account's credentials against the channel.\n"),
                    {{QStringLiteral("list"), list}, {QStringLiteral("test"), test}});
}

} // namespace paydesk::cli
