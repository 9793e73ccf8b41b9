#include "sandbox/AlipaySimulator.h"

#include "core/channel/alipay/AlipayCrypto.h"
#include "core/money/Money.h"
#include "sandbox/SandboxFormat.h"

#include <QJsonDocument>
#include <QUuid>

namespace paydesk::sandbox {

namespace {
const QString kGateway = QStringLiteral("/gateway.do");
const QString kBill = QStringLiteral("/alipay/bill");
const QString kBuyerLogonId = QStringLiteral("159****5620");
const QString kBuyerId = QStringLiteral("2088102177846880");

// total_amount / refund_amount: a yuan string with at most two decimals, 0.01 – 100000000.00.
bool fenOfYuan(const QJsonValue &value, qint64 *fen)
{
    const QString text = value.isString()   ? value.toString()
                         : value.isDouble() ? value.toVariant().toString()
                                            : QString();
    auto money = Money::parse(text, Currency::cny());
    if (!money || money->minor() <= 0 || money->minor() > 10000000000LL)
        return false;
    *fen = money->minor();
    return true;
}

QString text(const QJsonObject &biz, const char *key)
{
    return biz.value(QLatin1String(key)).toString();
}
} // namespace

bool AlipaySimulator::handles(const SandboxRequest &request) const
{
    const QString path = request.url.path();
    return path == kGateway || path == kBill;
}

AlipaySimulator::Params AlipaySimulator::paramsOf(const SandboxRequest &request)
{
    Params params;
    // The SDKs put some parameters in the query string and the rest in the form body.
    const auto items = QUrlQuery(request.url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        params.insert(key, value);
    const Params form = decodeForm(request.body);
    for (auto it = form.cbegin(); it != form.cend(); ++it)
        params.insert(it.key(), it.value());
    return params;
}

SandboxTrade *AlipaySimulator::findTrade(const QJsonObject &biz) const
{
    if (!text(biz, "out_trade_no").isEmpty())
        return m_world.store.trade(SandboxChannel::Alipay, text(biz, "out_trade_no"));
    SandboxTrade *trade = m_world.store.tradeByTransaction(text(biz, "trade_no"));
    return trade && trade->channel == SandboxChannel::Alipay ? trade : nullptr;
}

QString AlipaySimulator::tradeNoOf(const SandboxRequest &request) const
{
    const QJsonObject biz =
        QJsonDocument::fromJson(paramsOf(request).value(QStringLiteral("biz_content")).toUtf8()).object();
    if (!text(biz, "out_trade_no").isEmpty())
        return text(biz, "out_trade_no");
    SandboxTrade *trade = findTrade(biz);
    return trade ? trade->outTradeNo : QString();
}

SandboxReply AlipaySimulator::handle(const SandboxRequest &request)
{
    if (request.url.path() == kBill)
        return download(request);
    const Params params = paramsOf(request);
    const QString method = params.value(QStringLiteral("method"));
    const QString tradeNo = tradeNoOf(request);
    const QString responseMethod = method.isEmpty() ? QStringLiteral("error") : method;
    if (params.value(QStringLiteral("app_id")) != QLatin1String(SandboxKeys::kAlipayAppId))
        return answer(responseMethod,
                      failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                              QStringLiteral("isv.invalid-app-id"), QStringLiteral("无效的AppID参数")),
                      tradeNo);
    if (params.value(QStringLiteral("sign_type")) != QLatin1String("RSA2"))
        return answer(responseMethod,
                      failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                              QStringLiteral("isv.invalid-signature-type"), QStringLiteral("无效的签名类型")),
                      tradeNo);
    const auto signature = QByteArray::fromBase64Encoding(params.value(QStringLiteral("sign")).toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
    if (!signature ||
        !m_world.keys.alipayAppKey.publicKey().verifySha256(Alipay::signContent(params), signature.decoded))
        return answer(responseMethod,
                      failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                              QStringLiteral("isv.invalid-signature"),
                              QStringLiteral("验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配")),
                      tradeNo);
    QDateTime sent =
        QDateTime::fromString(params.value(QStringLiteral("timestamp")), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    sent.setTimeZone(beijing());
    if (!sent.isValid() || qAbs(sent.secsTo(m_world.now())) > 15 * 60)
        return answer(responseMethod,
                      failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                              QStringLiteral("isv.invalid-timestamp"), QStringLiteral("非法的时间戳参数")),
                      tradeNo);
    QJsonParseError parseError;
    const QJsonDocument bizDocument =
        QJsonDocument::fromJson(params.value(QStringLiteral("biz_content")).toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !bizDocument.isObject())
        return answer(responseMethod,
                      failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                              QStringLiteral("isv.invalid-biz-content"), QStringLiteral("biz_content 不是合法的 JSON")),
                      tradeNo);
    const QJsonObject biz = bizDocument.object();

    QJsonObject content;
    if (method == QLatin1String("alipay.trade.precreate"))
        content = precreate(biz, params);
    else if (method == QLatin1String("alipay.trade.query"))
        content = query(biz);
    else if (method == QLatin1String("alipay.trade.close"))
        content = close(biz);
    else if (method == QLatin1String("alipay.trade.refund"))
        content = refund(biz);
    else if (method == QLatin1String("alipay.trade.fastpay.refund.query"))
        content = refundQuery(biz);
    else if (method == QLatin1String("alipay.data.dataservice.bill.downloadurl.query"))
        content = billUrl(biz);
    else
        content = failure(QStringLiteral("40002"), QStringLiteral("Invalid Arguments"),
                          QStringLiteral("isv.invalid-method"), QStringLiteral("不存在的方法名"));
    return answer(responseMethod, content, tradeNo);
}

