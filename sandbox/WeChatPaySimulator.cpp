#include "sandbox/WeChatPaySimulator.h"

#include "core/channel/wechatpay/WeChatPayCrypto.h"
#include "core/util/Compression.h"
#include "sandbox/SandboxFormat.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace paydesk::sandbox {

namespace {
const QString kTransactionsPrefix = QStringLiteral("/v3/pay/transactions/");
const QString kByOutTradeNo = QStringLiteral("/v3/pay/transactions/out-trade-no/");
const QString kById = QStringLiteral("/v3/pay/transactions/id/");
const QString kRefunds = QStringLiteral("/v3/refund/domestic/refunds");

QJsonObject objectOf(const QByteArray &body, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

// A JSON integer of fen (WeChat refuses 1.0 and "1" alike).
bool positiveFen(const QJsonValue &value, qint64 *fen)
{
    if (!value.isDouble())
        return false;
    const qint64 integral = value.toInteger(-1);
    if (integral <= 0 || double(integral) != value.toDouble())
        return false;
    *fen = integral;
    return true;
}

QString stateDescription(const QString &state)
{
    if (state == QLatin1String("SUCCESS"))
        return QStringLiteral("支付成功");
    if (state == QLatin1String("REFUND"))
        return QStringLiteral("转入退款");
    if (state == QLatin1String("CLOSED"))
        return QStringLiteral("订单已关闭");
    if (state == QLatin1String("PAYERROR"))
        return QStringLiteral("支付失败，请重新下单支付");
    return QStringLiteral("订单未支付");
}

// The path segment after `prefix`, percent-decoded, up to the next '/'.
QString segmentAfter(const QString &path, const QString &prefix)
{
    const QString rest = path.mid(prefix.size());
    return QUrl::fromPercentEncoding(rest.section(QLatin1Char('/'), 0, 0).toUtf8());
}

QString merchantNumberError(const QString &number)
{
    static const QRegularExpression allowed(QStringLiteral("^[0-9A-Za-z_\\-|*]{6,32}$"));
    return allowed.match(number).hasMatch() ? QString()
                                            : QStringLiteral("%1 应为 6-32 位字母、数字或 _-|*").arg(number);
}
} // namespace

bool WeChatPaySimulator::handles(const SandboxRequest &request) const
{
    return request.url.path().startsWith(QLatin1String("/v3/"));
}

QString WeChatPaySimulator::tradeNoOf(const SandboxRequest &request) const
{
    const QString path = request.url.path();
    if (path.startsWith(kByOutTradeNo))
        return segmentAfter(path, kByOutTradeNo);
    if (path.startsWith(kById)) {
        SandboxTrade *trade = m_world.store.tradeByTransaction(segmentAfter(path, kById));
        return trade ? trade->outTradeNo : QString();
    }
    if (path.startsWith(kRefunds + QLatin1Char('/'))) {
        SandboxTrade *trade =
            m_world.store.tradeByRefund(SandboxChannel::WeChatPay, segmentAfter(path, kRefunds + QLatin1Char('/')));
        return trade ? trade->outTradeNo : QString();
    }
    bool ok = false;
    const QJsonObject body = objectOf(request.body, &ok);
    if (body.contains(QLatin1String("out_trade_no")))
        return body.value(QLatin1String("out_trade_no")).toString();
    SandboxTrade *trade = m_world.store.tradeByTransaction(body.value(QLatin1String("transaction_id")).toString());
    return trade ? trade->outTradeNo : QString();
}

std::optional<WeChatPaySimulator::Signer> WeChatPaySimulator::signerNamed(const QString &serial) const
{
    const IssuedCertificate &platform = m_world.keys.weChatPlatform;
    if (serial.isEmpty() || WeChatPay::sameSerial(serial, platform.certificate.serialHex()))
        return Signer{platform.key, platform.certificate.serialHex()};
    if (serial == QLatin1String(SandboxKeys::kWeChatPublicKeyId))
        return Signer{m_world.keys.weChatPublicKey, serial};
    return std::nullopt;
}

SandboxReply WeChatPaySimulator::handle(const SandboxRequest &request)
{
    const QString tradeNo = tradeNoOf(request);
    m_signer = *signerNamed({});
    m_namedSerial.clear();
    // Answers to requests that fail authentication go unsigned (error() knows 401s).
    auto authorization = WeChatPay::parseAuthorization(request.header("Authorization"));
    if (!authorization)
        return error(401, QStringLiteral("SIGN_ERROR"), QStringLiteral("Authorization 头缺失或格式错误"), tradeNo);
    if (authorization->mchid != SandboxKeys::kWeChatMchId)
        return error(401, QStringLiteral("SIGN_ERROR"), QStringLiteral("商户号不存在"), tradeNo);
    if (!WeChatPay::sameSerial(QString::fromLatin1(authorization->serial),
                               m_world.keys.weChatMerchant.certificate.serialHex()))
        return error(401, QStringLiteral("SIGN_ERROR"), QStringLiteral("商户证书序列号有误"), tradeNo);
    const Status verified =
        WeChatPay::verifyRequest(*authorization, request.method, request.pathAndQuery(), request.body,
                                 m_world.keys.weChatMerchant.certificate.publicKey(), m_world.now());
    if (!verified)
        return error(401, QStringLiteral("SIGN_ERROR"), QStringLiteral("签名错误，请检查后再试"), tradeNo);
    // The key the merchant asks WeChat to sign with: its platform certificate or public key.
    const QString named = QString::fromLatin1(request.header("Wechatpay-Serial").trimmed());
    const auto signer = signerNamed(named);
    if (!signer)
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("平台证书序列号Wechatpay-Serial错误"), tradeNo);
    m_signer = *signer;
    m_namedSerial = named;

