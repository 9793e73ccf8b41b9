#include "sandbox/UnionPaySimulator.h"

#include "sandbox/SandboxFormat.h"

#include <QRegularExpression>

namespace paydesk::sandbox {

namespace {
const QString kApi = QStringLiteral("/gateway/api/");
const QString kFile = QStringLiteral("/unionpay/file");
const QString kOk = QStringLiteral("成功[0000000]");
const QString kMaskedCard = QStringLiteral("6216********0018");
// A refund that failed (refund-fails), in its query's origRespCode and its notification's respCode.
const QString kRefundFailedCode = QStringLiteral("01");
const QString kRefundFailed = QStringLiteral("交易失败。详情请咨询95516");

// The merchant's own txnTime, yyyyMMddHHmmss.
bool validTxnTime(const QString &text)
{
    return QDateTime::fromString(text, QStringLiteral("yyyyMMddHHmmss")).isValid();
}

QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}
} // namespace

bool UnionPaySimulator::handles(const SandboxRequest &request) const
{
    const QString path = request.url.path();
    return path.startsWith(kApi) || path == kFile;
}

QString UnionPaySimulator::tradeNoOf(const SandboxRequest &request) const
{
    const Fields fields = decodeForm(request.body);
    const QString origQryId = fields.value(QStringLiteral("origQryId"));
    if (!origQryId.isEmpty()) {
        SandboxTrade *trade = m_world.store.tradeByTransaction(origQryId);
        return trade ? trade->outTradeNo : QString();
    }
    const QString orderId = fields.value(QStringLiteral("orderId"));
    if (SandboxTrade *trade = m_world.store.tradeByRefund(SandboxChannel::UnionPay, orderId))
        return trade->outTradeNo;
    return orderId;
}

SandboxReply UnionPaySimulator::handle(const SandboxRequest &request)
{
    const QString path = request.url.path();
    const bool browser = path == kApi + QLatin1String("frontTransReq.do");
    const QString tradeNo = tradeNoOf(request);
    const Fields fields = decodeForm(request.body);
    auto refuse = [&](const QString &code, const QString &message) {
        if (browser)
            return page(400, QStringLiteral("银联在线支付"),
                        QStringLiteral("<p>交易失败：%1 %2</p>").arg(code, escapeHtml(message)));
        return answer(answerTo(fields, code, message), tradeNo);
    };
    if (fields.value(QStringLiteral("version")) != QLatin1String("5.1.0") ||
        fields.value(QStringLiteral("signMethod")) != QLatin1String("01"))
        return refuse(QStringLiteral("10"), QStringLiteral("报文格式错误：version 应为 5.1.0，signMethod 应为 01"));
    if (fields.value(QStringLiteral("merId")) != QLatin1String(SandboxKeys::kUnionPayMerId))
        return refuse(QStringLiteral("31"), QStringLiteral("商户状态不正确"));
    if (fields.value(QStringLiteral("certId")) != m_world.keys.unionPayMerchant.certificate.serialDecimal() ||
        !UnionPay::verifySignatureWith(fields, m_world.keys.unionPayMerchant.certificate.publicKey()))
        return refuse(QStringLiteral("11"), QStringLiteral("验证签名失败"));
    if (!validTxnTime(fields.value(QStringLiteral("txnTime"))))
        return refuse(QStringLiteral("13"), QStringLiteral("报文交易要素缺失：txnTime"));

    const QString txnType = fields.value(QStringLiteral("txnType"));
    if (browser && txnType == QLatin1String("01"))
        return frontPay(fields);
    if (path == kApi + QLatin1String("queryTrans.do") && txnType == QLatin1String("00"))
        return answer(query(fields), tradeNo);
    if (path == kApi + QLatin1String("backTransReq.do") && txnType == QLatin1String("04"))
        return answer(refund(fields), tradeNo);
    if (path == kFile && txnType == QLatin1String("76"))
        return answer(fileTransfer(fields), tradeNo);
    return refuse(QStringLiteral("32"), QStringLiteral("无此交易权限：%1 %2").arg(path, txnType));
}

