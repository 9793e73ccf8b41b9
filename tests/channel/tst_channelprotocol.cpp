#include "channel/alipay/AlipayCrypto.h"

#include <QTest>

using namespace paydesk;

// Protocol rules the official SDKs follow and the sandbox tests cannot reach alone: what an
// Alipay notification's signature covers.
class TestChannelProtocol : public QObject
{
    Q_OBJECT

    PrivateKey m_key = PrivateKey::generateRsa(2048).value();

private slots:
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
        const QByteArray signedText = "app_id=2021000000000001&body=&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
                                      "&passback_params=&subject=西湖龙井 250g&total_amount=88.00&trade_status=TRADE_SUCCESS";
        QCOMPARE(Alipay::notifySignContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}), signedText);
        // A request's sign content leaves empty parameters out (the SDKs' request rule).
        QCOMPARE(Alipay::signContent(fields, {QStringLiteral("sign"), QStringLiteral("sign_type")}),
                 QByteArray("app_id=2021000000000001&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
                            "&subject=西湖龙井 250g&total_amount=88.00&trade_status=TRADE_SUCCESS"));

        Alipay::Params notification = fields;
        notification.insert(QStringLiteral("sign"), QString::fromLatin1(m_key.signSha256(signedText)->toBase64()));
        QVERIFY(Alipay::verifyNotify(notification, m_key.publicKey()));
        // The rule that keeps sign_type (rsaCheckV2) signs the empty fields too.
        const QByteArray withType = "app_id=2021000000000001&body=&buyer_logon_id=159****5620&notify_id=2026112700222155624068450559358070"
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
