#include "app/cli/CredentialChangeCommands.h"

#include "app/cli/Lookup.h"
#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::cli {

namespace {
QString shortHex(const QString &hex)
{
    return hex.left(16) + QStringLiteral("…");
}

// One fingerprint as a line: certificates by SHA-256 and serial, keys by their SPKI's SHA-256,
// secrets by their keyed HMAC, identifiers as they are.
QString fingerprintText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return Cli::tr("(none)");
    const QJsonObject fingerprint = value.toObject();
    auto certificate = [](const QJsonObject &c) {
        return Cli::tr("certificate sha256 %1 serial %2 (%3, until %4)")
            .arg(c.value(QStringLiteral("sha256")).toString(), c.value(QStringLiteral("serial")).toString(),
                 c.value(QStringLiteral("subject")).toString(), c.value(QStringLiteral("not_after")).toString());
    };
    QStringList parts;
    for (const QJsonValue &c : fingerprint.value(QStringLiteral("certificates")).toArray())
        parts << certificate(c.toObject());
    if (fingerprint.contains(QStringLiteral("certificate")))
        parts << certificate(fingerprint.value(QStringLiteral("certificate")).toObject());
    if (fingerprint.contains(QStringLiteral("spki_sha256")))
        parts << Cli::tr("key sha256 %1").arg(fingerprint.value(QStringLiteral("spki_sha256")).toString());
    if (fingerprint.contains(QStringLiteral("hmac_sha256")))
        parts << Cli::tr("secret hmac %1").arg(shortHex(fingerprint.value(QStringLiteral("hmac_sha256")).toString()));
    if (fingerprint.contains(QStringLiteral("value")))
        parts << fingerprint.value(QStringLiteral("value")).toString();
    return parts.join(QStringLiteral("; "));
}

QString statusText(CredentialChange::Status status)
{
    switch (status) {
    case CredentialChange::Status::Pending:
        return Cli::tr("waiting for approval");
    case CredentialChange::Status::Approved:
        return Cli::tr("approved");
    case CredentialChange::Status::Rejected:
        return Cli::tr("rejected");
    case CredentialChange::Status::Withdrawn:
        return Cli::tr("withdrawn");
    case CredentialChange::Status::Expired:
        return Cli::tr("expired");
    case CredentialChange::Status::Applied:
        return Cli::tr("stored (no approval needed)");
    }
    return {};
}

QString when(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject changeJson(const CredentialChange &change)
{
    return QJsonObject{{QStringLiteral("id"), change.id},
                       {QStringLiteral("account"), change.accountName},
                       {QStringLiteral("channel"), ChannelNames::channel(change.channel)},
                       {QStringLiteral("channel_merchant_id"), change.channelMerchantId},
                       {QStringLiteral("items"), QJsonArray::fromStringList(change.items)},
                       {QStringLiteral("status"), CredentialChange::statusName(change.status)},
                       {QStringLiteral("proposed_by"), change.proposedBy},
                       {QStringLiteral("proposed_at"), when(change.proposedAt)},
                       {QStringLiteral("expires_at"), when(change.expiresAt)},
                       {QStringLiteral("decided_by"), change.decidedBy},
                       {QStringLiteral("decided_at"), when(change.decidedAt)},
                       {QStringLiteral("note"), change.note},
                       {QStringLiteral("fingerprints"), change.fingerprints}};
}

bool changeId(CliContext &context, const QCommandLineParser &parser, qint64 *id)
{
    bool ok = false;
    *id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || *id <= 0) {
        context.fail(Cli::tr("give one credential change id (see channel-account pending)"), Usage);
        return false;
    }
    return true;
}

// approve, reject and withdraw: the same shape, the core decides who may.
int decide(CliContext &context, const QString &description, bool noteRequired, bool needsVault,
           const std::function<Result<CredentialChange>(PaydeskCore &, const Actor &, qint64, const QString &)> &act)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption note(QStringLiteral("note"),
                                  noteRequired ? Cli::tr("Why (required).") : Cli::tr("A note for the record."),
                                  Cli::tr("text"));
    parser.addOption(note);
    parser.addPositionalArgument(QStringLiteral("change"),
                                 Cli::tr("The credential change's id (see channel-account pending)."));
    if (!context.parse(parser, description))
        return context.exitCode();
    qint64 id = 0;
    if (!changeId(context, parser, &id))
        return context.exitCode();
    if (noteRequired && parser.value(note).trimmed().isEmpty())
        return context.fail(Cli::tr("give the reason with --note"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor) || (needsVault && !context.unlockVault(*core, actor)))
        return context.exitCode();
    auto decided = act(*core, actor, id, parser.value(note));
    if (!decided)
        return context.fail(decided.error());
    printCredentialChange(context, *decided);
    context.out.flush();
    return Success;
}
} // namespace

