#include "core/gateway/GatewayService.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/gateway/StrictJson.h"
#include "core/payment/PaymentJson.h"
#include "core/payment/PaymentService.h"
#include "core/storage/ReferenceGeneration.h"
#include "core/util/Error.h"

#include <QDebug>
#include <QHostInfo>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace paydesk {

namespace {

Error invalid(const QString &detail)
{
    return Error(ErrorCode::GatewayRequestInvalid, detail);
}

// Strict readers of the request's fields: a present field of the wrong type is an error.
Result<QString> text(const QJsonObject &body, const char *name, bool required, int maxLength = 128)
{
    const QJsonValue value = body.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return invalid(QStringLiteral("%1 is required").arg(QLatin1String(name)));
        return QString();
    }
    if (!value.isString())
        return invalid(QStringLiteral("%1 must be a string").arg(QLatin1String(name)));
    const QString s = value.toString();
    if (s.size() > maxLength)
        return invalid(QStringLiteral("%1 is longer than %2 characters").arg(QLatin1String(name)).arg(maxLength));
    if (required && s.trimmed().isEmpty())
        return invalid(QStringLiteral("%1 is empty").arg(QLatin1String(name)));
    return s;
}

Result<Money> amount(const QJsonObject &body)
{
    const QJsonValue value = body.value(QLatin1String("amount"));
    if (!value.isString())
        return invalid(QStringLiteral("amount must be a decimal string such as \"88.00\""));
    auto code = text(body, "currency", false, 3);
    if (!code)
        return code.error();
    auto currency = Currency::fromCode(code->isEmpty() ? QStringLiteral("CNY") : *code);
    if (!currency)
        return currency.error().within(QStringLiteral("currency"));
    auto money = Money::parse(value.toString(), *currency);
    if (!money)
        return money.error().within(QStringLiteral("amount"));
    if (!money->isPositive())
        return invalid(QStringLiteral("amount must be positive"));
    return money;
}

GatewayReply json(int status, const QJsonObject &object)
{
    GatewayReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

GatewayReply ok(const QJsonObject &data)
{
    return json(200, QJsonObject{{QStringLiteral("code"), QStringLiteral("ok")},
                                 {QStringLiteral("message"), QString()},
                                 {QStringLiteral("data"), data}});
}

} // namespace

GatewayService::GatewayService(PaydeskCore &core)
    : m_core(core), m_actor(Actor::system(QStringLiteral("gateway"), {Permission::AppManage, Permission::MerchantView},
                                          QStringLiteral("gateway@") + QHostInfo::localHostName())),
      m_authenticator(core.database(), core.clock(), core.applications(), m_actor),
      m_platformKey(core.vault(), core.database())
{
}

int GatewayService::statusFor(const Error &error)
{
    switch (error.code()) {
    case ErrorCode::ApplicationUnknown:
    case ErrorCode::ApplicationSignatureInvalid:
    case ErrorCode::GatewayRequestExpired:
    case ErrorCode::GatewayRequestReplayed:
        return 401;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::OrderUnknown:
        return 404;
    case ErrorCode::IdempotencyConflict:
    case ErrorCode::OrderChangedMeanwhile:
        return 409;
    case ErrorCode::PaymentTransitionRefused:
    case ErrorCode::RefundExceedsPaid:
    case ErrorCode::NoRoute:
    case ErrorCode::FeeRateMissing:
    case ErrorCode::ChannelStateConflict:
        return 422;
    case ErrorCode::ChannelTimeout:
    case ErrorCode::ChannelUnavailable:
    case ErrorCode::ChannelRejected:
    case ErrorCode::ChannelAuthRejected:
    case ErrorCode::ChannelResponseMalformed:
    case ErrorCode::ChannelNotFound:
    case ErrorCode::SignatureInvalid:
        return 502;
    case ErrorCode::VaultLocked:
    case ErrorCode::DatabaseOpenFailed:
    case ErrorCode::QueryFailed:
    case ErrorCode::TransactionFailed:
        return 503;
    default:
        break;
    }
    const int code = int(error.code());
    // Malformed requests: bad amounts, currencies, methods, fields.
    if (code <= int(ErrorCode::InvalidArgument) || error.code() == ErrorCode::GatewayRequestInvalid ||
        error.code() == ErrorCode::OrderInvalid || error.code() == ErrorCode::PaymentMethodUnknown ||
        error.code() == ErrorCode::JsonMalformed)
        return 400;
    return 500;
}