QJsonObject AlipaySimulator::precreate(const QJsonObject &biz, const Params &params)
{
    const QString outTradeNo = text(biz, "out_trade_no");
    const QString subject = text(biz, "subject");
    qint64 amount = 0;
    if (outTradeNo.isEmpty() || outTradeNo.size() > 64 || subject.isEmpty() ||
        !fenOfYuan(biz.value(QLatin1String("total_amount")), &amount))
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.INVALID_PARAMETER"),
                       QStringLiteral("参数无效：out_trade_no、subject、total_amount（0.01-100000000，两位小数）"));
    if (SandboxTrade *existing = m_world.store.trade(SandboxChannel::Alipay, outTradeNo)) {
        if (existing->isPaid())
            return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                           QStringLiteral("ACQ.TRADE_HAS_SUCCESS"), QStringLiteral("交易已被支付"));
        if (existing->state == QLatin1String("CLOSED"))
            return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                           QStringLiteral("ACQ.TRADE_HAS_CLOSE"), QStringLiteral("交易已经关闭"));
        if (existing->amount != amount || existing->description != subject)
            return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                           QStringLiteral("ACQ.CONTEXT_INCONSISTENT"), QStringLiteral("交易信息被篡改"));
        return QJsonObject{{QStringLiteral("code"), QStringLiteral("10000")},
                           {QStringLiteral("msg"), QStringLiteral("Success")},
                           {QStringLiteral("out_trade_no"), outTradeNo},
                           {QStringLiteral("qr_code"), existing->payUrl}};
    }
    SandboxTrade trade;
    trade.channel = SandboxChannel::Alipay;
    trade.outTradeNo = outTradeNo;
    trade.method = QStringLiteral("PRECREATE");
    trade.amount = amount;
    trade.description = subject;
    trade.attach = text(biz, "body");
    trade.notifyUrl = params.value(QStringLiteral("notify_url"));
    trade.createdAt = m_world.now();
    if (!text(biz, "time_expire").isEmpty()) {
        QDateTime expires = QDateTime::fromString(text(biz, "time_expire"), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        expires.setTimeZone(beijing());
        trade.expiresAt = expires.toUTC();
    }
    trade.payer = kBuyerLogonId;
    trade.transactionId = beijingDate(trade.createdAt).toString(QStringLiteral("yyyyMMdd")) + QStringLiteral("22001") +
                          m_world.store.nextId({}, 6) + randomDigits(9);
    trade.payUrl = QStringLiteral("https://qr.alipay.com/bax0%1").arg(randomDigits(20));
    SandboxTrade &stored = m_world.store.add(trade);
    if (m_world.events)
        m_world.events->tradeCreated(stored);
    return QJsonObject{{QStringLiteral("code"), QStringLiteral("10000")},
                       {QStringLiteral("msg"), QStringLiteral("Success")},
                       {QStringLiteral("out_trade_no"), outTradeNo},
                       {QStringLiteral("qr_code"), stored.payUrl}};
}

