#include "core/channel/ChannelCredentials.h"
#include "core/security/Vault.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/CoreFixture.h"

#include <QFile>

using namespace paydesk;
using namespace paydesk::test;

// Channel keys kept in the secret vault (the production path) drive real calls to the sandbox.
class TestChannelCredentials : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    static QByteArray file(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QString state(const char *relative) const { return m_bed.state.filePath(QLatin1String(relative)); }

    static bool store(Vault &vault, const Actor &actor, const QString &channel, const QString &account,
                      const char *item, const QByteArray &value)
    {
        // Operators change channel items only through maker-checker (CredentialChanges); test code writes as the
        // platform.
        const Actor writer =
            actor.operatorId() > 0 ? Actor::system(QStringLiteral("test"), {Permission::VaultWrite}, {}) : actor;
        return vault
            .store(writer, ChannelCredentials::secretName(channel, account, QLatin1String(item)), SecretBytes(value))
            .ok();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
    }

    void adaptersRunOnVaultCredentials()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        Vault &vault = f.core().vault();
        QVERIFY(vault.initialize(admin, SecretBytes(QByteArrayLiteral("channel master passphrase"))));
        const auto &keys = m_bed.sandbox->keys();
        const QUrl base = m_bed.sandbox->baseUrl();
        const SystemClock &clock = SystemClock::instance();

        // WeChat Pay: only ids and addresses outside the vault.
        const QString mchid = QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId);
        WeChatPayConfig wechatBase;
        wechatBase.mchid = mchid;
        wechatBase.appid = QString::fromLatin1(sandbox::SandboxKeys::kWeChatAppId);
        wechatBase.baseUrl = base;
        auto missing = ChannelCredentials::weChatPay(vault, admin, wechatBase);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::SecretUnknown);
        QVERIFY(store(vault, admin, QStringLiteral("wechatpay"), mchid, "merchant_key",
                      file(state("wechatpay/merchant.key"))));
        QVERIFY(store(vault, admin, QStringLiteral("wechatpay"), mchid, "merchant_serial",
                      keys.weChatMerchant.certificate.serialHex().toLatin1()));
        QVERIFY(
            store(vault, admin, QStringLiteral("wechatpay"), mchid, "apiv3_key", file(state("wechatpay/apiv3.key"))));
        QVERIFY(store(vault, admin, QStringLiteral("wechatpay"), mchid, "platform_certificates",
                      file(state("wechatpay/platform.pem"))));
        auto wechat = ChannelCredentials::weChatPay(vault, admin, wechatBase);
        QVERIFY2(wechat, qPrintable(wechat.error().detail()));
        PrepayRequest order;
        order.outTradeNo = QStringLiteral("VAULT%1").arg(QDateTime::currentMSecsSinceEpoch());
        order.amount = fen(100);
        order.description = QStringLiteral("vault");
        order.notifyUrl = m_bed.notifyBase + QStringLiteral("/none");
        QVERIFY(WeChatPayAdapter(*wechat, HttpClient(m_bed.http()), clock).prepay(order));
        // Requests name the platform certificate (Wechatpay-Serial)…
        QCOMPARE(wechat->platformSerial, keys.weChatPlatform.certificate.serialHex());
        // …until the account also holds the WeChat Pay public key: then they name its id, and
        // WeChat answers with that key.
        QVERIFY(store(vault, admin, QStringLiteral("wechatpay"), mchid, "platform_public_key",
                      file(state("wechatpay/pubkey_public.pem"))));
        QVERIFY(store(vault, admin, QStringLiteral("wechatpay"), mchid, "platform_public_key_id",
                      sandbox::SandboxKeys::kWeChatPublicKeyId));
        auto publicKeyMode = ChannelCredentials::weChatPay(vault, admin, wechatBase);
        QVERIFY2(publicKeyMode, qPrintable(publicKeyMode.error().detail()));
        QCOMPARE(publicKeyMode->platformSerial, QString::fromLatin1(sandbox::SandboxKeys::kWeChatPublicKeyId));
        QCOMPARE(publicKeyMode->platformKeys.size(), 2);
        order.outTradeNo = QStringLiteral("VAULTPK%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(WeChatPayAdapter(*publicKeyMode, HttpClient(m_bed.http()), clock).prepay(order));
        QString named;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            named = s.store().trade(sandbox::SandboxChannel::WeChatPay, order.outTradeNo)->platformSerial;
        });
        QCOMPARE(named, QString::fromLatin1(sandbox::SandboxKeys::kWeChatPublicKeyId));
        order.outTradeNo = QStringLiteral("VAULT2%1").arg(QDateTime::currentMSecsSinceEpoch());

        // Alipay: the keys as bare Base64, the way the Alipay console shows them.
        const QString appId = QString::fromLatin1(sandbox::SandboxKeys::kAlipayAppId);
        auto bareBase64 = [](QByteArray pem) {
            QByteArray body;
            for (const QByteArray &line : pem.split('\n')) {
                if (!line.startsWith("-----"))
                    body += line.trimmed();
            }
            return body;
        };
        QVERIFY(store(vault, admin, QStringLiteral("alipay"), appId, "app_private_key",
                      bareBase64(file(state("alipay/app.key")))));
        QVERIFY(store(vault, admin, QStringLiteral("alipay"), appId, "alipay_public_key",
                      bareBase64(file(state("alipay/alipay_public.pem")))));
        AlipayConfig alipayBase;
        alipayBase.appId = appId;
        alipayBase.gatewayUrl = base.resolved(QUrl(QStringLiteral("/gateway.do")));
        auto alipay = ChannelCredentials::alipay(vault, admin, alipayBase);
        QVERIFY2(alipay, qPrintable(alipay.error().detail()));
        order.method = PayMethod::AlipayPrecreate;
        QVERIFY(AlipayAdapter(*alipay, HttpClient(m_bed.http()), clock).prepay(order));

        // UnionPay: the merchant's PFX and the CFCA chain.
        const QString merId = QString::fromLatin1(sandbox::SandboxKeys::kUnionPayMerId);
        QVERIFY(store(vault, admin, QStringLiteral("unionpay"), merId, "signing_pfx",
                      file(state("unionpay/merchant.pfx"))));
        QVERIFY(store(vault, admin, QStringLiteral("unionpay"), merId, "signing_pfx_password", "000000"));
        QVERIFY(store(vault, admin, QStringLiteral("unionpay"), merId, "root_certificates",
                      file(state("unionpay/root.pem"))));
        QVERIFY(store(vault, admin, QStringLiteral("unionpay"), merId, "intermediate_certificates",
                      file(state("unionpay/intermediate.pem"))));
        UnionPayConfig unionBase;
        unionBase.merId = merId;
        unionBase.gatewayUrl = base;
        auto unionpay = ChannelCredentials::unionPay(vault, admin, unionBase);
        QVERIFY2(unionpay, qPrintable(unionpay.error().detail()));
        QCOMPARE(unionpay->signing.certificate.serialDecimal(), QStringLiteral("69903319369"));
        auto query = UnionPayAdapter(*unionpay, HttpClient(m_bed.http()), clock)
                         .queryOrder(QStringLiteral("VAULT00001"), QDateTime::currentDateTimeUtc());
        QVERIFY2(query, qPrintable(query.error().detail()));
        QCOMPARE(query->state, OrderState::NotPaid);

        // A wrong PFX password is a clear error, not a half-configured adapter.
        QVERIFY(store(vault, admin, QStringLiteral("unionpay"), merId, "signing_pfx_password", "wrong"));
        QVERIFY(!ChannelCredentials::unionPay(vault, admin, unionBase));
        // Reading needs vault.read: an operator without it gets nothing.
        const Actor support = f.operatorWith(QStringLiteral("support1"), {Role::Support});
        QCOMPARE(ChannelCredentials::alipay(vault, support, alipayBase).error().code(), ErrorCode::PermissionDenied);
    }
};

QTEST_GUILESS_MAIN(TestChannelCredentials)
#include "tst_channelcredentials.moc"
