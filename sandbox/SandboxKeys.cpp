#include "sandbox/SandboxKeys.h"

#include "core/security/Crypto.h"

#include <QFile>

namespace paydesk::sandbox {

namespace {
bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const bool ok = file.write(content) == content.size();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return ok;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A key pair with certificate stored as <name>.key / <name>.pem; made by `create` when absent.
Result<IssuedCertificate> pair(const QDir &dir, const QString &name,
                               const std::function<Result<IssuedCertificate>()> &create)
{
    const QString keyPath = dir.filePath(name + QStringLiteral(".key"));
    const QString certPath = dir.filePath(name + QStringLiteral(".pem"));
    if (QFile::exists(keyPath) && QFile::exists(certPath)) {
        auto key = PrivateKey::fromPem(readFile(keyPath));
        auto cert = Certificate::fromPem(readFile(certPath));
        if (!key)
            return key.error().within(keyPath);
        if (!cert)
            return cert.error().within(certPath);
        return IssuedCertificate{*key, *cert};
    }
    auto issued = create();
    if (!issued)
        return issued.error();
    if (!writeFile(keyPath, issued->key.toPem()) || !writeFile(certPath, issued->certificate.toPem()))
        return Error(ErrorCode::FileUnwritable, certPath);
    return issued;
}

Result<PrivateKey> key(const QDir &dir, const QString &name)
{
    const QString path = dir.filePath(name + QStringLiteral(".key"));
    if (QFile::exists(path))
        return PrivateKey::fromPem(readFile(path));
    auto generated = PrivateKey::generateRsa(2048);
    if (!generated)
        return generated.error();
    if (!writeFile(path, generated->toPem()) ||
        !writeFile(dir.filePath(name + QStringLiteral("_public.pem")), generated->publicKey().toPem()))
        return Error(ErrorCode::FileUnwritable, path);
    return generated;
}
} // namespace

Result<SandboxKeys> SandboxKeys::loadOrCreate(const QString &directory)
{
    SandboxKeys keys;
    keys.directory = directory;
    const QDir root(directory);
    if (!QDir().mkpath(directory))
        return Error(ErrorCode::FileUnwritable, directory);
    const int years = 3650;
    auto authority = pair(root, QStringLiteral("ca"), [] {
        return CertificateIssuer::selfSignedAuthority(QStringLiteral("Paydesk Sandbox CA"), 3650);
    });
    if (!authority)
        return authority.error();
    keys.authority = *authority;
    auto server = pair(root, QStringLiteral("server"), [&] {
        return CertificateIssuer::issue(keys.authority, QStringLiteral("localhost"), years, 0,
                                        {QStringLiteral("localhost")},
                                        {QStringLiteral("127.0.0.1"), QStringLiteral("::1")});
    });
    if (!server)
        return server.error();
    keys.server = *server;

    const QDir wechat(root.filePath(QStringLiteral("wechatpay")));
    auto merchant = pair(wechat, QStringLiteral("merchant"), [&] {
        return CertificateIssuer::issue(keys.authority,
                                        QStringLiteral("%1 merchant API").arg(QLatin1String(kWeChatMchId)), years);
    });
    auto platform = pair(wechat, QStringLiteral("platform"), [&] {
        return CertificateIssuer::issue(keys.authority, QStringLiteral("WeChat Pay platform (sandbox)"), years);
    });
    if (!merchant || !platform)
        return merchant ? platform.error() : merchant.error();
    keys.weChatMerchant = *merchant;
    keys.weChatPlatform = *platform;
    auto publicKey = key(wechat, QStringLiteral("pubkey")); // and pubkey_public.pem, what the merchant is given
    if (!publicKey)
        return publicKey.error();
    keys.weChatPublicKey = *publicKey;
    const QString apiV3Path = wechat.filePath(QStringLiteral("apiv3.key"));
    keys.weChatApiV3Key = readFile(apiV3Path).trimmed();
    if (keys.weChatApiV3Key.size() != 32) {
        keys.weChatApiV3Key = Crypto::randomBytes(24).toBase64(); // 32 printable characters, as WeChat's
        if (!writeFile(apiV3Path, keys.weChatApiV3Key))
            return Error(ErrorCode::FileUnwritable, apiV3Path);
    }

    const QDir alipay(root.filePath(QStringLiteral("alipay")));
    auto app = key(alipay, QStringLiteral("app"));
    auto platformKey = key(alipay, QStringLiteral("alipay"));
    if (!app || !platformKey)
        return app ? platformKey.error() : app.error();
    keys.alipayAppKey = *app;
    keys.alipayKey = *platformKey;

    const QDir unionpay(root.filePath(QStringLiteral("unionpay")));
    auto upRoot = pair(unionpay, QStringLiteral("root"), [] {
        return CertificateIssuer::selfSignedAuthority(QStringLiteral("CFCA SANDBOX ROOT"), 3650);
    });
    if (!upRoot)
        return upRoot.error();
    keys.unionPayRoot = *upRoot;
    auto intermediate = pair(unionpay, QStringLiteral("intermediate"), [&] {
        return CertificateIssuer::issue(keys.unionPayRoot, QStringLiteral("CFCA SANDBOX OCA1"), years, 0, {}, {}, true);
    });
    if (!intermediate)
        return intermediate.error();
    keys.unionPayIntermediate = *intermediate;
    auto signing = pair(unionpay, QStringLiteral("signing"), [&] {
        return CertificateIssuer::issue(keys.unionPayIntermediate,
                                        QStringLiteral("041@8310000000083040@中国银联股份有限公司@00000001"), 1825);
    });
    auto upMerchant = pair(unionpay, QStringLiteral("merchant"), [&] {
        return CertificateIssuer::issue(keys.unionPayIntermediate,
                                        QStringLiteral("041@%1:SIGN@00000001").arg(QLatin1String(kUnionPayMerId)), 1825,
                                        69903319369ULL);
    });
    if (!signing || !upMerchant)
        return signing ? upMerchant.error() : signing.error();
    keys.unionPaySigning = *signing;
    keys.unionPayMerchant = *upMerchant;
    const QString pfxPath = unionpay.filePath(QStringLiteral("merchant.pfx"));
    if (!QFile::exists(pfxPath)) {
        auto pfx = Pkcs12::create(keys.unionPayMerchant.key, keys.unionPayMerchant.certificate,
                                  QString::fromLatin1(kPfxPassword));
        if (!pfx || !writeFile(pfxPath, *pfx))
            return Error(ErrorCode::FileUnwritable, pfxPath);
    }
    return keys;
}

WeChatPayConfig SandboxKeys::weChatConfig(const QUrl &base, const QString &notifyUrl,
                                          WeChatVerification verification) const
{
    WeChatPayConfig config;
    config.mchid = QString::fromLatin1(kWeChatMchId);
    config.appid = QString::fromLatin1(kWeChatAppId);
    config.merchantSerialNo = weChatMerchant.certificate.serialHex();
    config.merchantKey = weChatMerchant.key;
    config.apiV3Key = weChatApiV3Key;
    if (verification == WeChatVerification::PublicKey) {
        config.platformSerial = QString::fromLatin1(kWeChatPublicKeyId);
        config.platformKeys.insert(config.platformSerial, weChatPublicKey.publicKey());
    } else {
        config.platformSerial = weChatPlatform.certificate.serialHex();
        config.platformKeys.insert(config.platformSerial, weChatPlatform.certificate.publicKey());
    }
    config.baseUrl = base;
    config.notifyUrl = notifyUrl;
    return config;
}

AlipayConfig SandboxKeys::alipayConfig(const QUrl &base, const QString &notifyUrl) const
{
    AlipayConfig config;
    config.appId = QString::fromLatin1(kAlipayAppId);
    config.appKey = alipayAppKey;
    config.alipayKey = alipayKey.publicKey();
    config.gatewayUrl = base.resolved(QUrl(QStringLiteral("/gateway.do")));
    config.notifyUrl = notifyUrl;
    return config;
}

UnionPayConfig SandboxKeys::unionPayConfig(const QUrl &base, const QString &backUrl) const
{
    UnionPayConfig config;
    config.merId = QString::fromLatin1(kUnionPayMerId);
    config.signing = Pkcs12{unionPayMerchant.key, unionPayMerchant.certificate};
    config.roots = {unionPayRoot.certificate};
    config.intermediates = {unionPayIntermediate.certificate};
    config.gatewayUrl = base;
    config.fileUrl = base.resolved(QUrl(QStringLiteral("/unionpay/file")));
    config.backUrl = backUrl;
    return config;
}

} // namespace paydesk::sandbox
