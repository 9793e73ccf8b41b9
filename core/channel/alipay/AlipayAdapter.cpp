#include "core/channel/alipay/AlipayAdapter.h"

#include "core/channel/ChannelErrors.h"
#include "core/channel/ChannelTime.h"
#include "core/channel/http/FormEncoding.h"
#include "core/channel/statement/StatementLimits.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk {

namespace {
const QString kSeconds = QStringLiteral("yyyy-MM-dd HH:mm:ss");

QString beijingTime(const QDateTime &instant)
{
    return ChannelTime::format(instant, kSeconds);
}

// "yyyy-MM-dd HH:mm:ss", or with milliseconds (gmt_refund in notifications).
QDateTime fromBeijing(const QString &text)
{
    return ChannelTime::parse(text, text.size() > 19 ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : kSeconds);
}

// Alipay amounts are yuan strings; an unreadable one is an error, never a guess.
Result<Money> yuan(const QString &text)
{
    return Money::parse(text, Currency::cny());
}
} // namespace

AlipayAdapter::AlipayAdapter(AlipayConfig config, HttpClient http, const Clock &clock)
    : m_config(std::move(config)), m_http(std::move(http)), m_clock(clock)
{
}

OrderState AlipayAdapter::stateOf(const QString &tradeStatus, bool wasPaid)
{
    if (tradeStatus == QLatin1String("TRADE_SUCCESS") || tradeStatus == QLatin1String("TRADE_FINISHED"))
        return OrderState::Paid;
    // TRADE_CLOSED is both "closed unpaid" and "paid, then refunded in full".
    if (tradeStatus == QLatin1String("TRADE_CLOSED"))
        return wasPaid ? OrderState::Refunded : OrderState::Closed;
    return OrderState::NotPaid;
}

Result<QJsonObject> AlipayAdapter::call(const QString &method, const QJsonObject &bizContent, const QString &notifyUrl)
{
    Alipay::Params params{
        {QStringLiteral("app_id"), m_config.appId},
        {QStringLiteral("method"), method},
        {QStringLiteral("format"), QStringLiteral("json")},
        {QStringLiteral("charset"), QStringLiteral("UTF-8")},
        {QStringLiteral("sign_type"), QStringLiteral("RSA2")},
        {QStringLiteral("timestamp"), beijingTime(m_clock.nowUtc())},
        {QStringLiteral("version"), QStringLiteral("1.0")},
        {QStringLiteral("biz_content"), QString::fromUtf8(QJsonDocument(bizContent).toJson(QJsonDocument::Compact))}};
    if (!notifyUrl.isEmpty())
        params.insert(QStringLiteral("notify_url"), notifyUrl);
    auto signature = Alipay::sign(params, m_config.appKey);
    if (!signature)
        return signature.error();
    params.insert(QStringLiteral("sign"), *signature);
    HttpRequest request;
    request.method = "POST";
    request.url = m_config.gatewayUrl;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded;charset=utf-8"}};
    request.body = FormEncoding::encode(params);
    auto response = m_http.send(request);
    if (!response)
        return response.error();
    if (response->status != 200)
        return Error(ErrorCode::ChannelUnavailable, QStringLiteral("HTTP %1").arg(response->status));
    auto content = Alipay::verifyResponse(response->body, method, m_config.alipayKey);
    if (!content)
        return content.error().within(QStringLiteral("Alipay answer"));
    const QJsonObject answer = QJsonDocument::fromJson(*content).object();
    const QString code = answer.value(QLatin1String("code")).toString();
    if (code != QLatin1String("10000")) {
        const QString subCode = answer.value(QLatin1String("sub_code")).toString();
        const QString message =
            answer.value(QLatin1String("sub_msg")).toString(answer.value(QLatin1String("msg")).toString());
        // 20000: the service failed ("unknown": retry with the same identifiers).
        if (code == QLatin1String("20000"))
            return Error(ErrorCode::ChannelUnavailable,
                         QStringLiteral("%1: %2").arg(subCode.isEmpty() ? code : subCode, message));
        return ChannelErrors::fromChannel(ChannelKind::Alipay, subCode.isEmpty() ? code : subCode, message);
    }
    return answer;
}

