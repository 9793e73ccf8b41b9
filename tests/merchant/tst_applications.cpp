#include "core/gateway/GatewayAuthenticator.h"
#include "core/gateway/GatewaySignature.h"
#include "core/merchant/ApplicationValidator.h"
#include "core/security/PrivateKey.h"
#include "tests/merchant/OnboardingFixture.h"

#include <QElapsedTimer>

#include <algorithm>

#include <QMessageAuthenticationCode>
#include <QRegularExpression>

using namespace paydesk;
using namespace paydesk::test;

// Applications and their signing keys on SQLite and PostgreSQL: creation and validation, RSA2
// and HMAC-SHA256 verification, secrets that never rest in clear, rotation with an overlap,
// revocation and disabled applications.
class TestApplications : public QObject
{
    Q_OBJECT

private:
    static SecretBytes passphrase() { return SecretBytes(QByteArrayLiteral("correct master passphrase")); }

    // HMAC-SHA256 as a business system computes it (Qt's implementation, not the core's).
    static QByteArray hmac(const QString &secretBase64, const QByteArray &message)
    {
        const QByteArray key = QByteArray::fromBase64(secretBase64.toLatin1());
        return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toBase64();
    }

    static QByteArray rsaSign(const PrivateKey &key, const QByteArray &message)
    {
        return key.signSha256(message).value().toBase64();
    }

