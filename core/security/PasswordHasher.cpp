#include "core/security/PasswordHasher.h"

#include <QStringList>

namespace paydesk {

namespace {
constexpr int kSaltLength = 16;
constexpr int kHashLength = 32;

QString encodeBase64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}
} // namespace

Result<QString> PasswordHasher::hash(const QString &password) const
{
    const QByteArray salt = Crypto::randomBytes(kSaltLength);
    ++*m_derivations;
    auto derived = Crypto::scrypt(password.toUtf8(), salt, m_parameters, kHashLength);
    if (!derived)
        return derived.error();
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(m_parameters.log2N)
        .arg(m_parameters.r)
        .arg(m_parameters.p)
        .arg(encodeBase64(salt), encodeBase64(derived->bytes()));
}

QString PasswordHasher::decoy() const
{
    // Random salt and "hash": finding a password for it is a preimage of scrypt.
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(m_parameters.log2N)
        .arg(m_parameters.r)
        .arg(m_parameters.p)
        .arg(encodeBase64(Crypto::randomBytes(kSaltLength)), encodeBase64(Crypto::randomBytes(kHashLength)));
}

bool PasswordHasher::verify(const QString &password, const QString &stored) const
{
    // "", "scrypt", "ln=15,r=8,p=1", salt, hash
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 5 || parts[1] != QLatin1String("scrypt"))
        return false;
    Crypto::ScryptParameters parameters;
    bool ok = true;
    for (const QString &item : parts[2].split(QLatin1Char(','))) {
        const QString key = item.section(QLatin1Char('='), 0, 0);
        bool parsed = false;
        const int value = item.section(QLatin1Char('='), 1).toInt(&parsed);
        ok = ok && parsed;
        if (key == QLatin1String("ln"))
            parameters.log2N = value;
        else if (key == QLatin1String("r"))
            parameters.r = value;
        else if (key == QLatin1String("p"))
            parameters.p = value;
        else
            ok = false;
    }
    const auto decodedSalt =
        QByteArray::fromBase64Encoding(parts[3].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto decodedHash =
        QByteArray::fromBase64Encoding(parts[4].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!ok || !decodedSalt || !decodedHash || decodedHash.decoded.isEmpty())
        return false;
    ++*m_derivations;
    auto derived = Crypto::scrypt(password.toUtf8(), decodedSalt.decoded, parameters, int(decodedHash.decoded.size()));
    return derived && Crypto::equalConstantTime(derived->bytes(), decodedHash.decoded);
}

} // namespace paydesk
