#include "core/security/VaultStore.h"

#include "core/storage/Sql.h"

namespace paydesk::VaultStore {

Result<bool> hasKey(const QSqlDatabase &db)
{
    auto count = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM vault_key"));
    if (!count)
        return count.error();
    return count->toInt() > 0;
}

Result<WrappedKey> key(const QSqlDatabase &db)
{
    auto query = Sql::run(db, QStringLiteral("SELECT salt, nonce, wrapped_key, kdf FROM vault_key WHERE id = 1"));
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::VaultNotInitialized);
    return WrappedKey{query->value(0).toByteArray(), query->value(1).toByteArray(), query->value(2).toByteArray(),
                      query->value(3).toString()};
}

Status insertKey(const QSqlDatabase &db, const WrappedKey &key, const QDateTime &at)
{
    return Sql::exec(
        db,
        QStringLiteral(
            "INSERT INTO vault_key (id, kdf, salt, nonce, wrapped_key, created_at) VALUES (1, ?, ?, ?, ?, ?)"),
        {key.kdf, key.salt, key.nonce, key.wrappedKey, at.toMSecsSinceEpoch()});
}

Status replaceKey(const QSqlDatabase &db, const WrappedKey &key, const QDateTime &at)
{
    return Sql::exec(
        db,
        QStringLiteral(
            "UPDATE vault_key SET kdf = ?, salt = ?, nonce = ?, wrapped_key = ?, rotated_at = ? WHERE id = 1"),
        {key.kdf, key.salt, key.nonce, key.wrappedKey, at.toMSecsSinceEpoch()});
}

Status writeSecret(const QSqlDatabase &db, const QString &name, const SealedSecret &secret, const QDateTime &at,
                   const QString &by)
{
    const qint64 now = at.toMSecsSinceEpoch();
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO vault_secret (name, nonce, ciphertext, created_at, updated_at, updated_by) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET nonce = excluded.nonce, "
                       "ciphertext = excluded.ciphertext, updated_at = excluded.updated_at, "
                       "updated_by = excluded.updated_by"),
        {name, secret.nonce, secret.ciphertext, now, now, by});
}

Result<SealedSecret> secret(const QSqlDatabase &db, const QString &name)
{
    auto query = Sql::run(db, QStringLiteral("SELECT nonce, ciphertext FROM vault_secret WHERE name = ?"), {name});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::SecretUnknown, name);
    return SealedSecret{query->value(0).toByteArray(), query->value(1).toByteArray()};
}

Result<QStringList> secretNames(const QSqlDatabase &db)
{
    auto query = Sql::run(db, QStringLiteral("SELECT name FROM vault_secret ORDER BY name"));
    if (!query)
        return query.error();
    QStringList names;
    while (query->next())
        names << query->value(0).toString();
    return names;
}

} // namespace paydesk::VaultStore
