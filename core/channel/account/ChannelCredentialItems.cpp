#include "core/channel/account/ChannelCredentialItems.h"

#include "core/security/Certificate.h"

#include <QRegularExpression>

#include <algorithm>

namespace paydesk::ChannelCredentialItems {

namespace {
using Kind = CredentialItem::Kind;

const QString kPlatformCertificates = QStringLiteral("platform_certificates");
const QString kPlatformPublicKey = QStringLiteral("platform_public_key");
const QString kPlatformPublicKeyId = QStringLiteral("platform_public_key_id");

Error itemError(ErrorCode code, const QString &item, const QString &why)
{
    return Error(code, why).within(item);
}

Result<PrivateKey> privateKeyOf(const QByteArray &text, bool pemOnly)
{
    if (text.contains("-----BEGIN"))
        return PrivateKey::fromPem(text);
    if (pemOnly)
        return Error(ErrorCode::KeyInvalid,
                     QStringLiteral("a PEM private key (-----BEGIN PRIVATE KEY-----) is required"));
    return PrivateKey::fromBase64Der(text.trimmed());
}

Result<PublicKey> publicKeyOf(const QByteArray &text)
{
    return text.contains("-----BEGIN") ? PublicKey::fromPem(text) : PublicKey::fromBase64Der(text.trimmed());
}

// PEM certificates only: as many parsed as there are blocks, and no key among them.
Status checkCertificates(const QString &item, const QByteArray &pem)
{
    if (pem.contains("PRIVATE KEY"))
        return itemError(ErrorCode::CertificateInvalid, item, QStringLiteral("holds a private key; certificates only"));
    auto certificates = Certificate::listFromPem(pem);
    if (!certificates)
        return itemError(ErrorCode::CertificateInvalid, item, QStringLiteral("no PEM certificate"));
    if (certificates->size() != pem.count("-----BEGIN CERTIFICATE-----") ||
        pem.count("-----BEGIN ") != certificates->size())
        return itemError(ErrorCode::CertificateInvalid, item, QStringLiteral("a block is not a readable certificate"));
    return {};
}

Status checkOne(ChannelKind channel, const CredentialItem &item, const QByteArray &value)
{
    if (value.trimmed().isEmpty())
        return itemError(ErrorCode::ChannelAccountInvalid, item.name, QStringLiteral("empty"));
    switch (item.kind) {
    case Kind::PrivateKey: {
        auto key = privateKeyOf(value, channel == ChannelKind::WeChatPay);
        if (!key)
            return itemError(ErrorCode::KeyInvalid, item.name, key.error().detail());
        // A key that loads but cannot sign (not RSA, damaged) would fail at the first payment.
        if (!key->signSha256(QByteArrayLiteral("paydesk key check")))
            return itemError(ErrorCode::KeyInvalid, item.name, QStringLiteral("cannot sign SHA256withRSA"));
        return {};
    }
    case Kind::PublicKey: {
        auto key = publicKeyOf(value);
        if (!key)
            return itemError(ErrorCode::KeyInvalid, item.name, key.error().detail());
        return {};
    }
    case Kind::Certificates:
        return checkCertificates(item.name, value);
    case Kind::Pkcs12:
    case Kind::Password:
        return {}; // checked together (the file must open with the password)
    case Kind::Text: {
        const QString text = QString::fromUtf8(value.trimmed());
        const QString pattern = item.name == kPlatformPublicKeyId ? QStringLiteral("^PUB_KEY_ID_[0-9A-Za-z_]{1,64}$")
                                                                  : QStringLiteral("^[0-9A-Fa-f]{1,64}$");
        if (!QRegularExpression(pattern).match(text).hasMatch()) {
            return itemError(ErrorCode::ChannelAccountInvalid, item.name,
                             item.name == kPlatformPublicKeyId
                                 ? QStringLiteral("must look like PUB_KEY_ID_…")
                                 : QStringLiteral("must be the certificate serial in hexadecimal"));
        }
        return {};
    }
    case Kind::SymmetricKey:
        if (value.trimmed().size() != 32)
            return itemError(ErrorCode::KeyInvalid, item.name,
                             QStringLiteral("must be 32 bytes, not %1").arg(value.trimmed().size()));
        return {};
    }
    return {};
}
} // namespace

QList<CredentialItem> itemsFor(ChannelKind channel)
{
    switch (channel) {
    case ChannelKind::WeChatPay:
        return {
            {QStringLiteral("merchant_key"), Kind::PrivateKey, true,
             QStringLiteral("Merchant API private key (apiclient_key.pem)")},
            {QStringLiteral("merchant_serial"), Kind::Text, true,
             QStringLiteral("Serial number of the merchant API certificate"), false},
            {QStringLiteral("apiv3_key"), Kind::SymmetricKey, true, QStringLiteral("APIv3 key (32 characters)")},
            {kPlatformCertificates, Kind::Certificates, false,
             QStringLiteral("WeChat Pay platform certificates (PEM)")},
            {kPlatformPublicKey, Kind::PublicKey, false,
             QStringLiteral("WeChat Pay platform public key (public-key mode)")},
            {kPlatformPublicKeyId, Kind::Text, false, QStringLiteral("Platform public key id (PUB_KEY_ID_…)")},
        };
    case ChannelKind::Alipay:
        return {
            {QStringLiteral("app_private_key"), Kind::PrivateKey, true,
             QStringLiteral("Application private key (应用私钥)")},
            {QStringLiteral("alipay_public_key"), Kind::PublicKey, true,
             QStringLiteral("Alipay public key (支付宝公钥)")},
        };
    case ChannelKind::UnionPay:
        return {
            {QStringLiteral("signing_pfx"), Kind::Pkcs12, true, QStringLiteral("Merchant signing certificate (.pfx)")},
            {QStringLiteral("signing_pfx_password"), Kind::Password, true, QStringLiteral("Password of the .pfx file")},
            {QStringLiteral("root_certificates"), Kind::Certificates, true,
             QStringLiteral("CFCA root certificate(s) (PEM)")},
            {QStringLiteral("intermediate_certificates"), Kind::Certificates, true,
             QStringLiteral("CFCA intermediate certificate(s) (PEM)")},
        };
    }
    return {};
}

bool isItem(ChannelKind channel, const QString &name)
{
    for (const CredentialItem &item : itemsFor(channel)) {
        if (item.name == name)
            return true;
    }
    return false;
}

bool isTrustMaterial(ChannelKind channel, const QString &name)
{
    for (const CredentialItem &item : itemsFor(channel)) {
        if (item.name == name)
            return item.trustMaterial;
    }
    return true;
}

QString partnerOf(ChannelKind channel, const QString &name)
{
    if (channel == ChannelKind::UnionPay) {
        if (name == QLatin1String("signing_pfx"))
            return QStringLiteral("signing_pfx_password");
        if (name == QLatin1String("signing_pfx_password"))
            return QStringLiteral("signing_pfx");
    }
    if (channel == ChannelKind::WeChatPay) {
        if (name == kPlatformPublicKey)
            return kPlatformPublicKeyId;
        if (name == kPlatformPublicKeyId)
            return kPlatformPublicKey;
    }
    return {};
}

Status validate(ChannelKind channel, const QMap<QString, SecretBytes> &items)
{
    const QList<CredentialItem> known = itemsFor(channel);
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        auto item = std::find_if(known.cbegin(), known.cend(),
                                 [&](const CredentialItem &candidate) { return candidate.name == it.key(); });
        if (item == known.cend())
            return Error(ErrorCode::ChannelAccountInvalid,
                         QStringLiteral("%1 is not a credential of this channel").arg(it.key()));
        auto checked = checkOne(channel, *item, it.value().bytes());
        if (!checked)
            return checked;
    }
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        const QString partner = partnerOf(channel, it.key());
        if (!partner.isEmpty() && !items.contains(partner))
            return itemError(ErrorCode::ChannelAccountInvalid, it.key(),
                             QStringLiteral("needs %1 as well").arg(partner));
    }
    if (items.contains(QStringLiteral("signing_pfx"))) {
        auto opened = Pkcs12::load(items.value(QStringLiteral("signing_pfx")).bytes(),
                                   QString::fromUtf8(items.value(QStringLiteral("signing_pfx_password")).bytes()));
        if (!opened)
            return itemError(
                ErrorCode::KeyInvalid, QStringLiteral("signing_pfx"),
                QStringLiteral("does not open with signing_pfx_password (wrong password or damaged file)"));
    }
    // The most common Alipay mistake: pasting the application's own public key where Alipay's belongs.
    if (items.contains(QStringLiteral("app_private_key")) && items.contains(QStringLiteral("alipay_public_key"))) {
        auto app = privateKeyOf(items.value(QStringLiteral("app_private_key")).bytes(), false);
        auto alipay = publicKeyOf(items.value(QStringLiteral("alipay_public_key")).bytes());
        if (app && alipay && app->publicKey() == *alipay)
            return itemError(
                ErrorCode::KeyInvalid, QStringLiteral("alipay_public_key"),
                QStringLiteral("is the public key of app_private_key; Alipay's own public key belongs here"));
    }
    return {};
}

CredentialStatus status(ChannelKind channel, const QString &vaultPrefix, const QStringList &presentItems)
{
    CredentialStatus status;
    status.vaultPrefix = vaultPrefix;
    for (const CredentialItem &item : itemsFor(channel)) {
        const bool present = presentItems.contains(item.name);
        status.items << CredentialItemStatus{item.name, present, item.required};
        if (item.required && !present)
            status.missing << item.name;
    }
    if (channel == ChannelKind::WeChatPay) {
        const bool certificates = presentItems.contains(kPlatformCertificates);
        const bool publicKey = presentItems.contains(kPlatformPublicKey) && presentItems.contains(kPlatformPublicKeyId);
        if (!certificates && !publicKey)
            status.missing << QStringLiteral("%1 or %2 with %3")
                                  .arg(kPlatformCertificates, kPlatformPublicKey, kPlatformPublicKeyId);
    }
    status.complete = status.missing.isEmpty();
    return status;
}

} // namespace paydesk::ChannelCredentialItems
