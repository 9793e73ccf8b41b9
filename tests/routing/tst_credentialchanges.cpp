#include "core/channel/ChannelCredentials.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/security/Vault.h"
#include "sandbox/SandboxKeys.h"
#include "tests/routing/RoutingTestSupport.h"
#include "tests/support/CredentialSupport.h"
#include "tests/support/WeChatCallbacks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>

using namespace paydesk;
using namespace paydesk::test;

namespace {
using Items = QMap<QString, SecretBytes>;
const QByteArray kPassphrase = "credential changes master passphrase";
const QString kMchId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId);

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray pemLine(const QByteArray &pem)
{
    return pem.split('\n').value(1).trimmed();
}

// One test's core on one backend: the vault unlocked, an onboarding operator who proposes
// (channel.manage), two administrators who may approve (channel.approve), and two WeChat Pay
// accounts on the same channel merchant id (they share credentials).
struct Bed
{
    explicit Bed(const QString &backend) : f(backend)
    {
        if (!f.isOpen() || !f.core().vault().initialize(f.admin(), SecretBytes(kPassphrase)))
            return;
        admin = f.admin();
        onboarding = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        secondAdmin = f.operatorWith(QStringLiteral("adam"), {Role::Admin});
        ChannelAccount account = sampleAccount(ChannelKind::WeChatPay, QStringLiteral("wx_shared01"), kMchId);
        wx = accounts().create(onboarding, account).value_or({}).id;
        account.name = QStringLiteral("wx_sp_M1002");
        account.subMerchantId = QStringLiteral("1900000202");
        sub = accounts().create(onboarding, account).value_or({}).id;
    }
    bool ready() const { return onboarding.isValid() && secondAdmin.isValid() && wx > 0 && sub > 0; }
    ChannelAccountService &accounts() { return f.core().channelAccounts(); }
    CredentialChanges &changes() { return accounts().credentialChanges(); }
    ChannelAccount account(qint64 id) { return accounts().find(admin, id).value_or({}); }
    QSqlDatabase db() { return f.core().database().connection().value(); }
    int secrets() { return Sql::scalar(db(), QStringLiteral("SELECT count(*) FROM vault_secret"))->toInt(); }
    QList<AuditRecord> credentialRecords()
    {
        return f.core()
            .audit()
            .records(admin, {QString(), QStringLiteral("channel_account.credentials"), {}, {}}, 0, 100)
            .value();
    }

    CoreFixture f;
    Actor admin;
    Actor onboarding;
    Actor secondAdmin;
    qint64 wx = 0;
    qint64 sub = 0;
};
} // namespace

// Maker-checker on channel trust material in the core, on SQLite and PostgreSQL: one operator
// proposes, the material waits sealed, another operator approves (never the maker, exactly one
// of two at once), rejection, withdrawal and expiry discard it, every step is audited with
// fingerprints and never the material, and an approval takes effect at once.
class TestCredentialChanges : public QObject
{
    Q_OBJECT

    QTemporaryDir m_state;
    sandbox::SandboxKeys m_keys;
    sandbox::IssuedCertificate m_attacker; // the issue's operator's own "platform certificate"
    QByteArray m_attackerApiV3Key = "attackerattackerattackerattacker";

