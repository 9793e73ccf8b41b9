#pragma once

#include "Crypto.h"

#include <QString>

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

private:
    Crypto::ScryptParameters m_parameters;
};

} // namespace paydesk