SandboxReply UnionPaySimulator::frontPay(const Fields &request)
{
    static const QRegularExpression orderPattern(QStringLiteral("^[0-9A-Za-z]{8,40}$"));
    const QString orderId = request.value(QStringLiteral("orderId"));
    bool ok = false;
    const qint64 amount = request.value(QStringLiteral("txnAmt")).toLongLong(&ok);
    const QString frontUrl = request.value(QStringLiteral("frontUrl"));
    const QString frontScheme = QUrl(frontUrl).scheme();
    if (!orderPattern.match(orderId).hasMatch() || !ok || amount <= 0 ||
        request.value(QStringLiteral("currencyCode")) != QLatin1String("156") ||
        request.value(QStringLiteral("backUrl")).isEmpty() ||
        (!frontUrl.isEmpty() && frontScheme != QLatin1String("https") && frontScheme != QLatin1String("http")))
        return page(400, QStringLiteral("银联在线支付"),
                    QStringLiteral("<p>交易失败：13 报文交易要素缺失或格式错误</p>"));
    SandboxTrade *trade = m_world.store.trade(SandboxChannel::UnionPay, orderId);
    if (trade && (trade->txnTime != request.value(QStringLiteral("txnTime")) || trade->amount != amount))
        return page(400, QStringLiteral("银联在线支付"), QStringLiteral("<p>交易失败：12 重复交易</p>"));
    if (!trade) {
        SandboxTrade created;
        created.channel = SandboxChannel::UnionPay;
        created.outTradeNo = orderId;
        created.method = QStringLiteral("FRONT");
        created.amount = amount;
        created.description = orderId;
        created.notifyUrl = request.value(QStringLiteral("backUrl"));
        created.payUrl = frontUrl;
        created.txnTime = request.value(QStringLiteral("txnTime"));
        created.createdAt = m_world.now();
        created.payer = kMaskedCard;
        created.transactionId = compactTime(created.createdAt) + m_world.store.nextId({}, 7);
        if (!request.value(QStringLiteral("payTimeout")).isEmpty()) {
            QDateTime expires =
                QDateTime::fromString(request.value(QStringLiteral("payTimeout")), QStringLiteral("yyyyMMddHHmmss"));
            expires.setTimeZone(beijing());
            created.expiresAt = expires.toUTC();
        }
        trade = &m_world.store.add(created);
        if (m_world.events)
            m_world.events->tradeCreated(*trade);
    }
    if (trade->isPaid())
        return page(200, QStringLiteral("银联在线支付"),
                    QStringLiteral("<p>订单 %1 已支付。</p>").arg(escapeHtml(orderId)));
    // The cashier: the simulated payer pays (or fails) with one click.
    const QString form = QStringLiteral(
        "<form method=\"post\" action=\"/__sandbox/pay\" style=\"display:inline\">"
        "<input type=\"hidden\" name=\"channel\" value=\"unionpay\"><input type=\"hidden\" name=\"out_trade_no\" "
        "value=\"%1\">"
        "<input type=\"hidden\" name=\"result\" value=\"%2\"><button type=\"submit\">%3</button></form> ");
    return page(200, QStringLiteral("银联在线支付 · Paydesk 沙箱"),
                QStringLiteral("<p>商户 %1 · 订单 %2</p><p>金额 ¥%3</p>%4%5")
                    .arg(QLatin1String(SandboxKeys::kUnionPayMerId), escapeHtml(orderId), yuanText(amount),
                         form.arg(escapeHtml(orderId), QStringLiteral("SUCCESS"), QStringLiteral("确认付款")),
                         form.arg(escapeHtml(orderId), QStringLiteral("FAIL"), QStringLiteral("支付失败"))));
}

