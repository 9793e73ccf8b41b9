#include "core/security/Crypto.h"
#include "core/security/PasswordHasher.h"
#include "core/security/Permission.h"
#include "core/security/PrivateKey.h"

#include <QElapsedTimer>
#include <QTest>

using namespace paydesk;

class TestCrypto : public QObject
{
    Q_OBJECT

private slots:
    void aesGcmRoundTripAndTamper()
    {
        for (int keyLength : {16, 32}) {
            const QByteArray key = Crypto::randomBytes(keyLength);
            const QByteArray nonce = Crypto::randomBytes(12);
            auto sealed = Crypto::aesGcmEncrypt(key, nonce, "secret payload", "context");
            QVERIFY(sealed.ok());
            QCOMPARE(sealed->size(), 14 + 16);
            QCOMPARE(Crypto::aesGcmDecrypt(key, nonce, *sealed, "context").value(), QByteArray("secret payload"));
            QByteArray flipped = *sealed;
            flipped[3] = char(flipped[3] ^ 1);
            QCOMPARE(Crypto::aesGcmDecrypt(key, nonce, flipped, "context").error().code(),
                     ErrorCode::CryptoAuthenticationFailed);
            QCOMPARE(Crypto::aesGcmDecrypt(key, nonce, *sealed, "other").error().code(),
                     ErrorCode::CryptoAuthenticationFailed);
            QCOMPARE(Crypto::aesGcmDecrypt(Crypto::randomBytes(keyLength), nonce, *sealed, "context").error().code(),
                     ErrorCode::CryptoAuthenticationFailed);
        }
        QCOMPARE(Crypto::aesGcmEncrypt(QByteArray(24, 'k'), QByteArray(12, 'n'), "x", {}).error().code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(Crypto::aesGcmDecrypt(QByteArray(32, 'k'), QByteArray(12, 'n'), "short", {}).error().code(),
                 ErrorCode::CryptoAuthenticationFailed);
    }

    void knownAnswers()
    {
        // NIST SP 800-38D test case 13 (AES-256, zero key, zero IV, empty plaintext): tag only.
        auto tag = Crypto::aesGcmEncrypt(QByteArray(32, '\0'), QByteArray(12, '\0'), QByteArray(), QByteArray());
        QCOMPARE(tag->toHex(), QByteArray("530f8afbc74536b9a963b4f1c4cb738b"));
        // NIST test case 14: one zero block.
        auto block =
            Crypto::aesGcmEncrypt(QByteArray(32, '\0'), QByteArray(12, '\0'), QByteArray(16, '\0'), QByteArray());
        QCOMPARE(block->toHex(), QByteArray("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"));
        QCOMPARE(Crypto::sha256("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        // RFC 7914 §12, second vector: scrypt("password", "NaCl", N=1024, r=8, p=16, 64).
        auto derived = Crypto::scrypt("password", "NaCl", Crypto::ScryptParameters{10, 8, 16}, 64);
        QVERIFY(derived.ok());
        QCOMPARE(derived->bytes().toHex(),
                 QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d"
                            "9830dac727afb94a83ee6d8360cbdfa2cc0640"));
    }

    void passwordHashes()
    {
        const PasswordHasher fast(Crypto::ScryptParameters{10, 8, 1});
        auto hash = fast.hash(QStringLiteral("Correct-Horse-Battery"));
        QVERIFY(hash.ok());
        QVERIFY(hash->startsWith(QStringLiteral("$scrypt$ln=10,r=8,p=1$")));
        QVERIFY(fast.verify(QStringLiteral("Correct-Horse-Battery"), *hash));
        QVERIFY(!fast.verify(QStringLiteral("correct-horse-battery"), *hash));
        QVERIFY(fast.hash(QStringLiteral("Correct-Horse-Battery")).value() != *hash); // salted
        // A verifier with other defaults still reads the stored parameters.
        QVERIFY(PasswordHasher().verify(QStringLiteral("Correct-Horse-Battery"), *hash));
        for (const char *bad :
             {"", "plain", "$scrypt$ln=10$x$y", "$bcrypt$ln=10,r=8,p=1$AAAA$AAAA", "$scrypt$ln=x,r=8,p=1$AAAA$AAAA"})
            QVERIFY(!fast.verify(QStringLiteral("x"), QString::fromLatin1(bad)));
    }

    void productionParametersAreMemoryHard()
    {
        const PasswordHasher production;
        QCOMPARE(production.parameters().log2N, 15);
        QCOMPARE(production.parameters().r, 8);
        QElapsedTimer timer;
        timer.start();
        auto hash = production.hash(QStringLiteral("Correct-Horse-Battery"));
        QVERIFY(hash->startsWith(QStringLiteral("$scrypt$ln=15,r=8,p=1$")));
        QVERIFY(production.verify(QStringLiteral("Correct-Horse-Battery"), *hash));
        QVERIFY2(timer.elapsed() > 20, "scrypt with N=2^15, r=8 takes tens of milliseconds");
    }

    void publicHalfIsDerivedOnceAndVerifies()
    {
        auto key = PrivateKey::generateRsa(2048);
        QVERIFY(key);
        const PrivateKey copy = *key;
        const PublicKey first = key->publicKey();
        QVERIFY(first.isValid());
        // Copies share the one derived public key (OpenSSL 3 derives it slowly).
        QCOMPARE(copy.publicKey().handle(), first.handle());
        QCOMPARE(key->publicKey().handle(), first.handle());
        const QByteArray message("out_trade_no=P1&total_amount=0.01");
        auto signature = copy.signSha256(message);
        QVERIFY(signature);
        QVERIFY(first.verifySha256(message, *signature));
        QVERIFY(!first.verifySha256(message + "0", *signature));
        // Another key's public half is its own.
        auto other = PrivateKey::generateRsa(2048);
        QVERIFY(other);
        QVERIFY(other->publicKey().handle() != first.handle());
        QVERIFY(!other->publicKey().verifySha256(message, *signature));
        QVERIFY(!PrivateKey().publicKey().isValid());
    }

    void roleMatrix()
    {
        using P = Permission;
        QVERIFY(Permissions::grantedTo(Role::Admin).contains(P::OperatorManage));
        QVERIFY(!Permissions::grantedTo(Role::Admin).contains(P::LedgerPost));
        QVERIFY(Permissions::grantedTo(Role::Finance).contains(P::LedgerPost));
        QVERIFY(!Permissions::grantedTo(Role::Finance).contains(P::OperatorManage));
        QVERIFY(!Permissions::grantedTo(Role::Finance).contains(P::AuditView));
        QVERIFY(Permissions::grantedTo(Role::Auditor).contains(P::AuditVerify));
        QVERIFY(!Permissions::grantedTo(Role::Auditor).contains(P::LedgerPost));
        QVERIFY(Permissions::grantedTo(Role::Approver).contains(P::SettlementApprove));
        // Support looks things up, with personal data masked, and changes nothing.
        QCOMPARE(Permissions::grantedTo(Role::Support),
                 (QSet<P>{P::MerchantView, P::ChannelView, P::PaymentView, P::PaymentOperate, P::RefundRequest}));
        QVERIFY(Permissions::grantedTo(Role::Onboarding).contains(P::MerchantReview));
        QVERIFY(!Permissions::grantedTo(Role::Onboarding).contains(P::LedgerPost));
        QVERIFY(!Permissions::grantedTo(Role::Auditor).contains(P::MerchantEdit));
        // Reconciliation: finance runs and proposes, the approver approves, the auditor reads.
        const QList<P> recon{P::ReconcileRun, P::ReconcileView, P::ReconcileResolve, P::ReconcileApprove};
        const QHash<Role, QSet<P>> reconGrants{
            {Role::Admin, {P::ReconcileRun, P::ReconcileView, P::ReconcileResolve, P::ReconcileApprove}},
            {Role::Finance, {P::ReconcileRun, P::ReconcileView, P::ReconcileResolve}},
            {Role::Approver, {P::ReconcileView, P::ReconcileApprove}},
            {Role::Auditor, {P::ReconcileView}},
            {Role::Support, {}},
            {Role::Onboarding, {}}};
        for (Role role : Permissions::allRoles()) {
            for (P permission : recon)
                QCOMPARE(Permissions::grantedTo(role).contains(permission),
                         reconGrants.value(role).contains(permission));
        }
        for (Role role : Permissions::allRoles()) {
            Role parsed;
            QVERIFY(Permissions::roleFromName(Permissions::roleName(role), &parsed));
            QCOMPARE(parsed, role);
        }
        for (Permission permission : Permissions::all())
            QVERIFY(Permissions::name(permission).contains(QLatin1Char('.')));
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
