#include "core/channel/wechatpay/WeChatPayAdapter.h"

#include "core/channel/ChannelErrors.h"
#include "core/channel/ChannelTime.h"
#include "core/channel/statement/StatementLimits.h"
#include "core/channel/wechatpay/WeChatPayCrypto.h"
#include "core/security/Crypto.h"
#include "core/util/Compression.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace paydesk {

namespace {
QJsonObject parseObject(const QByteArray &body, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

// WeChat amounts are integers of fen; anything else is refused rather than guessed.
bool fenOf(const QJsonValue &value, qint64 *fen)
{
    if (!value.isDouble())
        return false;
    const qint64 integral = value.toInteger(-1);
    if (integral < 0 || double(integral) != value.toDouble())
        return false;
    *fen = integral;
    return true;
}

RefundState refundStateOf(const QString &status)
{
    if (status == QLatin1String("SUCCESS"))
        return RefundState::Succeeded;
    if (status == QLatin1String("CLOSED"))
        return RefundState::Failed;
    if (status == QLatin1String("ABNORMAL"))
        return RefundState::Abnormal;
    return RefundState::Processing;
}

Result<OrderStatus> orderFromTransaction(const QJsonObject &t)
{
    OrderStatus status;
    status.outTradeNo = t.value(QLatin1String("out_trade_no")).toString();
    status.channelTransactionId = t.value(QLatin1String("transaction_id")).toString();
    status.channelState = t.value(QLatin1String("trade_state")).toString();
    status.state = WeChatPayAdapter::stateOf(status.channelState);
    qint64 total = 0;
    if (!fenOf(t.value(QLatin1String("amount")).toObject().value(QLatin1String("total")), &total))
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("amount.total"));
    status.amount = Money::fromMinor(total, Currency::cny());
    const QString paidAt = t.value(QLatin1String("success_time")).toString();
    if (!paidAt.isEmpty())
        status.paidAt = QDateTime::fromString(paidAt, Qt::ISODate).toUTC();
    status.payerId = t.value(QLatin1String("payer")).toObject().value(QLatin1String("openid")).toString();
    return status;
}

Result<RefundStatus> refundFromJson(const QJsonObject &r)
{
    RefundStatus status;
    status.outTradeNo = r.value(QLatin1String("out_trade_no")).toString();
    status.outRefundNo = r.value(QLatin1String("out_refund_no")).toString();
    status.channelTransactionId = r.value(QLatin1String("transaction_id")).toString();
    status.channelRefundId = r.value(QLatin1String("refund_id")).toString();
    status.channelState = r.value(QLatin1String("status")).toString();
    if (status.channelState.isEmpty())
        status.channelState = r.value(QLatin1String("refund_status")).toString(); // callbacks
    status.state = refundStateOf(status.channelState);
    qint64 refund = 0;
    if (!fenOf(r.value(QLatin1String("amount")).toObject().value(QLatin1String("refund")), &refund))
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("amount.refund"));
    status.amount = Money::fromMinor(refund, Currency::cny());
    const QString when = r.value(QLatin1String("success_time")).toString();
    if (!when.isEmpty())
        status.succeededAt = QDateTime::fromString(when, Qt::ISODate).toUTC();
    return status;
}
} // namespace

WeChatPayAdapter::WeChatPayAdapter(WeChatPayConfig config, HttpClient http, const Clock &clock)
    : m_config(std::move(config)), m_http(std::move(http)), m_clock(clock)
{
}

OrderState WeChatPayAdapter::stateOf(const QString &tradeState)
{
    if (tradeState == QLatin1String("SUCCESS"))
        return OrderState::Paid;
    if (tradeState == QLatin1String("REFUND"))
        return OrderState::Refunded;
    if (tradeState == QLatin1String("CLOSED") || tradeState == QLatin1String("REVOKED"))
        return OrderState::Closed;
    if (tradeState == QLatin1String("USERPAYING"))
        return OrderState::Paying;
    if (tradeState == QLatin1String("PAYERROR"))
        return OrderState::Failed;
    return OrderState::NotPaid;
}

