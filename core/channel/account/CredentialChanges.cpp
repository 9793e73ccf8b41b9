#include "core/channel/account/CredentialChanges.h"

#include "core/channel/ChannelCredentials.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountStore.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/channel/account/CredentialChangeStore.h"
#include "core/channel/account/CredentialFingerprints.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QCborMap>
#include <QCborValue>
#include <QHostInfo>
#include <QJsonArray>

namespace paydesk {

namespace {
using Items = QMap<QString, SecretBytes>;

QString accountObject(const QString &name)
{
    return QStringLiteral("channel_account:") + name;
}

QString changeObject(qint64 id)
{
    return QStringLiteral("credential_change:%1").arg(id);
}

QString vaultPrefix(const ChannelAccount &account)
{
    return ChannelCredentials::secretName(ChannelNames::channel(account.channel), account.channelMerchantId, QString());
}

QString itemName(const ChannelAccount &account, const QString &item)
{
    return ChannelCredentials::secretName(ChannelNames::channel(account.channel), account.channelMerchantId, item);
}

// The proposed items as one value to seal; the buffer is wiped with the SecretBytes.
SecretBytes serialized(const Items &items)
{
    QCborMap map;
    for (auto it = items.cbegin(); it != items.cend(); ++it)
        map.insert(it.key(), it.value().bytes());
    return SecretBytes(map.toCborValue().toCbor());
}

Result<Items> deserialized(const SecretBytes &bytes)
{
    const QCborValue value = QCborValue::fromCbor(bytes.bytes());
    if (!value.isMap())
        return Error(ErrorCode::CryptoFailed, QStringLiteral("sealed credential items are unreadable"));
    Items items;
    const QCborMap map = value.toMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        items.insert(it.key().toString(), SecretBytes(it.value().toByteArray()));
    return items;
}

QJsonArray jsonList(const QStringList &names)
{
    return QJsonArray::fromStringList(names);
}

// What every record of a change says: which credentials, whose, what changes (fingerprints only).
QJsonObject describe(const CredentialChange &change, const QString &prefix, const QStringList &sharedWith)
{
    QJsonObject detail{{QStringLiteral("items"), jsonList(change.items)},
                       {QStringLiteral("fingerprints"), change.fingerprints},
                       {QStringLiteral("vault_prefix"), prefix},
                       {QStringLiteral("shared_with"), jsonList(sharedWith)}};
    if (change.id > 0) {
        detail.insert(QStringLiteral("change"), QString::number(change.id));
        detail.insert(QStringLiteral("proposed_by"), change.proposedBy);
        detail.insert(QStringLiteral("expires_at"), change.expiresAt.toString(Qt::ISODateWithMs));
    }
    if (!change.note.isEmpty())
        detail.insert(QStringLiteral("note"), change.note);
    return detail;
}
} // namespace

CredentialChanges::CredentialChanges(Database &database, const Clock &clock, AuditLog &audit, Vault &vault)
    : m_database(database), m_clock(clock), m_audit(audit), m_vault(vault),
      m_actor(
          Actor::system(QStringLiteral("credential_changes"), {}, QStringLiteral("core@") + QHostInfo::localHostName()))
{
}

bool CredentialChanges::isMaker(const CredentialChange &change, const Actor &actor)
{
    if (change.proposedById > 0 && actor.operatorId() > 0)
        return change.proposedById == actor.operatorId();
    return change.proposedBy == actor.name();
}

Status CredentialChanges::record(const Actor &actor, const QString &action, const QString &object, AuditResult result,
                                 const QJsonObject &detail)
{
    return m_audit.append(actor, {action, object, result, detail});
}

Result<ChannelAccount> CredentialChanges::account(qint64 id)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ChannelAccountStore::load(*connection, id);
}

Result<Items> CredentialChanges::withPartners(const Actor &actor, const ChannelAccount &account, const Items &items,
                                              Permission permission)
{
    if (items.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no credential items given"));
    // Items that only work together are checked together: a partner already in the vault counts.
    Items checked = items;
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        const QString partner = ChannelCredentialItems::partnerOf(account.channel, it.key());
        if (partner.isEmpty() || checked.contains(partner))
            continue;
        auto stored = m_vault.read(actor, itemName(account, partner), permission);
        if (stored)
            checked.insert(partner, *stored);
        else if (stored.error().code() != ErrorCode::SecretUnknown)
            return stored.error();
    }
    const Status valid = ChannelCredentialItems::validate(account.channel, checked);
    if (!valid)
        return valid.error();
    return checked;
}