UnionPay::Fields UnionPaySimulator::query(const Fields &request)
{
    const QString orderId = request.value(QStringLiteral("orderId"));
    const QString txnTime = request.value(QStringLiteral("txnTime"));
    Fields fields = answerTo(request, QStringLiteral("00"), kOk);
    SandboxTrade *trade = m_world.store.trade(SandboxChannel::UnionPay, orderId);
    if (trade && trade->txnTime == txnTime && trade->state != QLatin1String("NOTPAY")) {
        const bool paid = trade->isPaid();
        fields.insert(QStringLiteral("txnType"), QStringLiteral("01"));
        fields.insert(QStringLiteral("txnSubType"), QStringLiteral("01"));
        fields.insert(QStringLiteral("txnAmt"), QString::number(trade->amount));
        fields.insert(QStringLiteral("currencyCode"), QStringLiteral("156"));
        fields.insert(QStringLiteral("queryId"), trade->transactionId);
        fields.insert(QStringLiteral("accNo"), trade->payer);
        fields.insert(QStringLiteral("origRespCode"), paid ? QStringLiteral("00") : QStringLiteral("60"));
        fields.insert(QStringLiteral("origRespMsg"), paid ? kOk : QStringLiteral("交易失败，详情请咨询您的发卡行"));
        if (paid) {
            fields.insert(QStringLiteral("settleAmt"), QString::number(trade->amount));
            fields.insert(QStringLiteral("settleCurrencyCode"), QStringLiteral("156"));
            fields.insert(QStringLiteral("settleDate"),
                          trade->paidAt.toTimeZone(beijing()).toString(QStringLiteral("MMdd")));
            fields.insert(QStringLiteral("traceNo"), trade->transactionId.right(6));
            fields.insert(QStringLiteral("traceTime"),
                          trade->paidAt.toTimeZone(beijing()).toString(QStringLiteral("MMddHHmmss")));
        }
        return fields;
    }
    SandboxTrade *original = m_world.store.tradeByRefund(SandboxChannel::UnionPay, orderId);
    const SandboxRefund *refund = original ? original->refund(orderId) : nullptr;
    if (refund && refund->txnTime == txnTime) {
        const bool done = refund->state == QLatin1String("SUCCESS");
        fields.insert(QStringLiteral("txnType"), QStringLiteral("04"));
        fields.insert(QStringLiteral("txnSubType"), QStringLiteral("00"));
        fields.insert(QStringLiteral("txnAmt"), QString::number(refund->amount));
        fields.insert(QStringLiteral("currencyCode"), QStringLiteral("156"));
        fields.insert(QStringLiteral("queryId"), refund->refundId);
        fields.insert(QStringLiteral("origQryId"), original->transactionId);
        // 00 done, 05 still under way; any other origRespCode is a refund that failed.
        if (done) {
            fields.insert(QStringLiteral("origRespCode"), QStringLiteral("00"));
            fields.insert(QStringLiteral("origRespMsg"), kOk);
        } else if (refund->failed()) {
            fields.insert(QStringLiteral("origRespCode"), kRefundFailedCode);
            fields.insert(QStringLiteral("origRespMsg"), kRefundFailed);
        } else {
            fields.insert(QStringLiteral("origRespCode"), QStringLiteral("05"));
            fields.insert(QStringLiteral("origRespMsg"), QStringLiteral("交易已受理，请稍后查询交易结果"));
        }
        if (done)
            fields.insert(QStringLiteral("settleDate"),
                          refund->succeededAt.toTimeZone(beijing()).toString(QStringLiteral("MMdd")));
        return fields;
    }
    // An order the payer has not paid (or never opened) is unknown to UnionPay.
    return answerTo(request, QStringLiteral("34"), QStringLiteral("查无此交易[2011000]"));
}