Result<HttpResponse> WeChatPayAdapter::call(const QByteArray &method, const QString &pathAndQuery,
                                            const QByteArray &body, bool signedAnswer, qint64 maxAnswerBytes)
{
    const QByteArray canonical = pathAndQuery.toUtf8();
    auto authorization =
        WeChatPay::authorization(m_config.mchid, m_config.merchantSerialNo, m_config.merchantKey, method, canonical,
                                 body, m_clock.nowUtc().toSecsSinceEpoch(), WeChatPay::makeNonce());
    if (!authorization)
        return authorization.error();
    HttpRequest request;
    request.method = method;
    request.url = m_config.baseUrl.resolved(QUrl(pathAndQuery));
    request.body = body;
    request.maxAnswerBytes = maxAnswerBytes;
    request.headers = {{"Authorization", *authorization},
                       {"Accept", "application/json"},
                       {"Content-Type", "application/json"},
                       {"User-Agent", "paydesk/0.1"}};
    if (!m_config.platformSerial.isEmpty())
        request.headers.append({"Wechatpay-Serial", m_config.platformSerial.toLatin1()});
    auto response = m_http.send(request);
    if (!response)
        return response.error();
    const WeChatPay::SignedHeaders headers{response->header("Wechatpay-Timestamp"), response->header("Wechatpay-Nonce"),
                                           response->header("Wechatpay-Signature"),
                                           response->header("Wechatpay-Serial")};
    const bool success = response->status >= 200 && response->status < 300;
    // A 2xx answer must be signed: nothing is paid, refunded or found but on a verified word.
    // Any other answer is read for what it says, unless it comes signed under a key of ours
    // that does not verify it (a forged "not found" is no answer).
    const bool mustVerify =
        success ? signedAnswer
                : !headers.signature.isEmpty() &&
                      WeChatPay::keyFor(m_config.platformKeys, QString::fromLatin1(headers.serial)) != nullptr;
    if (mustVerify) {
        auto verified = WeChatPay::verify(headers, response->body, m_config.platformKeys, m_clock.nowUtc());
        if (!verified)
            return verified.error().within(QStringLiteral("WeChat Pay answer"));
    }
    if (!success)
        return errorOf(response->status, response->body);
    return response;
}

Error WeChatPayAdapter::errorOf(int httpStatus, const QByteArray &body)
{
    bool ok = false;
    const QJsonObject answer = parseObject(body, &ok);
    const QString code = answer.value(QLatin1String("code")).toString();
    const QString message = answer.value(QLatin1String("message")).toString();
    const QString status = QStringLiteral("HTTP %1").arg(httpStatus);
    if (httpStatus >= 500)
        return Error(ErrorCode::ChannelUnavailable, code.isEmpty() ? status : code + QStringLiteral(": ") + message);
    const Error named = ChannelErrors::fromChannel(ChannelKind::WeChatPay, code.isEmpty() ? status : code, message);
    if (named.code() != ErrorCode::ChannelRejected)
        return named; // a code the table knows says more than the status
    switch (httpStatus) {
    case 401:
        return Error(ErrorCode::ChannelAuthRejected, named.detail());
    case 404:
        return Error(ErrorCode::ChannelNotFound, named.detail());
    case 429:
        return Error(ErrorCode::ChannelUnavailable, named.detail());
    default:
        return named;
    }
}

