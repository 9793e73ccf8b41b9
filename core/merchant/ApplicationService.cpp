#include "core/merchant/ApplicationService.h"

#include "core/merchant/ApplicationKeyMaterial.h"
#include "core/merchant/ApplicationStore.h"
#include "core/merchant/ApplicationValidator.h"
#include "core/merchant/MerchantStore.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"

#include <QSqlQuery>

namespace paydesk {

namespace {
QJsonObject describe(const Application &a)
{
    return QJsonObject{{QStringLiteral("name"), a.name},
                       {QStringLiteral("merchant"), a.merchantNo},
                       {QStringLiteral("methods"), a.methods.join(QLatin1Char(','))},
                       {QStringLiteral("notify_url"), a.notifyUrl},
                       {QStringLiteral("ip_allowlist"), a.ipAllowlist.entries().join(QLatin1Char(','))},
                       {QStringLiteral("status"), a.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")}};
}

QJsonObject describe(const ApplicationKey &k)
{
    QJsonObject object{{QStringLiteral("key"), QString::number(k.id)},
                       {QStringLiteral("type"), ApplicationNames::signType(k.type)},
                       {QStringLiteral("fingerprint"), k.fingerprint},
                       {QStringLiteral("valid_from"), k.validFrom.toString(Qt::ISODateWithMs)}};
    if (k.validUntil.isValid())
        object.insert(QStringLiteral("valid_until"), k.validUntil.toString(Qt::ISODateWithMs));
    return object;
}

QString objectName(const Application &a)
{
    return QStringLiteral("application:") + a.appId;
}

QString objectName(qint64 id)
{
    return QStringLiteral("application:%1").arg(id);
}

Status fresh(const Application &a, int version)
{
    if (a.version != version)
        return Error(ErrorCode::MerchantChangedMeanwhile,
                     QStringLiteral("%1 is at version %2, the change was made on version %3")
                         .arg(a.appId)
                         .arg(a.version)
                         .arg(version));
    return {};
}
} // namespace

ApplicationService::ApplicationService(Database &database, const Clock &clock, AuditLog &audit, Vault &vault)
    : m_database(database), m_clock(clock), m_audit(audit), m_vault(vault), m_byAppId(database),
      m_keysByApplication(database)
{
}

Result<Application> ApplicationService::load(qint64 id, bool forUpdate)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ApplicationStore::byId(*connection, id, forUpdate);
}

Result<Application> ApplicationService::loadByAppId(const QString &appId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ApplicationStore::byAppId(*connection, appId);
}

Result<ApplicationKey> ApplicationService::loadKey(qint64 keyId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ApplicationStore::keyById(*connection, keyId);
}

Result<QList<ApplicationKey>> ApplicationService::loadKeys(qint64 applicationId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ApplicationStore::keysOf(*connection, applicationId);
}

Result<QString> ApplicationService::newAppId()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString appId = QStringLiteral("app") + QString::fromLatin1(Crypto::randomBytes(8).toHex());
        auto taken = ApplicationStore::appIdTaken(*connection, appId);
        if (!taken)
            return taken.error();
        if (!*taken)
            return appId;
    }
    return Error(ErrorCode::CryptoFailed, QStringLiteral("no unused application id"));
}

Result<Application> ApplicationService::create(const Actor &actor, qint64 merchantId, const ApplicationDraft &input)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::AppManage,
                                               merchantId > 0 ? QStringLiteral("merchant:%1").arg(merchantId)
                                                              : QStringLiteral("applications"));
    if (!allowed)
        return allowed.error();
    auto development = Settings(m_database).developmentEndpoints();
    if (!development)
        return development.error();
    auto draft = ApplicationValidator::normalized(input, *development);
    if (!draft)
        return draft.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    if (merchantId > 0) {
        auto merchant = MerchantStore::byId(work.connection(), merchantId, true);
        if (!merchant)
            return merchant.error();
        if (merchant->status == MerchantStatus::Closed)
            return Error(ErrorCode::MerchantTransitionRefused,
                         QStringLiteral("%1 is closed and takes no new applications").arg(merchant->merchantNo));
    }
    auto appId = newAppId();
    if (!appId)
        return appId.error();
    auto inserted =
        ApplicationStore::insert(work.connection(), *appId, merchantId, *draft, m_clock.nowUtc(), actor.name());
    if (!inserted)
        return inserted.error();
    auto created = ApplicationStore::byAppId(work.connection(), *appId);
    if (!created)
        return created.error();
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("application.create"), objectName(*created), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), describe(*created)}}});
    if (!done)
        return done.error();
    return created;
}

