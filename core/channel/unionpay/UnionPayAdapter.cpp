#include "core/channel/unionpay/UnionPayAdapter.h"

#include "core/channel/ChannelErrors.h"
#include "core/channel/ChannelTime.h"
#include "core/channel/statement/StatementLimits.h"
#include "core/util/Compression.h"

namespace paydesk {

namespace {
const QString kTxnTime = QStringLiteral("yyyyMMddHHmmss");

QString txnTimeOf(const QDateTime &instant)
{
    return ChannelTime::format(instant, kTxnTime);
}

QDateTime fromTxnTime(const QString &text)
{
    return ChannelTime::parse(text, kTxnTime);
}

// txnAmt: whole fen as digits, nothing else.
Result<Money> fenOf(const QString &text)
{
    bool ok = false;
    const qint64 fen = text.toLongLong(&ok);
    if (!ok || fen < 0 || text.isEmpty() || !text.front().isDigit())
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("txnAmt ") + text);
    return Money::fromMinor(fen, Currency::cny());
}

// origRespCode (the transaction's own result): 00 success; 03/04/05 still being processed.
bool stillProcessing(const QString &code)
{
    return code == QLatin1String("03") || code == QLatin1String("04") || code == QLatin1String("05");
}
} // namespace

UnionPayAdapter::UnionPayAdapter(UnionPayConfig config, HttpClient http, const Clock &clock)
    : m_config(std::move(config)), m_http(std::move(http)), m_clock(clock)
{
}

UnionPay::Fields UnionPayAdapter::baseFields(const QString &txnType, const QString &txnSubType,
                                             const QDateTime &txnTime) const
{
    return {{QStringLiteral("version"), QStringLiteral("5.1.0")},
            {QStringLiteral("encoding"), QStringLiteral("utf-8")},
            {QStringLiteral("signMethod"), QStringLiteral("01")},
            {QStringLiteral("txnType"), txnType},
            {QStringLiteral("txnSubType"), txnSubType},
            {QStringLiteral("bizType"), QStringLiteral("000201")},
            {QStringLiteral("accessType"), QStringLiteral("0")},
            {QStringLiteral("channelType"), QStringLiteral("07")},
            {QStringLiteral("merId"), m_config.merId},
            {QStringLiteral("txnTime"), txnTimeOf(txnTime.isValid() ? txnTime : m_clock.nowUtc())},
            {QStringLiteral("certId"), m_config.signing.certificate.serialDecimal()}};
}

Status UnionPayAdapter::verify(const UnionPay::Fields &fields) const
{
    auto signature = UnionPay::verifySignature(fields);
    if (!signature)
        return signature;
    return UnionPay::verifyCertificate(fields, m_config.roots, m_config.intermediates, m_clock.nowUtc(),
                                       m_config.signer);
}

Result<UnionPay::Fields> UnionPayAdapter::call(const QUrl &base, const QString &path, UnionPay::Fields fields,
                                               qint64 maxAnswerBytes)
{
    auto signature = UnionPay::sign(fields, m_config.signing.key);
    if (!signature)
        return signature.error();
    fields.insert(QStringLiteral("signature"), *signature);
    HttpRequest request;
    request.method = "POST";
    request.url = path.isEmpty() ? base : base.resolved(QUrl(path));
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded;charset=utf-8"}};
    request.body = UnionPay::formBody(fields);
    request.maxAnswerBytes = maxAnswerBytes;
    auto response = m_http.send(request);
    if (!response)
        return response.error();
    if (response->status != 200)
        return Error(ErrorCode::ChannelUnavailable, QStringLiteral("HTTP %1").arg(response->status));
    auto answer = UnionPay::parse(response->body);
    if (!answer)
        return answer.error();
    auto verified = verify(*answer);
    if (!verified)
        return verified.error().within(QStringLiteral("UnionPay answer"));
    if (answer->value(QStringLiteral("respCode")) != QLatin1String("00"))
        return ChannelErrors::fromChannel(ChannelKind::UnionPay, answer->value(QStringLiteral("respCode")),
                                          answer->value(QStringLiteral("respMsg")));
    // The answer must be about what we sent (a signed answer for another order is not ours).
    for (const char *echoed : {"merId", "orderId", "txnTime"}) {
        const QString key = QLatin1String(echoed);
        if (fields.contains(key) && answer->contains(key) && answer->value(key) != fields.value(key))
            return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("the answer's %1 is not ours").arg(key));
    }
    return answer;
}

