#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/channel/wechatpay/WeChatPayCrypto.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace paydesk::test {

// A WeChat Pay notification as WeChat sends it — or as anyone holding the keys can make one:
// `resource` sealed with `apiV3Key`, the body signed with `platformKey` under `serial` at `at`.
inline CallbackRequest weChatCallback(const QString &eventType, const QString &originalType,
                                      const QJsonObject &resource, const QByteArray &apiV3Key,
                                      const PrivateKey &platformKey, const QString &serial, const QDateTime &at,
                                      const QHostAddress &peer = QHostAddress())
{
    const QByteArray nonce = WeChatPay::makeNonce().left(12);
    const QByteArray sealed = WeChatPay::encryptResource(apiV3Key.trimmed(), originalType.toUtf8(), nonce,
                                                         QJsonDocument(resource).toJson(QJsonDocument::Compact))
                                  .value_or(QByteArray());
    const QJsonObject envelope{
        {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("create_time"), at.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("resource_type"), QStringLiteral("encrypt-resource")},
        {QStringLiteral("event_type"), eventType},
        {QStringLiteral("summary"), QStringLiteral("支付成功")},
        {QStringLiteral("resource"), QJsonObject{{QStringLiteral("original_type"), originalType},
                                                 {QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                                                 {QStringLiteral("ciphertext"), QString::fromLatin1(sealed)},
                                                 {QStringLiteral("associated_data"), originalType},
                                                 {QStringLiteral("nonce"), QString::fromLatin1(nonce)}}}};
    CallbackRequest request;
    request.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    request.peer = peer;
    request.headers.insert("content-type", "application/json");
    auto headers =
        WeChatPay::signAsPlatform(request.body, platformKey, serial, at.toSecsSinceEpoch(), WeChatPay::makeNonce());
    if (headers) {
        request.headers.insert("wechatpay-timestamp", headers->timestamp);
        request.headers.insert("wechatpay-nonce", headers->nonce);
        request.headers.insert("wechatpay-signature", headers->signature);
        request.headers.insert("wechatpay-serial", headers->serial);
    }
    return request;
}

// TRANSACTION.SUCCESS: "order `outTradeNo` was paid `fen`".
inline CallbackRequest weChatPaymentCallback(const QString &mchid, const QString &outTradeNo, qint64 fen,
                                             const QByteArray &apiV3Key, const PrivateKey &platformKey,
                                             const QString &serial, const QDateTime &at,
                                             const QHostAddress &peer = QHostAddress())
{
    const QJsonObject transaction{
        {QStringLiteral("mchid"), mchid},
        {QStringLiteral("out_trade_no"), outTradeNo},
        {QStringLiteral("transaction_id"), QStringLiteral("4200%1").arg(at.toMSecsSinceEpoch())},
        {QStringLiteral("trade_type"), QStringLiteral("NATIVE")},
        {QStringLiteral("trade_state"), QStringLiteral("SUCCESS")},
        {QStringLiteral("success_time"), at.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("payer"),
         QJsonObject{{QStringLiteral("openid"), QStringLiteral("oFORGEDxxxxxxxxxxxxxxxxxxxx")}}},
        {QStringLiteral("amount"), QJsonObject{{QStringLiteral("total"), fen},
                                               {QStringLiteral("payer_total"), fen},
                                               {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
    return weChatCallback(QStringLiteral("TRANSACTION.SUCCESS"), QStringLiteral("transaction"), transaction, apiV3Key,
                          platformKey, serial, at, peer);
}

} // namespace paydesk::test
