#include "core/ledger/LedgerInvariantChecker.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/CredentialSupport.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/WeChatCallbacks.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

namespace {
const QString kAccount = QStringLiteral("wx_shared01");
const QString kMchId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId);
const QHostAddress kChannel(QStringLiteral("127.0.0.1"));
const QHostAddress kAttacker(QStringLiteral("203.0.113.9"));
} // namespace

// Issue 16, item 2, end to end on the demo platform against the real sandbox (SQLite and
// PostgreSQL): an operator with channel.manage replaces wx_shared01's platform certificate and
// APIv3 key with their own and forges a "paid" callback. The replacement waits for a second
// operator, so the forgery posts nothing; and even once approved, for 24 hours every callback is
// confirmed by a query to the channel, which never saw the payment.
class TestCallbackTrust : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;
    sandbox::IssuedCertificate m_attacker;
    const QByteArray m_attackerApiV3Key = "0123456789abcdef0123456789abcdef";

    struct Platform
    {
        TestDatabase db;
        MockClock clock{QDateTime::currentDateTimeUtc()}; // the sandbox signs and checks with real time
        std::unique_ptr<PaydeskCore> core;
        Actor onboarding;
        Actor admin;
        ChannelAccount wx;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    bool makePlatform(Platform &p)
    {
        if (!p.db.isOpen())
            return false;
        p.core = demoPlatform(m_bed, p.db.shared(), p.clock, 14, 1);
        if (!p.core)
            return false;
        p.onboarding = demoOperator(*p.core, QStringLiteral("onboarding"));
        p.admin = demoOperator(*p.core, QStringLiteral("admin"));
        p.wx = p.core->channelAccounts().findByName(p.admin, kAccount).value_or({});
        return p.wx.id > 0;
    }

    PaymentOrder unpaidOrder(Platform &p, const QString &number, qint64 fen = 888800)
    {
        CreateOrderRequest request;
        request.merchantOrderNo = number;
        request.amount = Money::fromMinor(fen, Currency::cny());
        request.method = PayMethod::WeChatNative;
        request.subject = QStringLiteral("龙井 250g");
        QRandomGenerator random(quint32(qHash(number)));
        auto order = p.core->payments().create(demoApplication(*p.core, QStringLiteral("M1013")), request, random);
        if (!order)
            qWarning() << order.error().message() << order.error().detail();
        return order.value_or({});
    }

    QMap<QString, SecretBytes> attackers() const
    {
        return {{QStringLiteral("platform_certificates"), SecretBytes(m_attacker.certificate.toPem())},
                {QStringLiteral("apiv3_key"), SecretBytes(m_attackerApiV3Key)}};
    }
    // The sandbox's own platform certificate, proposed again: a genuine change (e.g. a rotation).
    QMap<QString, SecretBytes> genuineCertificate() const
    {
        return {{QStringLiteral("platform_certificates"),
                 SecretBytes(m_bed.sandbox->keys().weChatPlatform.certificate.toPem())}};
    }

    // "Paid", signed with the attacker's key and sealed with the attacker's APIv3 key.
    CallbackRequest forged(const Platform &p, const PaymentOrder &order) const
    {
        return weChatPaymentCallback(kMchId, order.orderNo, order.amount.minor(), m_attackerApiV3Key, m_attacker.key,
                                     m_attacker.certificate.serialHex(), p.clock.nowUtc(), kAttacker);
    }
    // "Paid", made with the sandbox's own keys: exactly what WeChat would send (or whoever holds its keys).
    CallbackRequest genuineLooking(const Platform &p, const PaymentOrder &order) const
    {
        const auto &keys = m_bed.sandbox->keys();
        return weChatPaymentCallback(kMchId, order.orderNo, order.amount.minor(), keys.weChatApiV3Key,
                                     keys.weChatPlatform.key, keys.weChatPlatform.certificate.serialHex(),
                                     p.clock.nowUtc(), kChannel);
    }

    static qint64 entriesFor(Platform &p, const QString &orderNo)
    {
        return Sql::scalar(p.core->database().connection().value(),
                           QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                           {QStringLiteral("payment:") + orderNo})
            ->toLongLong();
    }
    static QStringList story(Platform &p, const PaymentOrder &order)
    {
        QStringList lines;
        const QList<PaymentEvent> events = p.core->payments().events(order.id).value();
        for (const PaymentEvent &e : events)
            lines << PaymentEventNames::kind(e.kind) + QLatin1Char(':') + e.result;
        return lines;
    }
    static PaymentStatus statusOf(Platform &p, const PaymentOrder &order)
    {
        return p.core->payments().find(order.orderNo)->status;
    }
    static QList<AuditRecord> refusals(Platform &p)
    {
        return p.core->audit()
            .records(p.admin, {QString(), QStringLiteral("channel.callback"), {}, {}}, 0, 100)
            .value();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        auto authority = sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Operator's own CA"), 30);
        QVERIFY(authority);
        auto attacker =
            sandbox::CertificateIssuer::issue(*authority, QStringLiteral("Tenpay.com Root CA"), 30, 0xBADC0DE);
        QVERIFY(attacker);
        m_attacker = *attacker;
    }

    void oneOperatorCannotMintAPayment()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        const PaymentOrder order = unpaidOrder(p, QStringLiteral("MINT-1"));
        QCOMPARE(order.channelAccount, kAccount);

        // As in the issue: onboarding replaces the platform certificate and the APIv3 key.
        auto proposed = p.core->channelAccounts().proposeCredentials(p.onboarding, p.wx.id, attackers());
        QVERIFY2(proposed, qPrintable(proposed ? QString() : proposed.error().message()));
        QVERIFY(proposed->isPending());
        // The replaced key is not in use: the forged callback does not verify, nothing is posted.
        CallbackService::Answer answer = p.core->callbacks().handle(kAccount, forged(p, order));
        QVERIFY(!answer.accepted);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.body, QByteArray("rejected: signature_invalid"));
        QCOMPARE(statusOf(p, order), PaymentStatus::Paying);
        QCOMPARE(entriesFor(p, order.orderNo), qint64(0));
        // Nor can onboarding make it take effect.
        QCOMPARE(p.core->channelAccounts().credentialChanges().approve(p.onboarding, proposed->id).error().code(),
                 ErrorCode::PermissionDenied);

        // Say an administrator is fooled and approves it: the callback now verifies, but for 24
        // hours the channel is asked first, and its genuine answer does not verify under the
        // attacker's certificate — refused so that a genuine channel would retry, nothing posted.
        QVERIFY(p.core->channelAccounts().credentialChanges().approve(p.admin, proposed->id));
        answer = p.core->callbacks().handle(kAccount, forged(p, order));
        QVERIFY(!answer.accepted);
        QCOMPARE(answer.status, 503);
        QCOMPARE(statusOf(p, order), PaymentStatus::Paying);
        QCOMPARE(entriesFor(p, order.orderNo), qint64(0));
        const auto checked = LedgerInvariantChecker(p.core->database()).run();
        QVERIFY(checked && checked->ok());
        QVERIFY(p.core->callbacks().flushRefusalAudit(true));
        QCOMPARE(refusals(p).size(), 2); // both refusals on record (one row each, or one and its minute's summary)
    }

    void inTheWindowOnlyWhatTheChannelConfirmsIsPosted()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        QVERIFY(proposeAndApprove(p.core->channelAccounts(), p.onboarding, p.admin, p.wx.id, genuineCertificate()));
        const PaymentOrder order = unpaidOrder(p, QStringLiteral("WINDOW-1"));

        // Signed with the channel's own keys, but the channel says NOTPAY: nothing is posted.
        CallbackService::Answer answer = p.core->callbacks().handle(kAccount, genuineLooking(p, order));
        QVERIFY(!answer.accepted);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.body, QByteArray("rejected: callback_not_confirmed"));
        QCOMPARE(statusOf(p, order), PaymentStatus::Paying);
        QCOMPARE(entriesFor(p, order.orderNo), qint64(0));
        QCOMPARE(story(p, order).last(), QStringLiteral("callback_checked:unchanged"));
        const AuditRecord refused = refusals(p).first();
        QCOMPARE(refused.result, AuditResult::Failed);
        QVERIFY2(refused.detail.contains(QStringLiteral("callback_not_confirmed")) &&
                     refused.detail.contains(QStringLiteral("NOTPAY")),
                 qPrintable(refused.detail));

        // The channel unreachable for the query: refused with 503 (the channel retries), nothing posted.
        QVERIFY(m_bed.pay(order.orderNo));
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order.orderNo));
        answer = p.core->callbacks().handle(kAccount, genuineLooking(p, order));
        QVERIFY(!answer.accepted);
        QCOMPARE(answer.status, 503);
        QCOMPARE(statusOf(p, order), PaymentStatus::Paying);
        m_bed.clearFaults();

        // Paid at the channel: the query confirms it, and the payment is posted once, from the
        // channel's own answer; the story says it was checked by a query.
        answer = p.core->callbacks().handle(kAccount, genuineLooking(p, order));
        QVERIFY2(answer.accepted, answer.body.constData());
        QCOMPARE(statusOf(p, order), PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(p, order.orderNo), qint64(1));
        QCOMPARE(story(p, order).last(), QStringLiteral("callback_checked:succeeded"));
        const PaymentOrder paid = p.core->payments().find(order.orderNo).value();
        // What was posted is the channel's answer, not the callback's claim.
        QVERIFY(!paid.channelTransactionId.isEmpty());
        QVERIFY(paid.channelTransactionId != QStringLiteral("4200%1").arg(p.clock.nowUtc().toMSecsSinceEpoch()));
        QVERIFY(paid.payerId != QLatin1String("oFORGEDxxxxxxxxxxxxxxxxxxxx"));
    }

    void inTheWindowRefundCallbacksAreConfirmedToo()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        QVERIFY(proposeAndApprove(p.core->channelAccounts(), p.onboarding, p.admin, p.wx.id, genuineCertificate()));
        const PaymentOrder order = unpaidOrder(p, QStringLiteral("REFUND-1"), 5000);
        QVERIFY(m_bed.pay(order.orderNo));
        QCOMPARE(p.core->payments().queryChannel(order.orderNo)->status, PaymentStatus::Succeeded);
        const Application app = demoApplication(*p.core, QStringLiteral("M1013"));
        QRandomGenerator random(5);
        auto refund = [&](const char *number) {
            return p.core->refunds().refund(app, QStringLiteral("REFUND-1"),
                                            CreateRefundRequest{QString::fromLatin1(number),
                                                                Money::fromMinor(1000, Currency::cny()),
                                                                QStringLiteral("退货")},
                                            random);
        };
        auto refundCallback = [&](const PaymentRefund &r) {
            const auto &keys = m_bed.sandbox->keys();
            const QJsonObject resource{{QStringLiteral("mchid"), kMchId},
                                       {QStringLiteral("out_trade_no"), order.orderNo},
                                       {QStringLiteral("transaction_id"), QStringLiteral("4200000000000000000001")},
                                       {QStringLiteral("refund_id"), QStringLiteral("50300000000000000001")},
                                       {QStringLiteral("out_refund_no"), r.refundNo},
                                       {QStringLiteral("refund_status"), QStringLiteral("SUCCESS")},
                                       {QStringLiteral("success_time"), p.clock.nowUtc().toString(Qt::ISODate)},
                                       {QStringLiteral("amount"), QJsonObject{{QStringLiteral("total"), 5000},
                                                                              {QStringLiteral("refund"), 1000},
                                                                              {QStringLiteral("payer_total"), 5000},
                                                                              {QStringLiteral("payer_refund"), 1000}}}};
            return weChatCallback(QStringLiteral("REFUND.SUCCESS"), QStringLiteral("refund"), resource,
                                  keys.weChatApiV3Key, keys.weChatPlatform.key,
                                  keys.weChatPlatform.certificate.serialHex(), p.clock.nowUtc(), kChannel);
        };
        auto refundEntries = [&](const QString &refundNo) {
            return Sql::scalar(p.core->database().connection().value(),
                               QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"),
                               {QStringLiteral("refund:") + refundNo})
                ->toLongLong();
        };

        // A refund the channel never received (its request failed): "succeeded" says the
        // callback; the channel's query does not confirm it, nothing is posted.
        QVERIFY(m_bed.fault(QStringLiteral("server-error"), order.orderNo));
        auto lost = refund("RF-LOST");
        m_bed.clearFaults();
        const PaymentRefund unsent =
            lost ? *lost : p.core->refunds().findByMerchantRefundNo(app.id, QStringLiteral("RF-LOST")).value();
        QVERIFY(unsent.status != PaymentRefundStatus::Succeeded);
        CallbackService::Answer answer = p.core->callbacks().handle(kAccount, refundCallback(unsent));
        QVERIFY(!answer.accepted);
        QVERIFY(p.core->refunds().find(unsent.refundNo)->status != PaymentRefundStatus::Succeeded);
        QCOMPARE(refundEntries(unsent.refundNo), qint64(0));

        // A refund the channel carried out: confirmed by the query and posted once, the story says so.
        auto made = refund("RF-MADE");
        QVERIFY2(made, qPrintable(made ? QString() : made.error().message()));
        QTRY_VERIFY_WITH_TIMEOUT(p.core->callbacks().handle(kAccount, refundCallback(*made)).accepted, 10000);
        QCOMPARE(p.core->refunds().find(made->refundNo)->status, PaymentRefundStatus::Succeeded);
        QCOMPARE(refundEntries(made->refundNo), qint64(1));
        QVERIFY(story(p, order).contains(QStringLiteral("refund_callback_checked:succeeded")));
    }

    void after24HoursCallbacksAreTrustedWithoutAQuery()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        const QDateTime now = p.clock.nowUtc();
        // Approved 24 hours less two minutes ago: the window is still open.
        p.clock.set(now.addSecs(-24 * 3600 + 120));
        QVERIFY(proposeAndApprove(p.core->channelAccounts(), p.onboarding, p.admin, p.wx.id, genuineCertificate()));
        p.clock.set(now);
        const PaymentOrder first = unpaidOrder(p, QStringLiteral("AFTER-1"));
        CallbackService::Answer answer = p.core->callbacks().handle(kAccount, genuineLooking(p, first));
        QCOMPARE(answer.body, QByteArray("rejected: callback_not_confirmed"));
        QCOMPARE(entriesFor(p, first.orderNo), qint64(0));

        // Three minutes later the 24 hours are over: the callback is taken at its word, as before
        // any change (the sandbox would still say NOTPAY: no query was made).
        p.clock.set(now.addSecs(180));
        const PaymentOrder second = unpaidOrder(p, QStringLiteral("AFTER-2"));
        answer = p.core->callbacks().handle(kAccount, genuineLooking(p, second));
        QVERIFY2(answer.accepted, answer.body.constData());
        QCOMPARE(statusOf(p, second), PaymentStatus::Succeeded);
        QCOMPARE(entriesFor(p, second.orderNo), qint64(1));
        QCOMPARE(story(p, second).last(), QStringLiteral("callback:succeeded"));
    }

    void theApprovalIsAuditedWithFingerprints()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        QVERIFY(proposeAndApprove(p.core->channelAccounts(), p.onboarding, p.admin, p.wx.id, attackers()));
        const QList<AuditRecord> records =
            p.core->audit()
                .records(p.admin, {QString(), QStringLiteral("channel_account.credentials"), {}, {}}, 0, 10)
                .value();
        QCOMPARE(records.at(0).action, QStringLiteral("channel_account.credentials.approve"));
        QCOMPARE(records.at(0).actor, QStringLiteral("admin"));
        QCOMPARE(records.at(1).action, QStringLiteral("channel_account.credentials.propose"));
        QCOMPARE(records.at(1).actor, QStringLiteral("onboarding"));
        const QString genuineSha =
            QString::fromLatin1(Crypto::sha256(m_bed.sandbox->keys().weChatPlatform.certificate.toDer()).toHex());
        const QString attackerSha = QString::fromLatin1(Crypto::sha256(m_attacker.certificate.toDer()).toHex());
        for (const AuditRecord &record : records.mid(0, 2)) {
            QVERIFY(record.detail.contains(genuineSha));  // old
            QVERIFY(record.detail.contains(attackerSha)); // new
            QVERIFY(record.detail.contains(m_attacker.certificate.serialHex()));
            QVERIFY(!record.detail.toUtf8().contains(m_attackerApiV3Key));
            QVERIFY(!record.detail.toUtf8().contains(m_bed.sandbox->keys().weChatApiV3Key));
            QVERIFY(!record.detail.toUtf8().contains(m_attacker.certificate.toPem().split('\n').value(1)));
        }
        QVERIFY(p.core->audit().verify()->intact());
    }
};

QTEST_GUILESS_MAIN(TestCallbackTrust)
#include "tst_callbacktrust.moc"