Result<Application> ApplicationService::update(const Actor &actor, qint64 id, int version,
                                               const ApplicationDraft &input)
{
    AuditedChange<Application> change;
    change.permission = Permission::AppManage;
    change.refusedObject = objectName(id);
    change.load = [id](const QSqlDatabase &db) { return ApplicationStore::byId(db, id, true); };
    change.write = [&](const QSqlDatabase &db, const Application &before) -> Result<bool> {
        auto development = Settings(m_database).developmentEndpoints();
        if (!development)
            return development.error();
        auto draft = ApplicationValidator::normalized(input, *development);
        if (!draft)
            return draft.error();
        auto current = fresh(before, version);
        if (!current)
            return current.error();
        auto changed = ApplicationStore::update(db, id, version, *draft, m_clock.nowUtc());
        if (changed && !*changed)
            return Error(ErrorCode::MerchantChangedMeanwhile, before.appId);
        return changed;
    };
    change.audit = [](const Application &before, const Application &after) {
        return AuditEvent{QStringLiteral("application.edit"), objectName(before), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    return applyAudited(m_database, m_audit, actor, change);
}

Result<Application> ApplicationService::setEnabled(const Actor &actor, qint64 id, int version, bool enabled)
{
    AuditedChange<Application> change;
    change.permission = Permission::AppManage;
    change.refusedObject = objectName(id);
    change.load = [id](const QSqlDatabase &db) { return ApplicationStore::byId(db, id, true); };
    change.write = [&](const QSqlDatabase &db, const Application &before) -> Result<bool> {
        auto current = fresh(before, version);
        if (!current)
            return current.error();
        if (before.enabled == enabled)
            return false;
        auto changed = ApplicationStore::setEnabled(db, id, version, enabled, m_clock.nowUtc());
        if (changed && !*changed)
            return Error(ErrorCode::MerchantChangedMeanwhile, before.appId);
        return changed;
    };
    change.audit = [enabled](const Application &before, const Application &after) {
        return AuditEvent{enabled ? QStringLiteral("application.enable") : QStringLiteral("application.disable"),
                          objectName(before), AuditResult::Ok, beforeAndAfter(describe(before), describe(after))};
    };
    return applyAudited(m_database, m_audit, actor, change);
}

Result<Application> ApplicationService::find(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(id));
    if (!allowed)
        return allowed.error();
    return load(id);
}

Result<Application> ApplicationService::findByAppId(const Actor &actor, const QString &appId)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("application:") + appId);
    if (!allowed)
        return allowed.error();
    const QString key = appId.trimmed();
    return m_byAppId.get(key, [&] { return loadByAppId(key); });
}

Result<QList<Application>> ApplicationService::list(const Actor &actor, const ApplicationFilter &filter, qint64 afterId,
                                                    int limit)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("applications"));
    if (!allowed)
        return allowed.error();
    return ApplicationStore::list(m_database, filter, afterId, limit);
}

Result<QList<ApplicationKey>> ApplicationService::keys(const Actor &actor, qint64 applicationId)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(applicationId));
    if (!allowed)
        return allowed.error();
    auto application = load(applicationId);
    if (!application)
        return application.error();
    return loadKeys(applicationId);
}

Status ApplicationService::checkOverlap(qint64 overlapSeconds) const
{
    if (overlapSeconds < 0 || overlapSeconds > kMaximumOverlapSeconds)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("overlap: between 0 and %1 seconds (30 days)").arg(kMaximumOverlapSeconds));
    return {};
}

Result<QStringList> ApplicationService::endEarlierKeys(qint64 applicationId, SignType type, const QDateTime &until)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return ApplicationStore::endKeys(*connection, applicationId, type, until);
}

