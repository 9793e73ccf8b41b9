#include "core/channel/ChannelCredentials.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/security/Vault.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/routing/RoutingTestSupport.h"
#include "tests/support/CredentialSupport.h"

#include <QFile>
#include <functional>

using namespace paydesk;
using namespace paydesk::test;

namespace {
const QByteArray kPassphrase = "channel account master passphrase";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The second line of a PEM file: 64 characters of key material.
QByteArray pemLine(const QByteArray &pem)
{
    return pem.split('\n').value(1).trimmed();
}

QByteArray bareBase64(const QByteArray &pem)
{
    QByteArray body;
    for (const QByteArray &line : pem.split('\n')) {
        if (!line.startsWith("-----"))
            body += line.trimmed();
    }
    return body;
}

using Items = QMap<QString, SecretBytes>;

// One test's services on one backend, the vault unlocked, an onboarding operator (channel.manage
// without any vault permission of its own) and the clock at the real time (the sandbox signs and
// checks with real time).
struct Bed
{
    Bed(const QString &backend, const HttpClient::Options &http)
        : f(backend), accounts(f.core().database(), f.clock(), f.core().audit(), f.core().vault(), http)
    {
        if (!f.isOpen())
            return;
        f.clock().set(QDateTime::currentDateTimeUtc());
        if (!f.core().vault().initialize(f.admin(), SecretBytes(kPassphrase)))
            return;
        onboarding = f.operatorWith(QStringLiteral("onboarder"), {Role::Onboarding});
    }
    bool ready() { return f.isOpen() && onboarding.isValid() && f.core().vault().isUnlocked(); }
    // Proposed by the onboarding operator, approved by the administrator: the credentials in effect.
    Status install(qint64 id, const QMap<QString, SecretBytes> &items)
    {
        auto installed = proposeAndApprove(accounts, onboarding, f.admin(), id, items);
        if (!installed)
            qWarning() << installed.error().message();
        return installed ? Status() : Status(installed.error());
    }

    int secretCount()
    {
        return Sql::scalar(f.core().database().connection().value(),
                           QStringLiteral("SELECT count(*) FROM vault_secret"))
            ->toInt();
    }
    QStringList present(qint64 id)
    {
        QStringList names;
        const auto status = accounts.credentialStatus(onboarding, id);
        if (!status)
            return {QStringLiteral("error: ") + status.error().message()};
        for (const CredentialItemStatus &item : status->items) {
            if (item.present)
                names << item.name;
        }
        return names;
    }

    CoreFixture f;
    ChannelAccountService accounts;
    Actor onboarding;
};
} // namespace