QString AlipaySimulator::statusOf(const SandboxTrade &trade)
{
    if (trade.state == QLatin1String("SUCCESS"))
        return QStringLiteral("TRADE_SUCCESS");
    if (trade.state == QLatin1String("REFUND"))
        return trade.refunded() >= trade.amount ? QStringLiteral("TRADE_CLOSED") : QStringLiteral("TRADE_SUCCESS");
    if (trade.state == QLatin1String("CLOSED"))
        return QStringLiteral("TRADE_CLOSED");
    return QStringLiteral("WAIT_BUYER_PAY"); // a failed attempt leaves the trade open for another
}

QJsonObject AlipaySimulator::query(const QJsonObject &biz)
{
    SandboxTrade *trade = findTrade(biz);
    if (!trade)
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_NOT_EXIST"), QStringLiteral("交易不存在"));
    QJsonObject content{
        {QStringLiteral("code"), QStringLiteral("10000")},        {QStringLiteral("msg"), QStringLiteral("Success")},
        {QStringLiteral("trade_no"), trade->transactionId},       {QStringLiteral("out_trade_no"), trade->outTradeNo},
        {QStringLiteral("buyer_logon_id"), trade->payer},         {QStringLiteral("trade_status"), statusOf(*trade)},
        {QStringLiteral("total_amount"), yuanText(trade->amount)}};
    if (trade->paidAt.isValid()) {
        content.insert(QStringLiteral("buyer_pay_amount"), yuanText(trade->amount));
        content.insert(QStringLiteral("receipt_amount"), yuanText(trade->amount));
        content.insert(QStringLiteral("send_pay_date"), beijingTime(trade->paidAt));
        content.insert(QStringLiteral("buyer_user_id"), kBuyerId);
    }
    return content;
}

QJsonObject AlipaySimulator::close(const QJsonObject &biz)
{
    SandboxTrade *trade = findTrade(biz);
    if (!trade)
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_NOT_EXIST"), QStringLiteral("交易不存在"));
    if (trade->isPaid())
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_STATUS_ERROR"), QStringLiteral("交易状态不合法"));
    trade->state = QStringLiteral("CLOSED");
    return QJsonObject{{QStringLiteral("code"), QStringLiteral("10000")},
                       {QStringLiteral("msg"), QStringLiteral("Success")},
                       {QStringLiteral("trade_no"), trade->transactionId},
                       {QStringLiteral("out_trade_no"), trade->outTradeNo}};
}