    static QByteArray bareBase64(const QByteArray &pem)
    {
        QByteArray body;
        for (const QByteArray &line : pem.split('\n')) {
            if (!line.startsWith("-----"))
                body += line.trimmed();
        }
        return body;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void platformAndMerchantApplications()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        ApplicationDraft draft{
            QStringLiteral("  Platform checkout "),
            {QStringLiteral("alipay.precreate"), QStringLiteral("wechat.native"), QStringLiteral("wechat.native")},
            QStringLiteral("https://pay.example.com/notify"),
            {QStringLiteral("10.8.0.0/16"), QStringLiteral(" 203.0.113.7 "), QString()}};
        auto platform = o.applications.create(o.maker, 0, draft);
        QVERIFY2(platform.ok(), qPrintable(platform.error().message()));
        QVERIFY(platform->isPlatform());
        QVERIFY(QRegularExpression(QStringLiteral("^app[0-9a-f]{16}$")).match(platform->appId).hasMatch());
        QCOMPARE(platform->name, QStringLiteral("Platform checkout"));
        QCOMPARE(platform->methods, (QStringList{QStringLiteral("wechat.native"), QStringLiteral("alipay.precreate")}));
        QCOMPARE(platform->ipAllowlist.entries(),
                 (QStringList{QStringLiteral("10.8.0.0/16"), QStringLiteral("203.0.113.7")}));
        QVERIFY(platform->enabled);
        QCOMPARE(platform->version, 1);

        auto shop = o.applications.create(o.maker, m.id, OnboardingFixture::appDraft(QStringLiteral("Shop")));
        QVERIFY(shop.ok());
        QCOMPARE(shop->merchantId, m.id);
        QCOMPARE(shop->merchantNo, m.merchantNo);
        QVERIFY(shop->appId != platform->appId);
        QVERIFY(shop->ipAllowlist.isEmpty());
        QCOMPARE(o.applications.create(o.maker, 999, OnboardingFixture::appDraft()).error().code(),
                 ErrorCode::MerchantUnknown);

        QCOMPARE(o.applications.findByAppId(o.support, shop->appId)->id, shop->id);
        QCOMPARE(o.applications.find(o.support, platform->id)->appId, platform->appId);
        QCOMPARE(o.applications.findByAppId(o.support, QStringLiteral("app0000000000000000")).error().code(),
                 ErrorCode::ApplicationUnknown);
        ApplicationFilter platformOnly{ApplicationFilter::Scope::Platform, 0, {}};
        QCOMPARE(o.applications.list(o.support, platformOnly, 0, 10)->size(), 1);
        ApplicationFilter ofMerchant{ApplicationFilter::Scope::Merchant, m.id, {}};
        QCOMPARE(o.applications.list(o.support, ofMerchant, 0, 10)->first().id, shop->id);
        ApplicationFilter byText{ApplicationFilter::Scope::Any, 0, QStringLiteral("PLATFORM")};
        QCOMPARE(o.applications.list(o.support, byText, 0, 10)->first().id, platform->id);
        QCOMPARE(o.applications.list(o.support, {}, 0, 10)->size(), 2);
        QCOMPARE(o.applications.list(o.support, {}, shop->id, 10)->first().id, platform->id);

        // Editing needs app.manage and the current version; it is audited with before/after.
        ApplicationDraft changed = shop->draft();
        changed.notifyUrl = QStringLiteral("https://shop.example.com/v2/notify");
        QCOMPARE(o.applications.update(o.support, shop->id, shop->version, changed).error().code(),
                 ErrorCode::PermissionDenied);
        auto edited = o.applications.update(o.maker, shop->id, shop->version, changed);
        QVERIFY(edited.ok());
        QCOMPARE(edited->notifyUrl, changed.notifyUrl);
        QCOMPARE(edited->version, 2);
        QCOMPARE(o.applications.update(o.maker, shop->id, shop->version, changed).error().code(),
                 ErrorCode::MerchantChangedMeanwhile);
        auto records =
            f.core().audit().records(f.admin(), AuditFilter{{}, QStringLiteral("application"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 3);
        QCOMPARE(records->first().action, QStringLiteral("application.edit"));
        QVERIFY(records->first().detail.contains(QStringLiteral("v2/notify")));
        QCOMPARE(records->first().object, QStringLiteral("application:") + shop->appId);
    }

    void fieldsAreValidated()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        auto refuse = [&](ApplicationDraft draft, const char *field) {
            auto refused = o.applications.create(o.maker, 0, draft);
            if (refused.ok())
                return QStringLiteral("accepted");
            if (refused.error().code() != ErrorCode::ApplicationFieldInvalid)
                return QStringLiteral("wrong code ") + refused.error().message();
            if (!refused.error().detail().startsWith(QLatin1String(field) + QStringLiteral(": ")))
                return QStringLiteral("wrong field ") + refused.error().detail();
            return QString();
        };
        ApplicationDraft d = OnboardingFixture::appDraft();
        d.name = QStringLiteral("  ");
        QCOMPARE(refuse(d, "name"), QString());
        d = OnboardingFixture::appDraft();
        d.methods = {QStringLiteral("wechat.native"), QStringLiteral("paypal.express")};
        QCOMPARE(refuse(d, "methods"), QString());
        d.methods = {};
        QCOMPARE(refuse(d, "methods"), QString());
        d = OnboardingFixture::appDraft();
        for (const char *url :
             {"http://shop.example.com/notify", "ftp://127.0.0.1/x", "https://user:pw@shop.example.com/n",
              "https://shop.example.com/n#frag", "shop.example.com/notify", "http://127.0.0.1.example.com/n"}) {
            d.notifyUrl = QLatin1String(url);
            QCOMPARE(refuse(d, "notify_url"), QString());
        }
        for (const char *entry : {"10.0.0.256", "10.1.2.3/8", "10.0.0.0/33", "2001:db8::/129", "10.1", "fe80::1%eth0",
                                  "10.0.0.0/", "localhost"}) {
            d = OnboardingFixture::appDraft();
            d.ipAllowlist = {QLatin1String(entry)};
            QCOMPARE(refuse(d, "ip_allowlist"), QString());
        }
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM application")), qint64(0));

        // Plain http and loopback hosts only with development endpoints on (issue 16: notify URLs
        // must not reach the platform's own network).
        for (const char *url : {"http://127.0.0.1:8080/cb", "http://localhost/cb", "http://[::1]:9000/cb"}) {
            QVERIFY2(ApplicationValidator::notifyUrl(QLatin1String(url), true).ok(), url);
            QVERIFY2(!ApplicationValidator::notifyUrl(QLatin1String(url), false).ok(), url);
        }
        for (const char *url : {"https://shop.example.com/notify", ""})
            QVERIFY2(ApplicationValidator::notifyUrl(QLatin1String(url), false).ok(), url);
        auto hostBits = IpAllowlist::parse(QStringList{QStringLiteral("10.1.2.3/8")});
        QVERIFY(hostBits.error().detail().contains(QStringLiteral("10.0.0.0/8")));
    }

    void allowlistMatching()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend);
        auto list = IpAllowlist::parse(QStringLiteral("10.8.0.0/16, 203.0.113.7\n2001:db8::/32;192.0.2.0/31"));
        QVERIFY2(list.ok(), qPrintable(list.error().message()));
        QCOMPARE(list->entries().size(), 4);
        const struct
        {
            const char *address;
            bool allowed;
        } cases[] = {
            {"10.8.0.1", true},         {"10.8.255.255", true},     {"10.9.0.1", false},
            {"10.7.255.255", false},    {"203.0.113.7", true},      {"203.0.113.8", false},
            {"192.0.2.0", true},        {"192.0.2.1", true},        {"192.0.2.2", false},
            {"::ffff:10.8.1.1", true},  {"::ffff:10.9.1.1", false}, {"2001:db8::1", true},
            {"2001:db8:ffff::9", true}, {"2001:db9::1", false},     {"::1", false},
            {"127.0.0.1", false},
        };
        for (const auto &c : cases)
            QVERIFY2(list->allows(QHostAddress(QLatin1String(c.address))) == c.allowed, c.address);
        QVERIFY(IpAllowlist().allows(QHostAddress(QStringLiteral("198.51.100.1"))));
        QVERIFY(IpAllowlist::parse(QStringLiteral("0.0.0.0/0"))->allows(QHostAddress(QStringLiteral("198.51.100.1"))));
        Application app;
        app.ipAllowlist = *list;
        QVERIFY(app.allows(QHostAddress(QStringLiteral("10.8.3.4"))));
        QVERIFY(!app.allows(QHostAddress(QStringLiteral("10.80.3.4"))));
    }

    void rsa2Verification()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        auto app = o.applications.create(o.maker, 0, OnboardingFixture::appDraft());
        const PrivateKey key = PrivateKey::generateRsa(2048).value();
        const QByteArray pem = key.publicKey().toPem();
        auto added = o.applications.addRsaKey(o.maker, app->id, pem);
        QVERIFY2(added.ok(), qPrintable(added.error().message()));
        QCOMPARE(added->type, SignType::Rsa2);
        QCOMPARE(added->fingerprint.size(), 64);
        QVERIFY(added->secretName.isEmpty());
        QCOMPARE(added->validFrom, f.clock().nowUtc());
        QVERIFY(!added->validUntil.isValid());

        const QByteArray content = "app_id=" + app->appId.toLatin1() + "&out_trade_no=ORD-1&total_amount=12.30";
        const QDateTime now = f.clock().nowUtc();
        QVERIFY(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, rsaSign(key, content), now).ok());
        auto tampered =
            o.applications.verify(o.maker, app->appId, SignType::Rsa2, content + "0", rsaSign(key, content), now);
        QCOMPARE(tampered.error().code(), ErrorCode::ApplicationSignatureInvalid);
        const PrivateKey stranger = PrivateKey::generateRsa(2048).value();
        QCOMPARE(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, rsaSign(stranger, content), now)
                     .error()
                     .code(),
                 ErrorCode::ApplicationSignatureInvalid);
        QCOMPARE(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, "not base64!", now).error().code(),
                 ErrorCode::ApplicationSignatureInvalid);
        // Before the key existed, and for a kind the application has no key of.
        QCOMPARE(
            o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, rsaSign(key, content), now.addSecs(-1))
                .error()
                .code(),
            ErrorCode::ApplicationSignatureInvalid);
        QCOMPARE(o.applications.verify(o.maker, app->appId, SignType::HmacSha256, content, rsaSign(key, content), now)
                     .error()
                     .code(),
                 ErrorCode::ApplicationSignatureInvalid);
        QCOMPARE(o.applications
                     .verify(o.maker, QStringLiteral("app0123456789abcdef"), SignType::Rsa2, content,
                             rsaSign(key, content), now)
                     .error()
                     .code(),
                 ErrorCode::ApplicationUnknown);
        // Only app.manage verifies; the gateway daemon acts as a system actor holding it.
        QCOMPARE(o.applications.verify(o.support, app->appId, SignType::Rsa2, content, rsaSign(key, content), now)
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
        const Actor gateway =
            Actor::system(QStringLiteral("gateway"), {Permission::AppManage}, QStringLiteral("paydeskd"));
        QVERIFY(o.applications.verify(gateway, app->appId, SignType::Rsa2, content, rsaSign(key, content), now).ok());

        // Keys the core refuses: the same key twice, short keys, private keys, not a key.
        QCOMPARE(o.applications.addRsaKey(o.maker, app->id, pem).error().code(), ErrorCode::ApplicationKeyInvalid);
        const PrivateKey small = PrivateKey::generateRsa(1024).value();
        auto tooShort = o.applications.addRsaKey(o.maker, app->id, small.publicKey().toPem());
        QCOMPARE(tooShort.error().code(), ErrorCode::ApplicationKeyInvalid);
        QVERIFY(tooShort.error().detail().contains(QStringLiteral("1024")));
        QCOMPARE(o.applications.addRsaKey(o.maker, app->id, key.toPem()).error().code(),
                 ErrorCode::ApplicationKeyInvalid);
        QCOMPARE(
            o.applications.addRsaKey(o.maker, app->id, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA").error().code(),
            ErrorCode::ApplicationKeyInvalid);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM application_key")), qint64(1));

        // The bare Base64 form (as Alipay's console shows it) of a new key rotates the first.
        const PrivateKey next = PrivateKey::generateRsa(2048).value();
        auto bare = o.applications.addRsaKey(o.maker, app->id, bareBase64(next.publicKey().toPem()));
        QVERIFY2(bare.ok(), qPrintable(bare.error().message()));
        QVERIFY(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, rsaSign(next, content), now).ok());
        QVERIFY(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, rsaSign(key, content), now).ok());
    }

    // The gateway answers an unknown app id after the same work as a known one whose signature
    // fails (a verification with a key of the same kind), so its timing does not tell which app
    // ids exist. Medians of interleaved calls; without the decoy check the unknown app is
    // answered in a small fraction of the time.
    void unknownApplicationsCostAVerification()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        auto app = o.applications.create(o.maker, 0, OnboardingFixture::appDraft());
        QVERIFY(app.ok());
        const PrivateKey key = PrivateKey::generateRsa(2048).value();
        QVERIFY(o.applications.addRsaKey(o.maker, app->id, key.publicKey().toPem()).ok());
        const PrivateKey stranger = PrivateKey::generateRsa(2048).value();
        const Actor gateway = Actor::system(
            QStringLiteral("gateway"), {Permission::AppManage, Permission::MerchantView}, QStringLiteral("paydeskd"));
        GatewayAuthenticator authenticator(f.core().database(), f.clock(), o.applications, gateway);

        auto request = [&](const QString &appId) {
            GatewayRequest r;
            r.path = "/api/v1/orders/query";
            r.body = R"({"merchant_order_no":"T-1"})";
            const QByteArray timestamp = QByteArray::number(f.clock().nowUtc().toSecsSinceEpoch());
            const QByteArray nonce = "nonce-0123456789";
            r.headers.insert(GatewaySignature::kAppIdHeader, appId.toLatin1());
            r.headers.insert(GatewaySignature::kTimestampHeader, timestamp);
            r.headers.insert(GatewaySignature::kNonceHeader, nonce);
            r.headers.insert(GatewaySignature::kSignTypeHeader, "RSA2");
            const QByteArray content = GatewaySignature::content(r.method, r.path, timestamp, nonce, r.body);
            r.headers.insert(GatewaySignature::kSignatureHeader, rsaSign(stranger, content));
            return r;
        };
        const GatewayRequest known = request(app->appId);
        const GatewayRequest unknown = request(QStringLiteral("app0123456789abcdef"));
        auto timeOne = [&](const GatewayRequest &r) {
            QElapsedTimer timer;
            timer.start();
            auto verified = authenticator.verify(r);
            const qint64 ns = timer.nsecsElapsed();
            if (verified.ok() || verified.error().code() != ErrorCode::ApplicationSignatureInvalid) {
                qWarning("%s", qPrintable(verified.ok() ? QStringLiteral("verified") : verified.error().message()));
                return qint64(-1);
            }
            return ns;
        };
        QList<qint64> knownNs, unknownNs;
        for (int i = 0; i < 201; ++i) {
            knownNs << timeOne(known);
            unknownNs << timeOne(unknown);
        }
        QVERIFY(!knownNs.contains(-1) && !unknownNs.contains(-1));
        std::sort(knownNs.begin(), knownNs.end());
        std::sort(unknownNs.begin(), unknownNs.end());
        const double ratio = double(unknownNs.at(100)) / double(knownNs.at(100));
        qInfo("median: known app, wrong signature %lld ns; unknown app %lld ns; ratio %.2f", knownNs.at(100),
              unknownNs.at(100), ratio);
        QVERIFY2(ratio > 0.6 && ratio < 1.7, qPrintable(QString::number(ratio)));
    }

    void hmacSecretIsShownOnceAndNeverStoredInClear()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        auto app = o.applications.create(o.maker, 0, OnboardingFixture::appDraft());
        QCOMPARE(o.applications.generateHmacKey(o.maker, app->id).error().code(), ErrorCode::VaultLocked);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM application_key")), qint64(0));
        QVERIFY(f.core().vault().initialize(f.admin(), passphrase()).ok());

        auto generated = o.applications.generateHmacKey(o.maker, app->id);
        QVERIFY2(generated.ok(), qPrintable(generated.error().message()));
        const QString secretText = generated->secretBase64;
        const QByteArray secret = QByteArray::fromBase64(secretText.toLatin1());
        QCOMPARE(secret.size(), 32);
        QCOMPARE(secretText.size(), 44);
        QCOMPARE(generated->key.type, SignType::HmacSha256);
        QCOMPARE(generated->key.secretName, QStringLiteral("app/%1/hmac/%2").arg(app->appId).arg(generated->key.id));
        QCOMPARE(generated->key.fingerprint,
                 QString::fromLatin1(QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex()));
        QVERIFY(generated->key.publicKeyPem.isEmpty());
        // A second key is a different secret.
        auto second = o.applications.generateHmacKey(o.maker, app->id, 0);
        QVERIFY(second->secretBase64 != secretText);

        const QByteArray content = "amount=100&app_id=" + app->appId.toLatin1() + "&nonce=abc";
        const QDateTime now = f.clock().nowUtc();
        const Actor gateway =
            Actor::system(QStringLiteral("gateway"), {Permission::AppManage}, QStringLiteral("paydeskd"));
        QVERIFY(
            o.applications
                .verify(gateway, app->appId, SignType::HmacSha256, content, hmac(second->secretBase64, content), now)
                .ok());
        auto wrong = o.applications.verify(gateway, app->appId, SignType::HmacSha256, content + "&x=1",
                                           hmac(second->secretBase64, content), now);
        QCOMPARE(wrong.error().code(), ErrorCode::ApplicationSignatureInvalid);
        QCOMPARE(
            o.applications.verify(gateway, app->appId, SignType::HmacSha256, content, hmac(secretText, content), now)
                .error()
                .code(),
            ErrorCode::ApplicationSignatureInvalid); // overlap 0: the first key ended when the second came
        QCOMPARE(o.applications.verify(gateway, app->appId, SignType::HmacSha256, content, QByteArray(44, 'A'), now)
                     .error()
                     .code(),
                 ErrorCode::ApplicationSignatureInvalid);

        // Listing keys never shows a secret; neither does the database, the WAL or the audit log.
        const QList<ApplicationKey> keys = o.applications.keys(o.support, app->id).value();
        QCOMPARE(keys.size(), 2);
        for (const ApplicationKey &key : keys) {
            QVERIFY(!key.secretName.contains(secretText));
            QVERIFY(!key.fingerprint.contains(secretText));
        }
        const QByteArray disk = o.core.testDatabase().storedBytes();
        QVERIFY2(disk.size() > 10000, "the scan must have read the database");
        QVERIFY(disk.contains(app->appId.toLatin1())); // the scan does see the application's rows
        for (const QString &text : {secretText, second->secretBase64}) {
            const QByteArray raw = QByteArray::fromBase64(text.toLatin1());
            QVERIFY(!disk.contains(raw));
            QVERIFY(!disk.contains(raw.left(16)));
            QVERIFY(!disk.contains(text.toLatin1()));
            QVERIFY(!disk.contains(raw.toHex()));
        }
        auto records = f.core().audit().records(f.admin(), {}, 0, 1000);
        QStringList actions;
        for (const AuditRecord &record : *records) {
            actions << record.action;
            QVERIFY(!record.detail.contains(secretText));
            QVERIFY(!record.detail.contains(QString::fromLatin1(secret.toHex())));
        }
        QVERIFY(actions.contains(QStringLiteral("application.key.add")));
        QVERIFY(actions.contains(QStringLiteral("vault.write")));
        QVERIFY(actions.contains(QStringLiteral("vault.read")));
    }

    void rotationKeepsTheOldKeyForTheOverlap()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        QVERIFY(f.core().vault().initialize(f.admin(), passphrase()).ok());
        auto app = o.applications.create(o.maker, 0, OnboardingFixture::appDraft());
        const QDateTime start = f.clock().nowUtc();
        auto old = o.applications.generateHmacKey(o.maker, app->id);
        QVERIFY(old.ok());
        const QByteArray content = "out_trade_no=ORD-42";
        const QByteArray oldSignature = hmac(old->secretBase64, content);

        QCOMPARE(o.applications.generateHmacKey(o.maker, app->id, 31 * 24 * 3600).error().code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(o.applications.generateHmacKey(o.maker, app->id, -1).error().code(), ErrorCode::InvalidArgument);
        f.clock().advanceSeconds(3600);
        auto fresh = o.applications.generateHmacKey(o.maker, app->id, 2 * 3600);
        QVERIFY(fresh.ok());
        const QDateTime until = start.addSecs(3 * 3600);
        auto keys = o.applications.keys(o.maker, app->id);
        QCOMPARE(keys->size(), 2);
        QCOMPARE(keys->at(1).id, old->key.id);
        QCOMPARE(keys->at(1).validUntil, until);
        QVERIFY(!keys->at(0).validUntil.isValid());
        auto rotation =
            f.core().audit().records(f.admin(), AuditFilter{{}, QStringLiteral("application.key.add"), {}, {}}, 0, 1);
        QVERIFY(rotation->first().detail.contains(QStringLiteral("\"ended_keys\":\"%1\"").arg(old->key.id)));

        const Actor gateway =
            Actor::system(QStringLiteral("gateway"), {Permission::AppManage}, QStringLiteral("paydeskd"));
        auto verifyOld = [&]() {
            return o.applications.verify(gateway, app->appId, SignType::HmacSha256, content, oldSignature,
                                         f.clock().nowUtc());
        };
        QVERIFY(verifyOld().ok());
        f.clock().set(until.addMSecs(-1));
        QVERIFY(verifyOld().ok());
        f.clock().set(until);
        QCOMPARE(verifyOld().error().code(), ErrorCode::ApplicationSignatureInvalid);
        QVERIFY(o.applications
                    .verify(gateway, app->appId, SignType::HmacSha256, content, hmac(fresh->secretBase64, content),
                            f.clock().nowUtc())
                    .ok());
        // Verification at an earlier instant uses the keys valid then.
        QVERIFY(
            o.applications.verify(gateway, app->appId, SignType::HmacSha256, content, oldSignature, start.addSecs(60))
                .ok());

        // A later rotation never lengthens a key that already ends sooner.
        f.clock().set(until.addSecs(60));
        auto third = o.applications.generateHmacKey(o.maker, app->id, 24 * 3600);
        QVERIFY(third.ok());
        keys = o.applications.keys(o.maker, app->id);
        QCOMPARE(keys->at(2).validUntil, until);
        QCOMPARE(keys->at(1).validUntil, until.addSecs(60 + 24 * 3600));
    }

    void revokedKeysAndDisabledApplicationsNeverVerify()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        auto app = o.applications.create(o.maker, 0, OnboardingFixture::appDraft());
        const PrivateKey key = PrivateKey::generateRsa(2048).value();
        auto added = o.applications.addRsaKey(o.maker, app->id, key.publicKey().toPem());
        const QByteArray content = "refund_no=R-1";
        const QByteArray signature = rsaSign(key, content);
        QVERIFY(
            o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, signature, f.clock().nowUtc()).ok());

        auto disabled = o.applications.setEnabled(o.maker, app->id, app->version, false);
        QVERIFY(disabled.ok());
        QVERIFY(!disabled->enabled);
        auto refused =
            o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, signature, f.clock().nowUtc());
        QCOMPARE(refused.error().code(), ErrorCode::ApplicationSignatureInvalid);
        QVERIFY(refused.error().detail().contains(QStringLiteral("disabled")));
        QCOMPARE(o.applications.setEnabled(o.maker, app->id, app->version, true).error().code(),
                 ErrorCode::MerchantChangedMeanwhile);
        QVERIFY(o.applications.setEnabled(o.maker, app->id, disabled->version, true).ok());
        QVERIFY(
            o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, signature, f.clock().nowUtc()).ok());

        f.clock().advanceSeconds(10);
        QCOMPARE(o.applications.revokeKey(o.support, added->id).error().code(), ErrorCode::PermissionDenied);
        auto revoked = o.applications.revokeKey(o.maker, added->id);
        QVERIFY(revoked.ok());
        QCOMPARE(revoked->validUntil, f.clock().nowUtc());
        QCOMPARE(o.applications.verify(o.maker, app->appId, SignType::Rsa2, content, signature, f.clock().nowUtc())
                     .error()
                     .code(),
                 ErrorCode::ApplicationSignatureInvalid);
        // Requests signed before the revocation still check out at their own instant.
        QVERIFY(o.applications
                    .verify(o.maker, app->appId, SignType::Rsa2, content, signature, f.clock().nowUtc().addSecs(-5))
                    .ok());
        auto records =
            f.core().audit().records(f.admin(), AuditFilter{{}, QStringLiteral("application"), {}, {}}, 0, 20);
        QStringList actions;
        for (const AuditRecord &record : *records)
            actions << record.action;
        QCOMPARE(actions, (QStringList{QStringLiteral("application.key.revoke"), QStringLiteral("application.enable"),
                                       QStringLiteral("application.disable"), QStringLiteral("application.key.add"),
                                       QStringLiteral("application.create")}));
    }
};

QTEST_GUILESS_MAIN(TestApplications)
#include "tst_applications.moc"