Result<Items> CredentialChanges::current(const Actor &actor, const ChannelAccount &account, const QStringList &names,
                                         Permission permission)
{
    QStringList wanted = names;
    for (const QString &name : names) {
        const QString partner = ChannelCredentialItems::partnerOf(account.channel, name);
        if (!partner.isEmpty() && !wanted.contains(partner))
            wanted << partner; // a .pfx's fingerprint needs its password to open it
    }
    Items found;
    for (const QString &name : std::as_const(wanted)) {
        auto stored = m_vault.read(actor, itemName(account, name), permission);
        if (stored)
            found.insert(name, *stored);
        else if (stored.error().code() != ErrorCode::SecretUnknown)
            return stored.error();
    }
    return found;
}

Result<QJsonObject> CredentialChanges::fingerprints(const ChannelAccount &account, const QStringList &names,
                                                    const Items &before, const Items &after)
{
    QJsonObject all;
    for (const QString &name : names) {
        QJsonObject pair;
        if (before.contains(name)) {
            auto old = CredentialFingerprints::of(account.channel, name, before, m_vault);
            if (!old)
                return old.error();
            pair.insert(QStringLiteral("old"), *old);
        } else {
            pair.insert(QStringLiteral("old"), QJsonValue::Null);
        }
        auto next = CredentialFingerprints::of(account.channel, name, after, m_vault);
        if (!next)
            return next.error();
        pair.insert(QStringLiteral("new"), *next);
        all.insert(name, pair);
    }
    return all;
}

Status CredentialChanges::store(const Actor &actor, const ChannelAccount &account, const Items &items,
                                Permission permission)
{
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        Status stored = m_vault.store(actor, itemName(account, it.key()), it.value(), permission);
        if (!stored)
            return stored.error().within(it.key());
    }
    return {};
}

Result<CredentialChange> CredentialChanges::propose(const Actor &actor, qint64 accountId, const Items &items)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ChannelManage,
                                                       QStringLiteral("channel_account:%1").arg(accountId));
    if (!allowed)
        return allowed.error();
    auto expired = expireDue();
    if (!expired)
        return expired.error();
    auto found = account(accountId);
    if (!found)
        return found.error();
    const ChannelAccount &target = *found;
    auto checked = withPartners(actor, target, items, Permission::ChannelManage);
    if (!checked)
        return checked.error();
    const QStringList names = items.keys();
    bool trustMaterial = false;
    for (const QString &name : names)
        trustMaterial = trustMaterial || ChannelCredentialItems::isTrustMaterial(target.channel, name);
    auto before = current(actor, target, names, Permission::ChannelManage);
    if (!before)
        return before.error();
    auto prints = fingerprints(target, names, *before, *checked);
    if (!prints)
        return prints.error();

    CredentialChange change;
    change.accountId = target.id;
    change.accountName = target.name;
    change.channel = target.channel;
    change.channelMerchantId = target.channelMerchantId;
    change.items = names;
    change.fingerprints = *prints;
    change.proposedBy = actor.name();
    change.proposedById = actor.operatorId();
    change.proposedAt = m_clock.nowUtc();
    change.expiresAt = change.proposedAt.addSecs(CredentialChange::kLifetimeSeconds);

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto sharedWith =
        ChannelAccountStore::sharingCredentials(work.connection(), target.channel, target.channelMerchantId);
    if (!sharedWith)
        return sharedWith.error();
    if (!trustMaterial) {
        // Identifiers that verify nothing: set at once, as before maker-checker.
        Status step = store(actor, target, items, Permission::ChannelManage);
        if (!step)
            return step.error();
        step = ChannelAccountStore::credentialsChanged(work.connection(), target.channel, target.channelMerchantId,
                                                       change.proposedAt, false);
        if (!step)
            return step.error();
        change.status = CredentialChange::Status::Applied;
    } else {
        auto sealed = m_vault.seal(actor, CredentialChangeStore::sealContext(change), serialized(items),
                                   Permission::ChannelManage);
        if (!sealed)
            return sealed.error();
        auto id = CredentialChangeStore::insert(work.connection(), change, *sealed);
        if (!id)
            return id.error();
        change.id = *id;
    }
    const QString action = trustMaterial ? QStringLiteral("channel_account.credentials.propose")
                                         : QStringLiteral("channel_account.credentials");
    Status step = record(actor, action, accountObject(target.name), AuditResult::Ok,
                         describe(change, vaultPrefix(target), *sharedWith));
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    return change;
}

Result<QSqlDatabase> CredentialChanges::begin(const Actor &actor, Permission permission, const QString &object)
{
    const Status allowed = Authorizer(m_audit).require(actor, permission, object);
    if (!allowed)
        return allowed.error();
    auto expired = expireDue();
    if (!expired)
        return expired.error();
    return m_database.connection();
}

Result<QList<CredentialChange>> CredentialChanges::list(const Actor &actor, qint64 accountId, bool pendingOnly,
                                                        int limit)
{
    auto connection = begin(actor, Permission::ChannelView, QStringLiteral("credential_changes"));
    if (!connection)
        return connection.error();
    return CredentialChangeStore::list(*connection, accountId, pendingOnly, limit);
}