    const QString path = request.url.path();
    const QUrlQuery parameters(request.url);
    bool ok = true;
    const QJsonObject body = request.body.isEmpty() ? QJsonObject() : objectOf(request.body, &ok);
    if (!ok)
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("请求体不是合法的 JSON"), tradeNo);

    if (request.method == "POST" && path == kTransactionsPrefix + QLatin1String("native"))
        return prepay(body, QStringLiteral("NATIVE"), tradeNo);
    if (request.method == "POST" && path == kTransactionsPrefix + QLatin1String("jsapi"))
        return prepay(body, QStringLiteral("JSAPI"), tradeNo);
    if (request.method == "POST" && path.startsWith(kByOutTradeNo) && path.endsWith(QLatin1String("/close")))
        return close(segmentAfter(path, kByOutTradeNo), body);
    if (request.method == "GET" && path.startsWith(kByOutTradeNo))
        return query(m_world.store.trade(SandboxChannel::WeChatPay, tradeNo),
                     parameters.queryItemValue(QStringLiteral("mchid")), tradeNo);
    if (request.method == "GET" && path.startsWith(kById)) {
        const QString transactionId = segmentAfter(path, kById);
        SandboxTrade *trade = m_world.store.tradeByTransaction(transactionId);
        // A transaction id exists only once the trade is paid.
        if (trade && !trade->isPaid())
            trade = nullptr;
        return query(trade, parameters.queryItemValue(QStringLiteral("mchid")), tradeNo);
    }
    if (request.method == "POST" && path == kRefunds)
        return refund(body, tradeNo);
    if (request.method == "GET" && path.startsWith(kRefunds + QLatin1Char('/')))
        return queryRefund(segmentAfter(path, kRefunds + QLatin1Char('/')), tradeNo);
    if (request.method == "GET" && path == QLatin1String("/v3/bill/tradebill"))
        return tradeBill(request);
    if (request.method == "GET" && path == QLatin1String("/v3/billdownload/file"))
        return download(request);
    return error(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("无此接口 ") + path, tradeNo);
}

