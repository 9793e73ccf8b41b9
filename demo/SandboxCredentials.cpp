#include "demo/SandboxCredentials.h"

#include "core/security/Certificate.h"
#include "core/util/Error.h"
#include "sandbox/SandboxKeys.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace paydesk {

namespace {
// Merchant ids the sandbox serves (paydesk-sandbox's SandboxKeys).
const QString kWeChatMchId = QStringLiteral("1900000109");
const QString kWeChatAppId = QStringLiteral("wx8888888888888888");
const QString kAlipayAppId = QStringLiteral("2021000000000001");
const QString kUnionPayMerId = QStringLiteral("777290058000001");
const QByteArray kPfxPassword = QByteArrayLiteral("000000");
const QString kDefaultUrl = QStringLiteral("https://127.0.0.1:9443");

class Files
{
public:
    explicit Files(const QString &directory) : m_directory(directory) {}

    QByteArray read(const QString &relative)
    {
        if (!m_missing.isEmpty())
            return {};
        QFile file(m_directory.filePath(relative));
        if (!file.open(QIODevice::ReadOnly)) {
            m_missing = file.fileName();
            return {};
        }
        return file.readAll();
    }
    const QString &missing() const { return m_missing; }

private:
    QDir m_directory;
    QString m_missing;
};
} // namespace

QString SandboxCredentials::defaultDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("PAYDESK_SANDBOX_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("paydesk/sandbox"));
}

Result<SandboxCredentials> SandboxCredentials::read(const QString &directory)
{
    Files files(directory);
    SandboxCredentials c;
    c.directory = directory;
    c.caPem = files.read(QStringLiteral("ca.pem"));
    const QByteArray weChatCertificate = files.read(QStringLiteral("wechatpay/merchant.pem"));
    Channel weChat{kWeChatMchId, kWeChatAppId, {}};
    weChat.items.insert(QStringLiteral("merchant_key"),
                        SecretBytes(files.read(QStringLiteral("wechatpay/merchant.key"))));
    weChat.items.insert(QStringLiteral("apiv3_key"),
                        SecretBytes(files.read(QStringLiteral("wechatpay/apiv3.key")).trimmed()));
    weChat.items.insert(QStringLiteral("platform_certificates"),
                        SecretBytes(files.read(QStringLiteral("wechatpay/platform.pem"))));
    Channel alipay{kAlipayAppId, QString(), {}};
    alipay.items.insert(QStringLiteral("app_private_key"), SecretBytes(files.read(QStringLiteral("alipay/app.key"))));
    alipay.items.insert(QStringLiteral("alipay_public_key"),
                        SecretBytes(files.read(QStringLiteral("alipay/alipay_public.pem"))));
    Channel unionPay{kUnionPayMerId, QString(), {}};
    unionPay.items.insert(QStringLiteral("signing_pfx"),
                          SecretBytes(files.read(QStringLiteral("unionpay/merchant.pfx"))));
    unionPay.items.insert(QStringLiteral("signing_pfx_password"), SecretBytes(kPfxPassword));
    unionPay.items.insert(QStringLiteral("root_certificates"),
                          SecretBytes(files.read(QStringLiteral("unionpay/root.pem"))));
    unionPay.items.insert(QStringLiteral("intermediate_certificates"),
                          SecretBytes(files.read(QStringLiteral("unionpay/intermediate.pem"))));
    if (!files.missing().isEmpty())
        return Error(ErrorCode::FileUnreadable, files.missing());
    auto certificate = Certificate::fromPem(weChatCertificate);
    if (!certificate)
        return certificate.error();
    weChat.items.insert(QStringLiteral("merchant_serial"), SecretBytes(certificate->serialHex().toLatin1()));
    c.channels.insert(ChannelKind::WeChatPay, weChat);
    c.channels.insert(ChannelKind::Alipay, alipay);
    c.channels.insert(ChannelKind::UnionPay, unionPay);
    QFile url(QDir(directory).filePath(QStringLiteral("url")));
    c.baseUrl = url.open(QIODevice::ReadOnly) ? QString::fromUtf8(url.readAll()).trimmed() : kDefaultUrl;
    if (c.baseUrl.isEmpty())
        c.baseUrl = kDefaultUrl;
    return c;
}

Status SandboxCredentials::makeKeys(const QString &directory)
{
    auto keys = sandbox::SandboxKeys::loadOrCreate(directory);
    if (!keys)
        return keys.error();
    return {};
}

} // namespace paydesk
