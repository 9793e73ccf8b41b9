#pragma once

#include "sandbox/SandboxHttp.h"
#include "sandbox/SandboxWorld.h"

#include <functional>
#include <optional>

namespace paydesk::sandbox {

// A notification the channel posts to the merchant. `build` makes each attempt afresh (WeChat
// and Alipay sign with the time of sending, so a retry is not a replay of an expired message).
struct OutgoingCallback
{
    SandboxChannel channel = SandboxChannel::WeChatPay;
    QString tradeNo;
    QString description; // for the delivery log: "TRANSACTION.SUCCESS", "trade_status_sync", "txnType 01"…
    QUrl url;
    std::function<Result<SandboxRequest>()> build;
};

// One channel's server side: answers its API as the channel does and words its notifications.
class ChannelSimulator
{
public:
    virtual ~ChannelSimulator() = default;
    virtual SandboxChannel channel() const = 0;
    virtual bool handles(const SandboxRequest &request) const = 0;
    // Our order number a request is about (for per-trade fault switches); empty if none.
    virtual QString tradeNoOf(const SandboxRequest &request) const = 0;
    virtual SandboxReply handle(const SandboxRequest &request) = 0;
    // The notification of a finished payment or refund; an empty url: the channel sends none.
    virtual OutgoingCallback paymentCallback(const SandboxTrade &trade) = 0;
    virtual OutgoingCallback refundCallback(const SandboxTrade &trade, const SandboxRefund &refund) = 0;
    // The page the payer's browser gets once the payment at the channel's own cashier is done
    // (UnionPay: sent back to the shop's frontUrl); nothing: the sandbox's plain result page.
    virtual std::optional<SandboxReply> cashierResult(const SandboxTrade &) { return std::nullopt; }
};

} // namespace paydesk::sandbox
