#pragma once

#include "core/merchant/IpAllowlist.h"

#include <QDateTime>
#include <QStringList>

namespace paydesk {

// How a request to the gateway is signed: SHA256withRSA with the application's own key pair
// (Alipay's "RSA2"), or HMAC-SHA256 with a secret the platform generated.
enum class SignType
{
    Rsa2,
    HmacSha256
};

namespace ApplicationNames {
QString signType(SignType type); // "rsa2", "hmac_sha256"
bool signTypeFromName(const QString &name, SignType *type);
} // namespace ApplicationNames

// What create() and update() take.
struct ApplicationDraft
{
    QString name;
    QStringList methods;     // payment method names (ChannelNames::method), at least one
    QString notifyUrl;       // https (http only to a loopback host); empty: no notifications
    QStringList ipAllowlist; // addresses and CIDR ranges; empty: any address
};

// A business system that calls the gateway (应用): the platform's own (merchantId 0) or a
// merchant's.
struct Application
{
    qint64 id = 0;
    QString appId;         // "app" + 16 lower-case hex digits
    qint64 merchantId = 0; // 0: a platform application
    QString merchantNo;    // empty for a platform application
    QString name;
    QStringList methods;
    QString notifyUrl;
    IpAllowlist ipAllowlist;
    bool enabled = true;
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    int version = 0; // pass it back with every change

    bool isPlatform() const { return merchantId == 0; }
    bool allows(const QHostAddress &address) const { return ipAllowlist.allows(address); }
    ApplicationDraft draft() const { return {name, methods, notifyUrl, ipAllowlist.entries()}; }
};

// A signing key. RSA2 keys hold the application's public key; HMAC keys only the name of the
// vault secret and the secret's SHA-256. A key verifies at instants validFrom ≤ t < validUntil
// (validUntil invalid: open-ended).
struct ApplicationKey
{
    qint64 id = 0;
    qint64 applicationId = 0;
    SignType type = SignType::Rsa2;
    QString publicKeyPem;
    QString secretName;
    QString fingerprint; // SHA-256 hex of the public key's DER or of the HMAC secret
    QDateTime validFrom;
    QDateTime validUntil;
    QDateTime createdAt;
    QString createdBy;

    bool isValidAt(const QDateTime &at) const { return validFrom <= at && (!validUntil.isValid() || at < validUntil); }
};

// A freshly generated HMAC key: the secret is shown here once and nowhere else. The HMAC key is
// the 32 bytes the Base64 text decodes to.
struct NewHmacKey
{
    ApplicationKey key;
    QString secretBase64;
};

struct ApplicationFilter
{
    enum class Scope
    {
        Any,
        Platform,
        Merchant
    };
    Scope scope = Scope::Any;
    qint64 merchantId = 0; // with Scope::Merchant
    QString text;          // substring of app_id or name, case-insensitive
};

} // namespace paydesk