Result<PrepayResult> AlipayAdapter::prepay(const PrepayRequest &request)
{
    if (request.method != PayMethod::AlipayPrecreate)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("Alipay takes precreate (QR) payments"));
    if (!request.amount.isPositive() || request.amount.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount must be a positive CNY amount"));
    QJsonObject biz{{QStringLiteral("out_trade_no"), request.outTradeNo},
                    {QStringLiteral("total_amount"), request.amount.toString()},
                    {QStringLiteral("subject"), request.description}};
    if (request.expiresAt.isValid())
        biz.insert(QStringLiteral("time_expire"), beijingTime(request.expiresAt));
    auto answer = call(QStringLiteral("alipay.trade.precreate"), biz,
                       request.notifyUrl.isEmpty() ? m_config.notifyUrl : request.notifyUrl);
    if (!answer)
        return answer.error();
    PrepayResult result;
    result.codeUrl = answer->value(QLatin1String("qr_code")).toString();
    if (result.codeUrl.isEmpty())
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("no qr_code"));
    return result;
}

Result<OrderStatus> AlipayAdapter::queryOrder(const QString &outTradeNo, const QDateTime &)
{
    auto answer = call(QStringLiteral("alipay.trade.query"), QJsonObject{{QStringLiteral("out_trade_no"), outTradeNo}});
    if (!answer)
        return answer.error();
    OrderStatus status;
    status.outTradeNo = answer->value(QLatin1String("out_trade_no")).toString();
    status.channelTransactionId = answer->value(QLatin1String("trade_no")).toString();
    status.channelState = answer->value(QLatin1String("trade_status")).toString();
    if (status.outTradeNo != outTradeNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another order"));
    const QString paidAt = answer->value(QLatin1String("send_pay_date")).toString();
    status.state = stateOf(status.channelState, !paidAt.isEmpty());
    auto total = yuan(answer->value(QLatin1String("total_amount")).toString());
    if (!total)
        return total.error().within(QStringLiteral("total_amount"));
    status.amount = *total;
    status.paidAt = fromBeijing(paidAt);
    status.payerId = answer->value(QLatin1String("buyer_logon_id")).toString();
    return status;
}

Status AlipayAdapter::closeOrder(const QString &outTradeNo, const QDateTime &)
{
    auto answer = call(QStringLiteral("alipay.trade.close"), QJsonObject{{QStringLiteral("out_trade_no"), outTradeNo}});
    if (!answer)
        return answer.error();
    return {};
}

Result<RefundStatus> AlipayAdapter::refund(const RefundRequest &request)
{
    if (!request.refundAmount.isPositive())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("refund amount"));
    QJsonObject biz{{QStringLiteral("out_trade_no"), request.outTradeNo},
                    {QStringLiteral("refund_amount"), request.refundAmount.toString()},
                    {QStringLiteral("out_request_no"), request.outRefundNo}};
    if (!request.reason.isEmpty())
        biz.insert(QStringLiteral("refund_reason"), request.reason);
    auto answer = call(QStringLiteral("alipay.trade.refund"), biz);
    if (!answer)
        return answer.error();
    if (answer->value(QLatin1String("out_trade_no")).toString() != request.outTradeNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another order"));
    // fund_change Y: this call moved the money. Anything else (an earlier identical call did, or
    // not yet) is settled by asking for the refund itself, as Alipay prescribes.
    if (answer->value(QLatin1String("fund_change")).toString() != QLatin1String("Y"))
        return queryRefund(request.outTradeNo, request.outRefundNo, request.requestedAt);
    RefundStatus status;
    status.outTradeNo = request.outTradeNo;
    status.outRefundNo = request.outRefundNo;
    status.channelRefundId = answer->value(QLatin1String("trade_no")).toString();
    status.channelTransactionId = status.channelRefundId; // Alipay refunds carry the trade's number
    status.channelState = QStringLiteral("Y");
    status.state = RefundState::Succeeded;
    const QString sentBack = answer->value(QLatin1String("send_back_fee")).toString();
    if (sentBack.isEmpty()) {
        status.amount = request.refundAmount;
    } else {
        auto amount = yuan(sentBack);
        if (!amount)
            return amount.error().within(QStringLiteral("send_back_fee"));
        status.amount = *amount;
    }
    status.totalRefunded =
        yuan(answer->value(QLatin1String("refund_fee")).toString()).value_or(Money::zero(Currency::cny()));
    status.succeededAt = fromBeijing(answer->value(QLatin1String("gmt_refund_pay")).toString());
    return status;
}

Result<RefundStatus> AlipayAdapter::queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                                const QDateTime &)
{
    auto answer = call(
        QStringLiteral("alipay.trade.fastpay.refund.query"),
        QJsonObject{{QStringLiteral("out_trade_no"), outTradeNo}, {QStringLiteral("out_request_no"), outRefundNo}});
    if (!answer)
        return answer.error();
    RefundStatus status;
    status.outTradeNo = outTradeNo;
    status.outRefundNo = outRefundNo;
    status.channelRefundId = answer->value(QLatin1String("trade_no")).toString();
    status.channelTransactionId = status.channelRefundId; // Alipay refunds carry the trade's number
    status.channelState = answer->value(QLatin1String("refund_status")).toString();
    const QString refunded = answer->value(QLatin1String("refund_amount")).toString();
    // Alipay answers 10000 with no refund data when it has no such refund: it did not happen
    // (the same out_request_no may be sent again). With data, an empty status means success too.
    if (refunded.isEmpty()) {
        status.state = RefundState::NotFound;
        status.amount = Money::zero(Currency::cny());
        return status;
    }
    if (answer->value(QLatin1String("out_request_no")).toString(outRefundNo) != outRefundNo)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer is about another refund"));
    status.state = status.channelState.isEmpty() || status.channelState == QLatin1String("REFUND_SUCCESS")
                       ? RefundState::Succeeded
                       : RefundState::Processing;
    auto amount = yuan(refunded);
    if (!amount)
        return amount.error().within(QStringLiteral("refund_amount"));
    status.amount = *amount;
    status.succeededAt = fromBeijing(answer->value(QLatin1String("gmt_refund_pay")).toString());
    return status;
}