Result<ApplicationKey> ApplicationService::insertKey(const Actor &actor, const Application &application, qint64 keyId,
                                                     SignType type, const QString &publicKeyPem,
                                                     const QString &secretName, const QString &fingerprint,
                                                     qint64 overlapSeconds)
{
    const QDateTime now = m_clock.nowUtc();
    const QDateTime until = now.addSecs(overlapSeconds);
    auto ended = endEarlierKeys(application.id, type, until);
    if (!ended)
        return ended.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    ApplicationKey key;
    key.id = keyId;
    key.applicationId = application.id;
    key.type = type;
    key.publicKeyPem = publicKeyPem;
    key.secretName = secretName;
    key.fingerprint = fingerprint;
    key.createdBy = actor.name();
    auto inserted = ApplicationStore::insertKey(*connection, key, now);
    if (!inserted)
        return inserted.error();
    auto stored = loadKey(keyId);
    if (!stored)
        return stored.error();
    QJsonObject detail{{QStringLiteral("after"), describe(*stored)}};
    if (!ended->isEmpty()) {
        detail.insert(QStringLiteral("ended_keys"), ended->join(QLatin1Char(',')));
        detail.insert(QStringLiteral("ended_at"), until.toString(Qt::ISODateWithMs));
    }
    auto audited = m_audit.append(
        actor, {QStringLiteral("application.key.add"), objectName(application), AuditResult::Ok, detail});
    if (!audited)
        return audited.error();
    return stored;
}

Result<ApplicationKey> ApplicationService::addRsaKey(const Actor &actor, qint64 applicationId,
                                                     const QByteArray &publicKey, qint64 overlapSeconds)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::AppManage, objectName(applicationId));
    if (!allowed)
        return allowed.error();
    auto overlap = checkOverlap(overlapSeconds);
    if (!overlap)
        return overlap.error();
    auto key = ApplicationKeyMaterial::rsaPublicKey(publicKey);
    if (!key)
        return key.error();
    const QString fingerprint = ApplicationKeyMaterial::fingerprint(*key);
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto application = load(applicationId, true);
    if (!application)
        return application.error();
    auto existing = loadKeys(applicationId);
    if (!existing)
        return existing.error();
    for (const ApplicationKey &other : std::as_const(*existing)) {
        if (other.fingerprint == fingerprint && other.isValidAt(m_clock.nowUtc()))
            return Error(ErrorCode::ApplicationKeyInvalid,
                         QStringLiteral("this key is already registered as key %1").arg(other.id));
    }
    auto keyId = ApplicationStore::reserveKeyId(m_database, work.connection());
    if (!keyId)
        return keyId.error();
    auto added = insertKey(actor, *application, *keyId, SignType::Rsa2, QString::fromLatin1(key->toPem()), QString(),
                           fingerprint, overlapSeconds);
    if (!added)
        return added.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return added;
}

Result<NewHmacKey> ApplicationService::generateHmacKey(const Actor &actor, qint64 applicationId, qint64 overlapSeconds)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::AppManage, objectName(applicationId));
    if (!allowed)
        return allowed.error();
    auto overlap = checkOverlap(overlapSeconds);
    if (!overlap)
        return overlap.error();
    if (!m_vault.isUnlocked())
        return Error(ErrorCode::VaultLocked);
    const SecretBytes secret = ApplicationKeyMaterial::generateSecret();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto application = load(applicationId, true);
    if (!application)
        return application.error();
    auto keyId = ApplicationStore::reserveKeyId(m_database, work.connection());
    if (!keyId)
        return keyId.error();
    const QString secretName = QStringLiteral("app/%1/hmac/%2").arg(application->appId).arg(*keyId);
    auto stored = m_vault.store(actor, secretName, secret, Permission::AppManage);
    if (!stored)
        return stored.error();
    auto added = insertKey(actor, *application, *keyId, SignType::HmacSha256, QString(), secretName,
                           ApplicationKeyMaterial::fingerprint(secret), overlapSeconds);
    if (!added)
        return added.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return NewHmacKey{*added, QString::fromLatin1(secret.bytes().toBase64())};
}

