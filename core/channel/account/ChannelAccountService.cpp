#include "core/channel/account/ChannelAccountService.h"

#include "core/channel/ChannelCredentials.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountStore.h"
#include "core/channel/account/ChannelAccountValidator.h"
#include "core/channel/account/ChannelAdapterFactory.h"
#include "core/channel/account/ChannelConnectionTest.h"
#include "core/merchant/MerchantReference.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QJsonArray>
#include <QSslCertificate>
#include <QThread>

namespace paydesk {

namespace {
QString objectName(const ChannelAccount &account)
{
    return QStringLiteral("channel_account:") + account.name;
}

QString objectId(qint64 id)
{
    return QStringLiteral("channel_account:%1").arg(id);
}

// Everything an auditor needs to see what changed; the CA certificates by subject, not as text.
QJsonObject describe(const ChannelAccount &account)
{
    QJsonArray authorities;
    for (const QSslCertificate &certificate : QSslCertificate::fromData(account.caCertificates, QSsl::Pem))
        authorities << certificate.subjectDisplayName();
    QJsonObject json{
        {QStringLiteral("name"), account.name},
        {QStringLiteral("channel"), ChannelNames::channel(account.channel)},
        {QStringLiteral("mode"), ChannelAccount::modeName(account.mode)},
        {QStringLiteral("channel_merchant_id"), account.channelMerchantId},
        {QStringLiteral("sub_merchant_id"), account.subMerchantId},
        {QStringLiteral("channel_app_id"), account.channelAppId},
        {QStringLiteral("base_url"), account.baseUrl},
        {QStringLiteral("file_url"), account.fileUrl},
        {QStringLiteral("notify_url"), account.notifyUrl},
        {QStringLiteral("ca_certificates"), authorities},
        {QStringLiteral("currency"), account.currency.code()},
        {QStringLiteral("per_transaction_limit"), account.perTransactionLimit.toString()},
        {QStringLiteral("daily_limit"), account.dailyLimit.toString()},
        {QStringLiteral("status"), account.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")}};
    if (account.mode == ChannelAccountMode::Own)
        json.insert(QStringLiteral("owner_merchant_id"), QString::number(account.ownerMerchantId));
    return json;
}

QString vaultPrefix(const ChannelAccount &account)
{
    return ChannelCredentials::secretName(ChannelNames::channel(account.channel), account.channelMerchantId, QString());
}
} // namespace

ChannelAccountService::ChannelAccountService(Database &database, const Clock &clock, AuditLog &audit, Vault &vault,
                                             HttpClient::Options http)
    : m_database(database), m_clock(clock), m_audit(audit), m_vault(vault), m_http(std::move(http)), m_usage(database),
      m_accounts(database), m_credentialChanges(database, clock, audit, vault)
{
}

Result<QList<ChannelAccount>> ChannelAccountService::list(const Actor &actor)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, QStringLiteral("channel_accounts"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ChannelAccountStore::list(*connection);
}

Result<ChannelAccount> ChannelAccountService::find(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, objectId(id));
    if (!allowed)
        return allowed.error();
    return cachedLoad(id);
}

Result<ChannelAccount> ChannelAccountService::cachedLoad(qint64 id)
{
    return m_accounts.get(id, [&]() -> Result<ChannelAccount> {
        auto connection = m_database.connection();
        if (!connection)
            return connection.error();
        return ChannelAccountStore::load(*connection, id);
    });
}

Result<ChannelAccount> ChannelAccountService::findByName(const Actor &actor, const QString &name)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::ChannelView, QStringLiteral("channel_account:") + name);
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ChannelAccountStore::loadByName(*connection, name);
}

