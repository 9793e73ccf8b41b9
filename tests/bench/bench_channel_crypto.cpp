// Channel signing and verification benchmark (issue 4): operations per second, single thread,
// for what each adapter does per request, answer and callback —
//   WeChat Pay v3: sign a request (Authorization), verify an answer/callback, decrypt a callback resource;
//   Alipay RSA2: sign request parameters, verify a gateway answer (raw substring), verify a notification;
//   UnionPay 5.1.0: sign request fields, verify an answer's signature (signPubKeyCert) and its chain.
// RSA-2048 keys are generated for the run.
//
//   bench_channel_crypto [--seconds 1.0]
#include "core/channel/alipay/AlipayCrypto.h"
#include "core/channel/unionpay/UnionPayCrypto.h"
#include "core/channel/wechatpay/WeChatPayCrypto.h"
#include "sandbox/CertificateIssuer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <functional>

using namespace paydesk;

namespace {
double g_seconds = 1.0;

// Runs `operation` repeatedly for about g_seconds; prints and returns operations per second.
double measure(const QString &name, const std::function<bool()> &operation)
{
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    while (timer.nsecsElapsed() < qint64(g_seconds * 1e9)) {
        if (!operation()) {
            QTextStream(stderr) << name << ": operation failed" << Qt::endl;
            return 0;
        }
        ++count;
    }
    const double perSecond = double(count) / (double(timer.nsecsElapsed()) / 1e9);
    QTextStream(stdout) << QStringLiteral("%1 %2 ops/s").arg(name, -52).arg(perSecond, 10, 'f', 0) << Qt::endl;
    return perSecond;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("time per measurement"),
                                           QStringLiteral("s"), QStringLiteral("1.0"));
    parser.addOption(secondsOption);
    parser.process(app);
    g_seconds = parser.value(secondsOption).toDouble();

    const PrivateKey merchant = *PrivateKey::generateRsa(2048);
    const PrivateKey platform = *PrivateKey::generateRsa(2048);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // WeChat Pay v3
    const QByteArray body =
        R"({"appid":"wx8888888888888888","mchid":"1900000109","description":"Paydesk","out_trade_no":"P0000000001","notify_url":"https://merchant.example/notify","amount":{"total":1234,"currency":"CNY"}})";
    measure(QStringLiteral("WeChat Pay: sign request (Authorization)"), [&] {
        return WeChatPay::authorization(QStringLiteral("1900000109"), QStringLiteral("ABC"), merchant, "POST",
                                        "/v3/pay/transactions/native", body, now.toSecsSinceEpoch(),
                                        WeChatPay::makeNonce())
            .ok();
    });
    const auto signedAnswer =
        *WeChatPay::signAsPlatform(body, platform, QStringLiteral("PLATFORM"), now.toSecsSinceEpoch(), "nonce");
    const QHash<QString, PublicKey> platformKeys{{QStringLiteral("PLATFORM"), platform.publicKey()}};
    measure(QStringLiteral("WeChat Pay: verify answer or callback signature"),
            [&] { return WeChatPay::verify(signedAnswer, body, platformKeys, now).ok(); });
    const QByteArray apiV3Key = "0123456789abcdef0123456789abcdef";
    const QByteArray ciphertext = *WeChatPay::encryptResource(apiV3Key, "transaction", "0123456789ab", body);
    measure(QStringLiteral("WeChat Pay: decrypt callback resource (AES-256-GCM)"),
            [&] { return WeChatPay::decryptResource(apiV3Key, "transaction", "0123456789ab", ciphertext).ok(); });

    // Alipay RSA2
    const Alipay::Params params{{QStringLiteral("app_id"), QStringLiteral("2021000000000001")},
                                {QStringLiteral("method"), QStringLiteral("alipay.trade.query")},
                                {QStringLiteral("charset"), QStringLiteral("utf-8")},
                                {QStringLiteral("sign_type"), QStringLiteral("RSA2")},
                                {QStringLiteral("timestamp"), QStringLiteral("2026-11-27 10:00:00")},
                                {QStringLiteral("version"), QStringLiteral("1.0")},
                                {QStringLiteral("biz_content"), QStringLiteral(R"({"out_trade_no":"P0000000001"})")}};
    measure(QStringLiteral("Alipay: sign request parameters"), [&] { return Alipay::sign(params, merchant).ok(); });
    const QByteArray content =
        R"({"code":"10000","msg":"Success","trade_no":"2026112722001400000100000001","out_trade_no":"P0000000001","trade_status":"TRADE_SUCCESS","total_amount":"12.34"})";
    const QByteArray response = "{\"alipay_trade_query_response\":" + content + ",\"sign\":\"" +
                                platform.signSha256(content)->toBase64() + "\"}";
    const PublicKey alipayKey = platform.publicKey();
    measure(QStringLiteral("Alipay: verify gateway answer (raw substring)"),
            [&] { return Alipay::verifyResponse(response, QStringLiteral("alipay.trade.query"), alipayKey).ok(); });
    Alipay::Params notify = params;
    notify.insert(
        QStringLiteral("sign"),
        QString::fromLatin1(
            platform.signSha256(Alipay::signContent(params, {QStringLiteral("sign"), QStringLiteral("sign_type")}))
                ->toBase64()));
    measure(QStringLiteral("Alipay: verify notification"), [&] { return Alipay::verifyNotify(notify, alipayKey); });

    // UnionPay 5.1.0 signMethod 01
    auto root = *sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Bench Root"), 30);
    auto intermediate = *sandbox::CertificateIssuer::issue(root, QStringLiteral("Bench OCA"), 30, 0, {}, {}, true);
    auto signer = *sandbox::CertificateIssuer::issue(
        intermediate, QStringLiteral("041@8310000000083040@中国银联股份有限公司@00000001"), 30);
    UnionPay::Fields fields{{QStringLiteral("version"), QStringLiteral("5.1.0")},
                            {QStringLiteral("encoding"), QStringLiteral("utf-8")},
                            {QStringLiteral("signMethod"), QStringLiteral("01")},
                            {QStringLiteral("txnType"), QStringLiteral("00")},
                            {QStringLiteral("merId"), QStringLiteral("777290058000001")},
                            {QStringLiteral("orderId"), QStringLiteral("P0000000001")},
                            {QStringLiteral("txnTime"), QStringLiteral("20261127100000")},
                            {QStringLiteral("respCode"), QStringLiteral("00")},
                            {QStringLiteral("signPubKeyCert"), QString::fromLatin1(signer.certificate.toPem())}};
    measure(QStringLiteral("UnionPay: sign request fields"), [&] { return UnionPay::sign(fields, merchant).ok(); });
    fields.insert(QStringLiteral("signature"), *UnionPay::sign(fields, signer.key));
    measure(QStringLiteral("UnionPay: verify answer signature (signPubKeyCert)"),
            [&] { return UnionPay::verifySignature(fields).ok(); });
    measure(QStringLiteral("UnionPay: verify signPubKeyCert chain"), [&] {
        return UnionPay::verifyCertificate(fields, {root.certificate}, {intermediate.certificate}, now,
                                           QStringLiteral("中国银联股份有限公司"))
            .ok();
    });
    return 0;
}