UnionPay::Fields UnionPaySimulator::refund(const Fields &request)
{
    const QString orderId = request.value(QStringLiteral("orderId"));
    bool ok = false;
    const qint64 amount = request.value(QStringLiteral("txnAmt")).toLongLong(&ok);
    if (orderId.isEmpty() || !ok || amount <= 0 || request.value(QStringLiteral("origQryId")).isEmpty())
        return answerTo(request, QStringLiteral("13"), QStringLiteral("报文交易要素缺失：orderId、txnAmt、origQryId"));
    SandboxTrade *trade = m_world.store.tradeByTransaction(request.value(QStringLiteral("origQryId")));
    if (!trade || trade->channel != SandboxChannel::UnionPay || !trade->isPaid())
        return answerTo(request, QStringLiteral("35"), QStringLiteral("原交易不存在或状态不正确"));
    Fields fields = answerTo(request, QStringLiteral("00"), kOk);
    if (const SandboxRefund *existing = trade->refund(orderId)) {
        if (existing->txnTime != request.value(QStringLiteral("txnTime")) || existing->amount != amount)
            return answerTo(request, QStringLiteral("12"), QStringLiteral("重复交易"));
        fields.insert(QStringLiteral("queryId"), existing->refundId);
        return fields;
    }
    if (m_world.store.tradeByRefund(SandboxChannel::UnionPay, orderId) ||
        m_world.store.trade(SandboxChannel::UnionPay, orderId))
        return answerTo(request, QStringLiteral("12"), QStringLiteral("重复交易"));
    if (trade->refunded() + amount > trade->amount)
        return answerTo(request, QStringLiteral("36"), QStringLiteral("与原交易信息不符：退货金额超过原交易可退金额"));
    SandboxRefund created;
    created.outRefundNo = orderId;
    created.refundId = compactTime(m_world.now()) + m_world.store.nextId({}, 7);
    created.amount = amount;
    created.fee = trade->refundFee(amount);
    created.createdAt = m_world.now();
    created.notifyUrl = request.value(QStringLiteral("backUrl"));
    created.txnTime = request.value(QStringLiteral("txnTime"));
    // refund-fails: UnionPay accepts the refund (respCode 00) and reports it failed later.
    created.failing = m_world.store.take(Fault::RefundFails, trade->outTradeNo);
    trade->refunds.append(created);
    if (m_world.events)
        m_world.events->refundCreated(*trade, trade->refunds.constLast());
    fields.insert(QStringLiteral("queryId"), created.refundId);
    fields.insert(QStringLiteral("origQryId"), trade->transactionId);
    fields.insert(QStringLiteral("txnAmt"), QString::number(amount));
    return fields;
}

UnionPay::Fields UnionPaySimulator::fileTransfer(const Fields &request)
{
    const QString settleDate = request.value(QStringLiteral("settleDate"));
    const QDate today = beijingDate(m_world.now());
    // MMDD names the most recent such day up to today.
    QDate date = QDate::fromString(QString::number(today.year()) + settleDate, QStringLiteral("yyyyMMdd"));
    if (date.isValid() && date > today)
        date = date.addYears(-1);
    if (settleDate.size() != 4 || !date.isValid() || request.value(QStringLiteral("fileType")) != QLatin1String("00"))
        return answerTo(request, QStringLiteral("13"),
                        QStringLiteral("报文交易要素缺失：settleDate（MMDD）、fileType 00"));
    if (!m_world.statements)
        return answerTo(request, QStringLiteral("06"), QStringLiteral("系统繁忙"));
    auto content = m_world.statements->statement(SandboxChannel::UnionPay, date, QString());
    if (!content)
        return answerTo(request, QStringLiteral("98"), QStringLiteral("文件不存在：") + content.error().detail());
    Fields fields = answerTo(request, QStringLiteral("00"), kOk);
    fields.insert(QStringLiteral("settleDate"), settleDate);
    fields.insert(QStringLiteral("fileType"), QStringLiteral("00"));
    fields.insert(QStringLiteral("fileName"),
                  QStringLiteral("%1_%2.zip")
                      .arg(QLatin1String(SandboxKeys::kUnionPayMerId), date.toString(QStringLiteral("yyyyMMdd"))));
    fields.insert(QStringLiteral("fileContent"), QString::fromLatin1(*content));
    return fields;
}

UnionPay::Fields UnionPaySimulator::answerTo(const Fields &request, const QString &code, const QString &message)
{
    Fields fields;
    for (const char *key : {"version", "encoding", "signMethod", "txnType", "txnSubType", "bizType", "accessType",
                            "merId", "orderId", "txnTime"}) {
        const QString name = QLatin1String(key);
        if (request.contains(name))
            fields.insert(name, request.value(name));
    }
    fields.insert(QStringLiteral("respCode"), code);
    fields.insert(QStringLiteral("respMsg"), message);
    return fields;
}

