#include "core/channel/ChannelCredentials.h"

#include "core/security/Vault.h"

namespace paydesk::ChannelCredentials {

namespace {
Result<QByteArray> item(Vault &vault, const Actor &actor, const QString &channel, const QString &account,
                        const char *name, Permission permission)
{
    if (account.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 account id").arg(channel));
    auto secret = vault.read(actor, secretName(channel, account, QLatin1String(name)), permission);
    if (!secret)
        return secret.error();
    return secret->bytes();
}

// A PEM text, or the bare Base64 DER the Alipay console hands out.
Result<PrivateKey> privateKeyOf(const QByteArray &text)
{
    return text.contains("-----BEGIN") ? PrivateKey::fromPem(text) : PrivateKey::fromBase64Der(text.trimmed());
}

Result<PublicKey> publicKeyOf(const QByteArray &text)
{
    return text.contains("-----BEGIN") ? PublicKey::fromPem(text) : PublicKey::fromBase64Der(text.trimmed());
}
} // namespace

QString secretName(const QString &channel, const QString &account, const QString &item)
{
    return QStringLiteral("channel/%1/%2/%3").arg(channel, account, item);
}

Result<WeChatPayConfig> weChatPay(Vault &vault, const Actor &actor, WeChatPayConfig base, Permission permission)
{
    const QString channel = QStringLiteral("wechatpay");
    auto key = item(vault, actor, channel, base.mchid, "merchant_key", permission);
    auto serial = item(vault, actor, channel, base.mchid, "merchant_serial", permission);
    auto apiV3 = item(vault, actor, channel, base.mchid, "apiv3_key", permission);
    for (const auto *read : {&key, &serial, &apiV3}) {
        if (!*read)
            return read->error();
    }
    auto merchantKey = PrivateKey::fromPem(*key);
    if (!merchantKey)
        return merchantKey.error().within(QStringLiteral("merchant_key"));
    const QByteArray apiV3Key = apiV3->trimmed(); // a key file usually ends in a line break
    if (apiV3Key.size() != 32)
        return Error(ErrorCode::KeyInvalid, QStringLiteral("apiv3_key must be 32 bytes"));
    base.merchantKey = *merchantKey;
    base.merchantSerialNo = QString::fromLatin1(serial->trimmed());
    base.apiV3Key = apiV3Key;
    base.platformKeys.clear();
    base.platformSerial.clear();
    // Platform certificates (chosen by serial), and/or the newer platform public key (chosen
    // by its id, PUB_KEY_ID_…): at least one of the two. Requests name the public key when
    // there is one (WeChat then signs with it), else the certificate that lasts longest.
    auto platform = item(vault, actor, channel, base.mchid, "platform_certificates", permission);
    if (platform) {
        auto certificates = Certificate::listFromPem(*platform);
        if (!certificates || certificates->isEmpty())
            return Error(ErrorCode::CertificateInvalid, QStringLiteral("platform_certificates"));
        QDateTime longest;
        for (const Certificate &certificate : *certificates) {
            base.platformKeys.insert(certificate.serialHex(), certificate.publicKey());
            if (base.platformSerial.isEmpty() || certificate.notAfter() > longest) {
                base.platformSerial = certificate.serialHex();
                longest = certificate.notAfter();
            }
        }
    } else if (platform.error().code() != ErrorCode::SecretUnknown) {
        return platform.error();
    }
    auto publicKeyId = item(vault, actor, channel, base.mchid, "platform_public_key_id", permission);
    if (publicKeyId) {
        auto publicKeyText = item(vault, actor, channel, base.mchid, "platform_public_key", permission);
        if (!publicKeyText)
            return publicKeyText.error();
        auto publicKey = publicKeyOf(*publicKeyText);
        if (!publicKey)
            return publicKey.error().within(QStringLiteral("platform_public_key"));
        base.platformSerial = QString::fromLatin1(publicKeyId->trimmed());
        base.platformKeys.insert(base.platformSerial, *publicKey);
    } else if (publicKeyId.error().code() != ErrorCode::SecretUnknown) {
        return publicKeyId.error();
    }
    if (base.platformKeys.isEmpty())
        return Error(ErrorCode::SecretUnknown,
                     secretName(channel, base.mchid, QStringLiteral("platform_certificates")));
    return base;
}

Result<AlipayConfig> alipay(Vault &vault, const Actor &actor, AlipayConfig base, Permission permission)
{
    const QString channel = QStringLiteral("alipay");
    auto app = item(vault, actor, channel, base.appId, "app_private_key", permission);
    if (!app)
        return app.error();
    auto platform = item(vault, actor, channel, base.appId, "alipay_public_key", permission);
    if (!platform)
        return platform.error();
    auto appKey = privateKeyOf(*app);
    if (!appKey)
        return appKey.error().within(QStringLiteral("app_private_key"));
    auto alipayKey = publicKeyOf(*platform);
    if (!alipayKey)
        return alipayKey.error().within(QStringLiteral("alipay_public_key"));
    base.appKey = *appKey;
    base.alipayKey = *alipayKey;
    return base;
}

Result<UnionPayConfig> unionPay(Vault &vault, const Actor &actor, UnionPayConfig base, Permission permission)
{
    const QString channel = QStringLiteral("unionpay");
    auto pfx = item(vault, actor, channel, base.merId, "signing_pfx", permission);
    auto password = item(vault, actor, channel, base.merId, "signing_pfx_password", permission);
    auto roots = item(vault, actor, channel, base.merId, "root_certificates", permission);
    auto intermediates = item(vault, actor, channel, base.merId, "intermediate_certificates", permission);
    for (const auto *read : {&pfx, &password, &roots, &intermediates}) {
        if (!*read)
            return read->error();
    }
    auto signing = Pkcs12::load(*pfx, QString::fromUtf8(*password));
    if (!signing)
        return signing.error().within(QStringLiteral("signing_pfx"));
    auto rootList = Certificate::listFromPem(*roots);
    auto intermediateList = Certificate::listFromPem(*intermediates);
    if (!rootList || rootList->isEmpty())
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("root_certificates"));
    if (!intermediateList)
        return intermediateList.error().within(QStringLiteral("intermediate_certificates"));
    base.signing = *signing;
    base.roots = *rootList;
    base.intermediates = *intermediateList;
    return base;
}

} // namespace paydesk::ChannelCredentials
