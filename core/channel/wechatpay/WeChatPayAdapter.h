#pragma once

#include "core/channel/ChannelAdapter.h"
#include "core/channel/http/HttpClient.h"
#include "core/security/PrivateKey.h"
#include "core/util/Clock.h"

namespace paydesk {

struct WeChatPayConfig
{
    QString mchid;
    QString appid;
    QString merchantSerialNo;               // serial of the merchant API certificate
    PrivateKey merchantKey;                 // signs our requests
    QByteArray apiV3Key;                    // decrypts callback resources (32 bytes)
    QHash<QString, PublicKey> platformKeys; // by Wechatpay-Serial: verifies answers and callbacks
    // Sent as Wechatpay-Serial with every request: WeChat signs its answer with the key it names
    // (a merchant with only the WeChat Pay public key must name its PUB_KEY_ID_…). The public-key
    // id when the account has one, else the serial of its longest-lived platform certificate, as
    // the official SDKs choose; empty: none is sent.
    QString platformSerial;
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
    Result<RefundStatus> queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                     const QDateTime &requestedAt) override;
    Result<QByteArray> downloadStatement(const QDate &date) override;
    Result<CallbackEvent> parseCallback(const CallbackRequest &request) override;

    // trade_state → our order state.
    static OrderState stateOf(const QString &tradeState);
    // What a non-2xx answer says, signed or not (the official SDKs verify only 2xx answers:
    // WeChat signs none for a request it could not authenticate, nor does a front or proxy):
    // the error code of its {code, message} body, else of its HTTP status — 401 our credentials
    // or signature, 404 not found, 429 and 5xx busy (retry with the same numbers).
    static Error errorOf(int httpStatus, const QByteArray &body);

private:
    // Signs, sends, verifies a 2xx answer's signature (unless `signedAnswer` is false) and turns
    // any other answer into errorOf() — verified too when it is signed under one of our keys.
    // Returns the verified answer.
    Result<HttpResponse> call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                              bool signedAnswer = true, qint64 maxAnswerBytes = HttpRequest::kDefaultMaxAnswerBytes);

    WeChatPayConfig m_config;
    HttpClient m_http;
    const Clock &m_clock;
};

} // namespace paydesk
