#pragma once

#include "core/gateway/GatewayAuthenticator.h"
#include "core/gateway/GatewayHttp.h"
#include "core/gateway/PlatformKey.h"
#include "core/payment/PaymentService.h"

#include <QJsonObject>

namespace paydesk {

class PaydeskCore;
struct PaymentOrder;

// The gateway API for applications (docs/gateway-api.md), over the payment core: each request
// authenticated (GatewayAuthenticator), its JSON body read strictly, the core service called,
// the answer written as {"code", "message", "data"}. Safe to call from many threads at once.
//   GET  /api/v1/platform-key      the platform's public key for notifications (unsigned)
//   POST /api/v1/orders            create (idempotent per merchant_order_no)
//   POST /api/v1/orders/query      by merchant_order_no or order_no
//   POST /api/v1/orders/close
//   POST /api/v1/refunds           refund (idempotent per merchant_refund_no)
//   POST /api/v1/refunds/query     by merchant_refund_no or refund_no
class GatewayService
{
public:
    explicit GatewayService(PaydeskCore &core);

    struct Handled
    {
        GatewayReply reply;
        QByteArray route; // for metrics: "orders.create", …, "unknown"
    };
    Handled handle(const GatewayRequest &request);

    // The HTTP status an error is answered with.
    static int statusFor(const Error &error);
    static GatewayReply errorReply(const Error &error);

    PlatformKey &platformKey() { return m_platformKey; }
    GatewayAuthenticator &authenticator() { return m_authenticator; }

private:
    Result<QJsonObject> createOrder(const Application &application, const QJsonObject &body,
                                    PaymentService::Admission *admission);
    Result<QJsonObject> queryOrder(const Application &application, const QJsonObject &body);
    Result<QJsonObject> closeOrder(const Application &application, const QJsonObject &body);
    Result<QJsonObject> createRefund(const Application &application, const QJsonObject &body);
    Result<QJsonObject> queryRefund(const Application &application, const QJsonObject &body);
    Result<PaymentOrder> ownOrder(const Application &application, const QJsonObject &body);

    PaydeskCore &m_core;
    Actor m_actor;
    GatewayAuthenticator m_authenticator;
    PlatformKey m_platformKey;
};

} // namespace paydesk