Status ChannelAccountService::checkReferences(const QSqlDatabase &db, const ChannelAccount &account,
                                              const ChannelAccount *before)
{
    auto invalid = [](const QString &field, const QString &why) {
        return Error(ErrorCode::ChannelAccountInvalid, field + QStringLiteral(": ") + why);
    };
    if (account.mode == ChannelAccountMode::Own) {
        auto owner = MerchantReference::loadOpen(db, account.ownerMerchantId);
        if (!owner)
            return owner.error().within(QStringLiteral("owner"));
        if (owner->currency != account.currency)
            return invalid(QStringLiteral("currency"),
                           QStringLiteral("the owner merchant settles in %1").arg(owner->currency.code()));
    }
    if (!before) {
        auto existing = ChannelAccountStore::loadByName(db, account.name);
        if (existing)
            return invalid(QStringLiteral("name"), QStringLiteral("%1 is taken").arg(account.name));
        if (existing.error().code() != ErrorCode::ChannelAccountUnknown)
            return existing.error();
    }
    auto same = ChannelAccountStore::holderOfMerchantId(db, account.channel, account.channelMerchantId,
                                                        account.subMerchantId, before ? before->id : qint64(0));
    if (!same)
        return same.error();
    if (!same->isEmpty())
        return invalid(QStringLiteral("channel_merchant_id"),
                       QStringLiteral("account %1 already uses %2 / %3")
                           .arg(*same, account.channelMerchantId,
                                account.subMerchantId.isEmpty() ? QStringLiteral("-") : account.subMerchantId));
    if (!before)
        return {};
    if (account.mode == ChannelAccountMode::Own) {
        auto others = ChannelAccountStore::rulesOfOtherMerchants(db, account.id, account.ownerMerchantId);
        if (!others)
            return others.error();
        if (*others > 0)
            return invalid(QStringLiteral("owner"),
                           QStringLiteral("routing rules of %1 other merchant(s) use this account").arg(*others));
    }
    if (account.currency != before->currency) {
        auto used = ChannelAccountStore::rulesAndUsage(db, account.id);
        if (!used)
            return used.error();
        if (*used > 0)
            return invalid(QStringLiteral("currency"), QStringLiteral("the account is routed to or has payments"));
    }
    return {};
}

Result<ChannelAccount> ChannelAccountService::create(const Actor &actor, const ChannelAccount &account)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelManage, objectName(account));
    if (!allowed)
        return allowed.error();
    auto valid = ChannelAccountValidator::validate(account, m_clock.nowUtc());
    if (!valid)
        return valid.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto references = checkReferences(work.connection(), account, nullptr);
    if (!references)
        return references.error();
    auto created = ChannelAccountStore::insert(work.connection(), account, m_clock.nowUtc(), actor.name());
    if (!created)
        return created.error();
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("channel_account.create"), objectName(*created), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), describe(*created)}}});
    if (!done)
        return done.error();
    return created;
}

