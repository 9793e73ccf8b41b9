#pragma once

#include "core/security/Crypto.h"

#include <QString>

#include <atomic>
#include <memory>

namespace paydesk {

// Operator passwords as salted scrypt hashes (memory-hard, from OpenSSL), stored in a
// self-describing form "$scrypt$ln=15,r=8,p=1$<salt>$<hash>" so that the cost can be raised
// later without invalidating existing hashes.
class PasswordHasher
{
public:
    PasswordHasher() = default;
    explicit PasswordHasher(Crypto::ScryptParameters parameters) : m_parameters(parameters) {}

    Result<QString> hash(const QString &password) const;
    // False for a wrong password or a malformed stored hash.
    bool verify(const QString &password, const QString &stored) const;

    const Crypto::ScryptParameters &parameters() const { return m_parameters; }
    // A stored-hash string in this hasher's parameters that no password matches: verifying
    // against it costs what verifying a real hash costs (for unknown user names).
    QString decoy() const;

    // How many key derivations this hasher and its copies have run: sign-in answers must cost
    // the same work whoever asks, and this is how that is observed.
    quint64 derivations() const { return m_derivations->load(); }

private:
    Crypto::ScryptParameters m_parameters;
    std::shared_ptr<std::atomic<quint64>> m_derivations = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace paydesk
