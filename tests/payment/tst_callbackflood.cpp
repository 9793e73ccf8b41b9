#include "core/storage/Sql.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/WeChatCallbacks.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

namespace {
const QString kAccount = QStringLiteral("wx_shared01");
const QString kMchId = QString::fromLatin1(sandbox::SandboxKeys::kWeChatMchId);
const QHostAddress kFlooder(QStringLiteral("203.0.113.7"));
const QHostAddress kOther(QStringLiteral("198.51.100.20"));
const QHostAddress kChannel(QStringLiteral("127.0.0.1"));
} // namespace

// Issue 16, item 6, on the demo platform (SQLite and PostgreSQL): forged callbacks cannot grow
// the audit log or hold its lock at the attacker's pace. A sender whose callbacks keep failing
// verification at an account is answered 429 before any verification work, and refusals are
// audited as the first of each account and reason in a minute (with its detail) plus one summary
// row per minute with the count — while another sender, and the channel's genuine callbacks,
// are served as before.
class TestCallbackFlood : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;
    sandbox::IssuedCertificate m_forger;

    struct Platform
    {
        TestDatabase db;
        MockClock clock{QDateTime::currentDateTimeUtc()};
        std::unique_ptr<PaydeskCore> core;
        Actor admin;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    bool makePlatform(Platform &p)
    {
        if (!p.db.isOpen())
            return false;
        p.core = demoPlatform(m_bed, p.db.shared(), p.clock, 14, 1);
        if (!p.core)
            return false;
        p.admin = demoOperator(*p.core, QStringLiteral("admin"));
        return true;
    }

    CallbackRequest forged(const Platform &p, const QHostAddress &from, int n = 0) const
    {
        return weChatPaymentCallback(kMchId, QStringLiteral("P2026FORGED%1").arg(n, 6, 10, QLatin1Char('0')), 100000,
                                     "forgedforgedforgedforgedforged12", m_forger.key, m_forger.certificate.serialHex(),
                                     p.clock.nowUtc(), from);
    }

    static qint64 auditRows(Platform &p)
    {
        return Sql::scalar(p.core->database().connection().value(), QStringLiteral("SELECT count(*) FROM audit_log"))
            ->toLongLong();
    }
    static QList<AuditRecord> callbackRecords(Platform &p)
    {
        return p.core->audit()
            .records(p.admin, {QString(), QStringLiteral("channel.callback"), {}, {}}, 0, 1000)
            .value();
    }
    // What the records say was refused: 1 for a first occurrence, its count for a summary.
    static qint64 refusalsOnRecord(const QList<AuditRecord> &records)
    {
        qint64 total = 0;
        for (const AuditRecord &record : records) {
            const QJsonObject detail = QJsonDocument::fromJson(record.detail.toUtf8()).object();
            total += record.action.endsWith(QLatin1String(".summary"))
                         ? detail.value(QStringLiteral("count")).toString().toLongLong()
                         : 1;
        }
        return total;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        auto authority = sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Forger"), 30);
        QVERIFY(authority);
        auto forger = sandbox::CertificateIssuer::issue(*authority, QStringLiteral("Forger"), 30, 0xF00D);
        QVERIFY(forger);
        m_forger = *forger;
    }

    void aThousandForgedCallbacksLeaveAFewRows()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        // The account's adapter is built beforehand (building it reads, and audits, its credentials).
        const Actor system =
            Actor::system(QStringLiteral("test"), {Permission::ChannelView, Permission::ChannelManage}, {});
        QVERIFY(p.core->channelAccounts().sharedAdapterFor(system,
                                                           p.core->channelAccounts().findByName(system, kAccount)->id));
        QList<CallbackRequest> flood;
        for (int n = 0; n < 1000; ++n)
            flood << forged(p, kFlooder, n);
        const qint64 before = auditRows(p);
        QMap<int, int> statuses;
        QElapsedTimer timer;
        timer.start();
        for (const CallbackRequest &request : std::as_const(flood))
            ++statuses[p.core->callbacks().handle(kAccount, request).status];
        const qint64 elapsedMs = timer.elapsed();
        const qint64 during = auditRows(p) - before;
        QVERIFY(p.core->callbacks().flushRefusalAudit(true));
        const qint64 written = auditRows(p) - before;
        qInfo("%s: 1000 forged callbacks in %lld ms: %d verified and refused (400), %d answered 429; %lld audit rows "
              "during the flood, %lld after the flush",
              qPrintable(backend), elapsedMs, statuses.value(400), statuses.value(429), during, written);

        // The first 20 were verified (and refused); the rest were turned away before any work.
        QCOMPARE(statuses.value(400), CallbackThrottle::Limits{}.burst);
        QCOMPARE(statuses.value(429), 1000 - CallbackThrottle::Limits{}.burst);
        QCOMPARE(statuses.size(), 2);
        // Two rows while it lasted (the first refusal of each reason), two summaries after it.
        QCOMPARE(during, qint64(2));
        QCOMPARE(written, qint64(4));
        const QList<AuditRecord> records = callbackRecords(p);
        QCOMPARE(records.size(), 4);
        QCOMPARE(refusalsOnRecord(records), qint64(1000));

        // The first occurrence keeps its detail: what was wrong and who sent it.
        const AuditRecord first = records.last();
        QCOMPARE(first.action, QStringLiteral("channel.callback"));
        QCOMPARE(first.object, QStringLiteral("channel_account:") + kAccount);
        const QJsonObject detail = QJsonDocument::fromJson(first.detail.toUtf8()).object();
        QCOMPARE(detail.value(QStringLiteral("error")).toString(), QStringLiteral("signature_invalid"));
        QVERIFY(!detail.value(QStringLiteral("detail")).toString().isEmpty());
        QCOMPARE(detail.value(QStringLiteral("sender")).toString(), QStringLiteral("203.0.113.7"));
        const QJsonObject summary = QJsonDocument::fromJson(records.first().detail.toUtf8()).object();
        QCOMPARE(records.first().action, QStringLiteral("channel.callback.summary"));
        QCOMPARE(summary.value(QStringLiteral("senders")).toObject().value(QStringLiteral("203.0.113.7")).toString(),
                 summary.value(QStringLiteral("count")).toString());
        QVERIFY(p.core->audit().verify()->intact());
    }

    void aFloodFromOneSenderLimitsOnlyThatSender()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        CallbackService &callbacks = p.core->callbacks();
        for (int n = 0; n < 200; ++n)
            callbacks.handle(kAccount, forged(p, kFlooder, n));
        QCOMPARE(callbacks.handle(kAccount, forged(p, kFlooder)).status, 429);
        // Another sender is still heard out (verified, and refused for what it is) ...
        QCOMPARE(callbacks.handle(kAccount, forged(p, kOther)).status, 400);
        // ... and so is the flooder at another account, which has a budget of its own.
        QCOMPARE(callbacks.handle(QStringLiteral("ali_shared01"), forged(p, kFlooder)).status, 400);

        // The channel's genuine callback in the middle of the flood is applied and posted.
        CreateOrderRequest request;
        request.merchantOrderNo = QStringLiteral("FLOOD-GENUINE");
        request.amount = Money::fromMinor(4200, Currency::cny());
        request.method = PayMethod::WeChatNative;
        request.subject = QStringLiteral("茶");
        QRandomGenerator random(3);
        auto order = p.core->payments().create(demoApplication(*p.core, QStringLiteral("M1013")), request, random);
        QVERIFY2(order, qPrintable(order ? QString() : order.error().message()));
        QVERIFY(m_bed.pay(order->orderNo));
        const auto &keys = m_bed.sandbox->keys();
        const CallbackRequest genuine =
            weChatPaymentCallback(kMchId, order->orderNo, 4200, keys.weChatApiV3Key, keys.weChatPlatform.key,
                                  keys.weChatPlatform.certificate.serialHex(), p.clock.nowUtc(), kChannel);
        for (int n = 0; n < 50; ++n)
            QCOMPARE(callbacks.handle(kAccount, forged(p, kFlooder, n)).status, 429);
        const CallbackService::Answer answer = callbacks.handle(kAccount, genuine);
        QVERIFY2(answer.accepted, answer.body.constData());
        QCOMPARE(p.core->payments().find(order->orderNo)->status, PaymentStatus::Succeeded);
        for (int n = 0; n < 50; ++n)
            QCOMPARE(callbacks.handle(kAccount, forged(p, kFlooder, n)).status, 429);

        // A minute on, the flooder's budget has refilled: it is verified again (and refused).
        p.clock.advanceSeconds(60);
        QCOMPARE(callbacks.handle(kAccount, forged(p, kFlooder)).status, 400);

        // An IPv6 sender is one sender across its /64: new addresses in it do not buy new budgets,
        // while the next /64 has its own.
        p.clock.advanceSeconds(3600);
        for (int n = 0; n < 200; ++n) {
            const QHostAddress from(QStringLiteral("2001:db8:7:1:%1::%2").arg(n % 7, 0, 16).arg(n + 1, 0, 16));
            callbacks.handle(kAccount, forged(p, from, n));
        }
        QCOMPARE(callbacks.handle(kAccount, forged(p, QHostAddress(QStringLiteral("2001:db8:7:1:ffff:ffff:ffff:fffe"))))
                     .status,
                 429);
        QCOMPARE(callbacks.handle(kAccount, forged(p, QHostAddress(QStringLiteral("2001:db8:7:2::1")))).status, 400);
        // An IPv4 sender arriving IPv4-mapped is the same sender.
        QCOMPARE(callbacks.handle(kAccount, forged(p, QHostAddress(QStringLiteral("::ffff:203.0.113.7")))).status, 400);
        for (int n = 0; n < 200; ++n)
            callbacks.handle(kAccount, forged(p, kFlooder, n));
        QCOMPARE(callbacks.handle(kAccount, forged(p, QHostAddress(QStringLiteral("::ffff:203.0.113.7")))).status, 429);
    }

    void summariesAreWrittenWhenTheMinuteEndsAndAtShutdown()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p));
        // 30 refusals in this minute: their first row now, the rest counted.
        for (int n = 0; n < 30; ++n)
            p.core->callbacks().handle(kAccount, forged(p, kFlooder, n));
        QCOMPARE(callbackRecords(p).size(), 2);
        // The minute ends: the next refusal (or the timer) writes the summaries first.
        p.clock.advanceSeconds(61);
        p.core->callbacks().handle(kAccount, forged(p, kOther));
        QList<AuditRecord> records = callbackRecords(p);
        QCOMPARE(records.size(), 5); // two summaries, and the new minute's first refusal
        QCOMPARE(refusalsOnRecord(records), qint64(31));
        QCOMPARE(records.first().action, QStringLiteral("channel.callback"));
        // Refusals counted in the current minute are written when the core shuts down.
        for (int n = 0; n < 5; ++n)
            p.core->callbacks().handle(kAccount, forged(p, kOther, n));
        p.core.reset();
        PaydeskCore reopened(p.db.shared(), p.clock);
        records = reopened.audit()
                      .records(demoOperator(reopened, QStringLiteral("admin")),
                               {QString(), QStringLiteral("channel.callback"), {}, {}}, 0, 100)
                      .value();
        QCOMPARE(refusalsOnRecord(records), qint64(36));
        QVERIFY(reopened.audit().verify()->intact());
    }
};

QTEST_GUILESS_MAIN(TestCallbackFlood)
#include "tst_callbackflood.moc"
