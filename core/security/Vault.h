#pragma once

#include "core/security/Actor.h"
#include "core/security/Crypto.h"
#include "core/util/Clock.h"

#include <QMutex>
#include <QStringList>

namespace paydesk {

class AuditLog;
class Database;
namespace VaultStore {
struct WrappedKey;
}

// The secret vault: channel keys, certificates and application secrets, encrypted at rest
// with AES-256-GCM under a random data key. The data key is stored only wrapped (AES-256-GCM)
// under a key derived with scrypt from the master passphrase, so a wrong passphrase fails the
// unwrap's integrity check instead of yielding garbage. Every read and write of a secret is
// permission-checked and audited; secrets never appear in the database, logs or audit details.
class Vault
{
public:
    Vault(Database &database, const Clock &clock, AuditLog &audit,
          Crypto::ScryptParameters kdf = Crypto::ScryptParameters{});

    Result<bool> isInitialized();
    bool isUnlocked() const;

    // Creates the data key and wraps it under the passphrase (at least 12 characters).
    Status initialize(const Actor &actor, const SecretBytes &passphrase);
    Status unlock(const Actor &actor, const SecretBytes &passphrase);
    void lock();
    // Re-wraps the same data key under a new passphrase; secrets stay as they are.
    Status changePassphrase(const Actor &actor, const SecretBytes &current, const SecretBytes &next);

    // Services that keep their own secrets in the vault (channel credentials, application
    // secrets) pass the permission that guards them instead of vault.write / vault.read; the
    // access is audited the same way.
    Status store(const Actor &actor, const QString &name, const SecretBytes &value,
                 Permission permission = Permission::VaultWrite);
    Result<SecretBytes> read(const Actor &actor, const QString &name, Permission permission = Permission::VaultRead);
    // Names only, never values; services listing their own items pass the permission that guards them.
    Result<QStringList> names(const Actor &actor, Permission permission = Permission::VaultRead);

    // Secrets that wait elsewhere than in the vault's own table (a credential change until it is
    // approved) are sealed under the same data key: AES-256-GCM, bound to `context` (a ciphertext
    // does not open under another context). Permission-checked; the caller audits what it does.
    Result<QByteArray> seal(const Actor &actor, const QByteArray &context, const SecretBytes &value,
                            Permission permission);
    Result<SecretBytes> open(const Actor &actor, const QByteArray &context, const QByteArray &sealed,
                             Permission permission);
    // A fingerprint of a secret value for the audit log: HMAC-SHA256 under a key derived from the
    // data key, hex. It tells whether two values are the same without revealing them, and cannot
    // be tested against guesses without the vault (a plain hash of a typed key could be).
    Result<QString> fingerprint(const SecretBytes &value) const;

    // A passphrase from a file (PAYDESK_MASTER_KEY_FILE for the cli and daemons): the whole
    // file with one trailing line break removed.
    static Result<SecretBytes> passphraseFromFile(const QString &path);

private:
    Result<VaultStore::WrappedKey> loadWrapped();
    Result<SecretBytes> unwrap(const VaultStore::WrappedKey &wrapped, const SecretBytes &passphrase) const;
    Result<VaultStore::WrappedKey> wrap(const SecretBytes &dataKey, const SecretBytes &passphrase) const;
    Result<SecretBytes> dataKey() const; // VaultLocked when locked

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Crypto::ScryptParameters m_kdf;
    mutable QMutex m_mutex;
    SecretBytes m_dataKey;
};

} // namespace paydesk
