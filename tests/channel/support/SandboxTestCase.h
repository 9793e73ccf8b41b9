#pragma once

#include "core/channel/http/HttpClient.h"
#include "tests/channel/support/SandboxFixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace paydesk::test {

// What every sandbox test needs: a sandbox with its own keys, a merchant notification endpoint,
// and HTTP options that trust the sandbox CA.
struct SandboxTestBed
{
    QTemporaryDir state;
    std::unique_ptr<SandboxThread> sandbox;
    CallbackReceiver *receiver = nullptr; // lives on the sandbox thread
    QString notifyBase;                   // http://127.0.0.1:PORT

    bool start(const sandbox::SandboxSettings &settings = fastSettings())
    {
        sandbox::Sandbox::Options options;
        options.stateDirectory = state.path();
        options.settings = settings;
        sandbox = std::make_unique<SandboxThread>(options);
        if (!sandbox->isRunning())
            return false;
        quint16 port = 0;
        sandbox->runOnThread([&] {
            receiver = new CallbackReceiver;
            port = receiver->start();
        });
        notifyBase = QStringLiteral("http://127.0.0.1:%1").arg(port);
        return port != 0;
    }
    ~SandboxTestBed()
    {
        if (sandbox)
            sandbox->runOnThread([this] { delete receiver; });
    }

    static sandbox::SandboxSettings fastSettings()
    {
        sandbox::SandboxSettings settings;
        settings.refundDelayMs = 50;
        settings.callbackTimeScale = 0.001; // 15 s between retries becomes 15 ms
        return settings;
    }

    HttpClient::Options http(int timeoutMs = 3000, int attempts = 2) const
    {
        HttpClient::Options options;
        options.timeoutMs = timeoutMs;
        options.attempts = attempts;
        options.backoffMs = 20;
        options.extraCaCertificates = HttpClient::loadCaBundle(sandbox->keys().caFile()).value_or({});
        return options;
    }

    // A call to the sandbox's control API; returns the JSON answer (fails the test on error).
    QJsonObject admin(const QByteArray &method, const QString &path, const QJsonObject &body = {}) const
    {
        HttpRequest request;
        request.method = method;
        request.url = sandbox->baseUrl().resolved(QUrl(path));
        request.headers = {{"Content-Type", "application/json"}};
        if (method == "POST")
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        auto response = HttpClient(http()).send(request);
        if (!response || response->status != 200) {
            qWarning() << "sandbox admin call failed:" << path
                       << (response ? response->body : response.error().detail().toUtf8());
            return {};
        }
        return QJsonDocument::fromJson(response->body).object();
    }
    bool pay(const QString &outTradeNo, bool success = true) const
    {
        return !admin("POST", QStringLiteral("/__sandbox/pay"),
                      QJsonObject{
                          {QStringLiteral("out_trade_no"), outTradeNo},
                          {QStringLiteral("result"), success ? QStringLiteral("SUCCESS") : QStringLiteral("FAIL")}})
                    .isEmpty();
    }
    bool fault(const QString &name, const QString &trade = {}, qint64 value = 0, int times = -1, bool off = false) const
    {
        return !admin("POST", QStringLiteral("/__sandbox/faults"),
                      QJsonObject{{QStringLiteral("fault"), name},
                                  {QStringLiteral("trade"), trade},
                                  {QStringLiteral("value"), value},
                                  {QStringLiteral("times"), times},
                                  {QStringLiteral("off"), off}})
                    .isEmpty();
    }
    void clearFaults() const { admin("DELETE", QStringLiteral("/__sandbox/faults")); }

    QList<CallbackReceiver::Received> callbacksFor(const QString &outTradeNo) const
    {
        QList<CallbackReceiver::Received> list;
        for (const auto &received : receiver->received()) {
            if (received.event.order.outTradeNo == outTradeNo || received.event.refund.outTradeNo == outTradeNo)
                list << received;
        }
        return list;
    }
    // Deliveries of the sandbox's notifications for one order (from its log).
    QList<sandbox::CallbackDelivery> deliveriesFor(const QString &outTradeNo) const
    {
        QList<sandbox::CallbackDelivery> list;
        sandbox->run([&](sandbox::Sandbox &s) {
            for (const auto &delivery : s.callbacks().deliveries()) {
                if (delivery.tradeNo == outTradeNo)
                    list << delivery;
            }
        });
        return list;
    }
    int refundCount(const QString &outTradeNo) const
    {
        int count = 0;
        sandbox->run([&](sandbox::Sandbox &s) {
            for (const sandbox::SandboxTrade *trade : s.store().trades()) {
                if (trade->outTradeNo == outTradeNo)
                    count = int(trade->refunds.size());
            }
        });
        return count;
    }
};

inline Money fen(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny());
}

} // namespace paydesk::test