void printCredentialChange(CliContext &context, const CredentialChange &change)
{
    context.out << Cli::tr("change %1\t%2\t%3\t%4\tproposed by %5 at %6")
                       .arg(change.id)
                       .arg(change.accountName, change.items.join(QLatin1Char(',')), statusText(change.status),
                            change.proposedBy, when(change.proposedAt))
                << '\n';
    if (change.isPending())
        context.out << Cli::tr("  waits for a second operator (channel.approve) until %1").arg(when(change.expiresAt))
                    << '\n';
    else if (!change.decidedBy.isEmpty())
        context.out << Cli::tr("  %1 by %2 at %3%4")
                           .arg(statusText(change.status), change.decidedBy, when(change.decidedAt),
                                change.note.isEmpty() ? QString() : QStringLiteral(": ") + change.note)
                    << '\n';
    for (const QString &item : change.items) {
        const QJsonObject pair = change.fingerprints.value(item).toObject();
        context.out << Cli::tr("  %1\n    old: %2\n    new: %3")
                           .arg(item, fingerprintText(pair.value(QStringLiteral("old"))),
                                fingerprintText(pair.value(QStringLiteral("new"))))
                    << '\n';
    }
}

int credentialChangesPending(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption all(QStringLiteral("all"),
                                 Cli::tr("Decided changes too (approved, rejected, withdrawn, expired)."));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the changes as JSON."));
    parser.addOptions({all, json});
    parser.addPositionalArgument(QStringLiteral("account"),
                                 Cli::tr("Only the changes of this account's credentials (id or name)."),
                                 QStringLiteral("[account]"));
    if (!context.parse(
            parser, Cli::tr("Credential changes waiting for a second operator, newest first: id, account, items, who "
                            "proposed them, until when they wait, and each item's old and new fingerprints (never the "
                            "material). Needs channel.view.")))
        return context.exitCode();
    if (parser.positionalArguments().size() > 1)
        return context.fail(Cli::tr("give at most one channel account"), Usage);
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    qint64 accountId = 0;
    if (!parser.positionalArguments().isEmpty()) {
        auto account = findChannelAccount(*core, actor, parser.positionalArguments().first());
        if (!account)
            return context.fail(account.error());
        accountId = account->id;
    }
    auto changes = core->channelAccounts().credentialChanges().list(actor, accountId, !parser.isSet(all));
    if (!changes)
        return context.fail(changes.error());
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const CredentialChange &change : std::as_const(*changes))
            array.append(changeJson(change));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const CredentialChange &change : std::as_const(*changes))
            printCredentialChange(context, change);
    }
    context.out.flush();
    return Success;
}

int credentialChangeApprove(CliContext &context)
{
    return decide(
        context,
        Cli::tr("Approve a credential change proposed by another operator: its items go into the vault and take "
                "effect at once for every account sharing them, and for 24 hours each callback of those accounts is "
                "confirmed by a query to the channel before anything is posted. Compare the fingerprints first. Needs "
                "channel.approve and $PAYDESK_MASTER_KEY_FILE."),
        false, true, [](PaydeskCore &core, const Actor &actor, qint64 id, const QString &note) {
            return core.channelAccounts().credentialChanges().approve(actor, id, note);
        });
}

int credentialChangeReject(CliContext &context)
{
    return decide(
        context,
        Cli::tr("Reject a credential change proposed by another operator; the proposed material is discarded. "
                "Needs channel.approve."),
        true, false, [](PaydeskCore &core, const Actor &actor, qint64 id, const QString &note) {
            return core.channelAccounts().credentialChanges().reject(actor, id, note);
        });
}

int credentialChangeWithdraw(CliContext &context)
{
    return decide(
        context,
        Cli::tr("Withdraw a credential change you proposed; the proposed material is discarded. Needs channel.manage."),
        false, false, [](PaydeskCore &core, const Actor &actor, qint64 id, const QString &note) {
            return core.channelAccounts().credentialChanges().withdraw(actor, id, note);
        });
}

} // namespace paydesk::cli