Result<CredentialChange> CredentialChanges::find(const Actor &actor, qint64 id)
{
    auto connection = begin(actor, Permission::ChannelView, changeObject(id));
    if (!connection)
        return connection.error();
    return CredentialChangeStore::load(*connection, id);
}

Result<CredentialChange> CredentialChanges::approve(const Actor &actor, qint64 id, const QString &note)
{
    auto connection = begin(actor, Permission::ChannelApprove, changeObject(id));
    if (!connection)
        return connection.error();
    auto change = CredentialChangeStore::load(*connection, id);
    if (!change)
        return change.error();
    if (!change->isPending())
        return Error(
            ErrorCode::CredentialChangeDecided,
            QStringLiteral("credential change %1 is %2").arg(id).arg(CredentialChange::statusName(change->status)));
    if (isMaker(*change, actor)) {
        const Status recorded =
            record(actor, QStringLiteral("channel_account.credentials.approve"), accountObject(change->accountName),
                   AuditResult::Denied,
                   QJsonObject{{QStringLiteral("change"), QString::number(id)},
                               {QStringLiteral("reason"), QStringLiteral("the maker cannot approve")}});
        if (!recorded)
            return recorded.error();
        return Error(ErrorCode::CredentialSelfApproval,
                     QStringLiteral("%1 proposed credential change %2").arg(actor.name()).arg(id));
    }
    auto target = account(change->accountId);
    if (!target)
        return target.error();
    auto sealed = CredentialChangeStore::sealed(*connection, id);
    if (!sealed)
        return sealed.error();
    auto opened = m_vault.open(actor, CredentialChangeStore::sealContext(*change), *sealed, Permission::ChannelApprove);
    if (!opened)
        return opened.error();
    auto items = deserialized(*opened);
    if (!items)
        return items.error();
    // Checked again against the vault as it is now: a partner may have changed since the proposal.
    auto checked = withPartners(actor, *target, *items, Permission::ChannelApprove);
    if (!checked)
        return checked.error();
    auto before = current(actor, *target, change->items, Permission::ChannelApprove);
    if (!before)
        return before.error();
    auto prints = fingerprints(*target, change->items, *before, *checked);
    if (!prints)
        return prints.error();

    const QDateTime now = m_clock.nowUtc();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    // One conditional update: of two approvers at once exactly one changes the row.
    auto decided = CredentialChangeStore::decide(work.connection(), id, CredentialChange::Status::Approved,
                                                 actor.name(), now, note.trimmed(), now);
    if (!decided)
        return decided.error();
    if (!*decided)
        return Error(ErrorCode::CredentialChangeDecided,
                     QStringLiteral("credential change %1 was decided meanwhile").arg(id));
    Status step = store(actor, *target, *items, Permission::ChannelApprove);
    if (!step)
        return step.error();
    step = ChannelAccountStore::credentialsChanged(work.connection(), target->channel, target->channelMerchantId, now,
                                                   true);
    if (!step)
        return step.error();
    auto sharedWith =
        ChannelAccountStore::sharingCredentials(work.connection(), target->channel, target->channelMerchantId);
    if (!sharedWith)
        return sharedWith.error();
    CredentialChange approved = *change;
    approved.fingerprints = *prints; // the old material as it is replaced now
    approved.note = note.trimmed();
    QJsonObject detail = describe(approved, vaultPrefix(*target), *sharedWith);
    detail.insert(QStringLiteral("callbacks_confirmed_by_query_until"),
                  now.addSecs(ChannelAccount::kTrustWindowSeconds).toString(Qt::ISODateWithMs));
    step = record(actor, QStringLiteral("channel_account.credentials.approve"), accountObject(target->name),
                  AuditResult::Ok, detail);
    if (!step)
        return step.error();
    return work.commitThenRead([&](const QSqlDatabase &db) { return CredentialChangeStore::load(db, id); });
}

Result<CredentialChange> CredentialChanges::decideAudited(const Actor &actor, const CredentialChange &change,
                                                          CredentialChange::Status status, const QString &action,
                                                          const QString &note)
{
    const QDateTime now = m_clock.nowUtc();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto decided = CredentialChangeStore::decide(work.connection(), change.id, status, actor.name(), now, note);
    if (!decided)
        return decided.error();
    if (!*decided)
        return Error(ErrorCode::CredentialChangeDecided,
                     QStringLiteral("credential change %1 was decided meanwhile").arg(change.id));
    auto sharedWith =
        ChannelAccountStore::sharingCredentials(work.connection(), change.channel, change.channelMerchantId);
    if (!sharedWith)
        return sharedWith.error();
    CredentialChange decidedChange = change;
    decidedChange.note = note;
    const QString prefix =
        ChannelCredentials::secretName(ChannelNames::channel(change.channel), change.channelMerchantId, QString());
    Status step = record(actor, action, accountObject(change.accountName), AuditResult::Ok,
                         describe(decidedChange, prefix, *sharedWith));
    if (!step)
        return step.error();
    return work.commitThenRead([&](const QSqlDatabase &db) { return CredentialChangeStore::load(db, change.id); });
}

