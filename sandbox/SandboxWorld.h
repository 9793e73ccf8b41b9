#pragma once

#include "core/util/Clock.h"
#include "sandbox/BillFaultSwitches.h"
#include "sandbox/SandboxKeys.h"
#include "sandbox/SandboxMerchants.h"
#include "sandbox/SandboxStore.h"

namespace paydesk::sandbox {

// How the simulated payers and the channel behave; changed at start (options) or at run time
// (admin API).
struct SandboxSettings
{
    int autoPayDelayMs = -1;         // < 0: payers pay only when told (admin call, `pay ORDER`)
    double autoPaySuccessRate = 1.0; // share of automatic payments that succeed
    int feeRateBasisPoints = 60;     // the channel's fee for a merchant without its own rate: 0.60 %
    int refundDelayMs = 500;         // WeChat and UnionPay refunds finish this long after the request
    double callbackTimeScale = 1.0;  // multiplies the channels' callback retry intervals (tests: 0.001)
};

// What the simulators report to the sandbox as a whole, which schedules payers and callbacks.
class SandboxEvents
{
public:
    virtual ~SandboxEvents() = default;
    virtual void tradeCreated(const SandboxTrade &trade) = 0;
    virtual void refundCreated(const SandboxTrade &trade, const SandboxRefund &refund) = 0;
};

// Statement bytes for a business date, in the channel's own file format (see SandboxStatements).
class StatementSource
{
public:
    virtual ~StatementSource() = default;
    // `kind`: WeChat bill_type (ALL, SUCCESS, REFUND); ignored by the others.
    virtual Result<QByteArray> statement(SandboxChannel channel, const QDate &date, const QString &kind) = 0;
};

// The state every simulator shares.
struct SandboxWorld
{
    SandboxKeys keys;
    SandboxStore store;
    SandboxSettings settings;
    SandboxMerchants merchants; // each merchant's own fee rate
    BillFaultSwitches billFaults;
    const Clock *clock = &SystemClock::instance();
    QUrl baseUrl; // https://127.0.0.1:PORT
    SandboxEvents *events = nullptr;
    StatementSource *statements = nullptr;

    QDateTime now() const { return clock->nowUtc(); }
    // The channel's merchant's rate in parts per million: its own, else the default.
    qint64 feeRatePpm(SandboxChannel channel)
    {
        return merchants.feeRatePpm(channel).value_or(qint64(settings.feeRateBasisPoints) * 100);
    }
    // Fee on `amount` fen at the merchant's rate, rounded half up (the channels round to fen).
    qint64 feeOf(SandboxChannel channel, qint64 amount) { return (amount * feeRatePpm(channel) + 500000) / 1000000; }
    // Files handed out by download URLs: token → bytes (valid until the sandbox stops).
    QHash<QString, QByteArray> downloads;
};

} // namespace paydesk::sandbox