Result<QByteArray> AlipayAdapter::downloadStatement(const QDate &date)
{
    auto answer = call(QStringLiteral("alipay.data.dataservice.bill.downloadurl.query"),
                       QJsonObject{{QStringLiteral("bill_type"), QStringLiteral("trade")},
                                   {QStringLiteral("bill_date"), date.toString(Qt::ISODate)}});
    if (!answer)
        return answer.error();
    const QUrl url(answer->value(QLatin1String("bill_download_url")).toString());
    if (!url.isValid() || url.isEmpty())
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("no bill_download_url"));
    HttpRequest request;
    request.url = url;
    request.maxAnswerBytes = StatementLimits::kDefaultMaxUnpackedBytes; // the zip, unpacked later under the same limit
    auto file = m_http.send(request);
    if (!file)
        return file.error();
    if (file->status != 200)
        return Error(ErrorCode::ChannelUnavailable, QStringLiteral("bill download HTTP %1").arg(file->status));
    if (!file->body.startsWith("PK\x03\x04"))
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the bill is not a zip file"));
    return file->body;
}

Result<CallbackEvent> AlipayAdapter::parseCallback(const CallbackRequest &request)
{
    const Alipay::Params fields = FormEncoding::decode(request.body);
    if (fields.value(QStringLiteral("app_id")) != m_config.appId)
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("app_id"));
    if (!Alipay::verifyNotify(fields, m_config.alipayKey))
        return Error(ErrorCode::SignatureInvalid, QStringLiteral("Alipay notify sign"));
    CallbackEvent event;
    event.eventId = fields.value(QStringLiteral("notify_id"));
    event.replyBody = "success";
    if (!fields.value(QStringLiteral("out_biz_no")).isEmpty() &&
        !fields.value(QStringLiteral("refund_fee")).isEmpty()) {
        event.kind = CallbackEvent::Kind::Refund;
        event.refund.outTradeNo = fields.value(QStringLiteral("out_trade_no"));
        event.refund.outRefundNo = fields.value(QStringLiteral("out_biz_no"));
        event.refund.channelRefundId = fields.value(QStringLiteral("trade_no"));
        event.refund.channelTransactionId = event.refund.channelRefundId;
        event.refund.channelState = fields.value(QStringLiteral("trade_status"));
        event.refund.state = RefundState::Succeeded;
        // refund_fee is the trade's total refunded so far, not this refund's amount (which a
        // refund query by out_request_no gives).
        auto refunded = yuan(fields.value(QStringLiteral("refund_fee")));
        if (!refunded)
            return refunded.error().within(QStringLiteral("refund_fee"));
        event.refund.amount = Money::zero(Currency::cny());
        event.refund.totalRefunded = *refunded;
        event.refund.succeededAt = fromBeijing(fields.value(QStringLiteral("gmt_refund")));
        return event;
    }
    event.order.outTradeNo = fields.value(QStringLiteral("out_trade_no"));
    event.order.channelTransactionId = fields.value(QStringLiteral("trade_no"));
    event.order.channelState = fields.value(QStringLiteral("trade_status"));
    event.order.state = stateOf(event.order.channelState, !fields.value(QStringLiteral("gmt_payment")).isEmpty());
    auto total = yuan(fields.value(QStringLiteral("total_amount")));
    if (!total)
        return total.error().within(QStringLiteral("total_amount"));
    event.order.amount = *total;
    event.order.paidAt = fromBeijing(fields.value(QStringLiteral("gmt_payment")));
    event.order.payerId = fields.value(QStringLiteral("buyer_logon_id"));
    return event;
}

} // namespace paydesk