Result<ApplicationKey> ApplicationService::revokeKey(const Actor &actor, qint64 keyId)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::AppManage, QStringLiteral("application key %1").arg(keyId));
    if (!allowed)
        return allowed.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto before = loadKey(keyId);
    if (!before)
        return before.error();
    auto application = load(before->applicationId, true);
    if (!application)
        return application.error();
    const QDateTime now = m_clock.nowUtc();
    if (before->validUntil.isValid() && before->validUntil <= now)
        return before; // already ended
    auto updated = ApplicationStore::endKey(work.connection(), keyId, now);
    if (!updated)
        return updated.error();
    auto after = loadKey(keyId);
    if (!after)
        return after.error();
    auto audited = m_audit.append(
        actor,
        {QStringLiteral("application.key.revoke"), objectName(*application), AuditResult::Ok,
         QJsonObject{{QStringLiteral("before"), describe(*before)}, {QStringLiteral("after"), describe(*after)}}});
    if (!audited)
        return audited.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return after;
}

Status ApplicationService::verify(const Actor &actor, const QString &appId, SignType type,
                                  const QByteArray &signedContent, const QByteArray &signatureBase64,
                                  const QDateTime &at)
{
    auto application = loadByAppId(appId);
    if (!application)
        return application.error();
    return verify(actor, *application, type, signedContent, signatureBase64, at);
}

Status ApplicationService::verify(const Actor &actor, const Application &application, SignType type,
                                  const QByteArray &signedContent, const QByteArray &signatureBase64,
                                  const QDateTime &at)
{
    const QString &appId = application.appId;
    auto allowed = Authorizer(m_audit).require(actor, Permission::AppManage, QStringLiteral("application:") + appId);
    if (!allowed)
        return allowed;
    if (!application.enabled)
        return Error(ErrorCode::ApplicationSignatureInvalid, QStringLiteral("%1 is disabled").arg(appId));
    const auto decoded =
        QByteArray::fromBase64Encoding(signatureBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return Error(ErrorCode::ApplicationSignatureInvalid, QStringLiteral("the signature is not Base64"));
    auto keys = m_keysByApplication.get(application.id, [&] { return loadKeys(application.id); });
    if (!keys)
        return keys.error();
    int tried = 0;
    for (const ApplicationKey &key : std::as_const(*keys)) {
        if (key.type != type || !key.isValidAt(at))
            continue;
        ++tried;
        if (type == SignType::Rsa2) {
            auto publicKey = PublicKey::fromPem(key.publicKeyPem.toLatin1());
            if (publicKey && publicKey->verifySha256(signedContent, decoded.decoded))
                return {};
            continue;
        }
        auto secret = hmacSecret(actor, key.secretName);
        if (!secret)
            return secret.error();
        auto expected = ApplicationKeyMaterial::hmacSha256(*secret, signedContent);
        if (!expected)
            return expected.error();
        if (expected->size() == decoded.decoded.size() && Crypto::equalConstantTime(*expected, decoded.decoded))
            return {};
    }
    if (tried == 0)
        return Error(ErrorCode::ApplicationSignatureInvalid,
                     QStringLiteral("%1 has no %2 key valid at %3")
                         .arg(appId, ApplicationNames::signType(type), at.toUTC().toString(Qt::ISODateWithMs)));
    return Error(ErrorCode::ApplicationSignatureInvalid,
                 QStringLiteral("no %1 key of %2 verifies the signature").arg(ApplicationNames::signType(type), appId));
}

Result<SecretBytes> ApplicationService::hmacSecret(const Actor &actor, const QString &secretName)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch(); // wall time: the cache's age
    {
        QMutexLocker lock(&m_secretsMutex);
        const auto found = m_secrets.constFind(secretName);
        if (found != m_secrets.constEnd() && nowMs - found->second < qint64(kSecretReuseSeconds) * 1000)
            return found->first;
    }
    auto secret = m_vault.read(actor, secretName, Permission::AppManage);
    if (!secret)
        return secret.error();
    QMutexLocker lock(&m_secretsMutex);
    m_secrets.insert(secretName, {*secret, nowMs});
    return secret;
}

} // namespace paydesk