Result<PrepayResult> UnionPayAdapter::prepay(const PrepayRequest &request)
{
    if (request.method != PayMethod::UnionPayFront)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("UnionPay takes front (browser) payments"));
    if (!request.amount.isPositive() || request.amount.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount must be a positive CNY amount"));
    if (!request.createdAt.isValid())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("UnionPay identifies an order by number and txnTime: createdAt is required"));
    UnionPay::Fields fields = baseFields(QStringLiteral("01"), QStringLiteral("01"), request.createdAt);
    fields.insert(QStringLiteral("orderId"), request.outTradeNo);
    fields.insert(QStringLiteral("txnAmt"), QString::number(request.amount.minor()));
    fields.insert(QStringLiteral("currencyCode"), QStringLiteral("156"));
    fields.insert(QStringLiteral("frontUrl"), request.returnUrl);
    fields.insert(QStringLiteral("backUrl"), request.notifyUrl.isEmpty() ? m_config.backUrl : request.notifyUrl);
    if (request.expiresAt.isValid())
        fields.insert(QStringLiteral("payTimeout"), txnTimeOf(request.expiresAt));
    auto signature = UnionPay::sign(fields, m_config.signing.key);
    if (!signature)
        return signature.error();
    fields.insert(QStringLiteral("signature"), *signature);
    PrepayResult result;
    result.formAction = m_config.gatewayUrl.resolved(QUrl(QStringLiteral("/gateway/api/frontTransReq.do")));
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (!it.value().isEmpty())
            result.formFields.insert(it.key(), it.value());
    }
    return result;
}

Result<OrderStatus> UnionPayAdapter::queryOrder(const QString &outTradeNo, const QDateTime &createdAt)
{
    if (!createdAt.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("UnionPay finds an order by number and txnTime"));
    UnionPay::Fields fields = baseFields(QStringLiteral("00"), QStringLiteral("00"), createdAt);
    fields.remove(QStringLiteral("channelType"));
    fields.insert(QStringLiteral("bizType"), QStringLiteral("000000"));
    fields.insert(QStringLiteral("orderId"), outTradeNo);
    auto answer = call(m_config.gatewayUrl, QStringLiteral("/gateway/api/queryTrans.do"), fields);
    if (!answer) {
        // respCode 34 "no such transaction": the payer has not paid (UnionPay records an order
        // only once it is paid or failed), so the order is simply unpaid.
        if (answer.error().code() == ErrorCode::ChannelNotFound &&
            answer.error().detail().startsWith(QLatin1String("34:"))) {
            OrderStatus unpaid;
            unpaid.outTradeNo = outTradeNo;
            unpaid.channelState = QStringLiteral("34");
            unpaid.state = OrderState::NotPaid;
            return unpaid;
        }
        return answer.error();
    }
    OrderStatus status;
    status.outTradeNo = answer->value(QStringLiteral("orderId"));
    status.channelTransactionId = answer->value(QStringLiteral("queryId"));
    const QString result = answer->value(QStringLiteral("origRespCode"));
    status.channelState = result;
    status.state = result == QLatin1String("00") ? OrderState::Paid
                   : stillProcessing(result)     ? OrderState::Paying
                                                 : OrderState::Failed;
    auto amount = fenOf(answer->value(QStringLiteral("txnAmt")));
    if (!amount)
        return amount.error();
    status.amount = *amount;
    if (status.state == OrderState::Paid)
        status.paidAt = fromTxnTime(answer->value(QStringLiteral("txnTime")));
    status.payerId = answer->value(QStringLiteral("accNo")).right(4);
    return status;
}