SandboxReply WeChatPaySimulator::prepay(const QJsonObject &body, const QString &tradeType, const QString &tradeNo)
{
    const QString appid = body.value(QLatin1String("appid")).toString();
    const QString mchid = body.value(QLatin1String("mchid")).toString();
    if (appid.isEmpty() || mchid.isEmpty())
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("缺少参数 appid 或 mchid"), tradeNo);
    if (appid != QLatin1String(SandboxKeys::kWeChatAppId) || mchid != QLatin1String(SandboxKeys::kWeChatMchId))
        return error(400, QStringLiteral("APPID_MCHID_NOT_MATCH"), QStringLiteral("appid和mch_id不匹配"), tradeNo);
    const QString description = body.value(QLatin1String("description")).toString();
    if (description.isEmpty() || description.size() > 127)
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("description 长度应为 1-127"), tradeNo);
    const QString outTradeNo = body.value(QLatin1String("out_trade_no")).toString();
    if (const QString problem = merchantNumberError(outTradeNo); !problem.isEmpty())
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("out_trade_no ") + problem, tradeNo);
    const QString notifyUrl = body.value(QLatin1String("notify_url")).toString();
    const QUrl notify(notifyUrl);
    if (!notify.isValid() || (notify.scheme() != QLatin1String("https") && notify.scheme() != QLatin1String("http")))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("notify_url 格式不正确"), tradeNo);
    const QJsonObject amount = body.value(QLatin1String("amount")).toObject();
    qint64 total = 0;
    if (!positiveFen(amount.value(QLatin1String("total")), &total))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("amount.total 应为正整数（分）"), tradeNo);
    if (amount.contains(QLatin1String("currency")) &&
        amount.value(QLatin1String("currency")).toString() != QLatin1String("CNY"))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("暂只支持人民币 CNY"), tradeNo);
    const QString openid = body.value(QLatin1String("payer")).toObject().value(QLatin1String("openid")).toString();
    if (tradeType == QLatin1String("JSAPI") && openid.isEmpty())
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("JSAPI 下单须传 payer.openid"), tradeNo);
    QDateTime expires;
    if (body.contains(QLatin1String("time_expire"))) {
        expires = QDateTime::fromString(body.value(QLatin1String("time_expire")).toString(), Qt::ISODate);
        if (!expires.isValid())
            return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("time_expire 应为 RFC 3339 时间"), tradeNo);
    }

    if (SandboxTrade *existing = m_world.store.trade(SandboxChannel::WeChatPay, outTradeNo)) {
        if (existing->isPaid())
            return error(400, QStringLiteral("ORDERPAID"), QStringLiteral("该订单已支付"), tradeNo);
        if (existing->state == QLatin1String("CLOSED"))
            return error(400, QStringLiteral("ORDER_CLOSED"), QStringLiteral("订单已关闭"), tradeNo);
        if (existing->amount != total || existing->description != description || existing->method != tradeType)
            return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("201 商户订单号重复"), tradeNo);
        // The same order again (a retry): the same answer.
        const QString key =
            tradeType == QLatin1String("JSAPI") ? QStringLiteral("prepay_id") : QStringLiteral("code_url");
        return answer(200, QJsonObject{{key, existing->payUrl}}, tradeNo);
    }

    SandboxTrade trade;
    trade.channel = SandboxChannel::WeChatPay;
    trade.outTradeNo = outTradeNo;
    trade.method = tradeType;
    trade.amount = total;
    trade.description = description;
    trade.attach = body.value(QLatin1String("attach")).toString();
    trade.notifyUrl = notifyUrl;
    trade.createdAt = m_world.now();
    trade.expiresAt = expires.toUTC();
    trade.payer = openid;
    trade.platformSerial = m_namedSerial;
    trade.transactionId = m_world.store.nextId(QStringLiteral("4200"), 8) +
                          beijingDate(trade.createdAt).toString(QStringLiteral("yyyyMMdd")) + randomDigits(8);
    trade.payUrl = tradeType == QLatin1String("JSAPI")
                       ? QStringLiteral("wx%1%2").arg(compactTime(trade.createdAt), randomDigits(18))
                       : QStringLiteral("weixin://wxpay/bizpayurl?pr=%1").arg(randomDigits(9));
    SandboxTrade &stored = m_world.store.add(trade);
    if (m_world.events)
        m_world.events->tradeCreated(stored);
    const QString key = tradeType == QLatin1String("JSAPI") ? QStringLiteral("prepay_id") : QStringLiteral("code_url");
    return answer(200, QJsonObject{{key, stored.payUrl}}, tradeNo);
}

SandboxReply WeChatPaySimulator::query(const SandboxTrade *trade, const QString &mchid, const QString &tradeNo)
{
    if (mchid != QLatin1String(SandboxKeys::kWeChatMchId))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("mchid 参数缺失或与商户不符"), tradeNo);
    if (!trade)
        return error(404, QStringLiteral("ORDER_NOT_EXIST"), QStringLiteral("订单不存在"), tradeNo);
    return answer(200, transactionJson(*trade), tradeNo);
}

