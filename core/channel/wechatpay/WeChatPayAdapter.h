#pragma once

#include "channel/ChannelAdapter.h"
#include "channel/http/HttpClient.h"
#include "security/PrivateKey.h"
#include "util/Clock.h"

namespace paydesk {

struct WeChatPayConfig
{
    QString mchid;
    QString appid;
    QString merchantSerialNo;             // serial of the merchant API certificate
    PrivateKey merchantKey;               // signs our requests
    QByteArray apiV3Key;                  // decrypts callback resources (32 bytes)
    QHash<QString, PublicKey> platformKeys; // by Wechatpay-Serial: verifies answers and callbacks
    QUrl baseUrl = QUrl(QStringLiteral("https://api.mch.weixin.qq.com"));
    QString notifyUrl;
};

// WeChat Pay API v3 (NATIVE and JSAPI payments, refunds, trade bills, callbacks).
class WeChatPayAdapter final : public ChannelAdapter
{
public:
    WeChatPayAdapter(WeChatPayConfig config, HttpClient http, const Clock &clock);

    ChannelKind kind() const override { return ChannelKind::WeChatPay; }
    Result<PrepayResult> prepay(const PrepayRequest &request) override;
    Result<OrderStatus> queryOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    Status closeOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    Result<RefundStatus> refund(const RefundRequest &request) override;
    Result<RefundStatus> queryRefund(const QString &outTradeNo, const QString &outRefundNo, const QDateTime &requestedAt) override;
    Result<QByteArray> downloadStatement(const QDate &date) override;
    Result<CallbackEvent> parseCallback(const CallbackRequest &request) override;

    // trade_state → our order state.
    static OrderState stateOf(const QString &tradeState);

private:
    // Signs, sends, verifies the answer's signature (unless `signedAnswer` is false) and turns
    // an error answer into ChannelRejected. Returns the verified body.
    Result<HttpResponse> call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                              bool signedAnswer = true);

    WeChatPayConfig m_config;
    HttpClient m_http;
    const Clock &m_clock;
};

} // namespace paydesk