QJsonObject AlipaySimulator::refund(const QJsonObject &biz)
{
    SandboxTrade *trade = findTrade(biz);
    if (!trade)
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_NOT_EXIST"), QStringLiteral("交易不存在"));
    qint64 amount = 0;
    if (!fenOfYuan(biz.value(QLatin1String("refund_amount")), &amount))
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.INVALID_PARAMETER"), QStringLiteral("refund_amount 无效"));
    if (!trade->isPaid())
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_STATUS_ERROR"), QStringLiteral("交易状态不合法"));
    QString requestNo = text(biz, "out_request_no");
    if (requestNo.isEmpty())
        requestNo = trade->outTradeNo; // a refund without out_request_no is identified by the trade
    auto answerFor = [&](const SandboxRefund &refund, bool fundChange) {
        return QJsonObject{{QStringLiteral("code"), QStringLiteral("10000")},
                           {QStringLiteral("msg"), QStringLiteral("Success")},
                           {QStringLiteral("trade_no"), trade->transactionId},
                           {QStringLiteral("out_trade_no"), trade->outTradeNo},
                           {QStringLiteral("buyer_logon_id"), trade->payer},
                           {QStringLiteral("buyer_user_id"), kBuyerId},
                           {QStringLiteral("fund_change"), fundChange ? QStringLiteral("Y") : QStringLiteral("N")},
                           {QStringLiteral("refund_fee"), yuanText(trade->refunded())},
                           {QStringLiteral("send_back_fee"), yuanText(refund.amount)},
                           {QStringLiteral("gmt_refund_pay"), beijingTime(refund.succeededAt)}};
    };
    if (const SandboxRefund *existing = trade->refund(requestNo)) {
        if (existing->amount != amount)
            return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                           QStringLiteral("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"),
                           QStringLiteral("退款金额与该退款请求号之前的请求不一致"));
        return answerFor(*existing, false); // the same request again: nothing more moves
    }
    if (trade->refunded() + amount > trade->amount)
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL"), QStringLiteral("退款金额超限"));
    // refund-fails: Alipay refuses the refund outright and keeps no record of it (its refund
    // query then has no data: not refunded).
    if (m_world.store.take(Fault::RefundFails, trade->outTradeNo))
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.SELLER_BALANCE_NOT_ENOUGH"), QStringLiteral("卖家余额不足"));
    SandboxRefund created;
    created.outRefundNo = requestNo;
    created.refundId = trade->transactionId;
    created.amount = amount;
    created.fee = trade->refundFee(amount);
    created.state = QStringLiteral("SUCCESS"); // Alipay refunds synchronously
    created.createdAt = m_world.now();
    created.succeededAt = created.createdAt;
    created.notifyUrl = trade->notifyUrl;
    trade->refunds.append(created);
    trade->state = QStringLiteral("REFUND");
    if (m_world.events)
        m_world.events->refundCreated(*trade, trade->refunds.constLast());
    return answerFor(trade->refunds.constLast(), true);
}

QJsonObject AlipaySimulator::refundQuery(const QJsonObject &biz)
{
    SandboxTrade *trade = findTrade(biz);
    if (!trade)
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("ACQ.TRADE_NOT_EXIST"), QStringLiteral("交易不存在"));
    QString requestNo = text(biz, "out_request_no");
    if (requestNo.isEmpty())
        requestNo = trade->outTradeNo;
    QJsonObject content{{QStringLiteral("code"), QStringLiteral("10000")},
                        {QStringLiteral("msg"), QStringLiteral("Success")}};
    const SandboxRefund *refund = trade->refund(requestNo);
    if (!refund)
        return content; // "no data": the refund did not happen
    content.insert(QStringLiteral("trade_no"), trade->transactionId);
    content.insert(QStringLiteral("out_trade_no"), trade->outTradeNo);
    content.insert(QStringLiteral("out_request_no"), requestNo);
    content.insert(QStringLiteral("total_amount"), yuanText(trade->amount));
    content.insert(QStringLiteral("refund_amount"), yuanText(refund->amount));
    content.insert(QStringLiteral("refund_status"), QStringLiteral("REFUND_SUCCESS"));
    content.insert(QStringLiteral("gmt_refund_pay"), beijingTime(refund->succeededAt));
    return content;
}

