#include "core/channel/alipay/AlipayCrypto.h"
#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "core/channel/wechatpay/WeChatPayCrypto.h"

#include <QTest>

using namespace paydesk;

// Protocol rules the official SDKs follow and the sandbox tests cannot reach alone: how WeChat
// Pay serials compare, what a WeChat error answer means without a signature, and what an Alipay
// notification's signature covers.
class TestChannelProtocol : public QObject
{
    Q_OBJECT

    PrivateKey m_key = PrivateKey::generateRsa(2048).value();

private slots:
    void weChatSerialsAreHexNumbers()
    {
        // A certificate serial is a number: case and leading zeros do not matter.
        QVERIFY(WeChatPay::sameSerial(QStringLiteral("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"),
                                      QStringLiteral("5157f09efdc096de15ebe81a47057a7232f1b8e1")));
        QVERIFY(WeChatPay::sameSerial(QStringLiteral("0A1B"), QStringLiteral("a1b")));
        QVERIFY(WeChatPay::sameSerial(QStringLiteral("000a1b"), QStringLiteral("A1B ")));
        QCOMPARE(WeChatPay::canonicalSerial(QStringLiteral("00")), QStringLiteral("0"));
        QVERIFY(!WeChatPay::sameSerial(QStringLiteral("A1B"), QStringLiteral("A1B0")));
        QVERIFY(!WeChatPay::sameSerial(QStringLiteral("A1B"), QString()));
        // A public-key id is a name: compared as written.
        QVERIFY(WeChatPay::sameSerial(QStringLiteral("PUB_KEY_ID_0114232134912410000000000000"),
                                      QStringLiteral("PUB_KEY_ID_0114232134912410000000000000")));
        QVERIFY(!WeChatPay::sameSerial(QStringLiteral("PUB_KEY_ID_01"), QStringLiteral("pub_key_id_01")));
        QVERIFY(!WeChatPay::sameSerial(QStringLiteral("PUB_KEY_ID_01"), QStringLiteral("PUB_KEY_ID_1")));

        // An answer is verified with the key its serial names, however either side spells it.
        const QByteArray body = R"({"code_url":"weixin://wxpay/bizpayurl?pr=1"})";
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto headers = WeChatPay::signAsPlatform(body, m_key, QStringLiteral("0a1b2c"), now.toSecsSinceEpoch(),
                                                 WeChatPay::makeNonce());
        QVERIFY(headers);
        const QHash<QString, PublicKey> keys{{QStringLiteral("A1B2C"), m_key.publicKey()}};
        QVERIFY(WeChatPay::verify(*headers, body, keys, now));
        const QHash<QString, PublicKey> padded{{QStringLiteral("000A1B2C"), m_key.publicKey()}};
        QVERIFY(WeChatPay::verify(*headers, body, padded, now));
        const QHash<QString, PublicKey> other{{QStringLiteral("A1B2D"), m_key.publicKey()}};
        const Status unknown = WeChatPay::verify(*headers, body, other, now);
        QCOMPARE(unknown.error().code(), ErrorCode::SignatureInvalid);
        QVERIFY(unknown.error().detail().contains(QLatin1String("unknown Wechatpay-Serial")));
    }

