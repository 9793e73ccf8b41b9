#pragma once

#include "core/channel/unionpay/UnionPayCrypto.h"
#include "sandbox/ChannelSimulator.h"

namespace paydesk::sandbox {

// The UnionPay online gateway (ACP 5.1.0, signMethod 01) as UnionPay answers it: the browser's
// front payment form (an HTML cashier page), order and refund query, refunds, the
// reconciliation file (fileContent = Base64 of the deflated zip), and back notifications — all
// signed with a signing certificate that chains to the sandbox's CFCA-like root.
class UnionPaySimulator final : public ChannelSimulator
{
public:
    explicit UnionPaySimulator(SandboxWorld &world) : m_world(world) {}

    SandboxChannel channel() const override { return SandboxChannel::UnionPay; }
    bool handles(const SandboxRequest &request) const override;
    QString tradeNoOf(const SandboxRequest &request) const override;
    SandboxReply handle(const SandboxRequest &request) override;
    OutgoingCallback paymentCallback(const SandboxTrade &trade) override;
    OutgoingCallback refundCallback(const SandboxTrade &trade, const SandboxRefund &refund) override;
    // Back to the shop: a page that posts the signed result (the notification's fields) to the
    // order's frontUrl at once, as UnionPay returns the payer.
    std::optional<SandboxReply> cashierResult(const SandboxTrade &trade) override;

private:
    using Fields = UnionPay::Fields;
    SandboxReply frontPay(const Fields &request);
    Fields query(const Fields &request);
    Fields refund(const Fields &request);
    Fields fileTransfer(const Fields &request);
    // The payment's result as UnionPay words it to the merchant (notification and front return).
    static Fields paymentResult(const SandboxTrade &trade);

    // Echo of the request's identifying fields plus respCode/respMsg.
    static Fields answerTo(const Fields &request, const QString &code, const QString &message);
    // Signed "k=v&k=v" body (values not URL-encoded, as UnionPay's synchronous answers are).
    SandboxReply answer(Fields fields, const QString &tradeNo);
    Result<Fields> signFields(Fields fields, const QString &tradeNo);
    OutgoingCallback notification(const SandboxTrade &trade, const QString &description, const QString &url,
                                  Fields fields);
    static SandboxReply page(int status, const QString &title, const QString &body);

    SandboxWorld &m_world;
};

} // namespace paydesk::sandbox
