#pragma once

#include "sandbox/CallbackSender.h"
#include "sandbox/ChannelSimulator.h"
#include "sandbox/SandboxServer.h"
#include "sandbox/SandboxStatements.h"

#include <QObject>

#include <memory>
#include <vector>

namespace paydesk::sandbox {

class SandboxAdmin;

// paydesk-sandbox as a whole: keys, trades, the three channel simulators behind one HTTPS
// listener, the simulated payers, callbacks and statements. Lives on one thread (its event loop).
class Sandbox final : public QObject, public SandboxEvents
{
    Q_OBJECT
public:
    struct Options
    {
        QString stateDirectory; // keys and certificates; created on first start
        quint16 port = 0;       // 0: any free port
        SandboxSettings settings;
    };

    // Loads (or generates) the keys and starts listening on 127.0.0.1.
    static Result<std::unique_ptr<Sandbox>> start(const Options &options);
    ~Sandbox() override;

    QUrl baseUrl() const { return m_world.baseUrl; }
    const SandboxKeys &keys() const { return m_world.keys; }
    SandboxStore &store() { return m_world.store; }
    SandboxSettings &settings() { return m_world.settings; }
    SandboxMerchants &merchants() { return m_world.merchants; }
    BillFaultSwitches &billFaults() { return m_world.billFaults; }
    SandboxWorld &world() { return m_world; }
    QDateTime now() const { return m_world.now(); }
    CallbackSender &callbacks() { return *m_callbacks; }
    SandboxStatements &statements() { return m_statements; }

    // The simulated payer pays (or fails to pay) the order; the channel then notifies.
    Result<SandboxTrade> pay(const QString &outTradeNo, bool success, const QString &channel = {});
    // What the payer's browser is shown after paying at the channel's cashier page (UnionPay:
    // the way back to the shop); nothing: the sandbox's own result page.
    std::optional<SandboxReply> cashierResult(const SandboxTrade &trade)
    {
        return simulator(trade.channel).cashierResult(trade);
    }
    // Switches a fault on for the run (`tradeNo` empty) or one trade; `times` < 0: until off.
    void setFault(Fault fault, const QString &tradeNo, qint64 value, int times);
    void clearFault(Fault fault, const QString &tradeNo);

    // SandboxEvents
    void tradeCreated(const SandboxTrade &trade) override;
    void refundCreated(const SandboxTrade &trade, const SandboxRefund &refund) override;

    static QString channelName(SandboxChannel channel);
    static bool channelFromName(const QString &name, SandboxChannel *channel);

private:
    explicit Sandbox(SandboxWorld world);
    SandboxAnswer dispatch(const SandboxRequest &request);
    ChannelSimulator &simulator(SandboxChannel channel);
    void completeRefund(SandboxChannel channel, const QString &outTradeNo, const QString &outRefundNo);
    void refundAtChannel(SandboxTrade &trade, qint64 amount);

    SandboxWorld m_world;
    SandboxStatements m_statements;
    std::vector<std::unique_ptr<ChannelSimulator>> m_simulators;
    std::unique_ptr<CallbackSender> m_callbacks;
    std::unique_ptr<SandboxAdmin> m_admin;
    std::unique_ptr<SandboxServer> m_server;
};

} // namespace paydesk::sandbox
