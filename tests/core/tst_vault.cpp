#include "core/storage/Sql.h"
#include "tests/support/CoreFixture.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

class TestVault : public QObject
{
    Q_OBJECT

private:
    static SecretBytes bytes(const char *text) { return SecretBytes(QByteArray(text)); }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void secretsRoundTripAndNeverRestInClear()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        Vault &vault = f.core().vault();
        QCOMPARE(vault.isInitialized().value(), false);
        QCOMPARE(vault.store(admin, QStringLiteral("wx.apiv3"), bytes("x")).error().code(), ErrorCode::VaultLocked);
        QCOMPARE(vault.initialize(admin, bytes("too short")).error().code(), ErrorCode::PasswordTooShort);
        QVERIFY(vault.initialize(admin, bytes("correct master passphrase")).ok());
        QCOMPARE(vault.initialize(admin, bytes("another master passphrase")).error().code(),
                 ErrorCode::VaultAlreadyInitialized);

        const QByteArray secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-very-secret-private-key-material-4711";
        QVERIFY(vault.store(admin, QStringLiteral("wx.merchant.key"), SecretBytes(secret)).ok());
        QCOMPARE(vault.read(admin, QStringLiteral("wx.merchant.key"))->bytes(), secret);
        QCOMPARE(vault.read(admin, QStringLiteral("nothing")).error().code(), ErrorCode::SecretUnknown);
        QCOMPARE(vault.names(admin).value(), QStringList{QStringLiteral("wx.merchant.key")});

        QByteArray disk = f.testDatabase().storedBytes();
        QVERIFY2(disk.size() > 10000, "the scan must have read the database");
        QVERIFY(!disk.contains(secret));
        QVERIFY(!disk.contains(secret.left(24)));
        QVERIFY(!disk.contains("correct master passphrase"));
        // The audit log names the secret but never holds its value.
        auto records = f.core().audit().records(admin, {}, 0, 100);
        QStringList actions;
        for (const AuditRecord &record : *records) {
            actions << record.action;
            QVERIFY(!record.detail.toUtf8().contains(secret.left(24)));
        }
        QVERIFY(actions.contains(QStringLiteral("vault.write")));
        QVERIFY(actions.contains(QStringLiteral("vault.read")));
        QVERIFY(actions.contains(QStringLiteral("vault.initialize")));
    }

    void wrongPassphraseIsAClearError()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        QVERIFY(f.core().vault().initialize(admin, bytes("correct master passphrase")).ok());
        QVERIFY(f.core().vault().store(admin, QStringLiteral("ali.app.key"), bytes("alipay-private-key")).ok());

        // Another process: starts locked, a wrong passphrase fails clearly, the right one works.
        PaydeskCore other(f.testDatabase().shared(), f.clock(), CoreFixture::fastOptions());
        QVERIFY(!other.vault().isUnlocked());
        QCOMPARE(other.vault().read(admin, QStringLiteral("ali.app.key")).error().code(), ErrorCode::VaultLocked);
        auto wrong = other.vault().unlock(admin, bytes("correct master passphrasE"));
        QCOMPARE(wrong.error().code(), ErrorCode::VaultWrongPassphrase);
        QVERIFY(wrong.error().message().contains(QStringLiteral("Wrong master passphrase")));
        QVERIFY(!other.vault().isUnlocked());
        QVERIFY(other.vault().unlock(admin, bytes("correct master passphrase")).ok());
        QCOMPARE(other.vault().read(admin, QStringLiteral("ali.app.key"))->bytes(), QByteArray("alipay-private-key"));

        // Changing the passphrase keeps the secrets.
        QVERIFY(other.vault()
                    .changePassphrase(admin, bytes("correct master passphrase"), bytes("a brand new passphrase"))
                    .ok());
        PaydeskCore third(f.testDatabase().shared(), f.clock(), CoreFixture::fastOptions());
        QCOMPARE(third.vault().unlock(admin, bytes("correct master passphrase")).error().code(),
                 ErrorCode::VaultWrongPassphrase);
        QVERIFY(third.vault().unlock(admin, bytes("a brand new passphrase")).ok());
        QCOMPARE(third.vault().read(admin, QStringLiteral("ali.app.key"))->bytes(), QByteArray("alipay-private-key"));

        // A ciphertext moved to another name fails its integrity check (the name is bound in).
        QVERIFY(
            Sql::exec(f.core().database().connection().value(),
                      QStringLiteral(
                          "INSERT INTO vault_secret (name, nonce, ciphertext, created_at, updated_at, updated_by) "
                          "SELECT 'copied', nonce, ciphertext, created_at, updated_at, updated_by FROM vault_secret"))
                .ok());
        QCOMPARE(third.vault().read(admin, QStringLiteral("copied")).error().code(),
                 ErrorCode::CryptoAuthenticationFailed);
    }

    void onlyPermittedRolesTouchSecrets()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        QVERIFY(f.core().vault().initialize(admin, bytes("correct master passphrase")).ok());
        QVERIFY(f.core().vault().store(admin, QStringLiteral("up.pfx"), bytes("pfx-bytes")).ok());
        for (Role role : {Role::Finance, Role::Support, Role::Auditor, Role::Approver, Role::Onboarding}) {
            const Actor someone = f.operatorWith(Permissions::roleName(role) + QStringLiteral("-op"), {role});
            QCOMPARE(f.core().vault().read(someone, QStringLiteral("up.pfx")).error().code(),
                     ErrorCode::PermissionDenied);
            QCOMPARE(f.core().vault().store(someone, QStringLiteral("up.pfx"), bytes("evil")).error().code(),
                     ErrorCode::PermissionDenied);
        }
        QCOMPARE(f.core().vault().read(admin, QStringLiteral("up.pfx"))->bytes(), QByteArray("pfx-bytes"));
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
