#include "core/security/Vault.h"

#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/VaultStore.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QFile>

namespace paydesk {

namespace {
constexpr int kKeyLength = 32;
constexpr int kNonceLength = 12;
constexpr int kMinimumPassphrase = 12;
const QByteArray kWrapContext = QByteArrayLiteral("paydesk-vault-data-key-v1");
// Domain separation: a sealed value never opens as a vault secret (whose associated data is its
// name), and the fingerprint key is not the data key.
const QByteArray kSealContext = QByteArrayLiteral("paydesk-vault-sealed-v1:");
const QByteArray kFingerprintContext = QByteArrayLiteral("paydesk-vault-fingerprint-v1");
const QString kChannelPrefix = QStringLiteral("channel/");

QString kdfText(const Crypto::ScryptParameters &p)
{
    return QStringLiteral("scrypt:ln=%1,r=%2,p=%3").arg(p.log2N).arg(p.r).arg(p.p);
}

bool kdfFromText(const QString &text, Crypto::ScryptParameters *p)
{
    if (!text.startsWith(QLatin1String("scrypt:")))
        return false;
    bool ok = true;
    for (const QString &item : text.mid(7).split(QLatin1Char(','))) {
        bool parsed = false;
        const int value = item.section(QLatin1Char('='), 1).toInt(&parsed);
        const QString key = item.section(QLatin1Char('='), 0, 0);
        ok = ok && parsed;
        if (key == QLatin1String("ln"))
            p->log2N = value;
        else if (key == QLatin1String("r"))
            p->r = value;
        else if (key == QLatin1String("p"))
            p->p = value;
        else
            ok = false;
    }
    return ok;
}

QString secretObject(const QString &name)
{
    return QStringLiteral("secret:") + name;
}
} // namespace

Vault::Vault(Database &database, const Clock &clock, AuditLog &audit, Crypto::ScryptParameters kdf)
    : m_database(database), m_clock(clock), m_audit(audit), m_kdf(kdf)
{
}

Result<bool> Vault::isInitialized()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return VaultStore::hasKey(*connection);
}

bool Vault::isUnlocked() const
{
    QMutexLocker lock(&m_mutex);
    return !m_dataKey.isEmpty();
}

void Vault::lock()
{
    QMutexLocker lock(&m_mutex);
    m_dataKey.clear();
}

Result<VaultStore::WrappedKey> Vault::wrap(const SecretBytes &dataKey, const SecretBytes &passphrase) const
{
    VaultStore::WrappedKey wrapped;
    wrapped.salt = Crypto::randomBytes(16);
    wrapped.nonce = Crypto::randomBytes(kNonceLength);
    wrapped.kdf = kdfText(m_kdf);
    auto kek = Crypto::scrypt(passphrase.bytes(), wrapped.salt, m_kdf, kKeyLength);
    if (!kek)
        return kek.error();
    auto sealed = Crypto::aesGcmEncrypt(kek->bytes(), wrapped.nonce, dataKey.bytes(), kWrapContext);
    if (!sealed)
        return sealed.error();
    wrapped.wrappedKey = *sealed;
    return wrapped;
}

Result<SecretBytes> Vault::unwrap(const VaultStore::WrappedKey &wrapped, const SecretBytes &passphrase) const
{
    Crypto::ScryptParameters parameters;
    if (!kdfFromText(wrapped.kdf, &parameters))
        return Error(ErrorCode::CryptoFailed, QStringLiteral("unknown key derivation ") + wrapped.kdf);
    auto kek = Crypto::scrypt(passphrase.bytes(), wrapped.salt, parameters, kKeyLength);
    if (!kek)
        return kek.error();
    auto opened = Crypto::aesGcmDecrypt(kek->bytes(), wrapped.nonce, wrapped.wrappedKey, kWrapContext);
    if (!opened) {
        if (opened.error().code() == ErrorCode::CryptoAuthenticationFailed)
            return Error(ErrorCode::VaultWrongPassphrase);
        return opened.error();
    }
    return SecretBytes(*opened);
}

