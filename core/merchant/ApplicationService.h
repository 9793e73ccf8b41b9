#pragma once

#include "core/merchant/Application.h"
#include "core/security/Actor.h"
#include "core/security/Crypto.h"
#include "core/storage/ReferenceCache.h"
#include "core/util/Clock.h"
#include "core/util/Result.h"

#include <QHash>
#include <QMutex>

namespace paydesk {

class AuditLog;
class Database;
class Vault;

// Applications that call the gateway and their request-signing keys. Reading needs
// merchant.view, every change app.manage and is audited with before/after. Keys rotate with an
// overlap: adding a key of a kind ends the application's earlier keys of that kind after the
// overlap (default 24 hours, at most 30 days), so callers can switch without a gap; revoking
// ends a key at once. HMAC secrets live only in the vault (app/<app_id>/hmac/<key id>, guarded
// by app.manage) and are shown once, when generated.
class ApplicationService
{
public:
    static constexpr qint64 kDefaultOverlapSeconds = 24 * 3600;
    static constexpr qint64 kMaximumOverlapSeconds = 30 * 24 * 3600;

    ApplicationService(Database &database, const Clock &clock, AuditLog &audit, Vault &vault);

    // merchantId 0: a platform application. A merchant's must not be closed.
    Result<Application> create(const Actor &actor, qint64 merchantId, const ApplicationDraft &draft);
    Result<Application> update(const Actor &actor, qint64 id, int version, const ApplicationDraft &draft);
    Result<Application> setEnabled(const Actor &actor, qint64 id, int version, bool enabled);

    Result<Application> find(const Actor &actor, qint64 id);
    Result<Application> findByAppId(const Actor &actor, const QString &appId);
    // Newest first; pass the last id of a page as afterId of the next (0 first).
    Result<QList<Application>> list(const Actor &actor, const ApplicationFilter &filter, qint64 afterId, int limit);

    // Every key of the application, newest first, including ended ones.
    Result<QList<ApplicationKey>> keys(const Actor &actor, qint64 applicationId);
    // The application's RSA public key: PEM or bare Base64 SubjectPublicKeyInfo, RSA ≥ 2048 bits.
    Result<ApplicationKey> addRsaKey(const Actor &actor, qint64 applicationId, const QByteArray &publicKey,
                                     qint64 overlapSeconds = kDefaultOverlapSeconds);
    // Generates a 32-byte secret, keeps it in the vault (which must be unlocked) and returns it
    // this once.
    Result<NewHmacKey> generateHmacKey(const Actor &actor, qint64 applicationId,
                                       qint64 overlapSeconds = kDefaultOverlapSeconds);
    Result<ApplicationKey> revokeKey(const Actor &actor, qint64 keyId);

    // For the gateway: does `signatureBase64` sign `signedContent` with a key of this kind that
    // is valid at `at`? Every such key is tried (both sides of a rotation overlap). A disabled
    // or unknown application never verifies. Needs app.manage (HMAC secrets are read from the
    // vault under it; each read is audited by the vault).
    Status verify(const Actor &actor, const QString &appId, SignType type, const QByteArray &signedContent,
                  const QByteArray &signatureBase64, const QDateTime &at);
    // The same for an application the caller has just loaded (the gateway: no second look-up).
    Status verify(const Actor &actor, const Application &application, SignType type, const QByteArray &signedContent,
                  const QByteArray &signatureBase64, const QDateTime &at);

private:
    // An HMAC key's secret, read from the vault (audited) at most once per kSecretReuseSeconds:
    // a secret never changes under its name, and the gateway verifies thousands of requests a
    // second. Revocation still takes effect at once: the keys themselves are reference data,
    // cached only until any reference data changes (ReferenceCache).
    static constexpr int kSecretReuseSeconds = 600;
    Result<SecretBytes> hmacSecret(const Actor &actor, const QString &secretName);
    Result<Application> load(qint64 id, bool forUpdate = false);
    Result<Application> loadByAppId(const QString &appId);
    Result<ApplicationKey> loadKey(qint64 keyId);
    Result<QList<ApplicationKey>> loadKeys(qint64 applicationId);
    Result<QString> newAppId();
    Status checkOverlap(qint64 overlapSeconds) const;
    // Ends the application's keys of `type` that would outlive `until`; returns their ids.
    Result<QStringList> endEarlierKeys(qint64 applicationId, SignType type, const QDateTime &until);
    Result<ApplicationKey> insertKey(const Actor &actor, const Application &application, qint64 keyId, SignType type,
                                     const QString &publicKeyPem, const QString &secretName, const QString &fingerprint,
                                     qint64 overlapSeconds);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Vault &m_vault;
    QMutex m_secretsMutex;
    QHash<QString, std::pair<SecretBytes, qint64>> m_secrets; // by vault name: secret, read at (ms)
    ReferenceCache<QString, Application> m_byAppId;
    ReferenceCache<qint64, QList<ApplicationKey>> m_keysByApplication;
};

} // namespace paydesk
