#include "sandbox/SandboxAdmin.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SandboxFormat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace paydesk::sandbox {

namespace {
SandboxReply json(int status, const QJsonObject &object)
{
    return SandboxReply::of(status, "application/json; charset=utf-8",
                            QJsonDocument(object).toJson(QJsonDocument::Indented));
}

SandboxReply problem(int status, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

QString timeText(const QDateTime &instant)
{
    return instant.isValid() ? rfc3339(instant) : QString();
}
} // namespace

SandboxReply SandboxAdmin::handle(const SandboxRequest &request)
{
    const QString path = request.url.path();
    QJsonObject body;
    if (request.method == "POST" && !request.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(request.body.isEmpty() ? QByteArrayLiteral("{}") : request.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return problem(400, QStringLiteral("the body must be a JSON object"));
        body = document.object();
    }
    if (path == QLatin1String("/__sandbox") || path == QLatin1String("/__sandbox/"))
        return overview();
    if (path == QLatin1String("/__sandbox/pay") && request.method == "POST")
        return pay(request);
    if (path == QLatin1String("/__sandbox/trades") && request.method == "GET")
        return trades();
    if (path == QLatin1String("/__sandbox/callbacks") && request.method == "GET")
        return callbacks();
    if (path == QLatin1String("/__sandbox/faults")) {
        if (request.method == "GET")
            return faults();
        if (request.method == "POST")
            return changeFault(body);
        if (request.method == "DELETE") {
            m_sandbox.store().clearFaults();
            m_sandbox.billFaults().clearAll();
            return faults();
        }
    }
    if (path == QLatin1String("/__sandbox/merchants")) {
        if (request.method == "GET")
            return merchants();
        if (request.method == "POST")
            return changeMerchant(body);
    }
    if (path == QLatin1String("/__sandbox/settings") && request.method == "POST")
        return changeSettings(body);
    if (path == QLatin1String("/__sandbox/statement") && request.method == "GET")
        return statement(QUrlQuery(request.url));
    return problem(404, QStringLiteral("no such sandbox call: %1 %2").arg(QString::fromLatin1(request.method), path));
}

QJsonObject SandboxAdmin::settingsJson() const
{
    const SandboxSettings &settings = m_sandbox.settings();
    return QJsonObject{{QStringLiteral("auto_pay_delay_ms"), settings.autoPayDelayMs},
                       {QStringLiteral("auto_pay_success_rate"), settings.autoPaySuccessRate},
                       {QStringLiteral("fee_rate_bp"), settings.feeRateBasisPoints},
                       {QStringLiteral("refund_delay_ms"), settings.refundDelayMs},
                       {QStringLiteral("callback_time_scale"), settings.callbackTimeScale}};
}

SandboxReply SandboxAdmin::overview()
{
    const QUrl base = m_sandbox.baseUrl();
    const SandboxKeys &keys = m_sandbox.keys();
    QJsonArray faultNames;
    for (int f = int(Fault::DropCallback); f <= int(Fault::RefundFails); ++f)
        faultNames.append(faultName(Fault(f)));
    for (BillFault fault : allBillFaults())
        faultNames.append(billFaultName(fault));
    return json(
        200,
        QJsonObject{
            {QStringLiteral("base_url"), base.toString()},
            {QStringLiteral("ca_file"), keys.caFile()},
            {QStringLiteral("state_directory"), keys.directory},
            {QStringLiteral("wechatpay"),
             QJsonObject{
                 {QStringLiteral("base_url"), base.toString()},
                 {QStringLiteral("mchid"), QString::fromLatin1(SandboxKeys::kWeChatMchId)},
                 {QStringLiteral("appid"), QString::fromLatin1(SandboxKeys::kWeChatAppId)},
                 {QStringLiteral("merchant_serial_no"), keys.weChatMerchant.certificate.serialHex()},
                 {QStringLiteral("platform_serial_no"), keys.weChatPlatform.certificate.serialHex()},
                 {QStringLiteral("platform_public_key_id"), QString::fromLatin1(SandboxKeys::kWeChatPublicKeyId)}}},
            {QStringLiteral("alipay"),
             QJsonObject{{QStringLiteral("gateway"), base.resolved(QUrl(QStringLiteral("/gateway.do"))).toString()},
                         {QStringLiteral("app_id"), QString::fromLatin1(SandboxKeys::kAlipayAppId)}}},
            {QStringLiteral("unionpay"),
             QJsonObject{{QStringLiteral("gateway"), base.toString()},
                         {QStringLiteral("file_url"), base.resolved(QUrl(QStringLiteral("/unionpay/file"))).toString()},
                         {QStringLiteral("mer_id"), QString::fromLatin1(SandboxKeys::kUnionPayMerId)},
                         {QStringLiteral("cert_id"), keys.unionPayMerchant.certificate.serialDecimal()}}},
            {QStringLiteral("settings"), settingsJson()},
            {QStringLiteral("merchants_file"), SandboxMerchants::fileIn(keys.directory)},
            {QStringLiteral("faults"), faultNames}});
}

QJsonObject SandboxAdmin::tradeJson(const SandboxTrade &trade)
{
    QJsonArray refunds;
    for (const SandboxRefund &refund : trade.refunds) {
        refunds.append(QJsonObject{{QStringLiteral("out_refund_no"), refund.outRefundNo},
                                   {QStringLiteral("refund_id"), refund.refundId},
                                   {QStringLiteral("amount"), refund.amount},
                                   {QStringLiteral("fee"), refund.fee},
                                   {QStringLiteral("state"), refund.state},
                                   {QStringLiteral("created_at"), timeText(refund.createdAt)},
                                   {QStringLiteral("succeeded_at"), timeText(refund.succeededAt)},
                                   {QStringLiteral("channel_only"), refund.channelOnly}});
    }
    return QJsonObject{{QStringLiteral("channel"), Sandbox::channelName(trade.channel)},
                       {QStringLiteral("out_trade_no"), trade.outTradeNo},
                       {QStringLiteral("transaction_id"), trade.transactionId},
                       {QStringLiteral("method"), trade.method},
                       {QStringLiteral("amount"), trade.amount},
                       {QStringLiteral("fee"), trade.fee},
                       {QStringLiteral("state"), trade.state},
                       {QStringLiteral("created_at"), timeText(trade.createdAt)},
                       {QStringLiteral("paid_at"), timeText(trade.paidAt)},
                       {QStringLiteral("refunds"), refunds}};
}

SandboxReply SandboxAdmin::pay(const SandboxRequest &request)
{
    const bool fromCashier = request.header("content-type").startsWith("application/x-www-form-urlencoded");
    QString outTradeNo;
    QString result;
    QString channel;
    if (fromCashier) {
        const auto form = decodeForm(request.body);
        outTradeNo = form.value(QStringLiteral("out_trade_no"));
        result = form.value(QStringLiteral("result"));
        channel = form.value(QStringLiteral("channel"));
    } else {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        outTradeNo = body.value(QLatin1String("out_trade_no")).toString();
        result = body.value(QLatin1String("result")).toString(QStringLiteral("SUCCESS"));
        channel = body.value(QLatin1String("channel")).toString();
    }
    if (outTradeNo.isEmpty() || (result != QLatin1String("SUCCESS") && result != QLatin1String("FAIL")))
        return problem(400, QStringLiteral("out_trade_no and result (SUCCESS or FAIL) are required"));
    auto trade = m_sandbox.pay(outTradeNo, result == QLatin1String("SUCCESS"), channel);
    if (fromCashier && trade) {
        // The channel's cashier sends the payer back to the shop (UnionPay's frontUrl).
        if (auto back = m_sandbox.cashierResult(*trade))
            return *back;
    }
    if (fromCashier) {
        const QString text =
            trade ? (trade->state == QLatin1String("SUCCESS") ? QStringLiteral("支付成功") : QStringLiteral("支付失败"))
                  : trade.error().detail();
        return SandboxReply::of(
            trade ? 200 : 409, "text/html; charset=utf-8",
            QStringLiteral("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%1</title></head>"
                           "<body><h1>%1</h1><p>%2</p></body></html>")
                .arg(text.toHtmlEscaped(), outTradeNo.toHtmlEscaped())
                .toUtf8());
    }
    if (!trade)
        return problem(409, trade.error().detail());
    return json(200, tradeJson(*trade));
}

SandboxReply SandboxAdmin::trades()
{
    QJsonArray list;
    for (const SandboxTrade *trade : m_sandbox.store().trades())
        list.append(tradeJson(*trade));
    return json(200, QJsonObject{{QStringLiteral("trades"), list}});
}

SandboxReply SandboxAdmin::callbacks()
{
    QJsonArray list;
    for (const CallbackDelivery &delivery : m_sandbox.callbacks().deliveries()) {
        QJsonArray attempts;
        for (const CallbackAttempt &attempt : delivery.attempts) {
            attempts.append(QJsonObject{{QStringLiteral("at"), timeText(attempt.at)},
                                        {QStringLiteral("status"), attempt.status},
                                        {QStringLiteral("problem"), attempt.problem}});
        }
        list.append(QJsonObject{{QStringLiteral("id"), delivery.id},
                                {QStringLiteral("channel"), Sandbox::channelName(delivery.channel)},
                                {QStringLiteral("out_trade_no"), delivery.tradeNo},
                                {QStringLiteral("event"), delivery.description},
                                {QStringLiteral("url"), delivery.url.toString()},
                                {QStringLiteral("dropped"), delivery.dropped},
                                {QStringLiteral("delivered"), delivery.delivered},
                                {QStringLiteral("gave_up"), delivery.gaveUp},
                                {QStringLiteral("attempts"), attempts}});
    }
    return json(200, QJsonObject{{QStringLiteral("callbacks"), list}});
}

SandboxReply SandboxAdmin::faults()
{
    QJsonArray list;
    for (const SandboxStore::ActiveFault &active : m_sandbox.store().faults()) {
        list.append(QJsonObject{{QStringLiteral("fault"), faultName(active.fault)},
                                {QStringLiteral("trade"), active.tradeNo},
                                {QStringLiteral("value"), active.setting.value},
                                {QStringLiteral("times"), active.setting.remaining}});
    }
    for (const BillFaultSwitch &bill : m_sandbox.billFaults().all()) {
        list.append(QJsonObject{{QStringLiteral("fault"), billFaultName(bill.planted.fault)},
                                {QStringLiteral("merchant"), SandboxMerchants::merchantId(bill.channel)},
                                {QStringLiteral("channel"), Sandbox::channelName(bill.channel)},
                                {QStringLiteral("date"), bill.date.toString(Qt::ISODate)},
                                {QStringLiteral("trade"), bill.planted.orderNo},
                                {QStringLiteral("value"), bill.planted.value},
                                {QStringLiteral("times"), bill.remaining}});
    }
    return json(200, QJsonObject{{QStringLiteral("faults"), list}});
}

SandboxReply SandboxAdmin::changeFault(const QJsonObject &body)
{
    BillFault billFault;
    if (billFaultFromName(body.value(QLatin1String("fault")).toString(), &billFault))
        return changeBillFault(billFault, body);
    Fault fault;
    if (!faultFromName(body.value(QLatin1String("fault")).toString(), &fault))
        return problem(400, QStringLiteral("unknown fault \"%1\"").arg(body.value(QLatin1String("fault")).toString()));
    const QString trade = body.value(QLatin1String("trade")).toString();
    if (body.value(QLatin1String("off")).toBool())
        m_sandbox.clearFault(fault, trade);
    else
        m_sandbox.setFault(fault, trade, body.value(QLatin1String("value")).toInteger(0),
                           int(body.value(QLatin1String("times")).toInteger(-1)));
    return faults();
}

SandboxReply SandboxAdmin::changeBillFault(BillFault fault, const QJsonObject &body)
{
    BillFaultSwitch change;
    const QString merchant =
        body.value(QLatin1String("merchant")).toString(body.value(QLatin1String("channel")).toString());
    if (!SandboxMerchants::channelOf(merchant, &change.channel))
        return problem(400, QStringLiteral("a bill fault needs the merchant: %1, %2 or %3 (or a channel name)")
                                .arg(SandboxMerchants::merchantId(SandboxChannel::WeChatPay),
                                     SandboxMerchants::merchantId(SandboxChannel::Alipay),
                                     SandboxMerchants::merchantId(SandboxChannel::UnionPay)));
    const QString dateText = body.value(QLatin1String("date")).toString();
    change.date =
        dateText.isEmpty() ? beijingDate(m_sandbox.now()) : QDate::fromString(dateText, QStringLiteral("yyyy-MM-dd"));
    if (!change.date.isValid())
        return problem(400, QStringLiteral("date: yyyy-MM-dd"));
    change.planted.fault = fault;
    change.planted.orderNo = body.value(QLatin1String("trade")).toString();
    change.planted.value = body.value(QLatin1String("value")).toInteger(0);
    change.remaining = int(body.value(QLatin1String("times")).toInteger(-1));
    if (change.remaining == 0 || change.remaining < -1)
        return problem(400, QStringLiteral("times: a number of bills, or -1 for every bill until off"));
    if (body.value(QLatin1String("off")).toBool())
        m_sandbox.billFaults().clear(fault, change.channel, change.date, change.planted.orderNo);
    else
        m_sandbox.billFaults().set(change);
    return faults();
}

SandboxReply SandboxAdmin::merchants()
{
    QJsonArray list;
    for (SandboxChannel channel : {SandboxChannel::WeChatPay, SandboxChannel::Alipay, SandboxChannel::UnionPay}) {
        const std::optional<qint64> own = m_sandbox.merchants().feeRatePpm(channel);
        list.append(QJsonObject{{QStringLiteral("merchant"), SandboxMerchants::merchantId(channel)},
                                {QStringLiteral("statement_merchant"), SandboxMerchants::statementMerchantId(channel)},
                                {QStringLiteral("channel"), Sandbox::channelName(channel)},
                                {QStringLiteral("fee_rate_ppm"), m_sandbox.world().feeRatePpm(channel)},
                                {QStringLiteral("own_rate"), own.has_value()}});
    }
    return json(200, QJsonObject{{QStringLiteral("merchants"), list}});
}

SandboxReply SandboxAdmin::changeMerchant(const QJsonObject &body)
{
    SandboxChannel channel;
    if (!SandboxMerchants::channelOf(body.value(QLatin1String("merchant")).toString(), &channel))
        return problem(400,
                       QStringLiteral("unknown merchant \"%1\"").arg(body.value(QLatin1String("merchant")).toString()));
    std::optional<qint64> ppm;
    if (body.contains(QLatin1String("fee_rate_ppm")))
        ppm = body.value(QLatin1String("fee_rate_ppm")).toInteger(-1);
    else if (body.contains(QLatin1String("fee_rate_bp")))
        ppm = body.value(QLatin1String("fee_rate_bp")).toInteger(-1) * 100;
    else if (!body.value(QLatin1String("default")).toBool())
        return problem(400, QStringLiteral("fee_rate_ppm, fee_rate_bp or \"default\": true is required"));
    const Status changed = m_sandbox.merchants().setFeeRatePpm(channel, ppm);
    if (!changed)
        return problem(changed.error().code() == ErrorCode::InvalidArgument ? 400 : 500, changed.error().detail());
    return merchants();
}

SandboxReply SandboxAdmin::changeSettings(const QJsonObject &body)
{
    SandboxSettings &settings = m_sandbox.settings();
    SandboxSettings changed = settings;
    if (body.contains(QLatin1String("auto_pay_delay_ms")))
        changed.autoPayDelayMs = int(body.value(QLatin1String("auto_pay_delay_ms")).toInteger(-1));
    if (body.contains(QLatin1String("auto_pay_success_rate")))
        changed.autoPaySuccessRate = body.value(QLatin1String("auto_pay_success_rate")).toDouble(-1);
    if (body.contains(QLatin1String("fee_rate_bp")))
        changed.feeRateBasisPoints = int(body.value(QLatin1String("fee_rate_bp")).toInteger(-1));
    if (body.contains(QLatin1String("refund_delay_ms")))
        changed.refundDelayMs = int(body.value(QLatin1String("refund_delay_ms")).toInteger(-1));
    if (body.contains(QLatin1String("callback_time_scale")))
        changed.callbackTimeScale = body.value(QLatin1String("callback_time_scale")).toDouble(-1);
    if (changed.autoPaySuccessRate < 0 || changed.autoPaySuccessRate > 1 || changed.feeRateBasisPoints < 0 ||
        changed.feeRateBasisPoints > 10000 || changed.refundDelayMs < 0 || changed.callbackTimeScale < 0)
        return problem(400,
                       QStringLiteral("out of range: success rate 0–1, fee 0–10000 bp, delays and time scale ≥ 0"));
    settings = changed;
    return json(200, settingsJson());
}

SandboxReply SandboxAdmin::statement(const QUrlQuery &query)
{
    SandboxChannel channel;
    const QDate date = QDate::fromString(query.queryItemValue(QStringLiteral("date")), QStringLiteral("yyyy-MM-dd"));
    if (!Sandbox::channelFromName(query.queryItemValue(QStringLiteral("channel")), &channel) || !date.isValid())
        return problem(400, QStringLiteral("channel (wechatpay, alipay, unionpay) and date (yyyy-MM-dd) are required"));
    QString type = query.queryItemValue(QStringLiteral("type"));
    if (type.isEmpty())
        type = QStringLiteral("ALL");
    auto file = m_sandbox.statements().statement(channel, date, type);
    if (!file)
        return problem(500, file.error().detail());
    return SandboxReply::of(200, "application/octet-stream", *file);
}

} // namespace paydesk::sandbox