GatewayReply GatewayService::errorReply(const Error &error)
{
    const int status = statusFor(error);
    QString message = error.message();
    // A server fault's detail (a failing statement, a table's name, a file path) is for the
    // daemon's log, not for the caller: the answer says in plain words what failed.
    if (status >= 500 && status != 502) {
        qWarning().noquote() << "gateway: answered" << status << errorCodeName(error.code()) << "-" << error.message();
        switch (error.code()) {
        case ErrorCode::DatabaseOpenFailed:
        case ErrorCode::QueryFailed:
        case ErrorCode::TransactionFailed:
            message = QStringLiteral("the platform's database could not complete the request; try again later");
            break;
        case ErrorCode::VaultLocked:
            message = QStringLiteral("the platform's vault is locked; try again later");
            break;
        default:
            message = QStringLiteral("an internal error stopped the request; the platform's log has the detail");
            break;
        }
    }
    return json(status, QJsonObject{{QStringLiteral("code"), QString::fromLatin1(errorCodeName(error.code()))},
                                    {QStringLiteral("message"), message}});
}

GatewayService::Handled GatewayService::handle(const GatewayRequest &request)
{
    using Operation = Result<QJsonObject> (GatewayService::*)(const Application &, const QJsonObject &);
    struct Route
    {
        const char *path;
        const char *name;
        Operation operation;
    };
    static const Route routes[] = {
        {"/api/v1/orders", "orders.create", nullptr}, // createOrder, which also takes the nonce
        {"/api/v1/orders/query", "orders.query", &GatewayService::queryOrder},
        {"/api/v1/orders/close", "orders.close", &GatewayService::closeOrder},
        {"/api/v1/refunds", "refunds.create", &GatewayService::createRefund},
        {"/api/v1/refunds/query", "refunds.query", &GatewayService::queryRefund},
    };
    if (request.path == "/api/v1/platform-key") {
        if (request.method != "GET")
            return {errorReply(invalid(QStringLiteral("use GET"))), "platform_key"};
        auto pem = m_platformKey.publicKeyPem();
        if (!pem)
            return {errorReply(pem.error()), "platform_key"};
        return {ok(QJsonObject{{QStringLiteral("sign_type"), QStringLiteral("RSA2")},
                               {QStringLiteral("public_key"), QString::fromLatin1(*pem)}}),
                "platform_key"};
    }
    for (const Route &route : routes) {
        if (request.path != route.path)
            continue;
        if (request.method != "POST")
            return {errorReply(invalid(QStringLiteral("use POST"))), route.name};
        // A body that could be read two ways (a key twice, a lone surrogate) is refused before
        // anything else is done with it.
        const Status strict = StrictJson::check(request.body);
        if (!strict)
            return {errorReply(strict.error()), route.name};
        // One reading of the reference data's generation for the whole request (see ReferenceCache).
        ReferenceGeneration::Scope references(m_core.database());
        auto verified = m_authenticator.verify(request);
        if (!verified)
            return {errorReply(verified.error()), route.name};
        // A new order uses up the request's nonce in its own transaction; every other request,
        // and a create that wrote no order, uses it up in a statement of its own.
        const bool createsOrder = route.operation == nullptr;
        if (!createsOrder) {
            const Status fresh = m_authenticator.remember(*verified);
            if (!fresh)
                return {errorReply(fresh.error()), route.name};
        }
        PaymentService::Admission admission;
        admission.record = [this, &verified](const QSqlDatabase &db) {
            return m_authenticator.remember(db, *verified);
        };
        const Result<QJsonObject> data = [&]() -> Result<QJsonObject> {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return invalid(QStringLiteral("the body is not JSON: %1 at offset %2")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
            if (!document.isObject())
                return invalid(QStringLiteral("the body must be a JSON object"));
            if (createsOrder)
                return createOrder(verified->application, document.object(), &admission);
            return (this->*route.operation)(verified->application, document.object());
        }();
        if (createsOrder && !admission.committed) {
            // A replay is told as a replay, whatever the request would have done.
            const Status fresh = m_authenticator.remember(*verified);
            if (!fresh)
                return {errorReply(fresh.error()), route.name};
        }
        if (!data)
            return {errorReply(data.error()), route.name};
        return {ok(*data), route.name};
    }
    GatewayReply missing = json(404, QJsonObject{{QStringLiteral("code"), QStringLiteral("not_found")},
                                                 {QStringLiteral("message"), QStringLiteral("no such endpoint")}});
    return {missing, "unknown"};
}

Result<QJsonObject> GatewayService::createOrder(const Application &application, const QJsonObject &body,
                                                PaymentService::Admission *admission)
{
    CreateOrderRequest request;
    auto merchantOrderNo = text(body, "merchant_order_no", true, 64);
    if (!merchantOrderNo)
        return merchantOrderNo.error();
    request.merchantOrderNo = *merchantOrderNo;
    auto money = amount(body);
    if (!money)
        return money.error();
    request.amount = *money;
    auto method = text(body, "method", true, 32);
    if (!method)
        return method.error();
    if (!ChannelNames::methodFromName(*method, &request.method))
        return Error(ErrorCode::PaymentMethodUnknown, *method);
    auto subject = text(body, "subject", true, 128);
    if (!subject)
        return subject.error();
    request.subject = *subject;
    auto notifyUrl = text(body, "notify_url", false, 256);
    if (!notifyUrl)
        return notifyUrl.error();
    request.notifyUrl = *notifyUrl;
    auto payerId = text(body, "payer_id", false, 128);
    if (!payerId)
        return payerId.error();
    request.payerId = *payerId;
    auto returnUrl = text(body, "return_url", false, 256);
    if (!returnUrl)
        return returnUrl.error();
    request.returnUrl = *returnUrl;
    const QJsonValue expire = body.value(QLatin1String("expire_minutes"));
    if (!expire.isUndefined() && !expire.isNull()) {
        const double minutes = expire.toDouble(-1);
        if (!expire.isDouble() || minutes != double(qint64(minutes)))
            return invalid(QStringLiteral("expire_minutes must be a whole number"));
        request.expireMinutes = int(qBound(-1.0, minutes, 100000.0));
    }
    auto order = m_core.payments().create(application, request, *QRandomGenerator::global(), admission);
    if (!order)
        return order.error();
    return PaymentJson::order(*order);
}

Result<PaymentOrder> GatewayService::ownOrder(const Application &application, const QJsonObject &body)
{
    auto merchantOrderNo = text(body, "merchant_order_no", false, 64);
    if (!merchantOrderNo)
        return merchantOrderNo.error();
    auto orderNo = text(body, "order_no", false, 64);
    if (!orderNo)
        return orderNo.error();
    if (!merchantOrderNo->isEmpty())
        return m_core.payments().findByMerchantOrderNo(application.id, *merchantOrderNo);
    if (orderNo->isEmpty())
        return invalid(QStringLiteral("merchant_order_no or order_no is required"));
    auto order = m_core.payments().find(*orderNo);
    // Another application's order is as unknown to this one as an order that does not exist.
    if (!order || order->applicationId != application.id)
        return Error(ErrorCode::OrderUnknown, *orderNo);
    return order;
}

Result<QJsonObject> GatewayService::queryOrder(const Application &application, const QJsonObject &body)
{
    auto order = ownOrder(application, body);
    if (!order)
        return order.error();
    return PaymentJson::order(*order);
}

Result<QJsonObject> GatewayService::closeOrder(const Application &application, const QJsonObject &body)
{
    auto order = ownOrder(application, body);
    if (!order)
        return order.error();
    auto closed = m_core.payments().close(order->orderNo);
    if (!closed)
        return closed.error();
    return PaymentJson::order(*closed);
}

Result<QJsonObject> GatewayService::createRefund(const Application &application, const QJsonObject &body)
{
    auto order = ownOrder(application, body);
    if (!order)
        return order.error();
    CreateRefundRequest request;
    auto refundNo = text(body, "merchant_refund_no", true, 64);
    if (!refundNo)
        return refundNo.error();
    request.merchantRefundNo = *refundNo;
    auto money = amount(body);
    if (!money)
        return money.error();
    request.amount = *money;
    auto reason = text(body, "reason", false, 256);
    if (!reason)
        return reason.error();
    request.reason = *reason;
    auto refund = m_core.refunds().refund(application, order->merchantOrderNo, request, *QRandomGenerator::global());
    if (!refund)
        return refund.error();
    return PaymentJson::refund(*refund, order->merchantOrderNo);
}

Result<QJsonObject> GatewayService::queryRefund(const Application &application, const QJsonObject &body)
{
    auto merchantRefundNo = text(body, "merchant_refund_no", false, 64);
    if (!merchantRefundNo)
        return merchantRefundNo.error();
    auto refundNo = text(body, "refund_no", false, 64);
    if (!refundNo)
        return refundNo.error();
    Result<PaymentRefund> refund = Error(ErrorCode::OrderUnknown);
    if (!merchantRefundNo->isEmpty())
        refund = m_core.refunds().findByMerchantRefundNo(application.id, *merchantRefundNo);
    else if (!refundNo->isEmpty())
        refund = m_core.refunds().find(*refundNo);
    else
        return invalid(QStringLiteral("merchant_refund_no or refund_no is required"));
    if (!refund || refund->applicationId != application.id)
        return Error(ErrorCode::OrderUnknown,
                     QStringLiteral("refund ") + (merchantRefundNo->isEmpty() ? *refundNo : *merchantRefundNo));
    auto order = m_core.payments().find(refund->orderNo);
    if (!order)
        return order.error();
    return PaymentJson::refund(*refund, order->merchantOrderNo);
}

} // namespace paydesk