Result<PrepayResult> WeChatPayAdapter::prepay(const PrepayRequest &request)
{
    const bool jsapi = request.method == PayMethod::WeChatJsapi;
    if (!jsapi && request.method != PayMethod::WeChatNative)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("WeChat Pay takes NATIVE or JSAPI payments"));
    if (!request.amount.isPositive() || request.amount.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount must be a positive CNY amount"));
    QJsonObject body{
        {QStringLiteral("appid"), m_config.appid},
        {QStringLiteral("mchid"), m_config.mchid},
        {QStringLiteral("description"), request.description},
        {QStringLiteral("out_trade_no"), request.outTradeNo},
        {QStringLiteral("notify_url"), request.notifyUrl.isEmpty() ? m_config.notifyUrl : request.notifyUrl},
        {QStringLiteral("amount"), QJsonObject{{QStringLiteral("total"), request.amount.minor()},
                                               {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
    if (request.expiresAt.isValid())
        body.insert(QStringLiteral("time_expire"), ChannelTime::rfc3339(request.expiresAt));
    if (!request.attach.isEmpty())
        body.insert(QStringLiteral("attach"), request.attach);
    if (jsapi)
        body.insert(QStringLiteral("payer"), QJsonObject{{QStringLiteral("openid"), request.payerId}});
    auto response = call(
        "POST", jsapi ? QStringLiteral("/v3/pay/transactions/jsapi") : QStringLiteral("/v3/pay/transactions/native"),
        QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!response)
        return response.error();
    bool ok = false;
    const QJsonObject answer = parseObject(response->body, &ok);
    PrepayResult result;
    result.codeUrl = answer.value(QLatin1String("code_url")).toString();
    result.prepayId = answer.value(QLatin1String("prepay_id")).toString();
    if (!ok || (jsapi ? result.prepayId.isEmpty() : result.codeUrl.isEmpty()))
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("no code_url/prepay_id"));
    return result;
}

Result<OrderStatus> WeChatPayAdapter::queryOrder(const QString &outTradeNo, const QDateTime &)
{
    auto response = call("GET",
                         QStringLiteral("/v3/pay/transactions/out-trade-no/%1?mchid=%2")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(outTradeNo)), m_config.mchid),
                         {});
    if (!response)
        return response.error();
    bool ok = false;
    const QJsonObject answer = parseObject(response->body, &ok);
    if (!ok)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("query answer"));
    if (answer.value(QLatin1String("out_trade_no")).toString() != outTradeNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another order"));
    return orderFromTransaction(answer);
}

Status WeChatPayAdapter::closeOrder(const QString &outTradeNo, const QDateTime &)
{
    auto response =
        call("POST",
             QStringLiteral("/v3/pay/transactions/out-trade-no/%1/close")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(outTradeNo))),
             QJsonDocument(QJsonObject{{QStringLiteral("mchid"), m_config.mchid}}).toJson(QJsonDocument::Compact));
    if (!response)
        return response.error();
    return {};
}