    Items genuine() const
    {
        return {
            {QStringLiteral("merchant_key"), SecretBytes(m_keys.weChatMerchant.key.toPem())},
            {QStringLiteral("merchant_serial"), SecretBytes(m_keys.weChatMerchant.certificate.serialHex().toLatin1())},
            {QStringLiteral("apiv3_key"), SecretBytes(m_keys.weChatApiV3Key)},
            {QStringLiteral("platform_certificates"), SecretBytes(m_keys.weChatPlatform.certificate.toPem())}};
    }
    Items attackers() const
    {
        return {{QStringLiteral("platform_certificates"), SecretBytes(m_attacker.certificate.toPem())},
                {QStringLiteral("apiv3_key"), SecretBytes(m_attackerApiV3Key)}};
    }
    // Everything that must never appear in the database in clear, nor in an audit record.
    QList<QByteArray> material() const
    {
        return {m_keys.weChatApiV3Key,
                m_attackerApiV3Key,
                pemLine(m_keys.weChatMerchant.key.toPem()),
                pemLine(m_keys.weChatPlatform.certificate.toPem()),
                pemLine(m_attacker.certificate.toPem()),
                pemLine(m_attacker.key.toPem())};
    }
    CallbackRequest forged(const QDateTime &at) const
    {
        return weChatPaymentCallback(kMchId, QStringLiteral("P2026FORGED0001"), 100000, m_attackerApiV3Key,
                                     m_attacker.key, m_attacker.certificate.serialHex(), at);
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        auto keys = sandbox::SandboxKeys::loadOrCreate(m_state.path());
        QVERIFY2(keys, qPrintable(keys ? QString() : keys.error().message()));
        m_keys = *keys;
        auto authority = sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Not Tenpay"), 30);
        QVERIFY(authority);
        auto attacker = sandbox::CertificateIssuer::issue(*authority, QStringLiteral("Tenpay.com Root CA"), 30, 0x5EED);
        QVERIFY(attacker);
        m_attacker = *attacker;
    }

    void aProposalWaitsForASecondOperator()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const int versionBefore = bed.account(bed.wx).version;