Result<UnionPay::Fields> UnionPaySimulator::signFields(Fields fields, const QString &tradeNo)
{
    fields.insert(QStringLiteral("version"), QStringLiteral("5.1.0"));
    fields.insert(QStringLiteral("encoding"), QStringLiteral("utf-8"));
    fields.insert(QStringLiteral("signMethod"), QStringLiteral("01"));
    // PEM with CRLF line ends, as UnionPay sends it.
    QByteArray pem = m_world.keys.unionPaySigning.certificate.toPem();
    pem.replace("\r\n", "\n").replace('\n', "\r\n");
    fields.insert(QStringLiteral("signPubKeyCert"), QString::fromLatin1(pem));
    fields.remove(QStringLiteral("signature"));
    auto signature = UnionPay::sign(fields, m_world.keys.unionPaySigning.key);
    if (!signature)
        return signature.error();
    QByteArray text = signature->toLatin1();
    if (m_world.store.take(Fault::BadSignature, tradeNo))
        text = corruptSignature(text);
    fields.insert(QStringLiteral("signature"), QString::fromLatin1(text));
    return fields;
}

SandboxReply UnionPaySimulator::answer(Fields fields, const QString &tradeNo)
{
    auto signed_ = signFields(std::move(fields), tradeNo);
    if (!signed_)
        return SandboxReply::of(500, "text/plain", signed_.error().detail().toUtf8());
    QByteArray body;
    for (auto it = signed_->cbegin(); it != signed_->cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        if (!body.isEmpty())
            body += '&';
        body += it.key().toUtf8() + '=' + it.value().toUtf8();
    }
    return SandboxReply::of(200, "text/plain;charset=UTF-8", body);
}

SandboxReply UnionPaySimulator::page(int status, const QString &title, const QString &body)
{
    const QString html =
        QStringLiteral("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%1</title></head>"
                       "<body><h1>%1</h1>%2</body></html>")
            .arg(escapeHtml(title), body);
    return SandboxReply::of(status, "text/html; charset=utf-8", html.toUtf8());
}

UnionPay::Fields UnionPaySimulator::paymentResult(const SandboxTrade &trade)
{
    const bool paid = trade.isPaid();
    Fields fields{{QStringLiteral("txnType"), QStringLiteral("01")},
                  {QStringLiteral("txnSubType"), QStringLiteral("01")},
                  {QStringLiteral("bizType"), QStringLiteral("000201")},
                  {QStringLiteral("accessType"), QStringLiteral("0")},
                  {QStringLiteral("merId"), QString::fromLatin1(SandboxKeys::kUnionPayMerId)},
                  {QStringLiteral("orderId"), trade.outTradeNo},
                  {QStringLiteral("txnTime"), trade.txnTime},
                  {QStringLiteral("txnAmt"), QString::number(trade.amount)},
                  {QStringLiteral("currencyCode"), QStringLiteral("156")},
                  {QStringLiteral("queryId"), trade.transactionId},
                  {QStringLiteral("accNo"), trade.payer},
                  {QStringLiteral("respCode"), paid ? QStringLiteral("00") : QStringLiteral("60")},
                  {QStringLiteral("respMsg"), paid ? kOk : QStringLiteral("交易失败，详情请咨询您的发卡行")}};
    if (paid) {
        fields.insert(QStringLiteral("settleAmt"), QString::number(trade.amount));
        fields.insert(QStringLiteral("settleCurrencyCode"), QStringLiteral("156"));
        fields.insert(QStringLiteral("settleDate"),
                      trade.paidAt.toTimeZone(beijing()).toString(QStringLiteral("MMdd")));
        fields.insert(QStringLiteral("traceNo"), trade.transactionId.right(6));
        fields.insert(QStringLiteral("traceTime"),
                      trade.paidAt.toTimeZone(beijing()).toString(QStringLiteral("MMddHHmmss")));
    }
    return fields;
}

OutgoingCallback UnionPaySimulator::paymentCallback(const SandboxTrade &trade)
{
    const Fields fields = paymentResult(trade);
    return notification(trade, QStringLiteral("txnType 01 respCode %1").arg(fields.value(QStringLiteral("respCode"))),
                        trade.notifyUrl, fields);
}

