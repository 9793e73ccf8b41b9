#pragma once

#include "core/security/Actor.h"
#include "core/security/PrivateKey.h"
#include "core/util/Result.h"

#include <QMutex>

namespace paydesk {

class Database;
class Vault;

// The platform's own RSA key pair: it signs notifications to applications (they verify with the
// public key, as Alipay's merchants verify with Alipay's). Made on first use and kept in the
// vault (which must be unlocked) as "gateway.platform_key"; every process on the database uses
// the same key: it is made under a database lock (SQLite's writer lock, a PostgreSQL advisory
// lock), so of two processes starting together the second finds the first one's key.
class PlatformKey
{
public:
    static constexpr char kSecretName[] = "gateway.platform_key";

    PlatformKey(Vault &vault, Database &database);

    Result<PrivateKey> privateKey();
    Result<QByteArray> publicKeyPem();

private:
    Result<PrivateKey> readStored();
    Result<PrivateKey> createOnce();

    Vault &m_vault;
    Database &m_database;
    Actor m_actor;
    QMutex m_mutex;
    PrivateKey m_key;
};

} // namespace paydesk
