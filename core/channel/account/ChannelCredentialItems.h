#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/security/Crypto.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace paydesk {

// One secret a channel account needs, as the credentials dialog lists it.
struct CredentialItem
{
    enum class Kind
    {
        PrivateKey,   // PEM (Alipay also bare Base64)
        PublicKey,    // PEM or bare Base64
        Certificates, // PEM, one or more
        Pkcs12,       // binary .pfx
        Password,
        Text,         // serial numbers, key ids
        SymmetricKey, // WeChat APIv3 key: 32 bytes
    };
    QString name; // the vault item: channel/<channel>/<channel_merchant_id>/<name>
    Kind kind = Kind::Text;
    bool required = true; // false: part of an alternative (WeChat platform certificates or public key)
    QString description;  // English; the console shows its own translation by name
    // Trust material: what channel answers and callbacks are verified with (platform
    // certificates and public keys, the APIv3 key that seals WeChat callbacks, CFCA roots) or
    // what Paydesk signs with (private keys, the .pfx and its password). A change needs a second
    // operator's approval. Not trust material: identifiers that verify nothing (the merchant
    // certificate's serial, which WeChat reads to pick the key it already holds).
    bool trustMaterial = true;
};

// What an item-by-item status looks like for the console: names only, never values.
struct CredentialItemStatus
{
    QString name;
    bool present = false;
    bool required = true;
};

struct CredentialStatus
{
    QString vaultPrefix; // channel/<channel>/<channel_merchant_id>/
    QList<CredentialItemStatus> items;
    bool complete = false; // everything the adapter needs is there
    QStringList missing;   // what is still needed, in words ("apiv3_key", "platform_certificates or …")
};

// The credential items of each channel (names as in ChannelCredentials) and their validation.
namespace ChannelCredentialItems {

QList<CredentialItem> itemsFor(ChannelKind channel);
bool isItem(ChannelKind channel, const QString &name);
// Whether `name` is trust material (see CredentialItem::trustMaterial); unknown names are.
bool isTrustMaterial(ChannelKind channel, const QString &name);

// Items that are only usable together: a PKCS#12 file and its password, a public key and its id.
// Returns the partner of `name`, or an empty string.
QString partnerOf(ChannelKind channel, const QString &name);

// Checks every item in `items` on its own (a PEM that parses, a 32-byte APIv3 key, …) and the
// items that go together (the PFX opens with its password; the public key has its id). `items`
// holds what is being stored plus, for pairs, the partner already in the vault. The error is
// KeyInvalid, CertificateInvalid or ChannelAccountInvalid with the item's name as context; it
// never quotes a value.
Status validate(ChannelKind channel, const QMap<QString, SecretBytes> &items);

// Completeness from the names present in the vault.
CredentialStatus status(ChannelKind channel, const QString &vaultPrefix, const QStringList &presentItems);

} // namespace ChannelCredentialItems
} // namespace paydesk
