#pragma once

#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <QStringList>

namespace paydesk {

// The vault_key and vault_secret tables: the only place that holds their SQL. Vault holds the
// cryptography, authorisation, units of work and audit; only ciphertexts and the wrapped data
// key pass through here.
namespace VaultStore {

// The data key as stored: wrapped under a key derived (`kdf`, `salt`) from the passphrase.
struct WrappedKey
{
    QByteArray salt;
    QByteArray nonce;
    QByteArray wrappedKey;
    QString kdf;
};

Result<bool> hasKey(const QSqlDatabase &db);
// VaultNotInitialized when there is none.
Result<WrappedKey> key(const QSqlDatabase &db);
Status insertKey(const QSqlDatabase &db, const WrappedKey &key, const QDateTime &at);
// The same data key wrapped anew (rotated `at`).
Status replaceKey(const QSqlDatabase &db, const WrappedKey &key, const QDateTime &at);

struct SealedSecret
{
    QByteArray nonce;
    QByteArray ciphertext;
};
// Inserts the secret or replaces the one of that name.
Status writeSecret(const QSqlDatabase &db, const QString &name, const SealedSecret &secret, const QDateTime &at,
                   const QString &by);
// SecretUnknown when there is none.
Result<SealedSecret> secret(const QSqlDatabase &db, const QString &name);
Result<QStringList> secretNames(const QSqlDatabase &db); // by name

} // namespace VaultStore
} // namespace paydesk
