#include "PlatformKey.h"

#include "security/Vault.h"
#include "util/Error.h"

#include <QHostInfo>

namespace paydesk {

PlatformKey::PlatformKey(Vault &vault)
    : m_vault(vault),
      m_actor(Actor::system(QStringLiteral("gateway"), {Permission::VaultRead, Permission::VaultWrite},
                            QStringLiteral("gateway@") + QHostInfo::localHostName()))
{
}

Result<PrivateKey> PlatformKey::privateKey()
{
    QMutexLocker lock(&m_mutex);
    if (m_key.isValid())
        return m_key;
    auto stored = m_vault.read(m_actor, QString::fromLatin1(kSecretName));
    if (stored) {
        auto key = PrivateKey::fromPem(stored->bytes());
        if (!key)
            return key.error().within(QString::fromLatin1(kSecretName));
        m_key = *key;
        return m_key;
    }
    if (stored.error().code() != ErrorCode::SecretUnknown)
        return stored.error();
    auto made = PrivateKey::generateRsa(2048);
    if (!made)
        return made.error();
    const Status kept = m_vault.store(m_actor, QString::fromLatin1(kSecretName), SecretBytes(made->toPem()));
    if (!kept)
        return kept.error();
    // Two processes starting at once: the key the vault kept last is the one everyone uses.
    auto settled = m_vault.read(m_actor, QString::fromLatin1(kSecretName));
    if (!settled)
        return settled.error();
    auto key = PrivateKey::fromPem(settled->bytes());
    if (!key)
        return key.error();
    m_key = *key;
    return m_key;
}

Result<QByteArray> PlatformKey::publicKeyPem()
{
    auto key = privateKey();
    if (!key)
        return key.error();
    return key->publicKey().toPem();
}

} // namespace paydesk
