#pragma once

#include "core/channel/account/ChannelCredentialItems.h"

#include <QJsonObject>
#include <QMap>

namespace paydesk {

class Vault;

// What the approver and the audit log compare instead of the material itself: certificates by
// the SHA-256 of their DER, serial, subject and expiry; public and private keys by the SHA-256 of
// the (public) SubjectPublicKeyInfo; a .pfx by its certificate and key; symmetric keys and
// passwords by a keyed HMAC (Vault::fingerprint) that says whether two values are equal without
// revealing either; identifiers (serials, key ids) as they are, since they are not secret.
namespace CredentialFingerprints {

// The fingerprint of `item` as `items` holds it (a .pfx is opened with the password beside it).
Result<QJsonObject> of(ChannelKind channel, const QString &item, const QMap<QString, SecretBytes> &items,
                       const Vault &vault);
// The same for every item of `names` found in `items`: name → fingerprint.
Result<QJsonObject> ofAll(ChannelKind channel, const QStringList &names, const QMap<QString, SecretBytes> &items,
                          const Vault &vault);

} // namespace CredentialFingerprints
} // namespace paydesk