    void weChatErrorAnswersAreReadForWhatTheySay_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("detail");
        // The body's code decides where it names one the table knows…
        QTest::newRow("404 ORDER_NOT_EXIST")
            << 404 << QByteArray(R"({"code":"ORDER_NOT_EXIST","message":"订单不存在"})") << ErrorCode::ChannelNotFound
            << QStringLiteral("ORDER_NOT_EXIST: 订单不存在");
        QTest::newRow("401 SIGN_ERROR") << 401 << QByteArray(R"({"code":"SIGN_ERROR","message":"签名错误"})")
                                        << ErrorCode::ChannelAuthRejected << QStringLiteral("SIGN_ERROR: 签名错误");
        QTest::newRow("429 FREQUENCY_LIMITED")
            << 429 << QByteArray(R"({"code":"FREQUENCY_LIMITED","message":"频率超限"})")
            << ErrorCode::ChannelUnavailable << QStringLiteral("FREQUENCY_LIMITED: 频率超限");
        QTest::newRow("403 NOT_ENOUGH") << 403 << QByteArray(R"({"code":"NOT_ENOUGH","message":"余额不足"})")
                                        << ErrorCode::ChannelRejected << QStringLiteral("NOT_ENOUGH: 余额不足");
        QTest::newRow("400 PARAM_ERROR")
            << 400 << QByteArray(R"({"code":"PARAM_ERROR","message":"平台证书序列号Wechatpay-Serial错误"})")
            << ErrorCode::ChannelRejected << QStringLiteral("PARAM_ERROR: 平台证书序列号Wechatpay-Serial错误");
        // …and the HTTP status where it does not (a front's or proxy's page, an empty body).
        QTest::newRow("404 page") << 404 << QByteArray("<html><body>404 Not Found</body></html>")
                                  << ErrorCode::ChannelNotFound << QStringLiteral("HTTP 404: ");
        QTest::newRow("401 empty") << 401 << QByteArray() << ErrorCode::ChannelAuthRejected
                                   << QStringLiteral("HTTP 401: ");
        QTest::newRow("429 text") << 429 << QByteArray("429 Too Many Requests") << ErrorCode::ChannelUnavailable
                                  << QStringLiteral("HTTP 429: ");
        QTest::newRow("404 unknown code") << 404 << QByteArray(R"({"code":"NOT_FOUND","message":"无此资源"})")
                                          << ErrorCode::ChannelNotFound << QStringLiteral("NOT_FOUND: 无此资源");
        QTest::newRow("502 page") << 502 << QByteArray("<html>Bad Gateway</html>") << ErrorCode::ChannelUnavailable
                                  << QStringLiteral("HTTP 502");
        QTest::newRow("500 SYSTEM_ERROR") << 500 << QByteArray(R"({"code":"SYSTEM_ERROR","message":"系统错误"})")
                                          << ErrorCode::ChannelUnavailable << QStringLiteral("SYSTEM_ERROR: 系统错误");
        QTest::newRow("302") << 302 << QByteArray() << ErrorCode::ChannelRejected << QStringLiteral("HTTP 302: ");
    }
    void weChatErrorAnswersAreReadForWhatTheySay()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        QFETCH(QString, detail);
        const Error error = WeChatPayAdapter::errorOf(status, body);
        QCOMPARE(error.code(), code);
        QCOMPARE(error.detail(), detail);
    }

    void alipayNotificationsSignTheirEmptyFields()
    {
        // A notification as Alipay posts it, with fields it leaves empty ("body=").
        const Alipay::Params fields{{QStringLiteral("app_id"), QStringLiteral("2021000000000001")},
                                    {QStringLiteral("body"), QString()},
                                    {QStringLiteral("buyer_logon_id"), QStringLiteral("159****5620")},
                                    {QStringLiteral("notify_id"), QStringLiteral("2026112700222155624068450559358070")},
                                    {QStringLiteral("passback_params"), QString()},
                                    {QStringLiteral("sign_type"), QStringLiteral("RSA2")},
                                    {QStringLiteral("subject"), QStringLiteral("西湖龙井 250g")},
                                    {QStringLiteral("total_amount"), QStringLiteral("88.00")},
                                    {QStringLiteral("trade_status"), QStringLiteral("TRADE_SUCCESS")}};
        // What Alipay signs: every field but sign and sign_type, the empty ones as "k=".
        const QByteArray signedText =
            "app_id=2021000000000001&body=&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
            "&passback_params=&subject=西湖龙井 250g&total_amount=88.00&trade_status=TRADE_SUCCESS";
        QCOMPARE(Alipay::notifySignContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}), signedText);
        // A request's sign content leaves empty parameters out (the SDKs' request rule).
        QCOMPARE(
            Alipay::signContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}),
            QByteArray("app_id=2021000000000001&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
                       "&subject=西湖龙井 250g&total_amount=88.00&trade_status=TRADE_SUCCESS"));

        Alipay::Params notification = fields;
        notification.insert(QStringLiteral("sign"), QString::fromLatin1(m_key.signSha256(signedText)->toBase64()));
        QVERIFY(Alipay::verifyNotify(notification, m_key.publicKey()));
        // The rule that keeps sign_type (rsaCheckV2) signs the empty fields too.
        const QByteArray withType =
            "app_id=2021000000000001&body=&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
            "&passback_params=&sign_type=RSA2&subject=西湖龙井 250g&total_amount=88.00&trade_status=TRADE_SUCCESS";
        notification.insert(QStringLiteral("sign"), QString::fromLatin1(m_key.signSha256(withType)->toBase64()));
        QVERIFY(Alipay::verifyNotify(notification, m_key.publicKey()));
        // An empty field is part of what was signed: dropped or filled in, it no longer verifies.
        Alipay::Params dropped = notification;
        dropped.remove(QStringLiteral("body"));
        QVERIFY(!Alipay::verifyNotify(dropped, m_key.publicKey()));
        Alipay::Params filled = notification;
        filled.insert(QStringLiteral("body"), QStringLiteral("x"));
        QVERIFY(!Alipay::verifyNotify(filled, m_key.publicKey()));
    }
};

QTEST_GUILESS_MAIN(TestChannelProtocol)
#include "tst_channelprotocol.moc"