Result<VaultStore::WrappedKey> Vault::loadWrapped()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return VaultStore::key(*connection);
}

Status Vault::initialize(const Actor &actor, const SecretBytes &passphrase)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::VaultWrite, QStringLiteral("vault"));
    if (!allowed)
        return allowed;
    if (QString::fromUtf8(passphrase.bytes()).toUcs4().size() < kMinimumPassphrase)
        return Error(ErrorCode::PasswordTooShort, QStringLiteral("master passphrase"));
    SecretBytes dataKey(Crypto::randomBytes(kKeyLength));
    auto wrapped = wrap(dataKey, passphrase);
    if (!wrapped)
        return wrapped.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto initialized = isInitialized();
    if (!initialized)
        return initialized.error();
    if (*initialized)
        return Error(ErrorCode::VaultAlreadyInitialized);
    auto inserted = VaultStore::insertKey(work.connection(), *wrapped, m_clock.nowUtc());
    if (!inserted)
        return inserted;
    auto audited = m_audit.append(actor, {QStringLiteral("vault.initialize"), QStringLiteral("vault"), AuditResult::Ok,
                                          QJsonObject{{QStringLiteral("kdf"), wrapped->kdf}}});
    if (!audited)
        return audited;
    auto committed = work.commit();
    if (!committed)
        return committed;
    QMutexLocker lock(&m_mutex);
    m_dataKey = std::move(dataKey);
    return {};
}

Status Vault::unlock(const Actor &actor, const SecretBytes &passphrase)
{
    auto wrapped = loadWrapped();
    if (!wrapped)
        return wrapped.error();
    auto dataKey = unwrap(*wrapped, passphrase);
    const bool ok = dataKey.ok();
    auto audited =
        m_audit.append(actor, {QStringLiteral("vault.unlock"), QStringLiteral("vault"), AuditNames::outcome(ok), {}});
    if (!audited)
        return audited;
    if (!ok)
        return dataKey.error();
    QMutexLocker lock(&m_mutex);
    m_dataKey = std::move(*dataKey);
    return {};
}

Status Vault::changePassphrase(const Actor &actor, const SecretBytes &current, const SecretBytes &next)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::VaultWrite, QStringLiteral("vault"));
    if (!allowed)
        return allowed;
    if (QString::fromUtf8(next.bytes()).toUcs4().size() < kMinimumPassphrase)
        return Error(ErrorCode::PasswordTooShort, QStringLiteral("master passphrase"));
    auto wrapped = loadWrapped();
    if (!wrapped)
        return wrapped.error();
    auto dataKey = unwrap(*wrapped, current);
    if (!dataKey)
        return dataKey.error();
    auto rewrapped = wrap(*dataKey, next);
    if (!rewrapped)
        return rewrapped.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto updated = VaultStore::replaceKey(work.connection(), *rewrapped, m_clock.nowUtc());
    if (!updated)
        return updated;
    auto audited = m_audit.append(
        actor, {QStringLiteral("vault.passphrase_change"), QStringLiteral("vault"), AuditResult::Ok, {}});
    if (!audited)
        return audited;
    return work.commit();
}

Status Vault::store(const Actor &actor, const QString &name, const SecretBytes &value, Permission permission)
{
    auto allowed = Authorizer(m_audit).require(actor, permission, secretObject(name));
    if (!allowed)
        return allowed;
    if (name.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a secret needs a name"));
    if (permission == Permission::VaultWrite && actor.operatorId() > 0 && name.startsWith(kChannelPrefix)) {
        // Channel credentials are trust material under maker-checker: an operator changes them
        // through the channel account (a second operator approves), never as a bare vault write.
        auto recorded = m_audit.append(
            actor, {QStringLiteral("permission.denied"), secretObject(name), AuditResult::Denied,
                    QJsonObject{{QStringLiteral("permission"), Permissions::name(permission)},
                                {QStringLiteral("reason"), QStringLiteral("channel credentials need approval")}}});
        if (!recorded)
            return recorded;
        return Error(
            ErrorCode::PermissionDenied,
            QStringLiteral("%1: channel credentials are proposed with channel-account set-credential and approved by a "
                           "second operator")
                .arg(name));
    }
    SecretBytes key;
    {
        QMutexLocker lock(&m_mutex);
        key = m_dataKey;
    }
    if (key.isEmpty())
        return Error(ErrorCode::VaultLocked);
    const QByteArray nonce = Crypto::randomBytes(kNonceLength);
    auto sealed = Crypto::aesGcmEncrypt(key.bytes(), nonce, value.bytes(), name.toUtf8());
    if (!sealed)
        return sealed.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto written = VaultStore::writeSecret(work.connection(), name, {nonce, *sealed}, m_clock.nowUtc(), actor.name());
    if (!written)
        return written;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("vault.write"), secretObject(name), AuditResult::Ok,
                           QJsonObject{{QStringLiteral("bytes"), int(value.size())}}});
}