SandboxReply WeChatPaySimulator::close(const QString &outTradeNo, const QJsonObject &body)
{
    if (body.value(QLatin1String("mchid")).toString() != QLatin1String(SandboxKeys::kWeChatMchId))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("mchid 参数缺失或与商户不符"), outTradeNo);
    SandboxTrade *trade = m_world.store.trade(SandboxChannel::WeChatPay, outTradeNo);
    if (!trade)
        return error(404, QStringLiteral("ORDER_NOT_EXIST"), QStringLiteral("订单不存在"), outTradeNo);
    if (trade->isPaid())
        return error(400, QStringLiteral("ORDERPAID"), QStringLiteral("订单已支付，不能关单"), outTradeNo);
    trade->state = QStringLiteral("CLOSED");
    SandboxReply reply = answer(204, {}, outTradeNo);
    reply.body.clear();
    return reply;
}

SandboxReply WeChatPaySimulator::refund(const QJsonObject &body, const QString &tradeNo)
{
    SandboxTrade *trade = m_world.store.trade(SandboxChannel::WeChatPay, tradeNo);
    if (!trade)
        return error(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("订单不存在"), tradeNo);
    const QString outRefundNo = body.value(QLatin1String("out_refund_no")).toString();
    if (const QString problem = merchantNumberError(outRefundNo); !problem.isEmpty())
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("out_refund_no ") + problem, tradeNo);
    const QJsonObject amount = body.value(QLatin1String("amount")).toObject();
    qint64 refund = 0;
    qint64 total = 0;
    if (!positiveFen(amount.value(QLatin1String("refund")), &refund) ||
        !positiveFen(amount.value(QLatin1String("total")), &total))
        return error(400, QStringLiteral("PARAM_ERROR"),
                     QStringLiteral("amount.refund 与 amount.total 应为正整数（分）"), tradeNo);
    if (!trade->isPaid())
        return error(403, QStringLiteral("TRADE_STATE_ERROR"), QStringLiteral("订单未支付，不能退款"), tradeNo);
    if (total != trade->amount)
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("订单金额 total 与原订单不一致"), tradeNo);
    if (SandboxRefund *existing = trade->refund(outRefundNo)) {
        if (existing->amount != refund)
            return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("退款单号已存在，但退款金额不一致"),
                         tradeNo);
        return answer(200, refundJson(*trade, *existing), tradeNo);
    }
    if (m_world.store.tradeByRefund(SandboxChannel::WeChatPay, outRefundNo))
        return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("退款单号已用于其他订单"), tradeNo);
    if (trade->refunded() + refund > trade->amount)
        return error(403, QStringLiteral("NOT_ENOUGH"), QStringLiteral("申请退款金额超过订单可退金额"), tradeNo);

    SandboxRefund created;
    created.outRefundNo = outRefundNo;
    created.refundId = m_world.store.nextId(QStringLiteral("503"), 10) + randomDigits(16);
    created.amount = refund;
    created.fee = trade->refundFee(refund);
    created.createdAt = m_world.now();
    created.notifyUrl = body.value(QLatin1String("notify_url")).toString();
    created.platformSerial = m_namedSerial;
    // refund-fails: WeChat takes the refund (PROCESSING) and closes it later, nothing refunded.
    created.failing = m_world.store.take(Fault::RefundFails, tradeNo);
    trade->refunds.append(created);
    if (m_world.events)
        m_world.events->refundCreated(*trade, trade->refunds.constLast());
    return answer(200, refundJson(*trade, trade->refunds.constLast()), tradeNo);
}

SandboxReply WeChatPaySimulator::queryRefund(const QString &outRefundNo, const QString &tradeNo)
{
    SandboxTrade *trade = m_world.store.tradeByRefund(SandboxChannel::WeChatPay, outRefundNo);
    if (!trade)
        return error(404, QStringLiteral("RESOURCE_NOT_EXISTS"), QStringLiteral("退款单不存在"), tradeNo);
    return answer(200, refundJson(*trade, *trade->refund(outRefundNo)), tradeNo);
}