Result<ChannelAccount> ChannelAccountService::update(const Actor &actor, const ChannelAccount &account)
{
    AuditedChange<ChannelAccount> change;
    change.permission = Permission::ChannelManage;
    change.refusedObject = objectId(account.id);
    change.load = [&account](const QSqlDatabase &db) { return ChannelAccountStore::load(db, account.id); };
    change.write = [&](const QSqlDatabase &db, const ChannelAccount &before) -> Result<bool> {
        if (before.version != account.version)
            return Error(ErrorCode::ChannelAccountChangedMeanwhile, before.name);
        if (account.name != before.name)
            return Error(ErrorCode::ChannelAccountInvalid,
                         QStringLiteral("name: %1 names the ledger account %2 and cannot change")
                             .arg(before.name, before.ledgerAccount()));
        if (account.channel != before.channel)
            return Error(ErrorCode::ChannelAccountInvalid,
                         QStringLiteral("channel: cannot change; create another account"));
        auto valid = ChannelAccountValidator::validate(account, m_clock.nowUtc());
        if (!valid)
            return valid.error();
        auto references = checkReferences(db, account, &before);
        if (!references)
            return references.error();
        auto updated = ChannelAccountStore::update(db, account, m_clock.nowUtc());
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [](const ChannelAccount &before, const ChannelAccount &after) {
        return AuditEvent{QStringLiteral("channel_account.update"), objectName(after), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    return applyAudited(m_database, m_audit, actor, change);
}

Status ChannelAccountService::setEnabled(const Actor &actor, qint64 id, bool enabled)
{
    AuditedChange<ChannelAccount> change;
    change.permission = Permission::ChannelManage;
    change.refusedObject = objectId(id);
    change.load = [id](const QSqlDatabase &db) { return ChannelAccountStore::load(db, id); };
    change.write = [&](const QSqlDatabase &db, const ChannelAccount &before) -> Result<bool> {
        if (before.enabled == enabled)
            return false;
        auto updated = ChannelAccountStore::setEnabled(db, id, enabled, m_clock.nowUtc());
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [enabled](const ChannelAccount &before, const ChannelAccount &after) {
        return AuditEvent{enabled ? QStringLiteral("channel_account.enable")
                                  : QStringLiteral("channel_account.disable"),
                          objectName(before), AuditResult::Ok, beforeAndAfter(describe(before), describe(after))};
    };
    auto changed = applyAudited(m_database, m_audit, actor, change);
    if (!changed)
        return changed.error();
    return {};
}

Result<CredentialChange> ChannelAccountService::proposeCredentials(const Actor &actor, qint64 id,
                                                                   const QMap<QString, SecretBytes> &items)
{
    return m_credentialChanges.propose(actor, id, items);
}

Result<CredentialStatus> ChannelAccountService::credentialStatus(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, objectId(id));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto account = ChannelAccountStore::load(*connection, id);
    if (!account)
        return account.error();
    auto names = m_vault.names(actor, Permission::ChannelView);
    if (!names)
        return names.error();
    const QString prefix = vaultPrefix(*account);
    QStringList present;
    for (const QString &name : std::as_const(*names)) {
        if (name.startsWith(prefix))
            present << name.mid(prefix.size());
    }
    return ChannelCredentialItems::status(account->channel, prefix, present);
}

Result<std::unique_ptr<ChannelAdapter>> ChannelAccountService::makeAdapter(const Actor &actor,
                                                                           const ChannelAccount &account)
{
    return ChannelAdapterFactory::create(account, m_vault, actor, m_clock, m_http, Permission::ChannelManage);
}

Result<ChannelAccount> ChannelAccountService::loadManaged(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelManage, objectId(id));
    if (!allowed)
        return allowed.error();
    return cachedLoad(id);
}

Result<std::unique_ptr<ChannelAdapter>> ChannelAccountService::adapterFor(const Actor &actor, qint64 id)
{
    auto account = loadManaged(actor, id);
    if (!account)
        return account.error();
    return makeAdapter(actor, *account);
}

Result<std::shared_ptr<ChannelAdapter>> ChannelAccountService::sharedAdapterFor(const Actor &actor, qint64 id,
                                                                                ChannelAccount *loaded)
{
    auto account = loadManaged(actor, id);
    if (!account)
        return account.error();
    if (loaded)
        *loaded = *account;
    const std::pair<QThread *, qint64> key(QThread::currentThread(), id);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch(); // wall time: the cache's age, not business time
    {
        QMutexLocker lock(&m_adaptersMutex);
        const auto found = m_adapters.constFind(key);
        if (found != m_adapters.constEnd() && found->accountVersion == account->version &&
            nowMs - found->builtAtMs < qint64(kAdapterReuseSeconds) * 1000)
            return found->adapter;
    }
    auto built = makeAdapter(actor, *account);
    if (!built)
        return built.error();
    std::shared_ptr<ChannelAdapter> adapter(std::move(*built));
    QMutexLocker lock(&m_adaptersMutex);
    m_adapters.insert(key, CachedAdapter{adapter, account->version, nowMs});
    return adapter;
}

Result<ConnectionTestResult> ChannelAccountService::testConnection(const Actor &actor, qint64 id)
{
    auto account = loadManaged(actor, id);
    if (!account)
        return account.error();

    // No transaction is open during the channel call: it can take seconds.
    ConnectionTestResult result;
    auto adapter = makeAdapter(actor, *account);
    if (adapter) {
        result = ChannelConnectionTest::run(**adapter, m_clock);
    } else {
        result.at = m_clock.nowUtc();
        result.error = adapter.error().code();
        result.message = adapter.error().message();
    }

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto recorded = ChannelAccountStore::recordTest(work.connection(), id, result.at, result.summary());
    if (!recorded)
        return recorded.error();
    auto done =
        auditAndCommit(work, m_audit, actor,
                       {QStringLiteral("channel_account.test"), objectName(*account), AuditNames::outcome(result.ok),
                        QJsonObject{{QStringLiteral("message"), result.message},
                                    {QStringLiteral("error"), QString::fromLatin1(errorCodeName(result.error))},
                                    {QStringLiteral("elapsed_ms"), QString::number(result.elapsedMs)}}});
    if (!done)
        return done.error();
    return result;
}

Status ChannelAccountService::recordUsage(const ChannelAccount &account, const QDate &businessDate, const Money &amount)
{
    return m_usage.record(account, businessDate, amount);
}

Status ChannelAccountService::recordUsage(qint64 accountId, const QDate &businessDate, const Money &amount)
{
    auto account = cachedLoad(accountId);
    if (!account)
        return account.error();
    return m_usage.record(*account, businessDate, amount);
}

Result<AccountUsage> ChannelAccountService::usage(qint64 accountId, const QDate &businessDate)
{
    return m_usage.on(accountId, businessDate);
}

Result<AccountUsage> ChannelAccountService::usage(const Actor &actor, qint64 accountId, const QDate &businessDate)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, objectId(accountId));
    if (!allowed)
        return allowed.error();
    return m_usage.on(accountId, businessDate);
}

} // namespace paydesk
