#include "core/channel/account/CredentialFingerprints.h"

#include "core/security/Certificate.h"
#include "core/security/Vault.h"

#include <QJsonArray>

#include <algorithm>

namespace paydesk::CredentialFingerprints {

namespace {
using Kind = CredentialItem::Kind;

const QString kSha256 = QStringLiteral("sha256");
const QString kSerial = QStringLiteral("serial");
const QString kSubject = QStringLiteral("subject");
const QString kNotAfter = QStringLiteral("not_after");
const QString kSpki = QStringLiteral("spki_sha256");
const QString kHmac = QStringLiteral("hmac_sha256");
const QString kValue = QStringLiteral("value");
const QString kCertificates = QStringLiteral("certificates");
const QString kCertificate = QStringLiteral("certificate");

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject certificateFingerprint(const Certificate &certificate)
{
    return QJsonObject{
        {kSha256, hex(Crypto::sha256(certificate.toDer()))},
        {kSerial, certificate.serialHex()},
        {kSubject, certificate.commonName().isEmpty() ? certificate.subject() : certificate.commonName()},
        {kNotAfter, certificate.notAfter().toUTC().toString(Qt::ISODate)}};
}

QJsonObject keyFingerprint(const PublicKey &key)
{
    return QJsonObject{{kSpki, hex(Crypto::sha256(key.toDer()))}};
}

Result<QJsonObject> secretFingerprint(const SecretBytes &value, const Vault &vault)
{
    auto mac = vault.fingerprint(value);
    if (!mac)
        return mac.error();
    return QJsonObject{{kHmac, *mac}};
}
} // namespace

Result<QJsonObject> of(ChannelKind channel, const QString &name, const QMap<QString, SecretBytes> &items,
                       const Vault &vault)
{
    const QList<CredentialItem> known = ChannelCredentialItems::itemsFor(channel);
    const auto item =
        std::find_if(known.cbegin(), known.cend(), [&](const CredentialItem &i) { return i.name == name; });
    if (item == known.cend() || !items.contains(name))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no credential item %1").arg(name));
    const SecretBytes &value = items[name];
    switch (item->kind) {
    case Kind::Certificates: {
        auto certificates = Certificate::listFromPem(value.bytes());
        if (!certificates)
            return certificates.error().within(name);
        QJsonArray list;
        for (const Certificate &certificate : std::as_const(*certificates))
            list << certificateFingerprint(certificate);
        return QJsonObject{{kCertificates, list}};
    }
    case Kind::PublicKey: {
        auto key = value.bytes().contains("-----BEGIN") ? PublicKey::fromPem(value.bytes())
                                                        : PublicKey::fromBase64Der(value.bytes().trimmed());
        if (!key)
            return key.error().within(name);
        return keyFingerprint(*key);
    }
    case Kind::PrivateKey: {
        auto key = value.bytes().contains("-----BEGIN") ? PrivateKey::fromPem(value.bytes())
                                                        : PrivateKey::fromBase64Der(value.bytes().trimmed());
        if (!key)
            return key.error().within(name);
        return keyFingerprint(key->publicKey());
    }
    case Kind::Pkcs12: {
        const QString password = ChannelCredentialItems::partnerOf(channel, name);
        if (items.contains(password)) {
            auto bundle = Pkcs12::load(value.bytes(), QString::fromUtf8(items[password].bytes()));
            if (bundle) {
                QJsonObject fingerprint = keyFingerprint(bundle->key.publicKey());
                fingerprint.insert(kCertificate, certificateFingerprint(bundle->certificate));
                return fingerprint;
            }
        }
        return secretFingerprint(value, vault); // cannot be opened here: the file's bytes, keyed
    }
    case Kind::Text:
        return QJsonObject{{kValue, QString::fromUtf8(value.bytes().trimmed())}};
    case Kind::Password:
    case Kind::SymmetricKey:
        return secretFingerprint(SecretBytes(value.bytes().trimmed()), vault);
    }
    return Error(ErrorCode::InvalidArgument, name);
}

Result<QJsonObject> ofAll(ChannelKind channel, const QStringList &names, const QMap<QString, SecretBytes> &items,
                          const Vault &vault)
{
    QJsonObject all;
    for (const QString &name : names) {
        if (!items.contains(name))
            continue;
        auto fingerprint = of(channel, name, items, vault);
        if (!fingerprint)
            return fingerprint.error();
        all.insert(name, *fingerprint);
    }
    return all;
}

} // namespace paydesk::CredentialFingerprints