SandboxReply WeChatPaySimulator::tradeBill(const SandboxRequest &request)
{
    const QUrlQuery query(request.url);
    const QDate date =
        QDate::fromString(query.queryItemValue(QStringLiteral("bill_date")), QStringLiteral("yyyy-MM-dd"));
    if (!date.isValid())
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("bill_date 格式应为 yyyy-MM-dd"), {});
    QString billType = query.queryItemValue(QStringLiteral("bill_type"));
    if (billType.isEmpty())
        billType = QStringLiteral("ALL");
    if (billType != QLatin1String("ALL") && billType != QLatin1String("SUCCESS") && billType != QLatin1String("REFUND"))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("bill_type 应为 ALL、SUCCESS 或 REFUND"), {});
    const QString tarType = query.queryItemValue(QStringLiteral("tar_type"));
    if (!tarType.isEmpty() && tarType != QLatin1String("GZIP"))
        return error(400, QStringLiteral("PARAM_ERROR"), QStringLiteral("tar_type 只能为 GZIP"), {});
    if (date > beijingDate(m_world.now()))
        return error(400, QStringLiteral("NO_STATEMENT_EXIST"), QStringLiteral("账单文件不存在"), {});
    if (!m_world.statements)
        return error(500, QStringLiteral("SYSTEM_ERROR"), QStringLiteral("账单服务不可用"), {});
    auto bill = m_world.statements->statement(SandboxChannel::WeChatPay, date, billType);
    if (!bill)
        return error(500, QStringLiteral("SYSTEM_ERROR"), bill.error().detail(), {});
    QByteArray file = *bill;
    if (!tarType.isEmpty()) {
        auto packed = Compression::gzip(*bill);
        if (!packed)
            return error(500, QStringLiteral("SYSTEM_ERROR"), packed.error().detail(), {});
        file = *packed;
    }
    const QString token = QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex());
    m_world.downloads.insert(token, file);
    QByteArray hash = QCryptographicHash::hash(*bill, QCryptographicHash::Sha1).toHex();
    if (m_world.store.take(Fault::BadSignature, {}))
        hash[0] = hash[0] == '0' ? '1' : '0'; // the bill's integrity check fails, as a tampered file's would
    QUrl download = m_world.baseUrl.resolved(QUrl(QStringLiteral("/v3/billdownload/file")));
    download.setQuery(
        QStringLiteral("token=%1%2").arg(token, tarType.isEmpty() ? QString() : QStringLiteral("&tartype=gzip")));
    return answer(200,
                  QJsonObject{{QStringLiteral("hash_type"), QStringLiteral("SHA1")},
                              {QStringLiteral("hash_value"), QString::fromLatin1(hash)},
                              {QStringLiteral("download_url"), download.toString(QUrl::FullyEncoded)}},
                  {});
}

SandboxReply WeChatPaySimulator::download(const SandboxRequest &request)
{
    const QString token = QUrlQuery(request.url).queryItemValue(QStringLiteral("token"));
    const auto file = m_world.downloads.constFind(token);
    if (file == m_world.downloads.constEnd())
        return error(400, QStringLiteral("INVALID_REQUEST"), QStringLiteral("下载链接已失效"), {});
    // The file comes unsigned, as WeChat's does: its check is the hash given with the URL.
    return SandboxReply::of(200, "application/octet-stream", *file);
}

SandboxReply WeChatPaySimulator::answer(int status, const QJsonObject &body, const QString &tradeNo)
{
    const QByteArray json = status == 204 ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    SandboxReply reply = SandboxReply::of(status, "application/json", json);
    reply.headers.append({"Request-ID", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()});
    // WeChat signs only what it answers a merchant it has authenticated.
    if (status == 401 || m_world.store.take(Fault::UnsignedAnswers, tradeNo))
        return reply;
    auto headers = WeChatPay::signAsPlatform(json, m_signer.key, m_signer.serial, m_world.now().toSecsSinceEpoch(),
                                             WeChatPay::makeNonce());
    if (!headers)
        return SandboxReply::of(500, "text/plain", headers.error().detail().toUtf8());
    if (m_world.store.take(Fault::BadSignature, tradeNo))
        headers->signature = corruptSignature(headers->signature);
    reply.headers.append({"Wechatpay-Timestamp", headers->timestamp});
    reply.headers.append({"Wechatpay-Nonce", headers->nonce});
    reply.headers.append({"Wechatpay-Signature", headers->signature});
    reply.headers.append({"Wechatpay-Serial", headers->serial});
    return reply;
}

