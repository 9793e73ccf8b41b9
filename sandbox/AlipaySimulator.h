#pragma once

#include "sandbox/ChannelSimulator.h"

#include <QJsonObject>

namespace paydesk::sandbox {

// The Alipay OpenAPI gateway (gateway.do) as Alipay answers it: checks the app's RSA2 signature,
// keeps precreate trades and refunds, signs each "<method>_response" object with the Alipay key,
// posts trade_status_sync notifications, and hands out trade bills by download URL.
class AlipaySimulator final : public ChannelSimulator
{
public:
    explicit AlipaySimulator(SandboxWorld &world) : m_world(world) {}

    SandboxChannel channel() const override { return SandboxChannel::Alipay; }
    bool handles(const SandboxRequest &request) const override;
    QString tradeNoOf(const SandboxRequest &request) const override;
    SandboxReply handle(const SandboxRequest &request) override;
    OutgoingCallback paymentCallback(const SandboxTrade &trade) override;
    OutgoingCallback refundCallback(const SandboxTrade &trade, const SandboxRefund &refund) override;

private:
    using Params = QMap<QString, QString>;
    static Params paramsOf(const SandboxRequest &request);
    SandboxTrade *findTrade(const QJsonObject &biz) const;

    QJsonObject precreate(const QJsonObject &biz, const Params &params);
    QJsonObject query(const QJsonObject &biz);
    QJsonObject close(const QJsonObject &biz);
    QJsonObject refund(const QJsonObject &biz);
    QJsonObject refundQuery(const QJsonObject &biz);
    QJsonObject billUrl(const QJsonObject &biz);
    SandboxReply download(const SandboxRequest &request);

    // {"<method>_response":{…},"sign":"…"}: the sign covers the exact object text.
    SandboxReply answer(const QString &method, QJsonObject content, const QString &tradeNo);
    static QJsonObject failure(const QString &code, const QString &msg, const QString &subCode, const QString &subMsg);
    static QString statusOf(const SandboxTrade &trade);
    OutgoingCallback notify(const SandboxTrade &trade, const QString &description, Params fields);

    SandboxWorld &m_world;
};

} // namespace paydesk::sandbox