        // Proposed by onboarding: nothing in the vault, nothing the adapters could use.
        auto proposed = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, genuine());
        QVERIFY2(proposed, qPrintable(proposed ? QString() : proposed.error().message()));
        QVERIFY(proposed->isPending());
        QVERIFY(proposed->id > 0);
        QCOMPARE(proposed->proposedBy, QStringLiteral("olivia"));
        QCOMPARE(proposed->expiresAt, bed.f.clock().nowUtc().addSecs(72 * 3600));
        QCOMPARE(bed.secrets(), 0);
        QVERIFY(!bed.accounts().credentialStatus(bed.onboarding, bed.wx)->complete);
        QCOMPARE(bed.account(bed.wx).version, versionBefore);
        QVERIFY(!bed.account(bed.wx).trustChangedAt.isValid());
        QCOMPARE(bed.accounts().adapterFor(bed.onboarding, bed.wx).error().code(), ErrorCode::SecretUnknown);

        // The waiting material is sealed: not in clear in its row.
        const QByteArray sealed =
            Sql::scalar(bed.db(), QStringLiteral("SELECT sealed FROM channel_credential_change WHERE id = ?"),
                        {proposed->id})
                ->toByteArray();
        QVERIFY(sealed.size() > 1000);
        for (const QByteArray &secret : material())
            QVERIFY(!sealed.contains(secret));

        // Anyone with channel.view sees it with fingerprints, also from the account sharing the credentials.
        const Actor support = bed.f.operatorWith(QStringLiteral("sam"), {Role::Support});
        auto listed = bed.changes().list(support, bed.sub);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        const CredentialChange change = listed->first();
        QCOMPARE(change.accountName, QStringLiteral("wx_shared01"));
        QCOMPARE(change.items.size(), 4);
        const QJsonObject certificate = change.fingerprints.value(QStringLiteral("platform_certificates"))
                                            .toObject()
                                            .value(QStringLiteral("new"))
                                            .toObject()
                                            .value(QStringLiteral("certificates"))
                                            .toArray()
                                            .first()
                                            .toObject();
        QCOMPARE(certificate.value(QStringLiteral("sha256")).toString(),
                 hex(Crypto::sha256(m_keys.weChatPlatform.certificate.toDer())));
        QCOMPARE(certificate.value(QStringLiteral("serial")).toString(), m_keys.weChatPlatform.certificate.serialHex());
        QVERIFY(change.fingerprints.value(QStringLiteral("platform_certificates"))
                    .toObject()
                    .value(QStringLiteral("old"))
                    .isNull());
        QCOMPARE(change.fingerprints.value(QStringLiteral("merchant_key"))
                     .toObject()
                     .value(QStringLiteral("new"))
                     .toObject()
                     .value(QStringLiteral("spki_sha256"))
                     .toString(),
                 hex(Crypto::sha256(m_keys.weChatMerchant.key.publicKey().toDer())));
        const QString apiKeyPrint = change.fingerprints.value(QStringLiteral("apiv3_key"))
                                        .toObject()
                                        .value(QStringLiteral("new"))
                                        .toObject()
                                        .value(QStringLiteral("hmac_sha256"))
                                        .toString();
        QCOMPARE(apiKeyPrint.size(), 64);
        QVERIFY(apiKeyPrint !=
                hex(Crypto::sha256(m_keys.weChatApiV3Key))); // keyed: no dictionary test without the vault

        // The maker cannot approve: onboarding may not approve at all, and an administrator who
        // proposes cannot approve their own change either.
        QCOMPARE(bed.changes().approve(bed.onboarding, proposed->id).error().code(), ErrorCode::PermissionDenied);
        auto own = bed.accounts().proposeCredentials(bed.admin, bed.wx, attackers());
        QVERIFY(own && own->isPending());
        QCOMPARE(bed.changes().approve(bed.admin, own->id).error().code(), ErrorCode::CredentialSelfApproval);
        QCOMPARE(bed.changes().reject(bed.admin, own->id, QStringLiteral("mine")).error().code(),
                 ErrorCode::CredentialSelfApproval);
        QCOMPARE(bed.secrets(), 0);

        // Another operator approves: in the vault, in effect for both accounts, their window open.
        auto approved = bed.changes().approve(bed.admin, proposed->id, QStringLiteral("matches the merchant platform"));
        QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message()));
        QCOMPARE(approved->status, CredentialChange::Status::Approved);
        QCOMPARE(approved->decidedBy, QStringLiteral("admin"));
        QCOMPARE(bed.secrets(), 4);
        QVERIFY(bed.accounts().credentialStatus(bed.onboarding, bed.sub)->complete);
        for (qint64 id : {bed.wx, bed.sub}) {
            const ChannelAccount account = bed.account(id);
            QCOMPARE(account.trustChangedAt, bed.f.clock().nowUtc());
            QVERIFY(account.confirmsCallbacksByQuery(bed.f.clock().nowUtc().addSecs(24 * 3600 - 1)));
            QVERIFY(!account.confirmsCallbacksByQuery(bed.f.clock().nowUtc().addSecs(24 * 3600)));
        }
        QCOMPARE(bed.account(bed.wx).version, versionBefore + 1);
        QCOMPARE(bed.changes().approve(bed.secondAdmin, proposed->id).error().code(),
                 ErrorCode::CredentialChangeDecided);
        QCOMPARE(Sql::scalar(bed.db(),
                             QStringLiteral("SELECT count(*) FROM channel_credential_change WHERE sealed IS NOT NULL"))
                     ->toInt(),
                 1); // only the administrator's own change still waits

        // The second administrator approves the first's change: the old fingerprints are those of
        // the material it replaces.
        auto replaced = bed.changes().approve(bed.secondAdmin, own->id);
        QVERIFY2(replaced, qPrintable(replaced ? QString() : replaced.error().message()));
        const AuditRecord last = bed.credentialRecords().first();
        QCOMPARE(last.action, QStringLiteral("channel_account.credentials.approve"));
        QCOMPARE(last.actor, QStringLiteral("adam"));
        const QJsonObject detail = QJsonDocument::fromJson(last.detail.toUtf8()).object();
        const QJsonObject pair = detail.value(QStringLiteral("fingerprints"))
                                     .toObject()
                                     .value(QStringLiteral("platform_certificates"))
                                     .toObject();
        QCOMPARE(pair.value(QStringLiteral("old"))
                     .toObject()
                     .value(QStringLiteral("certificates"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("serial"))
                     .toString(),
                 m_keys.weChatPlatform.certificate.serialHex());
        QCOMPARE(pair.value(QStringLiteral("new"))
                     .toObject()
                     .value(QStringLiteral("certificates"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("serial"))
                     .toString(),
                 m_attacker.certificate.serialHex());
        QCOMPARE(detail.value(QStringLiteral("shared_with")).toArray().size(), 2);
    }

    void twoApproversAtOnceExactlyOneWins()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        for (int round = 0; round < 3; ++round) {
            auto proposed =
                bed.accounts().proposeCredentials(bed.onboarding, bed.wx, round % 2 ? genuine() : attackers());
            QVERIFY(proposed && proposed->isPending());
            std::atomic<int> won{0};
            std::atomic<int> decided{0};
            std::atomic<int> other{0};
            QSemaphore start;
            std::vector<std::unique_ptr<QThread>> threads;
            for (const Actor &approver : {bed.admin, bed.secondAdmin}) {
                threads.emplace_back(QThread::create([&, approver] {
                    start.acquire();
                    auto approved = bed.changes().approve(approver, proposed->id);
                    if (approved)
                        ++won;
                    else if (approved.error().code() == ErrorCode::CredentialChangeDecided)
                        ++decided;
                    else
                        ++other;
                    bed.f.core().database().discardThreadConnection();
                }));
                threads.back()->start();
            }
            start.release(2);
            for (auto &thread : threads)
                QVERIFY(thread->wait(60000));
            QCOMPARE(won.load(), 1);
            QCOMPARE(decided.load(), 1);
            QCOMPARE(other.load(), 0);
        }
        int approvals = 0;
        for (const AuditRecord &record : bed.credentialRecords())
            approvals += record.action == QLatin1String("channel_account.credentials.approve") &&
                         record.result == AuditResult::Ok;
        QCOMPARE(approvals, 3);
        QVERIFY(bed.f.core().audit().verify()->intact());
    }

    void rejectionWithdrawalAndExpiryDiscardTheMaterial()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 rejected = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, attackers())->id;
        const qint64 withdrawn = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, attackers())->id;
        const qint64 forgotten = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, attackers())->id;

        QCOMPARE(bed.changes().reject(bed.onboarding, rejected, QStringLiteral("no")).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(bed.changes().reject(bed.admin, rejected, QStringLiteral("  ")).error().code(),
                 ErrorCode::InvalidArgument);
        auto no =
            bed.changes().reject(bed.admin, rejected, QStringLiteral("not the serial the merchant platform shows"));
        QVERIFY(no);
        QCOMPARE(no->status, CredentialChange::Status::Rejected);
        QCOMPARE(no->note, QStringLiteral("not the serial the merchant platform shows"));

        QCOMPARE(bed.changes().withdraw(bed.admin, withdrawn).error().code(),
                 ErrorCode::PermissionDenied); // not the maker
        auto back = bed.changes().withdraw(bed.onboarding, withdrawn, QStringLiteral("typo"));
        QVERIFY(back);
        QCOMPARE(back->status, CredentialChange::Status::Withdrawn);
        QCOMPARE(bed.changes().approve(bed.admin, withdrawn).error().code(), ErrorCode::CredentialChangeDecided);

        // 72 hours on, nobody decided: expired when anyone next looks, and never approvable.
        bed.f.clock().advanceSeconds(72 * 3600 - 1);
        QCOMPARE(bed.changes().list(bed.onboarding, 0)->size(), 1);
        bed.f.clock().advanceSeconds(1);
        QCOMPARE(bed.changes().list(bed.onboarding, 0)->size(), 0);
        QCOMPARE(bed.changes().find(bed.onboarding, forgotten)->status, CredentialChange::Status::Expired);
        QCOMPARE(bed.changes().approve(bed.admin, forgotten).error().code(), ErrorCode::CredentialChangeDecided);
        QCOMPARE(bed.changes().expireDue().value(), 0); // once

        // Nothing reached the vault, and no sealed material is left behind.
        QCOMPARE(bed.secrets(), 0);
        QCOMPARE(Sql::scalar(bed.db(),
                             QStringLiteral("SELECT count(*) FROM channel_credential_change WHERE sealed IS NOT NULL"))
                     ->toInt(),
                 0);
        QStringList actions;
        for (const AuditRecord &record : bed.credentialRecords())
            actions.prepend(record.action + QLatin1Char(' ') + record.actor);
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("channel_account.credentials.propose olivia"),
                              QStringLiteral("channel_account.credentials.propose olivia"),
                              QStringLiteral("channel_account.credentials.propose olivia"),
                              QStringLiteral("channel_account.credentials.reject admin"),
                              QStringLiteral("channel_account.credentials.withdraw olivia"),
                              QStringLiteral("channel_account.credentials.expire system:credential_changes")}));
    }

    void auditRecordsCarryFingerprintsNeverMaterial()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(proposeAndApprove(bed.accounts(), bed.onboarding, bed.admin, bed.wx, genuine()));
        QVERIFY(proposeAndApprove(bed.accounts(), bed.onboarding, bed.secondAdmin, bed.wx, attackers()));
        const qint64 rejected = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, genuine())->id;
        QVERIFY(bed.changes().reject(bed.admin, rejected, QStringLiteral("no")));
        const qint64 withdrawn = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, genuine())->id;
        QVERIFY(bed.changes().withdraw(bed.onboarding, withdrawn));
        QVERIFY(bed.accounts().proposeCredentials(bed.onboarding, bed.wx, genuine()));
        bed.f.clock().advanceSeconds(73 * 3600);
        QCOMPARE(bed.changes().expireDue().value(), 1);

        const QList<AuditRecord> records = bed.credentialRecords();
        QCOMPARE(records.size(), 10);
        QSet<QString> actions;
        for (const AuditRecord &record : records) {
            actions << record.action;
            const QJsonObject detail = QJsonDocument::fromJson(record.detail.toUtf8()).object();
            const QJsonObject prints = detail.value(QStringLiteral("fingerprints")).toObject();
            QVERIFY2(!prints.isEmpty(), qPrintable(record.action));
            for (auto it = prints.begin(); it != prints.end(); ++it) {
                QVERIFY(it.value().toObject().contains(QStringLiteral("old")));
                QVERIFY(it.value().toObject().value(QStringLiteral("new")).isObject());
            }
            for (const QByteArray &secret : material())
                QVERIFY2(!record.detail.toUtf8().contains(secret), qPrintable(record.action));
        }
        QCOMPARE(actions, (QSet<QString>{QStringLiteral("channel_account.credentials.propose"),
                                         QStringLiteral("channel_account.credentials.approve"),
                                         QStringLiteral("channel_account.credentials.reject"),
                                         QStringLiteral("channel_account.credentials.withdraw"),
                                         QStringLiteral("channel_account.credentials.expire")}));
        // The replaced and the new APIv3 key are told apart by their keyed fingerprints alone.
        const QJsonObject secondApproval =
            QJsonDocument::fromJson(records.at(records.size() - 4).detail.toUtf8()).object();
        QCOMPARE(records.at(records.size() - 4).action, QStringLiteral("channel_account.credentials.approve"));
        const QJsonObject apiKey = secondApproval.value(QStringLiteral("fingerprints"))
                                       .toObject()
                                       .value(QStringLiteral("apiv3_key"))
                                       .toObject();
        QVERIFY(apiKey.value(QStringLiteral("old")).toObject().value(QStringLiteral("hmac_sha256")).toString() !=
                apiKey.value(QStringLiteral("new")).toObject().value(QStringLiteral("hmac_sha256")).toString());
        QVERIFY(bed.f.core().audit().verify()->intact());
    }

    void approvedMaterialIsUsedAtOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        bed.f.clock().set(QDateTime::currentDateTimeUtc());
        QVERIFY(provideCredentials(bed.f.core(), bed.wx, genuine()));
        const Actor system =
            Actor::system(QStringLiteral("payment"), {Permission::ChannelView, Permission::ChannelManage}, {});
        auto before = bed.accounts().sharedAdapterFor(system, bed.wx);
        QVERIFY(before);
        QCOMPARE((*before)->parseCallback(forged(bed.f.clock().nowUtc())).error().code(), ErrorCode::SignatureInvalid);

        // Proposed: the adapter in use stays the one on the genuine material.
        auto proposed = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, attackers());
        QVERIFY(proposed && proposed->isPending());
        auto waiting = bed.accounts().sharedAdapterFor(system, bed.wx);
        QCOMPARE(waiting->get(), before->get());
        QVERIFY(!(*waiting)->parseCallback(forged(bed.f.clock().nowUtc())));

        // Approved: the next adapter, well within kAdapterReuseSeconds, is built on the new material.
        QVERIFY(bed.changes().approve(bed.admin, proposed->id));
        auto after = bed.accounts().sharedAdapterFor(system, bed.wx);
        QVERIFY(after);
        QVERIFY(after->get() != before->get());
        auto parsed = (*after)->parseCallback(forged(bed.f.clock().nowUtc()));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
        QCOMPARE(parsed->order.outTradeNo, QStringLiteral("P2026FORGED0001"));
    }

    void operatorsCannotWriteChannelSecretsAsBareVaultItems()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const QString name = ChannelCredentials::secretName(QStringLiteral("wechatpay"), kMchId,
                                                            QStringLiteral("platform_certificates"));
        auto stored = bed.f.core().vault().store(bed.admin, name, SecretBytes(m_attacker.certificate.toPem()));
        QCOMPARE(stored.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(bed.secrets(), 0);
        auto denied = bed.f.core().audit().records(
            bed.admin, {QStringLiteral("admin"), QStringLiteral("permission.denied"), {}, {}}, 0, 5);
        QCOMPARE(denied->size(), 1);
        QCOMPARE(denied->first().object, QStringLiteral("secret:") + name);
        QVERIFY(bed.f.core().vault().store(bed.admin, QStringLiteral("backup.note"), SecretBytes(QByteArray("x"))));
    }

    void thePlatformProvidesFirstCredentialsOnly()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const Actor platform = Actor::system(QStringLiteral("demo"), {Permission::ChannelProvision}, {});
        QCOMPARE(bed.changes().provision(bed.admin, bed.wx, genuine()).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(bed.changes()
                     .provision(Actor::system(QStringLiteral("x"), {Permission::ChannelManage}, {}), bed.wx, genuine())
                     .error()
                     .code(),
                 ErrorCode::PermissionDenied);
        QVERIFY(bed.changes().provision(platform, bed.wx, genuine()));
        QVERIFY(bed.accounts().credentialStatus(bed.admin, bed.wx)->complete);
        QVERIFY(!bed.account(bed.wx).trustChangedAt.isValid()); // nobody changed what was trusted
        // Never a replacement: that is a change, and needs a second operator.
        QCOMPARE(bed.changes().provision(platform, bed.sub, attackers()).error().code(),
                 ErrorCode::ChannelAccountInvalid);
        const AuditRecord record = bed.credentialRecords().first();
        QCOMPARE(record.action, QStringLiteral("channel_account.credentials.provision"));
        QCOMPARE(record.actor, QStringLiteral("system:demo"));
        QVERIFY(record.detail.contains(hex(Crypto::sha256(m_keys.weChatPlatform.certificate.toDer()))));
    }

    void identifiersAloneNeedNoApproval()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const Items serial{{QStringLiteral("merchant_serial"), genuine().value(QStringLiteral("merchant_serial"))}};
        auto stored = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, serial);
        QVERIFY(stored);
        QCOMPARE(stored->status, CredentialChange::Status::Applied);
        QCOMPARE(bed.secrets(), 1);
        QCOMPARE(bed.credentialRecords().first().action, QStringLiteral("channel_account.credentials"));
        QVERIFY(bed.credentialRecords().first().detail.contains(m_keys.weChatMerchant.certificate.serialHex()));
        // With a key beside it, the whole set waits.
        Items both = serial;
        both.insert(QStringLiteral("merchant_key"), genuine().value(QStringLiteral("merchant_key")));
        auto waiting = bed.accounts().proposeCredentials(bed.onboarding, bed.wx, both);
        QVERIFY(waiting && waiting->isPending());
        QCOMPARE(bed.secrets(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCredentialChanges)
#include "tst_credentialchanges.moc"
