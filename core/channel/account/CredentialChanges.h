#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/CredentialChange.h"
#include "core/security/Actor.h"
#include "core/security/AuditResult.h"
#include "core/security/Crypto.h"
#include "core/util/Clock.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>

namespace paydesk {

class AuditLog;
class Database;
class Vault;

// Maker-checker for channel trust material (DESIGN.md §10, §12). One operator with channel.manage
// proposes new credentials; they wait sealed under the vault's data key and take effect only when
// another operator with channel.approve approves them — never the maker, and exactly one of two
// approvers at once. The maker may withdraw, an approver reject (either discards the sealed
// items), and a change nobody decides expires after CredentialChange::kLifetimeSeconds. Items that
// are no trust material (ChannelCredentialItems::isTrustMaterial) are set at once when proposed
// alone. Every step is audited with the fingerprints of the old and new material, never the
// material. An approval moves the version of every account sharing the credentials (adapters are
// rebuilt at once) and opens their trust window (ChannelAccount::confirmsCallbacksByQuery).
class CredentialChanges
{
public:
    CredentialChanges(Database &database, const Clock &clock, AuditLog &audit, Vault &vault);

    // channel.manage; the vault must be unlocked. Items are validated (with the partner already
    // in the vault, for pairs) before anything is kept; on any error nothing is. Returns the
    // pending change, or a change with status Applied when only non-trust items were given.
    Result<CredentialChange> propose(const Actor &actor, qint64 accountId, const QMap<QString, SecretBytes> &items);
    // channel.view. Newest first; `accountId` 0 for every account (else the changes of the
    // credentials it shares); `pendingOnly` false includes decided ones.
    Result<QList<CredentialChange>> list(const Actor &actor, qint64 accountId, bool pendingOnly = true,
                                         int limit = 200);
    Result<CredentialChange> find(const Actor &actor, qint64 id);
    // channel.approve, not the maker (CredentialSelfApproval), while pending and unexpired
    // (CredentialChangeDecided otherwise); the vault must be unlocked. The items are checked again
    // against what the vault holds now and stored.
    Result<CredentialChange> approve(const Actor &actor, qint64 id, const QString &note = QString());
    // channel.approve, not the maker (who withdraws instead); a reason is required.
    Result<CredentialChange> reject(const Actor &actor, qint64 id, const QString &note);
    // channel.manage, the maker only.
    Result<CredentialChange> withdraw(const Actor &actor, qint64 id, const QString &note = QString());
    // Pending changes past their expiry become expired (each audited once, whoever notices).
    // Every other call here runs it first, so an expired change can never be approved.
    Result<int> expireDue();

    // channel.provision, which no role carries: the platform itself (the demo generator, test
    // support) installs an account's first credentials without a second operator. Refused for
    // operators, and for items the vault already holds: it never replaces material. Audited with
    // fingerprints; opens no trust window.
    Status provision(const Actor &actor, qint64 accountId, const QMap<QString, SecretBytes> &items);

    static bool isMaker(const CredentialChange &change, const Actor &actor);

private:
    using Items = QMap<QString, SecretBytes>;
    // The permission check, expireDue() and a connection: how every read and decision starts.
    Result<QSqlDatabase> begin(const Actor &actor, Permission permission, const QString &object);
    Result<ChannelAccount> account(qint64 id);
    // `items` plus, for pairs, the partner the vault holds; validated together.
    Result<Items> withPartners(const Actor &actor, const ChannelAccount &account, const Items &items,
                               Permission permission);
    // What the vault holds now for `names` (and the partners a fingerprint needs); absent ones left out.
    Result<Items> current(const Actor &actor, const ChannelAccount &account, const QStringList &names,
                          Permission permission);
    // {item: {"old": …, "new": …}} for the items of `names`.
    Result<QJsonObject> fingerprints(const ChannelAccount &account, const QStringList &names, const Items &before,
                                     const Items &after);
    Status store(const Actor &actor, const ChannelAccount &account, const Items &items, Permission permission);
    Result<CredentialChange> decideAudited(const Actor &actor, const CredentialChange &change,
                                           CredentialChange::Status status, const QString &action, const QString &note);
    Status record(const Actor &actor, const QString &action, const QString &object, AuditResult result,
                  const QJsonObject &detail);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Vault &m_vault;
    Actor m_actor; // expires changes nobody decided
};

} // namespace paydesk