Status UnionPayAdapter::closeOrder(const QString &outTradeNo, const QDateTime &createdAt)
{
    // There is nothing to close at UnionPay: the payer can pay until the payTimeout sent with
    // the order, so claiming "closed" earlier could be followed by money arriving.
    auto status = queryOrder(outTradeNo, createdAt);
    if (!status)
        return status.error();
    if (status->state == OrderState::Paid || status->state == OrderState::Refunded)
        return Error(ErrorCode::ChannelStateConflict,
                     QStringLiteral("%1: the order is paid; refund it instead").arg(status->channelState));
    return Error(
        ErrorCode::ChannelRejected,
        QStringLiteral("UnionPay cannot close an order: an unpaid one lapses at its payTimeout; query it after that"));
}

Result<RefundStatus> UnionPayAdapter::refund(const RefundRequest &request)
{
    if (!request.refundAmount.isPositive() || request.channelTransactionId.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("UnionPay refunds need an amount and the original queryId"));
    if (!request.requestedAt.isValid())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("UnionPay identifies a refund by number and txnTime: requestedAt is required"));
    UnionPay::Fields fields = baseFields(QStringLiteral("04"), QStringLiteral("00"), request.requestedAt);
    fields.insert(QStringLiteral("orderId"), request.outRefundNo);
    fields.insert(QStringLiteral("origQryId"), request.channelTransactionId);
    fields.insert(QStringLiteral("txnAmt"), QString::number(request.refundAmount.minor()));
    fields.insert(QStringLiteral("backUrl"), request.notifyUrl.isEmpty() ? m_config.backUrl : request.notifyUrl);
    auto answer = call(m_config.gatewayUrl, QStringLiteral("/gateway/api/backTransReq.do"), fields);
    RefundStatus status;
    if (!answer) {
        // 03/04/05: accepted or unknown — not refused. The refund's query tells later.
        const QString code = answer.error().detail().section(QLatin1Char(':'), 0, 0);
        if (code != QLatin1String("03") && code != QLatin1String("04") && code != QLatin1String("05"))
            return answer.error();
        status.outTradeNo = request.outTradeNo;
        status.outRefundNo = request.outRefundNo;
        status.channelState = code;
        status.state = RefundState::Processing;
        status.amount = request.refundAmount;
        return status;
    }
    status.outTradeNo = request.outTradeNo;
    status.outRefundNo = request.outRefundNo;
    status.channelRefundId = answer->value(QStringLiteral("queryId"));
    status.channelState = answer->value(QStringLiteral("respCode"));
    status.state = RefundState::Processing; // accepted; the result comes by notification or query
    status.amount = request.refundAmount;
    return status;
}

Result<RefundStatus> UnionPayAdapter::queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                                  const QDateTime &requestedAt)
{
    auto order = queryOrder(outRefundNo, requestedAt);
    if (!order)
        return order.error();
    RefundStatus status;
    status.outTradeNo = outTradeNo;
    status.outRefundNo = outRefundNo;
    status.channelRefundId = order->channelTransactionId;
    status.channelState = order->channelState;
    switch (order->state) {
    case OrderState::Paid:
        status.state = RefundState::Succeeded;
        break;
    case OrderState::Paying:
        status.state = RefundState::Processing;
        break;
    case OrderState::NotPaid:
        status.state = RefundState::NotFound;
        break; // respCode 34: no such refund (yet)
    default:
        status.state = RefundState::Failed;
        break;
    }
    status.amount = order->amount;
    status.succeededAt = order->paidAt;
    return status;
}