SandboxReply WeChatPaySimulator::error(int status, const QString &code, const QString &message, const QString &tradeNo)
{
    return answer(status, QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}, tradeNo);
}

QJsonObject WeChatPaySimulator::transactionJson(const SandboxTrade &trade) const
{
    QJsonObject amount{{QStringLiteral("total"), trade.amount}, {QStringLiteral("currency"), QStringLiteral("CNY")}};
    QJsonObject json{{QStringLiteral("appid"), QString::fromLatin1(SandboxKeys::kWeChatAppId)},
                     {QStringLiteral("mchid"), QString::fromLatin1(SandboxKeys::kWeChatMchId)},
                     {QStringLiteral("out_trade_no"), trade.outTradeNo},
                     {QStringLiteral("trade_type"), trade.method},
                     {QStringLiteral("trade_state"), trade.state},
                     {QStringLiteral("trade_state_desc"), stateDescription(trade.state)},
                     {QStringLiteral("attach"), trade.attach}};
    if (trade.isPaid()) {
        json.insert(QStringLiteral("transaction_id"), trade.transactionId);
        json.insert(QStringLiteral("bank_type"), QStringLiteral("OTHERS"));
        json.insert(QStringLiteral("success_time"), rfc3339(trade.paidAt));
        json.insert(QStringLiteral("payer"), QJsonObject{{QStringLiteral("openid"), trade.payer}});
        amount.insert(QStringLiteral("payer_total"), trade.amount);
        amount.insert(QStringLiteral("payer_currency"), QStringLiteral("CNY"));
    }
    json.insert(QStringLiteral("amount"), amount);
    return json;
}

QJsonObject WeChatPaySimulator::refundJson(const SandboxTrade &trade, const SandboxRefund &refund) const
{
    QJsonObject json{{QStringLiteral("refund_id"), refund.refundId},
                     {QStringLiteral("out_refund_no"), refund.outRefundNo},
                     {QStringLiteral("transaction_id"), trade.transactionId},
                     {QStringLiteral("out_trade_no"), trade.outTradeNo},
                     {QStringLiteral("channel"), QStringLiteral("ORIGINAL")},
                     {QStringLiteral("user_received_account"), QStringLiteral("支付用户零钱")},
                     {QStringLiteral("create_time"), rfc3339(refund.createdAt)},
                     {QStringLiteral("status"), refund.state},
                     {QStringLiteral("funds_account"), QStringLiteral("AVAILABLE")},
                     {QStringLiteral("amount"), QJsonObject{{QStringLiteral("total"), trade.amount},
                                                            {QStringLiteral("refund"), refund.amount},
                                                            {QStringLiteral("payer_total"), trade.amount},
                                                            {QStringLiteral("payer_refund"), refund.amount},
                                                            {QStringLiteral("settlement_total"), trade.amount},
                                                            {QStringLiteral("settlement_refund"), refund.amount},
                                                            {QStringLiteral("discount_refund"), 0},
                                                            {QStringLiteral("refund_fee"), refund.fee},
                                                            {QStringLiteral("currency"), QStringLiteral("CNY")}}}};
    if (refund.succeededAt.isValid())
        json.insert(QStringLiteral("success_time"), rfc3339(refund.succeededAt));
    return json;
}

OutgoingCallback WeChatPaySimulator::paymentCallback(const SandboxTrade &trade)
{
    // WeChat notifies successful payments only.
    if (trade.state != QLatin1String("SUCCESS"))
        return {};
    return notification(trade, QStringLiteral("TRANSACTION.SUCCESS"), QStringLiteral("支付成功"),
                        QStringLiteral("transaction"), transactionJson(trade), trade.notifyUrl, trade.platformSerial);
}

