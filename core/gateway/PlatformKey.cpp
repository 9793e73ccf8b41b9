#include "core/gateway/PlatformKey.h"

#include "core/gateway/GatewayStore.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Error.h"

#include <QHostInfo>

namespace paydesk {

PlatformKey::PlatformKey(Vault &vault, Database &database)
    : m_vault(vault), m_database(database),
      m_actor(Actor::system(QStringLiteral("gateway"), {Permission::VaultRead, Permission::VaultWrite},
                            QStringLiteral("gateway@") + QHostInfo::localHostName()))
{
}

Result<PrivateKey> PlatformKey::privateKey()
{
    QMutexLocker lock(&m_mutex);
    if (m_key.isValid())
        return m_key;
    auto stored = readStored();
    if (!stored && stored.error().code() == ErrorCode::SecretUnknown)
        stored = createOnce();
    if (!stored)
        return stored.error();
    m_key = *stored;
    return m_key;
}

Result<PrivateKey> PlatformKey::readStored()
{
    auto stored = m_vault.read(m_actor, QString::fromLatin1(kSecretName));
    if (!stored)
        return stored.error();
    auto key = PrivateKey::fromPem(stored->bytes());
    if (!key)
        return key.error().within(QString::fromLatin1(kSecretName));
    return key;
}

// Under the lock, the key is looked for again: a process that waited for it finds the key the
// other one made and keeps that (the vault's store would overwrite it).
Result<PrivateKey> PlatformKey::createOnce()
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    if (!m_database.isSqlite()) {
        const Status locked = GatewayStore::lockPlatformKeyCreation(work.connection());
        if (!locked)
            return locked.error();
    }
    auto stored = readStored();
    if (stored || stored.error().code() != ErrorCode::SecretUnknown)
        return stored;
    auto made = PrivateKey::generateRsa(2048);
    if (!made)
        return made.error();
    const Status kept = m_vault.store(m_actor, QString::fromLatin1(kSecretName), SecretBytes(made->toPem()));
    if (!kept)
        return kept.error();
    const Status committed = work.commit();
    if (!committed)
        return committed.error();
    return made;
}

Result<QByteArray> PlatformKey::publicKeyPem()
{
    auto key = privateKey();
    if (!key)
        return key.error();
    return key->publicKey().toPem();
}

} // namespace paydesk