Result<SecretBytes> Vault::read(const Actor &actor, const QString &name, Permission permission)
{
    auto allowed = Authorizer(m_audit).require(actor, permission, secretObject(name));
    if (!allowed)
        return allowed.error();
    SecretBytes key;
    {
        QMutexLocker lock(&m_mutex);
        key = m_dataKey;
    }
    if (key.isEmpty())
        return Error(ErrorCode::VaultLocked);
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto sealed = VaultStore::secret(*connection, name);
    if (!sealed)
        return sealed.error();
    auto opened = Crypto::aesGcmDecrypt(key.bytes(), sealed->nonce, sealed->ciphertext, name.toUtf8());
    auto audited =
        m_audit.append(actor, {QStringLiteral("vault.read"), secretObject(name), AuditNames::outcome(opened.ok()), {}});
    if (!audited)
        return audited.error();
    if (!opened)
        return opened.error();
    return SecretBytes(*opened);
}

Result<QStringList> Vault::names(const Actor &actor, Permission permission)
{
    auto allowed = Authorizer(m_audit).require(actor, permission, QStringLiteral("vault"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return VaultStore::secretNames(*connection);
}

Result<SecretBytes> Vault::dataKey() const
{
    QMutexLocker lock(&m_mutex);
    if (m_dataKey.isEmpty())
        return Error(ErrorCode::VaultLocked);
    return m_dataKey;
}

Result<QByteArray> Vault::seal(const Actor &actor, const QByteArray &context, const SecretBytes &value,
                               Permission permission)
{
    auto allowed = Authorizer(m_audit).require(actor, permission, QStringLiteral("vault"));
    if (!allowed)
        return allowed.error();
    auto key = dataKey();
    if (!key)
        return key.error();
    const QByteArray nonce = Crypto::randomBytes(kNonceLength);
    auto sealed = Crypto::aesGcmEncrypt(key->bytes(), nonce, value.bytes(), kSealContext + context);
    if (!sealed)
        return sealed.error();
    return nonce + *sealed;
}

Result<SecretBytes> Vault::open(const Actor &actor, const QByteArray &context, const QByteArray &sealed,
                                Permission permission)
{
    auto allowed = Authorizer(m_audit).require(actor, permission, QStringLiteral("vault"));
    if (!allowed)
        return allowed.error();
    auto key = dataKey();
    if (!key)
        return key.error();
    auto opened = Crypto::aesGcmDecrypt(key->bytes(), sealed.left(kNonceLength), sealed.mid(kNonceLength),
                                        kSealContext + context);
    if (!opened)
        return opened.error();
    return SecretBytes(*opened);
}

Result<QString> Vault::fingerprint(const SecretBytes &value) const
{
    auto key = dataKey();
    if (!key)
        return key.error();
    const SecretBytes fingerprintKey(Crypto::hmacSha256(key->bytes(), kFingerprintContext));
    return QString::fromLatin1(Crypto::hmacSha256(fingerprintKey.bytes(), value.bytes()).toHex());
}

Result<SecretBytes> Vault::passphraseFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, path + QStringLiteral(": ") + file.errorString());
    QByteArray bytes = file.readAll();
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return SecretBytes(std::move(bytes));
}

} // namespace paydesk
