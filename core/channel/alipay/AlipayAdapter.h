#pragma once

#include "core/channel/ChannelAdapter.h"
#include "core/channel/alipay/AlipayCrypto.h"
#include "core/channel/http/HttpClient.h"
#include "core/util/Clock.h"

namespace paydesk {

struct AlipayConfig
{
    QString appId;
    PrivateKey appKey;   // 应用私钥: signs our requests
    PublicKey alipayKey; // 支付宝公钥: verifies answers and notifications
    QUrl gatewayUrl = QUrl(QStringLiteral("https://openapi.alipay.com/gateway.do"));
    QString notifyUrl;
};

// Alipay OpenAPI with RSA2: precreate (QR), query, close, refund, refund query, trade bill, notify.
class AlipayAdapter final : public ChannelAdapter
{
public:
    AlipayAdapter(AlipayConfig config, HttpClient http, const Clock &clock);

    ChannelKind kind() const override { return ChannelKind::Alipay; }
    Result<PrepayResult> prepay(const PrepayRequest &request) override;
    Result<OrderStatus> queryOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    Status closeOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    Result<RefundStatus> refund(const RefundRequest &request) override;
    Result<RefundStatus> queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                     const QDateTime &requestedAt) override;
    Result<QByteArray> downloadStatement(const QDate &date) override;
    Result<CallbackEvent> parseCallback(const CallbackRequest &request) override;

    // trade_status → our state; `wasPaid` (a payment time is present) tells a fully refunded
    // TRADE_CLOSED from one closed unpaid.
    static OrderState stateOf(const QString &tradeStatus, bool wasPaid);

private:
    // Signs and posts `method` with `bizContent` (and `notifyUrl` when not empty), verifies the
    // answer's signature (the raw substring rule), and returns the answer object when its code is 10000.
    Result<QJsonObject> call(const QString &method, const QJsonObject &bizContent, const QString &notifyUrl = {});

    AlipayConfig m_config;
    HttpClient m_http;
    const Clock &m_clock;
};

} // namespace paydesk