class TestChannelAccounts : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;

    QString state(const char *relative) const { return m_bed.state.filePath(QLatin1String(relative)); }
    QByteArray sandboxCa() const { return readFile(m_bed.sandbox->keys().caFile()); }

    static HttpClient::Options fastHttp()
    {
        HttpClient::Options options; // no extra CA here: each account brings its own
        options.timeoutMs = 5000;
        options.attempts = 1;
        options.backoffMs = 20;
        return options;
    }

    // An account of `channel` pointing at the sandbox, trusting its CA.
    ChannelAccount sandboxAccount(ChannelKind channel, const QString &name) const
    {
        const QString base = m_bed.sandbox->baseUrl().toString();
        ChannelAccount account;
        account.name = name;
        account.channel = channel;
        account.baseUrl = base;
        account.caCertificates = sandboxCa();
        account.notifyUrl = m_bed.notifyBase + QStringLiteral("/") + name;
        switch (channel) {
        case ChannelKind::WeChatPay:
            account.channelMerchantId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId);
            account.channelAppId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatAppId);
            break;
        case ChannelKind::Alipay:
            account.channelMerchantId = QString::fromLatin1(sandbox::SandboxKeys::kAlipayAppId);
            break;
        case ChannelKind::UnionPay:
            account.channelMerchantId = QString::fromLatin1(sandbox::SandboxKeys::kUnionPayMerId);
            account.fileUrl = m_bed.sandbox->baseUrl().resolved(QUrl(QStringLiteral("/unionpay/file"))).toString();
            break;
        }
        return account;
    }

    Items weChatItems() const
    {
        return {{QStringLiteral("merchant_key"), SecretBytes(readFile(state("wechatpay/merchant.key")))},
                {QStringLiteral("merchant_serial"),
                 SecretBytes(m_bed.sandbox->keys().weChatMerchant.certificate.serialHex().toLatin1())},
                {QStringLiteral("apiv3_key"), SecretBytes(readFile(state("wechatpay/apiv3.key")))},
                {QStringLiteral("platform_certificates"), SecretBytes(readFile(state("wechatpay/platform.pem")))}};
    }
    Items alipayItems() const
    {
        return {{QStringLiteral("app_private_key"), SecretBytes(bareBase64(readFile(state("alipay/app.key"))))},
                {QStringLiteral("alipay_public_key"), SecretBytes(readFile(state("alipay/alipay_public.pem")))}};
    }
    Items unionPayItems() const
    {
        return {
            {QStringLiteral("signing_pfx"), SecretBytes(readFile(state("unionpay/merchant.pfx")))},
            {QStringLiteral("signing_pfx_password"), SecretBytes(QByteArray(sandbox::SandboxKeys::kPfxPassword))},
            {QStringLiteral("root_certificates"), SecretBytes(readFile(state("unionpay/root.pem")))},
            {QStringLiteral("intermediate_certificates"), SecretBytes(readFile(state("unionpay/intermediate.pem")))}};
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
    }

    void everyFieldIsValidated()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const ChannelAccount valid =
            sampleAccount(ChannelKind::WeChatPay, QStringLiteral("wx.shared-1"), QStringLiteral("1900000109"));
        const Currency usd = Currency::fromCode(u"USD").value();
        struct Case
        {
            const char *label;
            const char *field;
            std::function<void(ChannelAccount &)> change;
        };
        const QList<Case> cases = {
            {"empty name", "name", [](ChannelAccount &a) { a.name.clear(); }},
            {"name starting with a dash", "name", [](ChannelAccount &a) { a.name = QStringLiteral("-wx"); }},
            {"name with a space", "name", [](ChannelAccount &a) { a.name = QStringLiteral("wx shared"); }},
            {"name with a colon", "name", [](ChannelAccount &a) { a.name = QStringLiteral("wx:shared"); }},
            {"name of 65 characters", "name", [](ChannelAccount &a) { a.name = QString(65, QLatin1Char('w')); }},
            {"shared with an owner", "owner", [](ChannelAccount &a) { a.ownerMerchantId = 1; }},
            {"own without owner", "owner", [](ChannelAccount &a) { a.mode = ChannelAccountMode::Own; }},
            {"empty mchid", "channel_merchant_id", [](ChannelAccount &a) { a.channelMerchantId.clear(); }},
            {"mchid with letters", "channel_merchant_id",
             [](ChannelAccount &a) { a.channelMerchantId = QStringLiteral("19000x"); }},
            {"mchid with a slash", "channel_merchant_id",
             [](ChannelAccount &a) { a.channelMerchantId = QStringLiteral("1900/0109"); }},
            {"WeChat without appid", "channel_app_id", [](ChannelAccount &a) { a.channelAppId.clear(); }},
            {"Alipay with an appid", "channel_app_id",
             [](ChannelAccount &a) {
                 a.channel = ChannelKind::Alipay;
                 a.channelMerchantId = QStringLiteral("2021000000000001");
             }},
            {"UnionPay merId with punctuation", "channel_merchant_id",
             [](ChannelAccount &a) {
                 a.channel = ChannelKind::UnionPay;
                 a.channelAppId.clear();
                 a.channelMerchantId = QStringLiteral("7772900_58");
             }},
            {"sub-merchant with a slash", "sub_merchant_id",
             [](ChannelAccount &a) { a.subMerchantId = QStringLiteral("a/b"); }},
            {"plain http base", "base_url",
             [](ChannelAccount &a) { a.baseUrl = QStringLiteral("http://api.mch.weixin.qq.com"); }},
            {"no base", "base_url", [](ChannelAccount &a) { a.baseUrl.clear(); }},
            {"base without host", "base_url", [](ChannelAccount &a) { a.baseUrl = QStringLiteral("https:///v3"); }},
            {"base with a password", "base_url",
             [](ChannelAccount &a) { a.baseUrl = QStringLiteral("https://u:p@api.mch.weixin.qq.com"); }},
            {"file address on WeChat", "file_url",
             [](ChannelAccount &a) { a.fileUrl = QStringLiteral("https://files.example.com"); }},
            {"ftp notify address", "notify_url",
             [](ChannelAccount &a) { a.notifyUrl = QStringLiteral("ftp://pay.example.com/n"); }},
            {"CA that is not PEM", "ca_certificates",
             [](ChannelAccount &a) { a.caCertificates = "not a certificate"; }},
            {"CA with a broken block", "ca_certificates",
             [](ChannelAccount &a) {
                 a.caCertificates = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
             }},
            {"limit in another currency", "per_transaction_limit",
             [usd](ChannelAccount &a) { a.perTransactionLimit = Money::fromMinor(100, usd); }},
            {"negative daily limit", "daily_limit", [](ChannelAccount &a) { a.dailyLimit = cny(-1); }},
        };
        for (const Case &test : cases) {
            ChannelAccount account = valid;
            test.change(account);
            auto refused = bed.accounts.create(bed.onboarding, account);
            QVERIFY2(!refused, test.label);
            QVERIFY2(refused.error().code() == ErrorCode::ChannelAccountInvalid, test.label);
            QVERIFY2(refused.error().detail().startsWith(QLatin1String(test.field) + QStringLiteral(":")),
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(test.label), refused.error().detail())));
        }
        // A CA field holding a private key would put a secret in clear text: refused.
        ChannelAccount withKey = valid;
        withKey.caCertificates = sandboxCa() + readFile(state("wechatpay/merchant.key"));
        QVERIFY(bed.accounts.create(bed.onboarding, withKey).error().detail().contains(QStringLiteral("private key")));
        // An expired (or not yet valid) CA is refused against the service's clock.
        ChannelAccount future = valid;
        future.caCertificates = sandboxCa();
        bed.f.clock().set(QDateTime::currentDateTimeUtc().addYears(-1));
        QCOMPARE(bed.accounts.create(bed.onboarding, future).error().code(), ErrorCode::ChannelAccountInvalid);
        bed.f.clock().set(QDateTime::currentDateTimeUtc());
        QVERIFY(bed.accounts.list(bed.onboarding)->isEmpty());

        // The valid one (with the sandbox CA and limits) is stored as given.
        ChannelAccount account = valid;
        account.caCertificates = sandboxCa();
        account.perTransactionLimit = cny(500000);
        account.dailyLimit = cny(10000000);
        account.subMerchantId = QStringLiteral("1600000001");
        auto created = bed.accounts.create(bed.onboarding, account);
        QVERIFY2(created, qPrintable(created.error().message()));
        auto stored = bed.accounts.find(bed.onboarding, created->id).value();
        QCOMPARE(stored.name, account.name);
        QCOMPARE(stored.channel, ChannelKind::WeChatPay);
        QCOMPARE(stored.mode, ChannelAccountMode::Shared);
        QCOMPARE(stored.channelMerchantId, account.channelMerchantId);
        QCOMPARE(stored.subMerchantId, account.subMerchantId);
        QCOMPARE(stored.channelAppId, account.channelAppId);
        QCOMPARE(stored.baseUrl, account.baseUrl);
        QCOMPARE(stored.notifyUrl, account.notifyUrl);
        QCOMPARE(stored.caCertificates, account.caCertificates);
        QCOMPARE(stored.perTransactionLimit, cny(500000));
        QCOMPARE(stored.dailyLimit, cny(10000000));
        QCOMPARE(stored.version, 1);
        QCOMPARE(stored.createdBy, QStringLiteral("onboarder"));
        QCOMPARE(stored.ledgerAccount(), QStringLiteral("channel_receivable:wx.shared-1"));
        QVERIFY(stored.enabled);
        QVERIFY(!stored.lastTestAt.isValid());
        QCOMPARE(bed.accounts.findByName(bed.onboarding, QStringLiteral("wx.shared-1"))->id, created->id);
        QCOMPARE(bed.accounts.find(bed.onboarding, 424242).error().code(), ErrorCode::ChannelAccountUnknown);
    }

    void ownAndSharedAccounts()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 merchant = insertMerchant(bed.f.core().database(), QStringLiteral("M001"));
        const qint64 closed = insertMerchant(bed.f.core().database(), QStringLiteral("M002"), QStringLiteral("closed"));
        const qint64 dollars = insertMerchant(bed.f.core().database(), QStringLiteral("M003"), QStringLiteral("active"),
                                              QStringLiteral("USD"));
        ChannelAccount own =
            sampleAccount(ChannelKind::Alipay, QStringLiteral("ali-own"), QStringLiteral("2021000000000002"));
        own.mode = ChannelAccountMode::Own;
        own.ownerMerchantId = 424242;
        QCOMPARE(bed.accounts.create(bed.onboarding, own).error().code(), ErrorCode::MerchantUnknown);
        own.ownerMerchantId = closed;
        QCOMPARE(bed.accounts.create(bed.onboarding, own).error().code(), ErrorCode::MerchantTransitionRefused);
        own.ownerMerchantId = dollars;
        QCOMPARE(bed.accounts.create(bed.onboarding, own).error().code(), ErrorCode::ChannelAccountInvalid);
        own.ownerMerchantId = merchant;
        auto created = bed.accounts.create(bed.onboarding, own);
        QVERIFY2(created, qPrintable(created.error().message()));
        QCOMPARE(created->mode, ChannelAccountMode::Own);
        QCOMPARE(created->ownerMerchantId, merchant);

        // Names are unique, and so is (channel, channel merchant id, sub-merchant id).
        ChannelAccount shared =
            sampleAccount(ChannelKind::Alipay, QStringLiteral("ali-own"), QStringLiteral("2021000000000003"));
        auto sameName = bed.accounts.create(bed.onboarding, shared);
        QCOMPARE(sameName.error().code(), ErrorCode::ChannelAccountInvalid);
        QVERIFY(sameName.error().detail().startsWith(QStringLiteral("name:")));
        shared.name = QStringLiteral("ali-shared");
        shared.channelMerchantId = own.channelMerchantId;
        auto sameIds = bed.accounts.create(bed.onboarding, shared);
        QCOMPARE(sameIds.error().code(), ErrorCode::ChannelAccountInvalid);
        QVERIFY(sameIds.error().detail().contains(QStringLiteral("ali-own")));
        shared.subMerchantId = QStringLiteral("2088000000000009"); // a sub-merchant under the same app
        QVERIFY(bed.accounts.create(bed.onboarding, shared));

        // Own → shared drops the owner; shared → own needs one.
        ChannelAccount edit = *created;
        edit.mode = ChannelAccountMode::Shared;
        edit.ownerMerchantId = 0;
        auto nowShared = bed.accounts.update(bed.onboarding, edit);
        QVERIFY2(nowShared, qPrintable(nowShared.error().message()));
        QCOMPARE(nowShared->ownerMerchantId, 0);
        QCOMPARE(nowShared->version, 2);
    }

    void updatesAreOptimisticAndAudited()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        auto created = bed.accounts.create(bed.onboarding, sampleAccount(ChannelKind::UnionPay, QStringLiteral("up-1"),
                                                                         QStringLiteral("777290058000001")));
        QVERIFY2(created, qPrintable(created.error().message()));
        ChannelAccount first = *created;
        ChannelAccount second = *created;
        first.dailyLimit = cny(1000000);
        auto saved = bed.accounts.update(bed.onboarding, first);
        QVERIFY2(saved, qPrintable(saved.error().message()));
        QCOMPARE(saved->version, 2);
        QCOMPARE(saved->dailyLimit, cny(1000000));
        second.notifyUrl = QStringLiteral("https://elsewhere.example.com/n");
        QCOMPARE(bed.accounts.update(bed.onboarding, second).error().code(), ErrorCode::ChannelAccountChangedMeanwhile);
        QCOMPARE(bed.accounts.find(bed.onboarding, created->id)->notifyUrl, created->notifyUrl);

        ChannelAccount renamed = *saved;
        renamed.name = QStringLiteral("up-2");
        QCOMPARE(bed.accounts.update(bed.onboarding, renamed).error().code(), ErrorCode::ChannelAccountInvalid);
        ChannelAccount otherChannel = *saved;
        otherChannel.channel = ChannelKind::Alipay;
        QCOMPARE(bed.accounts.update(bed.onboarding, otherChannel).error().code(), ErrorCode::ChannelAccountInvalid);

        QVERIFY(bed.accounts.setEnabled(bed.onboarding, created->id, false));
        auto disabled = bed.accounts.find(bed.onboarding, created->id).value();
        QVERIFY(!disabled.enabled);
        QCOMPARE(disabled.version, 3);
        QCOMPARE(bed.accounts.update(bed.onboarding, *saved).error().code(), ErrorCode::ChannelAccountChangedMeanwhile);

        auto records =
            bed.f.core().audit().records(bed.f.admin(), {QString(), QStringLiteral("channel_account"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 3);
        QCOMPARE(records->at(0).action, QStringLiteral("channel_account.disable"));
        QCOMPARE(records->at(1).action, QStringLiteral("channel_account.update"));
        QCOMPARE(records->at(1).object, QStringLiteral("channel_account:up-1"));
        QVERIFY(records->at(1).detail.contains(QStringLiteral("\"daily_limit\":\"0.00\"")));
        QVERIFY(records->at(1).detail.contains(QStringLiteral("\"daily_limit\":\"10000.00\"")));
        QCOMPARE(records->at(2).action, QStringLiteral("channel_account.create"));
    }

    void credentialsAreValidatedBeforeAnythingIsStored()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 wechat =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::WeChatPay, QStringLiteral("wx")))->id;
        const qint64 alipay =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::Alipay, QStringLiteral("ali")))->id;
        const qint64 unionpay =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::UnionPay, QStringLiteral("up")))->id;
        QVERIFY(wechat > 0 && alipay > 0 && unionpay > 0);
        const int before = bed.secretCount();

        auto refusal = [&](qint64 id, const Items &items) {
            auto stored = bed.accounts.proposeCredentials(bed.onboarding, id, items);
            return stored ? ErrorCode::None : stored.error().code();
        };
        Items bad = weChatItems();
        bad[QStringLiteral("apiv3_key")] = SecretBytes(QByteArray(31, 'k'));
        auto shortKey = bed.accounts.proposeCredentials(bed.onboarding, wechat, bad);
        QCOMPARE(shortKey.error().code(), ErrorCode::KeyInvalid);
        QVERIFY(shortKey.error().message().contains(QStringLiteral("apiv3_key")));
        QVERIFY(shortKey.error().message().contains(QStringLiteral("32 bytes")));
        bad = weChatItems();
        bad[QStringLiteral("merchant_key")] =
            SecretBytes(QByteArray("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"));
        QCOMPARE(refusal(wechat, bad), ErrorCode::KeyInvalid);
        bad[QStringLiteral("merchant_key")] =
            SecretBytes(bareBase64(readFile(state("wechatpay/merchant.key")))); // WeChat wants PEM
        QCOMPARE(refusal(wechat, bad), ErrorCode::KeyInvalid);
        bad = weChatItems();
        bad[QStringLiteral("merchant_serial")] = SecretBytes(QByteArray("not-hex"));
        QCOMPARE(refusal(wechat, bad), ErrorCode::ChannelAccountInvalid);
        bad = weChatItems();
        bad[QStringLiteral("platform_certificates")] =
            SecretBytes(readFile(state("wechatpay/platform.pem")) + "garbage");
        bad[QStringLiteral("platform_certificates")] =
            SecretBytes(readFile(state("wechatpay/platform.pem")) + readFile(state("wechatpay/merchant.key")));
        QCOMPARE(refusal(wechat, bad), ErrorCode::CertificateInvalid);
        QCOMPARE(refusal(wechat, {{QStringLiteral("platform_public_key"),
                                   SecretBytes(readFile(state("alipay/alipay_public.pem")))}}),
                 ErrorCode::ChannelAccountInvalid); // needs its id
        QCOMPARE(refusal(wechat, {{QStringLiteral("platform_public_key"),
                                   SecretBytes(readFile(state("alipay/alipay_public.pem")))},
                                  {QStringLiteral("platform_public_key_id"), SecretBytes(QByteArray("KEY-1"))}}),
                 ErrorCode::ChannelAccountInvalid);
        QCOMPARE(refusal(wechat, {{QStringLiteral("app_private_key"), SecretBytes(readFile(state("alipay/app.key")))}}),
                 ErrorCode::ChannelAccountInvalid); // not a WeChat item
        QCOMPARE(refusal(wechat, {}), ErrorCode::InvalidArgument);

        Items wrongPassword = unionPayItems();
        wrongPassword[QStringLiteral("signing_pfx_password")] = SecretBytes(QByteArray("111111"));
        auto pfx = bed.accounts.proposeCredentials(bed.onboarding, unionpay, wrongPassword);
        QCOMPARE(pfx.error().code(), ErrorCode::KeyInvalid);
        QVERIFY(pfx.error().message().contains(QStringLiteral("signing_pfx")));
        QCOMPARE(
            refusal(unionpay, {{QStringLiteral("signing_pfx"), unionPayItems().value(QStringLiteral("signing_pfx"))}}),
            ErrorCode::ChannelAccountInvalid); // no password stored to open it with
        Items noRoots = unionPayItems();
        noRoots[QStringLiteral("root_certificates")] =
            SecretBytes(QByteArray("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"));
        QCOMPARE(refusal(unionpay, noRoots), ErrorCode::CertificateInvalid);

        Items ownKey = alipayItems();
        ownKey[QStringLiteral("alipay_public_key")] =
            SecretBytes(m_bed.sandbox->keys().alipayAppKey.publicKey().toPem());
        auto mixedUp = bed.accounts.proposeCredentials(bed.onboarding, alipay, ownKey);
        QCOMPARE(mixedUp.error().code(), ErrorCode::KeyInvalid);
        QVERIFY(mixedUp.error().message().contains(QStringLiteral("app_private_key")));

        // A locked vault stores nothing either.
        bed.f.core().vault().lock();
        QCOMPARE(refusal(alipay, alipayItems()), ErrorCode::VaultLocked);
        QVERIFY(bed.f.core().vault().unlock(bed.f.admin(), SecretBytes(kPassphrase)));

        QCOMPARE(bed.secretCount(), before);
        for (qint64 id : {wechat, alipay, unionpay}) {
            QVERIFY(bed.present(id).isEmpty());
            QVERIFY(!bed.accounts.credentialStatus(bed.onboarding, id)->complete);
        }

        // The good sets are stored once approved, item by item as the console sends them.
        QVERIFY(bed.install(alipay, alipayItems()));
        Items partial = weChatItems();
        partial.remove(QStringLiteral("platform_certificates"));
        QVERIFY(bed.install(wechat, partial));
        auto status = bed.accounts.credentialStatus(bed.onboarding, wechat).value();
        QVERIFY(!status.complete);
        QCOMPARE(status.vaultPrefix, QStringLiteral("channel/wechatpay/1900000109/"));
        QCOMPARE(status.missing.size(), 1);
        QVERIFY(status.missing.first().contains(QStringLiteral("platform_certificates")));
        QVERIFY(bed.install(wechat, {{QStringLiteral("platform_certificates"),
                                      weChatItems().value(QStringLiteral("platform_certificates"))}}));
        QVERIFY(bed.accounts.credentialStatus(bed.onboarding, wechat)->complete);
        QCOMPARE(bed.present(wechat),
                 (QStringList{QStringLiteral("merchant_key"), QStringLiteral("merchant_serial"),
                              QStringLiteral("apiv3_key"), QStringLiteral("platform_certificates")}));
        QVERIFY(bed.install(unionpay, unionPayItems()));
        // Once the password is in the vault, a new PFX alone is checked against it.
        QVERIFY(bed.install(unionpay,
                            {{QStringLiteral("signing_pfx"), unionPayItems().value(QStringLiteral("signing_pfx"))}}));
        QCOMPARE(refusal(unionpay, {{QStringLiteral("signing_pfx_password"), SecretBytes(QByteArray("111111"))}}),
                 ErrorCode::KeyInvalid);
        for (qint64 id : {wechat, alipay, unionpay})
            QVERIFY(bed.accounts.credentialStatus(bed.onboarding, id)->complete);
        QCOMPARE(bed.secretCount(), before + 4 + 2 + 4);

        // The audit names the items and their fingerprints, never their content: each set was
        // proposed by onboarding and approved by the administrator.
        auto records = bed.f.core().audit().records(
            bed.f.admin(), {QString(), QStringLiteral("channel_account.credentials"), {}, {}}, 0, 20);
        QCOMPARE(records->size(), 10);
        for (int i = 0; i < records->size(); ++i) {
            const AuditRecord &record = records->at(i);
            QCOMPARE(record.action, i % 2 ? QStringLiteral("channel_account.credentials.propose")
                                          : QStringLiteral("channel_account.credentials.approve"));
            QCOMPARE(record.actor, i % 2 ? QStringLiteral("onboarder") : QStringLiteral("admin"));
            QVERIFY(record.detail.contains(QStringLiteral("\"fingerprints\"")));
            QVERIFY(!record.detail.toUtf8().contains(pemLine(readFile(state("wechatpay/merchant.key")))));
        }
        QVERIFY(records->last().detail.contains(QStringLiteral("app_private_key")));
    }

    void credentialsNeverRestInClear()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 wechat =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::WeChatPay, QStringLiteral("wx")))->id;
        const qint64 alipay =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::Alipay, QStringLiteral("ali")))->id;
        const qint64 unionpay =
            bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::UnionPay, QStringLiteral("up")))->id;
        QVERIFY(bed.install(wechat, weChatItems()));
        QVERIFY(bed.install(alipay, alipayItems()));
        QVERIFY(bed.install(unionpay, unionPayItems()));
        // Reading them back for a test puts nothing in clear either.
        QVERIFY(bed.accounts.testConnection(bed.onboarding, wechat)->ok);
        // Nor does a change that waits for approval: its items are sealed under the vault.
        auto waiting = bed.accounts.proposeCredentials(bed.onboarding, alipay, alipayItems());
        QVERIFY2(waiting && waiting->isPending(), qPrintable(waiting ? QString() : waiting.error().message()));

        const QByteArray pfx = readFile(state("unionpay/merchant.pfx"));
        const QList<QByteArray> secrets = {
            pemLine(readFile(state("wechatpay/merchant.key"))),
            readFile(state("wechatpay/apiv3.key")).trimmed(),
            pemLine(readFile(state("alipay/app.key"))),
            bareBase64(readFile(state("alipay/app.key"))).mid(100, 48),
            pfx.mid(pfx.size() / 2, 32),
        };
        const QByteArray disk = bed.f.testDatabase().storedBytes();
        QVERIFY2(disk.size() > 10000, "the scan must have read the database");
        // Not secret, so in clear: proves the scan sees what the accounts table holds.
        QVERIFY(disk.contains(pemLine(sandboxCa())));
        for (const QByteArray &secret : secrets) {
            QVERIFY(secret.size() >= 32);
            QVERIFY2(!disk.contains(secret), secret.constData());
        }
        auto records = bed.f.core().audit().records(bed.f.admin(), {}, 0, 1000);
        for (const AuditRecord &record : *records) {
            for (const QByteArray &secret : secrets)
                QVERIFY(!record.detail.toUtf8().contains(secret));
        }
    }

    void connectionTestsReachTheSandbox()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const QList<std::pair<ChannelKind, Items>> channels = {{ChannelKind::WeChatPay, weChatItems()},
                                                               {ChannelKind::Alipay, alipayItems()},
                                                               {ChannelKind::UnionPay, unionPayItems()}};
        for (const auto &[channel, items] : channels) {
            const QString name = QStringLiteral("sandbox-%1").arg(int(channel));
            auto account = bed.accounts.create(bed.onboarding, sandboxAccount(channel, name));
            QVERIFY2(account, qPrintable(account.error().message()));
            // Without credentials the test fails clearly, naming what is missing.
            auto missing = bed.accounts.testConnection(bed.onboarding, account->id);
            QVERIFY(missing);
            QVERIFY(!missing->ok);
            QCOMPARE(missing->error, ErrorCode::SecretUnknown);
            QVERIFY(missing->message.contains(QStringLiteral("channel/")));

            QVERIFY(bed.install(account->id, items));
            const int installed = bed.accounts.find(bed.onboarding, account->id)->version;
            QCOMPARE(installed, account->version + 1); // new credentials: adapters built before are stale
            auto tested = bed.accounts.testConnection(bed.onboarding, account->id);
            QVERIFY2(tested, qPrintable(tested.error().message()));
            QVERIFY2(tested->ok, qPrintable(tested->message));
            QCOMPARE(tested->message, QStringLiteral("credentials accepted"));
            QCOMPARE(tested->error, ErrorCode::None);
            QVERIFY(tested->elapsedMs >= 0 && tested->elapsedMs < 5000);
            auto after = bed.accounts.find(bed.onboarding, account->id).value();
            QVERIFY(after.lastTestOk());
            QCOMPARE(after.lastTestResult, QStringLiteral("ok: credentials accepted"));
            QCOMPARE(after.lastTestAt, bed.f.clock().nowUtc());
            QCOMPARE(after.version, installed); // a test is not an edit

            auto adapter = bed.accounts.adapterFor(bed.onboarding, account->id);
            QVERIFY2(adapter, qPrintable(adapter.error().message()));
            QCOMPARE((*adapter)->kind(), channel);
        }
        // The adapter works for payments too: a WeChat NATIVE prepay through the account.
        auto wechat =
            bed.accounts.findByName(bed.onboarding, QStringLiteral("sandbox-%1").arg(int(ChannelKind::WeChatPay)))
                .value();
        auto adapter = bed.accounts.adapterFor(bed.onboarding, wechat.id);
        PrepayRequest order;
        order.outTradeNo = QStringLiteral("ACCT%1").arg(QDateTime::currentMSecsSinceEpoch());
        order.amount = cny(100);
        order.description = QStringLiteral("account test");
        auto prepaid = (*adapter)->prepay(order);
        QVERIFY2(prepaid, qPrintable(prepaid.error().message()));
        QVERIFY(!prepaid->codeUrl.isEmpty());

        auto records = bed.f.core().audit().records(bed.f.admin(),
                                                    {QString(), QStringLiteral("channel_account.test"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 6);
        QCOMPARE(records->first().result, AuditResult::Ok);
        QCOMPARE(records->last().result, AuditResult::Failed);
    }

    void connectionTestsFailClearly()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        auto wechat = bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::WeChatPay, QStringLiteral("wx")));
        auto alipay = bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::Alipay, QStringLiteral("ali")));
        QVERIFY(wechat && alipay);
        QVERIFY(bed.install(wechat->id, weChatItems()));
        QVERIFY(bed.install(alipay->id, alipayItems()));
        QVERIFY(bed.accounts.testConnection(bed.onboarding, wechat->id)->ok);

        // Untrusted CA: the same channel merchant (and credentials) without the sandbox CA.
        ChannelAccount untrusted = sandboxAccount(ChannelKind::WeChatPay, QStringLiteral("wx-untrusted"));
        untrusted.caCertificates.clear();
        untrusted.subMerchantId = QStringLiteral("1600000001");
        auto created = bed.accounts.create(bed.onboarding, untrusted);
        QVERIFY2(created, qPrintable(created.error().message()));
        auto tls = bed.accounts.testConnection(bed.onboarding, created->id);
        QVERIFY(tls);
        QVERIFY(!tls->ok);
        QCOMPARE(tls->error, ErrorCode::ChannelUnavailable);
        QVERIFY2(tls->message.contains(QStringLiteral("127.0.0.1")), qPrintable(tls->message));
        auto stored = bed.accounts.find(bed.onboarding, created->id).value();
        QVERIFY(!stored.lastTestOk());
        QVERIFY(stored.lastTestResult.startsWith(QStringLiteral("failed: ")));

        // Another RSA key as the WeChat merchant key: the channel refuses our signature.
        auto otherKey = PrivateKey::generateRsa(2048);
        QVERIFY(otherKey);
        QVERIFY(bed.install(wechat->id, {{QStringLiteral("merchant_key"), SecretBytes(otherKey->toPem())}}));
        auto refused = bed.accounts.testConnection(bed.onboarding, wechat->id);
        QVERIFY(refused);
        QVERIFY(!refused->ok);
        QCOMPARE(refused->error, ErrorCode::ChannelAuthRejected);
        QVERIFY2(refused->message.contains(QStringLiteral("SIGN_ERROR")), qPrintable(refused->message));
        QVERIFY(!bed.accounts.find(bed.onboarding, wechat->id)->lastTestOk());

        // Another key in place of Alipay's public key: Alipay's genuine answer does not verify.
        QVERIFY(bed.install(alipay->id,
                            {{QStringLiteral("alipay_public_key"), SecretBytes(otherKey->publicKey().toPem())}}));
        auto forged = bed.accounts.testConnection(bed.onboarding, alipay->id);
        QVERIFY(forged);
        QVERIFY(!forged->ok);
        QCOMPARE(forged->error, ErrorCode::SignatureInvalid);

        // An account pointing at a port where nothing listens.
        ChannelAccount nowhere = sandboxAccount(ChannelKind::Alipay, QStringLiteral("ali-nowhere"));
        nowhere.baseUrl = QStringLiteral("https://127.0.0.1:1");
        nowhere.subMerchantId = QStringLiteral("2088000000000009");
        auto unreachable = bed.accounts.create(bed.onboarding, nowhere);
        QVERIFY(unreachable);
        QVERIFY(bed.install(unreachable->id, alipayItems()));
        auto down = bed.accounts.testConnection(bed.onboarding, unreachable->id);
        QVERIFY(!down->ok);
        QCOMPARE(down->error, ErrorCode::ChannelUnavailable);
    }

    void supportReadsButCannotChange()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend, fastHttp());
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        auto created = bed.accounts.create(bed.onboarding, sandboxAccount(ChannelKind::Alipay, QStringLiteral("ali")));
        QVERIFY(created);
        QVERIFY(bed.install(created->id, alipayItems()));
        const Actor support = bed.f.operatorWith(QStringLiteral("support1"), {Role::Support});
        const Actor finance = bed.f.operatorWith(QStringLiteral("finance1"), {Role::Finance});
        QCOMPARE(bed.accounts.list(support)->size(), 1);
        QCOMPARE(bed.accounts.find(support, created->id)->name, QStringLiteral("ali"));
        auto status = bed.accounts.credentialStatus(support, created->id);
        QVERIFY2(status, qPrintable(status.error().message()));
        QVERIFY(status->complete);
        QCOMPARE(bed.accounts.usage(support, created->id, QDate(2026, 11, 26))->count, 0);

        for (const Actor &actor : {support, finance}) {
            ChannelAccount changed = *created;
            changed.dailyLimit = cny(1);
            QCOMPARE(
                bed.accounts.create(actor, sandboxAccount(ChannelKind::WeChatPay, QStringLiteral("wx"))).error().code(),
                ErrorCode::PermissionDenied);
            QCOMPARE(bed.accounts.update(actor, changed).error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(bed.accounts.setEnabled(actor, created->id, false).error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(bed.accounts.proposeCredentials(actor, created->id, alipayItems()).error().code(),
                     ErrorCode::PermissionDenied);
            QCOMPARE(bed.accounts.testConnection(actor, created->id).error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(bed.accounts.adapterFor(actor, created->id).error().code(), ErrorCode::PermissionDenied);
        }
        QCOMPARE(bed.accounts.list(Actor::anonymous(QStringLiteral("t"))).error().code(), ErrorCode::PermissionDenied);
        // The vault itself still refuses the onboarding role its general permissions.
        QCOMPARE(bed.f.core().vault().names(bed.onboarding).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(bed.accounts.find(bed.onboarding, created->id)->enabled);
        QVERIFY(!bed.accounts.find(bed.onboarding, created->id)->lastTestAt.isValid());

        auto denied = bed.f.core().audit().records(
            bed.f.admin(), {QStringLiteral("support1"), QStringLiteral("permission.denied"), {}, {}}, 0, 20);
        QCOMPARE(denied->size(), 6);
        QVERIFY(denied->first().detail.contains(QStringLiteral("channel.manage")));
    }
};

QTEST_GUILESS_MAIN(TestChannelAccounts)
#include "tst_channelaccounts.moc"