std::optional<SandboxReply> UnionPaySimulator::cashierResult(const SandboxTrade &trade)
{
    const QUrl frontUrl(trade.payUrl);
    if (trade.payUrl.isEmpty() || !frontUrl.isValid())
        return std::nullopt;
    auto fields = signFields(paymentResult(trade), trade.outTradeNo);
    if (!fields)
        return SandboxReply::of(500, "text/plain", fields.error().detail().toUtf8());
    // Hidden fields keep their line breaks (signPubKeyCert is PEM): written as character references.
    auto attribute = [](const QString &value) {
        return value.toHtmlEscaped()
            .replace(QLatin1Char('\r'), QLatin1String("&#13;"))
            .replace(QLatin1Char('\n'), QLatin1String("&#10;"));
    };
    QString inputs;
    for (auto it = fields->cbegin(); it != fields->cend(); ++it) {
        if (!it.value().isEmpty())
            inputs += QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">")
                          .arg(attribute(it.key()), attribute(it.value()));
    }
    const bool paid = trade.isPaid();
    return page(200, paid ? QStringLiteral("支付成功") : QStringLiteral("支付失败"),
                QStringLiteral("<p>订单 %1，正在返回商户…</p><form id=\"return\" method=\"post\" action=\"%2\">%3"
                               "<button type=\"submit\">返回商户</button></form>"
                               "<script>document.getElementById('return').submit();</script>")
                    .arg(escapeHtml(trade.outTradeNo), attribute(frontUrl.toString(QUrl::FullyEncoded)), inputs));
}

OutgoingCallback UnionPaySimulator::refundCallback(const SandboxTrade &trade, const SandboxRefund &refund)
{
    const bool done = refund.state == QLatin1String("SUCCESS");
    Fields fields{{QStringLiteral("txnType"), QStringLiteral("04")},
                  {QStringLiteral("txnSubType"), QStringLiteral("00")},
                  {QStringLiteral("bizType"), QStringLiteral("000201")},
                  {QStringLiteral("accessType"), QStringLiteral("0")},
                  {QStringLiteral("merId"), QString::fromLatin1(SandboxKeys::kUnionPayMerId)},
                  {QStringLiteral("orderId"), refund.outRefundNo},
                  {QStringLiteral("txnTime"), refund.txnTime},
                  {QStringLiteral("txnAmt"), QString::number(refund.amount)},
                  {QStringLiteral("currencyCode"), QStringLiteral("156")},
                  {QStringLiteral("queryId"), refund.refundId},
                  {QStringLiteral("origQryId"), trade.transactionId},
                  {QStringLiteral("respCode"), done ? QStringLiteral("00") : kRefundFailedCode},
                  {QStringLiteral("respMsg"), done ? kOk : kRefundFailed}};
    if (done)
        fields.insert(QStringLiteral("settleDate"),
                      refund.succeededAt.toTimeZone(beijing()).toString(QStringLiteral("MMdd")));
    return notification(trade, QStringLiteral("txnType 04 %1").arg(refund.outRefundNo), refund.notifyUrl, fields);
}

OutgoingCallback UnionPaySimulator::notification(const SandboxTrade &trade, const QString &description,
                                                 const QString &url, Fields fields)
{
    OutgoingCallback callback;
    callback.channel = SandboxChannel::UnionPay;
    callback.tradeNo = trade.outTradeNo;
    callback.description = description;
    callback.url = QUrl(url);
    if (url.isEmpty())
        return callback;
    const QString tradeNo = trade.outTradeNo;
    const QUrl target(url);
    callback.build = [this, fields, tradeNo, target]() -> Result<SandboxRequest> {
        auto signed_ = signFields(fields, tradeNo);
        if (!signed_)
            return signed_.error();
        SandboxRequest request;
        request.method = "POST";
        request.url = target;
        request.headers.insert("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        request.body = UnionPay::formBody(*signed_);
        return request;
    };
    return callback;
}

} // namespace paydesk::sandbox