Result<CredentialChange> CredentialChanges::reject(const Actor &actor, qint64 id, const QString &note)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ChannelApprove, changeObject(id));
    if (!allowed)
        return allowed.error();
    if (note.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a rejection needs a reason"));
    auto change = find(actor, id);
    if (!change)
        return change.error();
    if (!change->isPending())
        return Error(
            ErrorCode::CredentialChangeDecided,
            QStringLiteral("credential change %1 is %2").arg(id).arg(CredentialChange::statusName(change->status)));
    if (isMaker(*change, actor))
        return Error(ErrorCode::CredentialSelfApproval,
                     QStringLiteral("%1 proposed credential change %2: withdraw it instead").arg(actor.name()).arg(id));
    return decideAudited(actor, *change, CredentialChange::Status::Rejected,
                         QStringLiteral("channel_account.credentials.reject"), note.trimmed());
}

Result<CredentialChange> CredentialChanges::withdraw(const Actor &actor, qint64 id, const QString &note)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ChannelManage, changeObject(id));
    if (!allowed)
        return allowed.error();
    auto change = find(actor, id);
    if (!change)
        return change.error();
    if (!change->isPending())
        return Error(
            ErrorCode::CredentialChangeDecided,
            QStringLiteral("credential change %1 is %2").arg(id).arg(CredentialChange::statusName(change->status)));
    if (!isMaker(*change, actor))
        return Error(
            ErrorCode::PermissionDenied,
            QStringLiteral("only %1, who proposed credential change %2, can withdraw it; an approver rejects it")
                .arg(change->proposedBy)
                .arg(id));
    return decideAudited(actor, *change, CredentialChange::Status::Withdrawn,
                         QStringLiteral("channel_account.credentials.withdraw"), note.trimmed());
}

Result<int> CredentialChanges::expireDue()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto due = CredentialChangeStore::due(*connection, m_clock.nowUtc());
    if (!due)
        return due.error();
    int expired = 0;
    for (const CredentialChange &change : std::as_const(*due)) {
        auto decided = decideAudited(
            m_actor, change, CredentialChange::Status::Expired, QStringLiteral("channel_account.credentials.expire"),
            QStringLiteral("not decided within %1 hours").arg(CredentialChange::kLifetimeSeconds / 3600));
        if (decided)
            ++expired;
        else if (decided.error().code() != ErrorCode::CredentialChangeDecided) // another process was first
            return decided.error();
    }
    return expired;
}

Status CredentialChanges::provision(const Actor &actor, qint64 accountId, const Items &items)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ChannelProvision,
                                                       QStringLiteral("channel_account:%1").arg(accountId));
    if (!allowed)
        return allowed;
    if (actor.operatorId() > 0)
        return Error(ErrorCode::PermissionDenied,
                     QStringLiteral("an operator's credentials need a second operator's approval"));
    auto target = account(accountId);
    if (!target)
        return target.error();
    auto before = current(actor, *target, items.keys(), Permission::ChannelProvision);
    if (!before)
        return before.error();
    for (const QString &name : items.keys()) {
        if (before->contains(name))
            return Error(ErrorCode::ChannelAccountInvalid,
                         QStringLiteral("%1 is already set; a change needs a second operator's approval").arg(name));
    }
    auto checked = withPartners(actor, *target, items, Permission::ChannelProvision);
    if (!checked)
        return checked.error();
    CredentialChange change;
    change.channel = target->channel;
    change.items = items.keys();
    auto prints = fingerprints(*target, change.items, *before, *checked);
    if (!prints)
        return prints.error();
    change.fingerprints = *prints;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    Status step = store(actor, *target, items, Permission::ChannelProvision);
    if (!step)
        return step;
    step = ChannelAccountStore::credentialsChanged(work.connection(), target->channel, target->channelMerchantId,
                                                   m_clock.nowUtc(), false);
    if (!step)
        return step;
    auto sharedWith =
        ChannelAccountStore::sharingCredentials(work.connection(), target->channel, target->channelMerchantId);
    if (!sharedWith)
        return sharedWith.error();
    step = record(actor, QStringLiteral("channel_account.credentials.provision"), accountObject(target->name),
                  AuditResult::Ok, describe(change, vaultPrefix(*target), *sharedWith));
    if (!step)
        return step;
    return work.commit();
}

} // namespace paydesk
