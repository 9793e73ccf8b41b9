#pragma once

#include "sandbox/ChannelSimulator.h"

#include <QJsonObject>

#include <optional>

namespace paydesk::sandbox {

// WeChat Pay API v3 as the platform answers it: checks the merchant's Authorization, keeps
// NATIVE/JSAPI trades and refunds, signs every answer to an authenticated request with the key
// the request's Wechatpay-Serial names (the platform certificate, or the WeChat Pay public key
// by its id; the certificate when none is named), words TRANSACTION.SUCCESS and REFUND.*
// notifications with the resource AES-GCM encrypted and signed the same way, and serves trade
// bills through tradebill + the one-time download URL.
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

    // The key an answer or notification is signed with, and the serial it goes out under.
    struct Signer
    {
        PrivateKey key;
        QString serial;
    };
    // The platform certificate when `serial` is empty or names it (as a hex number), the public
    // key for its id; nothing for a serial WeChat does not know.
    std::optional<Signer> signerNamed(const QString &serial) const;

    // JSON answer signed by m_signer (a broken signature under the bad-signature fault; none
    // under unsigned-answers, nor for a request that failed authentication, as WeChat does).
    SandboxReply answer(int status, const QJsonObject &body, const QString &tradeNo);
    SandboxReply error(int status, const QString &code, const QString &message, const QString &tradeNo);
    QJsonObject transactionJson(const SandboxTrade &trade) const;
    QJsonObject refundJson(const SandboxTrade &trade, const SandboxRefund &refund) const;
    OutgoingCallback notification(const SandboxTrade &trade, const QString &eventType, const QString &summary,
                                  const QString &originalType, const QJsonObject &resource, const QString &url,
                                  const QString &platformSerial);
    SandboxRequest sign(SandboxRequest request, const QString &tradeNo, const QString &platformSerial);

    SandboxWorld &m_world;
    Signer m_signer;       // for the request being answered
    QString m_namedSerial; // its Wechatpay-Serial as sent (empty: none), kept with what it creates
};

} // namespace paydesk::sandbox
