#pragma once

#include "core/PaydeskCore.h"
#include "core/gateway/GatewayScheduler.h"
#include "core/gateway/GatewayService.h"
#include "core/gateway/GatewaySignature.h"
#include "core/gateway/NotificationDispatcher.h"
#include "core/gateway/PlatformKey.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "demo/DemoSetup.h"
#include "sandbox/SandboxCashier.h"
#include "server/GatewayHost.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/AppReceiver.h"
#include "tests/payment/support/GatewayClient.h"
#include "tests/support/CoreFixture.h"
#include "tests/support/TestDatabase.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QThread>

#include <atomic>

namespace paydesk::test {

// Real time, moved on by the test when it wants a message to be old (thread-safe: the gateway's
// workers read it while the test runs).
class ShiftedClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc().addSecs(m_offset.load()); }
    void shift(qint64 seconds) { m_offset = seconds; }

private:
    std::atomic<qint64> m_offset{0};
};

// The gateway over HTTP on loopback, on the demo platform, against the real sandbox: an
// application's signed requests → paydeskd's GatewayHost → sandbox (paid by the simulated payer)
// → callback over HTTP → ledger → notification to the application's endpoint. What the gateway
// tests share; each test class starts it in initTestCase and stops it in cleanupTestCase.
class GatewayTestCase : public QObject
{
protected:
    // The sandbox and the application's notification endpoint.
    bool startBed()
    {
        if (!m_bed.start())
            return false;
        quint16 port = 0;
        m_bed.sandbox->runOnThread([&] {
            m_app = new AppReceiver;
            port = m_app->start();
        });
        m_appUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
        return port != 0;
    }
    void stopBed()
    {
        m_bed.sandbox->runOnThread([this] { delete m_app; });
    }

    SandboxTestBed m_bed;
    AppReceiver *m_app = nullptr; // lives on the sandbox thread
    QString m_appUrl;

    struct Platform
    {
        TestDatabase db;
        ShiftedClock clock;
        std::unique_ptr<PaydeskCore> core;
        std::unique_ptr<GatewayHost> host;
        Actor onboarding;
        GatewayClient client; // M1013's application, HMAC
        Application app;
        explicit Platform(const QString &backend) : db(backend) {}
        ~Platform()
        {
            if (host)
                host->stop();
        }
    };

    bool makePlatform(Platform &p, const QString &notifyPath)
    {
        if (!p.db.isOpen())
            return false;
        p.core = demoPlatform(m_bed, p.db.shared(), p.clock);
        if (!p.core)
            return false;
        p.onboarding = demoOperator(*p.core, QStringLiteral("onboarding"));
        // M1013's application notifies this test's endpoint and gets a fresh HMAC key.
        p.app = demoApplication(*p.core, QStringLiteral("M1013"));
        ApplicationDraft draft = p.app.draft();
        draft.notifyUrl = m_appUrl + notifyPath;
        auto updated = p.core->applications().update(p.onboarding, p.app.id, p.app.version, draft);
        if (!updated)
            return false;
        p.app = *updated;
        auto key = p.core->applications().generateHmacKey(p.onboarding, p.app.id);
        if (!key)
            return false;

        GatewayHost::Options hostOptions;
        hostOptions.port = 0;
        hostOptions.threads = 8;
        hostOptions.sweepSeconds = 0; // the tests run the sweep themselves
        p.host = std::make_unique<GatewayHost>(*p.core, hostOptions);
        auto served = p.host->start();
        if (!served)
            return false;
        p.client.base = *served;
        p.client.appId = p.app.appId;
        p.client.type = SignType::HmacSha256;
        p.client.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
        return true;
    }

    // The payer at the channel: opens the cashier (UnionPay's form goes to the channel first,
    // as the payer's browser would post it) and pays.
    bool payerPays(const QJsonObject &order) const
    {
        if (!sandbox::SandboxCashier::openForm(order.value(QStringLiteral("prepay")).toObject(),
                                               HttpClient(m_bed.http())))
            return false;
        return m_bed.pay(order.value(QStringLiteral("order_no")).toString());
    }

    static qint64 count(PaydeskCore &core, const QString &sql, const QVariantList &values = {})
    {
        return Sql::scalar(core.database().connection().value(), sql, values).value().toLongLong();
    }
    static qint64 entriesFor(PaydeskCore &core, const QString &eventKey)
    {
        return count(core, QStringLiteral("SELECT count(*) FROM journal_entry WHERE event_key = ?"), {eventKey});
    }

    static QJsonObject order(const QString &number, const QString &amount, const QString &method)
    {
        return QJsonObject{{QStringLiteral("merchant_order_no"), number},
                           {QStringLiteral("amount"), amount},
                           {QStringLiteral("method"), method},
                           {QStringLiteral("subject"), QStringLiteral("西湖龙井 250g")}};
    }

    QList<AppReceiver::Received> notificationsFor(const QString &orderNo, const QString &event) const
    {
        QList<AppReceiver::Received> found;
        for (const AppReceiver::Received &r : m_app->received()) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(QStringLiteral("event")).toString() == event &&
                body.value(QStringLiteral("data")).toObject().value(QStringLiteral("order_no")).toString() == orderNo)
                found << r;
        }
        return found;
    }

    // A notification as the application checks it: signed with the platform's public key.
    static bool verifiesWithPlatformKey(const AppReceiver::Received &r, const QUrl &base)
    {
        const GatewayClient::Reply key =
            GatewayClient::get(base.resolved(QUrl(QStringLiteral("/api/v1/platform-key"))));
        auto publicKey = PublicKey::fromPem(key.data().value(QStringLiteral("public_key")).toString().toLatin1());
        if (!publicKey)
            return false;
        const QByteArray content = GatewaySignature::notificationContent(r.headers.value("paydesk-timestamp"),
                                                                         r.headers.value("paydesk-nonce"), r.body);
        return publicKey->verifySha256(content, QByteArray::fromBase64(r.headers.value("paydesk-signature")));
    }
};

} // namespace paydesk::test