OutgoingCallback WeChatPaySimulator::refundCallback(const SandboxTrade &trade, const SandboxRefund &refund)
{
    QJsonObject resource{{QStringLiteral("mchid"), QString::fromLatin1(SandboxKeys::kWeChatMchId)},
                         {QStringLiteral("transaction_id"), trade.transactionId},
                         {QStringLiteral("out_trade_no"), trade.outTradeNo},
                         {QStringLiteral("refund_id"), refund.refundId},
                         {QStringLiteral("out_refund_no"), refund.outRefundNo},
                         {QStringLiteral("refund_status"), refund.state},
                         {QStringLiteral("user_received_account"), QStringLiteral("支付用户零钱")},
                         {QStringLiteral("amount"), QJsonObject{{QStringLiteral("total"), trade.amount},
                                                                {QStringLiteral("refund"), refund.amount},
                                                                {QStringLiteral("payer_total"), trade.amount},
                                                                {QStringLiteral("payer_refund"), refund.amount}}}};
    if (refund.succeededAt.isValid())
        resource.insert(QStringLiteral("success_time"), rfc3339(refund.succeededAt));
    // One event per final refund status: SUCCESS, CLOSED (failed, nothing refunded), ABNORMAL.
    if (refund.state == QLatin1String("SUCCESS"))
        return notification(trade, QStringLiteral("REFUND.SUCCESS"), QStringLiteral("退款成功"),
                            QStringLiteral("refund"), resource, refund.notifyUrl, refund.platformSerial);
    if (refund.failed())
        return notification(trade, QStringLiteral("REFUND.CLOSED"), QStringLiteral("退款关闭"),
                            QStringLiteral("refund"), resource, refund.notifyUrl, refund.platformSerial);
    return notification(trade, QStringLiteral("REFUND.ABNORMAL"), QStringLiteral("退款异常"), QStringLiteral("refund"),
                        resource, refund.notifyUrl, refund.platformSerial);
}

OutgoingCallback WeChatPaySimulator::notification(const SandboxTrade &trade, const QString &eventType,
                                                  const QString &summary, const QString &originalType,
                                                  const QJsonObject &resource, const QString &url,
                                                  const QString &platformSerial)
{
    OutgoingCallback callback;
    callback.channel = SandboxChannel::WeChatPay;
    callback.tradeNo = trade.outTradeNo;
    callback.description = eventType;
    callback.url = QUrl(url);
    if (url.isEmpty())
        return callback;
    // The notification (id, encrypted resource) is fixed once; each delivery attempt is signed anew.
    const QByteArray nonce = WeChatPay::makeNonce().left(12);
    const QByteArray associated = originalType.toUtf8();
    auto ciphertext = WeChatPay::encryptResource(m_world.keys.weChatApiV3Key, associated, nonce,
                                                 QJsonDocument(resource).toJson(QJsonDocument::Compact));
    const QJsonObject envelope{
        {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("create_time"), rfc3339(m_world.now())},
        {QStringLiteral("resource_type"), QStringLiteral("encrypt-resource")},
        {QStringLiteral("event_type"), eventType},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("resource"),
         QJsonObject{{QStringLiteral("original_type"), originalType},
                     {QStringLiteral("algorithm"), QStringLiteral("AEAD_AES_256_GCM")},
                     {QStringLiteral("ciphertext"), QString::fromLatin1(ciphertext.value_or(QByteArray()))},
                     {QStringLiteral("associated_data"), originalType},
                     {QStringLiteral("nonce"), QString::fromLatin1(nonce)}}}};
    const QByteArray body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    const QString tradeNo = trade.outTradeNo;
    const QUrl target(url);
    callback.build = [this, body, tradeNo, target, platformSerial]() -> Result<SandboxRequest> {
        SandboxRequest request;
        request.method = "POST";
        request.url = target;
        request.body = body;
        request.headers.insert("content-type", "application/json");
        return sign(request, tradeNo, platformSerial);
    };
    return callback;
}

SandboxRequest WeChatPaySimulator::sign(SandboxRequest request, const QString &tradeNo, const QString &platformSerial)
{
    // With the key the merchant's request named (it was known then, so it is now).
    const Signer signer = signerNamed(platformSerial).value_or(*signerNamed({}));
    auto headers = WeChatPay::signAsPlatform(request.body, signer.key, signer.serial, m_world.now().toSecsSinceEpoch(),
                                             WeChatPay::makeNonce());
    if (!headers)
        return request;
    if (m_world.store.take(Fault::BadSignature, tradeNo))
        headers->signature = corruptSignature(headers->signature);
    request.headers.insert("wechatpay-timestamp", headers->timestamp);
    request.headers.insert("wechatpay-nonce", headers->nonce);
    request.headers.insert("wechatpay-signature", headers->signature);
    request.headers.insert("wechatpay-serial", headers->serial);
    return request;
}

} // namespace paydesk::sandbox