QJsonObject AlipaySimulator::billUrl(const QJsonObject &biz)
{
    const QString type = text(biz, "bill_type");
    const QDate date = QDate::fromString(text(biz, "bill_date"), QStringLiteral("yyyy-MM-dd"));
    if (type != QLatin1String("trade") || !date.isValid())
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"),
                       QStringLiteral("isp.invalid_parameter"),
                       QStringLiteral("bill_type 应为 trade，bill_date 应为 yyyy-MM-dd"));
    if (date > beijingDate(m_world.now()))
        return failure(QStringLiteral("40004"), QStringLiteral("Business Failed"), QStringLiteral("isp.bill_not_exist"),
                       QStringLiteral("账单不存在"));
    if (!m_world.statements)
        return failure(QStringLiteral("20000"), QStringLiteral("Service Currently Unavailable"),
                       QStringLiteral("isp.unknow-error"), QStringLiteral("账单服务不可用"));
    auto zip = m_world.statements->statement(SandboxChannel::Alipay, date, QStringLiteral("trade"));
    if (!zip)
        return failure(QStringLiteral("20000"), QStringLiteral("Service Currently Unavailable"),
                       QStringLiteral("isp.unknow-error"), zip.error().detail());
    const QString token = QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex());
    m_world.downloads.insert(token, *zip);
    QUrl url = m_world.baseUrl.resolved(QUrl(kBill));
    url.setQuery(QStringLiteral("bizType=trade&fileType=csv.zip&bizDates=%1&token=%2")
                     .arg(date.toString(QStringLiteral("yyyyMMdd")), token));
    return QJsonObject{{QStringLiteral("code"), QStringLiteral("10000")},
                       {QStringLiteral("msg"), QStringLiteral("Success")},
                       {QStringLiteral("bill_download_url"), url.toString(QUrl::FullyEncoded)}};
}

SandboxReply AlipaySimulator::download(const SandboxRequest &request)
{
    const auto file = m_world.downloads.constFind(QUrlQuery(request.url).queryItemValue(QStringLiteral("token")));
    if (file == m_world.downloads.constEnd())
        return SandboxReply::of(404, "text/plain; charset=utf-8", QByteArrayLiteral("file not found"));
    return SandboxReply::of(200, "application/oct-stream", *file);
}

QJsonObject AlipaySimulator::failure(const QString &code, const QString &msg, const QString &subCode,
                                     const QString &subMsg)
{
    return QJsonObject{{QStringLiteral("code"), code},
                       {QStringLiteral("msg"), msg},
                       {QStringLiteral("sub_code"), subCode},
                       {QStringLiteral("sub_msg"), subMsg}};
}

SandboxReply AlipaySimulator::answer(const QString &method, QJsonObject content, const QString &tradeNo)
{
    const QByteArray key = Alipay::responseKey(method);
    const QByteArray object = QJsonDocument(content).toJson(QJsonDocument::Compact);
    auto signature = m_world.keys.alipayKey.signSha256(object);
    if (!signature)
        return SandboxReply::of(500, "text/plain", signature.error().detail().toUtf8());
    QByteArray sign = signature->toBase64();
    if (m_world.store.take(Fault::BadSignature, tradeNo))
        sign = corruptSignature(sign);
    const QByteArray body = "{\"" + key + "\":" + object + ",\"sign\":\"" + sign + "\"}";
    return SandboxReply::of(200, "application/json;charset=utf-8", body);
}

OutgoingCallback AlipaySimulator::paymentCallback(const SandboxTrade &trade)
{
    if (trade.state != QLatin1String("SUCCESS"))
        return {}; // Alipay notifies TRADE_SUCCESS; a failed attempt leaves the trade waiting
    Params fields{
        {QStringLiteral("trade_status"), QStringLiteral("TRADE_SUCCESS")},
        {QStringLiteral("gmt_payment"), beijingTime(trade.paidAt)},
        {QStringLiteral("receipt_amount"), yuanText(trade.amount)},
        {QStringLiteral("invoice_amount"), yuanText(trade.amount)},
        {QStringLiteral("buyer_pay_amount"), yuanText(trade.amount)},
        {QStringLiteral("point_amount"), QStringLiteral("0.00")},
        {QStringLiteral("fund_bill_list"),
         QStringLiteral("[{\"amount\":\"%1\",\"fundChannel\":\"ALIPAYACCOUNT\"}]").arg(yuanText(trade.amount))}};
    return notify(trade, QStringLiteral("trade_status_sync TRADE_SUCCESS"), fields);
}