Result<RefundStatus> WeChatPayAdapter::refund(const RefundRequest &request)
{
    if (!request.refundAmount.isPositive() || request.totalAmount.minor() < request.refundAmount.minor())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("refund amount"));
    QJsonObject body{{QStringLiteral("out_trade_no"), request.outTradeNo},
                     {QStringLiteral("out_refund_no"), request.outRefundNo},
                     {QStringLiteral("amount"), QJsonObject{{QStringLiteral("refund"), request.refundAmount.minor()},
                                                            {QStringLiteral("total"), request.totalAmount.minor()},
                                                            {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
    if (!request.reason.isEmpty())
        body.insert(QStringLiteral("reason"), request.reason);
    const QString notify = request.notifyUrl.isEmpty() ? m_config.notifyUrl : request.notifyUrl;
    if (!notify.isEmpty())
        body.insert(QStringLiteral("notify_url"), notify);
    auto response =
        call("POST", QStringLiteral("/v3/refund/domestic/refunds"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!response)
        return response.error();
    bool ok = false;
    const QJsonObject answer = parseObject(response->body, &ok);
    if (!ok)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("refund answer"));
    if (answer.value(QLatin1String("out_refund_no")).toString() != request.outRefundNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another refund"));
    return refundFromJson(answer);
}

Result<RefundStatus> WeChatPayAdapter::queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                                   const QDateTime &)
{
    auto response = call(
        "GET",
        QStringLiteral("/v3/refund/domestic/refunds/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(outRefundNo))),
        {});
    if (!response) {
        if (response.error().code() != ErrorCode::ChannelNotFound)
            return response.error();
        RefundStatus none;
        none.outTradeNo = outTradeNo;
        none.outRefundNo = outRefundNo;
        none.state = RefundState::NotFound;
        none.channelState = response.error().detail().section(QLatin1Char(':'), 0, 0);
        return none;
    }
    bool ok = false;
    const QJsonObject answer = parseObject(response->body, &ok);
    if (!ok)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("refund query answer"));
    if (answer.value(QLatin1String("out_refund_no")).toString() != outRefundNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another refund"));
    return refundFromJson(answer);
}

Result<QByteArray> WeChatPayAdapter::downloadStatement(const QDate &date)
{
    auto response = call(
        "GET",
        QStringLiteral("/v3/bill/tradebill?bill_date=%1&bill_type=ALL&tar_type=GZIP").arg(date.toString(Qt::ISODate)),
        {});
    if (!response)
        return response.error();
    bool ok = false;
    const QJsonObject answer = parseObject(response->body, &ok);
    const QUrl download(answer.value(QLatin1String("download_url")).toString());
    if (!ok || !download.isValid() || download.isEmpty())
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("no download_url"));
    // The file itself is fetched with a signed request but comes back unsigned.
    QString pathAndQuery = download.path(QUrl::FullyEncoded);
    if (download.hasQuery())
        pathAndQuery += QLatin1Char('?') + download.query(QUrl::FullyEncoded);
    // Held to the statement limit both as it arrives and as it unpacks.
    constexpr qint64 limit = StatementLimits::kDefaultMaxUnpackedBytes;
    auto file = call("GET", pathAndQuery, {}, false, limit);
    if (!file)
        return file.error();
    auto plain = Compression::gunzip(file->body, qsizetype(limit));
    if (!plain)
        return plain.error().within(QStringLiteral("trade bill"));
    const QByteArray expected = answer.value(QLatin1String("hash_value")).toString().toLatin1().toLower();
    if (answer.value(QLatin1String("hash_type")).toString() != QLatin1String("SHA1") ||
        QCryptographicHash::hash(*plain, QCryptographicHash::Sha1).toHex() != expected)
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("trade bill SHA-1 does not match"));
    return plain;
}

Result<CallbackEvent> WeChatPayAdapter::parseCallback(const CallbackRequest &request)
{
    const WeChatPay::SignedHeaders headers{request.header("Wechatpay-Timestamp"), request.header("Wechatpay-Nonce"),
                                           request.header("Wechatpay-Signature"), request.header("Wechatpay-Serial")};
    auto verified = WeChatPay::verify(headers, request.body, m_config.platformKeys, m_clock.nowUtc());
    if (!verified)
        return verified.error();
    bool ok = false;
    const QJsonObject notification = parseObject(request.body, &ok);
    const QJsonObject resource = notification.value(QLatin1String("resource")).toObject();
    if (!ok || resource.isEmpty())
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("no resource"));
    auto plain = WeChatPay::decryptResource(m_config.apiV3Key,
                                            resource.value(QLatin1String("associated_data")).toString().toUtf8(),
                                            resource.value(QLatin1String("nonce")).toString().toUtf8(),
                                            resource.value(QLatin1String("ciphertext")).toString().toUtf8());
    if (!plain)
        return plain.error();
    const QJsonObject content = parseObject(*plain, &ok);
    if (!ok)
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("resource is not JSON"));
    CallbackEvent event;
    event.eventId = notification.value(QLatin1String("id")).toString();
    event.replyStatus = 204;
    event.replyBody.clear();
    const QString type = notification.value(QLatin1String("event_type")).toString();
    if (type.startsWith(QLatin1String("REFUND."))) {
        auto refund = refundFromJson(content);
        if (!refund)
            return refund.error();
        event.kind = CallbackEvent::Kind::Refund;
        event.refund = *refund;
        return event;
    }
    if (type != QLatin1String("TRANSACTION.SUCCESS"))
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("unexpected event_type ") + type);
    auto order = orderFromTransaction(content);
    if (!order)
        return order.error();
    event.order = *order;
    return event;
}

} // namespace paydesk
