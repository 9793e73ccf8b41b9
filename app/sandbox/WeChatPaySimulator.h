#pragma once

#include "ChannelSimulator.h"

#include <QJsonObject>

namespace paydesk::sandbox {

// WeChat Pay API v3 as the platform answers it: checks the merchant's Authorization, keeps
// NATIVE/JSAPI trades and refunds, signs every answer with the platform key, words
// TRANSACTION.SUCCESS and REFUND.* notifications with the resource AES-GCM encrypted, and serves
// trade bills through tradebill + the one-time download URL.
class WeChatPaySimulator final : public ChannelSimulator
{
public:
    explicit WeChatPaySimulator(SandboxWorld &world) : m_world(world) {}

    SandboxChannel channel() const override { return SandboxChannel::WeChatPay; }
    bool handles(const SandboxRequest &request) const override;
    QString tradeNoOf(const SandboxRequest &request) const override;
    SandboxReply handle(const SandboxRequest &request) override;
    OutgoingCallback paymentCallback(const SandboxTrade &trade) override;
    OutgoingCallback refundCallback(const SandboxTrade &trade, const SandboxRefund &refund) override;

private:
    SandboxReply prepay(const QJsonObject &body, const QString &tradeType, const QString &tradeNo);
    SandboxReply query(const SandboxTrade *trade, const QString &mchid, const QString &tradeNo);
    SandboxReply close(const QString &outTradeNo, const QJsonObject &body);
    SandboxReply refund(const QJsonObject &body, const QString &tradeNo);
    SandboxReply queryRefund(const QString &outRefundNo, const QString &tradeNo);
    SandboxReply tradeBill(const SandboxRequest &request);
    SandboxReply download(const SandboxRequest &request);

    // JSON answer signed with the platform key (a broken signature under the bad-signature fault).
    SandboxReply answer(int status, const QJsonObject &body, const QString &tradeNo);
    SandboxReply error(int status, const QString &code, const QString &message, const QString &tradeNo);
    QJsonObject transactionJson(const SandboxTrade &trade) const;
    QJsonObject refundJson(const SandboxTrade &trade, const SandboxRefund &refund) const;
    OutgoingCallback notification(const SandboxTrade &trade, const QString &eventType, const QString &summary,
                                  const QString &originalType, const QJsonObject &resource, const QString &url);
    SandboxRequest sign(SandboxRequest request, const QString &tradeNo);

    SandboxWorld &m_world;
};

} // namespace paydesk::sandbox
