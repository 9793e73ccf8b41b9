#pragma once

#include "core/channel/ChannelAdapter.h"
#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/ChannelAccountUsage.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/channel/account/ConnectionTestResult.h"
#include "core/channel/account/CredentialChanges.h"
#include "core/channel/http/HttpClient.h"
#include "core/security/Actor.h"
#include "core/storage/ReferenceCache.h"
#include "core/util/Clock.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>

#include <memory>

class QSqlDatabase;

namespace paydesk {

class AuditLog;
class Database;
class Vault;

// Channel accounts (渠道账户): create, edit, enable/disable, their credentials in the vault,
// a live connection test, adapters for the payment core, and daily usage. Reading needs
// channel.view, changing, proposing credentials, tests and adapters channel.manage; approving
// credentials channel.approve (CredentialChanges). Every change is audited with before/after
// (never a secret: credentials by item name and fingerprint only).
class ChannelAccountService
{
public:
    // `http` is the template for channel calls (timeouts, retries); each account adds its CA certificates.
    ChannelAccountService(Database &database, const Clock &clock, AuditLog &audit, Vault &vault,
                          HttpClient::Options http = HttpClient::Options());

    Result<QList<ChannelAccount>> list(const Actor &actor);
    Result<ChannelAccount> find(const Actor &actor, qint64 id);
    Result<ChannelAccount> findByName(const Actor &actor, const QString &name);

    // A new account from the fields of `account` (id, version, test and audit fields are ignored).
    Result<ChannelAccount> create(const Actor &actor, const ChannelAccount &account);
    // Saves `account` if nobody changed it since it was read at `account.version`
    // (ChannelAccountChangedMeanwhile otherwise). Name and channel cannot change: the name is
    // the ledger id, and rates, rules and credentials belong to the channel.
    Result<ChannelAccount> update(const Actor &actor, const ChannelAccount &account);
    Status setEnabled(const Actor &actor, qint64 id, bool enabled);

    // The credential items the account's channel takes (for the credentials dialog).
    static QList<CredentialItem> credentialItems(ChannelKind channel)
    {
        return ChannelCredentialItems::itemsFor(channel);
    }
    // Proposes some or all items (name → content) for a second operator's approval, after
    // validating each and the pairs that go together; on any error nothing is kept. The vault must
    // be unlocked. Items are shared by every account with the same channel merchant id (a service
    // provider's sub-merchants). See CredentialChanges: trust material waits for approval; items
    // that are none, given alone, are stored at once (the result's status says which).
    Result<CredentialChange> proposeCredentials(const Actor &actor, qint64 id, const QMap<QString, SecretBytes> &items);
    // Pending changes, their approval, rejection and withdrawal.
    CredentialChanges &credentialChanges() { return m_credentialChanges; }
    // Which items are in the vault (names only), and whether the set is complete.
    Result<CredentialStatus> credentialStatus(const Actor &actor, qint64 id);

    // The account's adapter with its vault credentials (channel.manage; the payment core passes
    // a system actor holding it). Disabled accounts get one too (a test comes before enabling).
    Result<std::unique_ptr<ChannelAdapter>> adapterFor(const Actor &actor, qint64 id);
    // The same, kept per thread and reused while the account's row is unchanged and for at most
    // kAdapterReuseSeconds: building an adapter reads, decrypts and audits every credential, too
    // slow for each payment. A credential change moves the version of every account sharing the
    // credentials, so the next call after it builds a new adapter in any process.
    static constexpr int kAdapterReuseSeconds = 60;
    // `account`, when given, receives the account's row as read for this call (callers need its
    // callback address; one read instead of two on the payment path).
    Result<std::shared_ptr<ChannelAdapter>> sharedAdapterFor(const Actor &actor, qint64 id,
                                                             ChannelAccount *account = nullptr);
    // Queries the channel for an order that cannot exist and reads the answer (see
    // ChannelConnectionTest); records last_test_at / last_test_result and audits. A failed test is
    // a result with ok == false; an error is returned only when the test could not be recorded or
    // was not allowed. Blocks for up to the HTTP timeouts: run it off the GUI thread.
    Result<ConnectionTestResult> testConnection(const Actor &actor, qint64 id);

    // Daily usage, for the daily limit. recordUsage joins the caller's unit of work and checks no
    // permission (the payment module calls it inside its own checked, audited transaction).
    Status recordUsage(const ChannelAccount &account, const QDate &businessDate, const Money &amount);
    Status recordUsage(qint64 accountId, const QDate &businessDate, const Money &amount);
    Result<AccountUsage> usage(qint64 accountId, const QDate &businessDate);
    Result<AccountUsage> usage(const Actor &actor, qint64 accountId, const QDate &businessDate);

private:
    Status checkReferences(const QSqlDatabase &db, const ChannelAccount &account, const ChannelAccount *before);
    Result<std::unique_ptr<ChannelAdapter>> makeAdapter(const Actor &actor, const ChannelAccount &account);
    // The account, for an actor with channel.manage.
    Result<ChannelAccount> loadManaged(const Actor &actor, qint64 id);
    Result<ChannelAccount> cachedLoad(qint64 id);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Vault &m_vault;
    HttpClient::Options m_http;
    ChannelAccountUsage m_usage;
    ReferenceCache<qint64, ChannelAccount> m_accounts; // by id, for adapters and payments
    CredentialChanges m_credentialChanges;

    struct CachedAdapter
    {
        std::shared_ptr<ChannelAdapter> adapter;
        int accountVersion = 0;
        qint64 builtAtMs = 0;
    };
    QMutex m_adaptersMutex;
    QHash<std::pair<QThread *, qint64>, CachedAdapter> m_adapters; // by thread and account id
};

} // namespace paydesk
