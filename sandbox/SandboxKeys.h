#pragma once

#include "core/channel/alipay/AlipayAdapter.h"
#include "core/channel/unionpay/UnionPayAdapter.h"
#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "sandbox/CertificateIssuer.h"

#include <QDir>

namespace paydesk::sandbox {

// Every key and certificate of the sandbox world, generated with OpenSSL on first start and
// kept in the state directory: the CA the adapters trust, the HTTPS server certificate, and
// for each channel both sides' keys — the channel's (which the sandbox signs with) and the
// merchant's (which Paydesk signs with; the sandbox verifies them).
struct SandboxKeys
{
    static constexpr const char *kWeChatMchId = "1900000109";
    static constexpr const char *kWeChatAppId = "wx8888888888888888";
    // WeChat Pay public-key mode: the id requests name (Wechatpay-Serial) to have answers and
    // notifications signed with weChatPublicKey rather than the platform certificate.
    static constexpr const char *kWeChatPublicKeyId = "PUB_KEY_ID_0119000001092026010100000000000001";
    static constexpr const char *kAlipayAppId = "2021000000000001";
    static constexpr const char *kAlipayPid = "2088000000000001";
    static constexpr const char *kUnionPayMerId = "777290058000001";
    static constexpr const char *kPfxPassword = "000000";

    QString directory;
    IssuedCertificate authority; // trust anchor for HTTPS (ca.pem)
    IssuedCertificate server;    // localhost / 127.0.0.1
    // WeChat Pay
    IssuedCertificate weChatMerchant; // merchant API certificate and key (Paydesk signs)
    IssuedCertificate weChatPlatform; // platform certificate and key (sandbox signs)
    PrivateKey weChatPublicKey;       // WeChat Pay public key's private half (sandbox signs in public-key mode)
    QByteArray weChatApiV3Key;        // 32 characters
    // Alipay
    PrivateKey alipayAppKey; // 应用私钥 (Paydesk signs)
    PrivateKey alipayKey;    // 支付宝私钥 (sandbox signs)
    // UnionPay
    IssuedCertificate unionPayRoot; // the CFCA-like root Paydesk trusts
    IssuedCertificate unionPayIntermediate;
    IssuedCertificate unionPaySigning;  // UnionPay's signPubKeyCert and key (sandbox signs)
    IssuedCertificate unionPayMerchant; // merchant signing certificate (certId) and key (Paydesk signs)

    // Loads the keys from `directory`, generating and writing any that are missing.
    static Result<SandboxKeys> loadOrCreate(const QString &directory);

    QString caFile() const { return QDir(directory).filePath(QStringLiteral("ca.pem")); }

    // How a WeChat Pay merchant verifies answers: with the platform certificate, or (new
    // merchants) with the WeChat Pay public key and its id only.
    enum class WeChatVerification
    {
        PlatformCertificate,
        PublicKey
    };

    // Adapter configurations as a merchant (Paydesk) would hold them, pointing at `base`.
    WeChatPayConfig weChatConfig(const QUrl &base, const QString &notifyUrl,
                                 WeChatVerification verification = WeChatVerification::PlatformCertificate) const;
    AlipayConfig alipayConfig(const QUrl &base, const QString &notifyUrl) const;
    UnionPayConfig unionPayConfig(const QUrl &base, const QString &backUrl) const;
};

} // namespace paydesk::sandbox