Result<QByteArray> UnionPayAdapter::downloadStatement(const QDate &date)
{
    UnionPay::Fields fields = baseFields(QStringLiteral("76"), QStringLiteral("01"), QDateTime());
    fields.remove(QStringLiteral("channelType"));
    fields.insert(QStringLiteral("bizType"), QStringLiteral("000000"));
    fields.insert(QStringLiteral("fileType"), QStringLiteral("00"));
    fields.insert(QStringLiteral("settleDate"), date.toString(QStringLiteral("MMdd")));
    // The file comes inside the answer: held to the statement limit as it arrives and unpacks.
    constexpr qint64 limit = StatementLimits::kDefaultMaxUnpackedBytes;
    auto answer = call(m_config.fileUrl, QString(), fields, limit);
    if (!answer)
        return answer.error();
    const auto deflated = QByteArray::fromBase64Encoding(answer->value(QStringLiteral("fileContent")).toLatin1(),
                                                         QByteArray::AbortOnBase64DecodingErrors);
    if (!deflated)
        return Error(ErrorCode::ChannelResponseMalformed, QStringLiteral("fileContent is not Base64"));
    auto zip = Compression::inflateZlib(deflated.decoded, qsizetype(limit));
    if (!zip)
        return zip.error().within(QStringLiteral("fileContent"));
    return zip;
}

Result<CallbackEvent> UnionPayAdapter::parseCallback(const CallbackRequest &request)
{
    auto fields = UnionPay::parse(request.body, true);
    if (!fields)
        return Error(ErrorCode::CallbackMalformed, fields.error().detail());
    auto verified = verify(*fields);
    if (!verified)
        return verified.error();
    if (fields->value(QStringLiteral("merId")) != m_config.merId)
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("merId"));
    CallbackEvent event;
    event.eventId =
        fields->value(QStringLiteral("queryId")) + QLatin1Char('/') + fields->value(QStringLiteral("respCode"));
    event.replyBody = "ok";
    auto amount = fenOf(fields->value(QStringLiteral("txnAmt")));
    if (!amount)
        return amount.error();
    const bool success = fields->value(QStringLiteral("respCode")) == QLatin1String("00");
    const QString txnType = fields->value(QStringLiteral("txnType"));
    // Only a consumption (01/01) is a payment and only a refund (04) a refund; a cancellation,
    // pre-authorisation or file notice must never be read as money received.
    const bool payment =
        txnType == QLatin1String("01") && fields->value(QStringLiteral("txnSubType")) == QLatin1String("01");
    if (!payment && txnType != QLatin1String("04"))
        return Error(ErrorCode::CallbackMalformed, QStringLiteral("txnType %1/%2 is neither a payment nor a refund")
                                                       .arg(txnType, fields->value(QStringLiteral("txnSubType"))));
    if (txnType == QLatin1String("04")) {
        event.kind = CallbackEvent::Kind::Refund;
        event.refund.outRefundNo = fields->value(QStringLiteral("orderId"));
        event.refund.channelTransactionId = fields->value(QStringLiteral("origQryId"));
        event.refund.channelRefundId = fields->value(QStringLiteral("queryId"));
        event.refund.channelState = fields->value(QStringLiteral("respCode"));
        event.refund.state = success ? RefundState::Succeeded : RefundState::Failed;
        event.refund.amount = *amount;
        event.refund.succeededAt = fromTxnTime(fields->value(QStringLiteral("txnTime")));
        return event;
    }
    event.order.outTradeNo = fields->value(QStringLiteral("orderId"));
    event.order.channelTransactionId = fields->value(QStringLiteral("queryId"));
    event.order.channelState = fields->value(QStringLiteral("respCode"));
    event.order.state = success ? OrderState::Paid : OrderState::Failed;
    event.order.amount = *amount;
    event.order.paidAt = fromTxnTime(fields->value(QStringLiteral("txnTime")));
    event.order.payerId = fields->value(QStringLiteral("accNo")).right(4);
    return event;
}

} // namespace paydesk