OutgoingCallback AlipaySimulator::refundCallback(const SandboxTrade &trade, const SandboxRefund &refund)
{
    Params fields{{QStringLiteral("trade_status"), statusOf(trade)},
                  {QStringLiteral("gmt_payment"), beijingTime(trade.paidAt)},
                  {QStringLiteral("out_biz_no"), refund.outRefundNo},
                  {QStringLiteral("refund_fee"), yuanText(trade.refunded())},
                  // gmt_refund carries milliseconds in Alipay's notifications.
                  {QStringLiteral("gmt_refund"),
                   refund.succeededAt.toTimeZone(beijing()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))}};
    if (statusOf(trade) == QLatin1String("TRADE_CLOSED"))
        fields.insert(QStringLiteral("gmt_close"), beijingTime(refund.succeededAt));
    return notify(trade, QStringLiteral("trade_status_sync refund %1").arg(refund.outRefundNo), fields);
}

OutgoingCallback AlipaySimulator::notify(const SandboxTrade &trade, const QString &description, Params fields)
{
    OutgoingCallback callback;
    callback.channel = SandboxChannel::Alipay;
    callback.tradeNo = trade.outTradeNo;
    callback.description = description;
    callback.url = QUrl(trade.notifyUrl);
    if (trade.notifyUrl.isEmpty())
        return callback;
    fields.insert(QStringLiteral("notify_type"), QStringLiteral("trade_status_sync"));
    fields.insert(QStringLiteral("notify_id"), QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex()));
    fields.insert(QStringLiteral("app_id"), QString::fromLatin1(SandboxKeys::kAlipayAppId));
    fields.insert(QStringLiteral("auth_app_id"), QString::fromLatin1(SandboxKeys::kAlipayAppId));
    fields.insert(QStringLiteral("charset"), QStringLiteral("utf-8"));
    fields.insert(QStringLiteral("version"), QStringLiteral("1.0"));
    fields.insert(QStringLiteral("sign_type"), QStringLiteral("RSA2"));
    fields.insert(QStringLiteral("trade_no"), trade.transactionId);
    fields.insert(QStringLiteral("out_trade_no"), trade.outTradeNo);
    fields.insert(QStringLiteral("total_amount"), yuanText(trade.amount));
    fields.insert(QStringLiteral("subject"), trade.description);
    // The order's body as the merchant gave it, empty when it gave none: Alipay sends such
    // fields as "body=" and signs them as they are.
    fields.insert(QStringLiteral("body"), trade.attach);
    fields.insert(QStringLiteral("buyer_id"), kBuyerId);
    fields.insert(QStringLiteral("buyer_logon_id"), trade.payer);
    fields.insert(QStringLiteral("seller_id"), QString::fromLatin1(SandboxKeys::kAlipayPid));
    fields.insert(QStringLiteral("seller_email"), QStringLiteral("merchant@sandbox.example"));
    fields.insert(QStringLiteral("gmt_create"), beijingTime(trade.createdAt));
    const QString tradeNo = trade.outTradeNo;
    const QUrl target = callback.url;
    callback.build = [this, fields, tradeNo, target]() mutable -> Result<SandboxRequest> {
        fields.insert(QStringLiteral("notify_time"), beijingTime(m_world.now()));
        fields.remove(QStringLiteral("sign"));
        auto signature = m_world.keys.alipayKey.signSha256(
            Alipay::notifySignContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}));
        if (!signature)
            return signature.error();
        QByteArray sign = signature->toBase64();
        if (m_world.store.take(Fault::BadSignature, tradeNo))
            sign = corruptSignature(sign);
        fields.insert(QStringLiteral("sign"), QString::fromLatin1(sign));
        SandboxRequest request;
        request.method = "POST";
        request.url = target;
        request.headers.insert("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        request.body = FormEncoding::encode(fields);
        return request;
    };
    return callback;
}

} // namespace paydesk::sandbox
