#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "core/money/Money.h"
#include "sandbox/SandboxKeys.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace paydesk;

// The real paydesk-sandbox command: one command starts it on loopback, it prints its endpoints
// and CA path, the client commands (pay, fault, faults, trades) drive it, SIGTERM stops it.
class TestSandboxBinary : public QObject
{
    Q_OBJECT

    QTemporaryDir m_state;
    QProcess m_server;
    QUrl m_base;

    int runClient(const QStringList &arguments, QByteArray *out = nullptr, QByteArray *err = nullptr)
    {
        QProcess client;
        client.start(QStringLiteral(PAYDESK_SANDBOX_PATH), QStringList(arguments)
                                                               << QStringLiteral("--state") << m_state.path());
        if (!client.waitForFinished(30000))
            return -1;
        if (out)
            *out = client.readAllStandardOutput();
        if (err)
            *err = client.readAllStandardError();
        return client.exitCode();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_state.isValid());
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.start(QStringLiteral(PAYDESK_SANDBOX_PATH),
                       {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--state"), m_state.path()});
        QVERIFY(m_server.waitForStarted());
        QByteArray banner;
        QVERIFY(QTest::qWaitFor(
            [&] {
                banner += m_server.readAllStandardOutput();
                return banner.contains("Ctrl+C") || m_server.state() == QProcess::NotRunning;
            },
            60000));
        const QString text = QString::fromUtf8(banner);
        const auto match = QRegularExpression(QStringLiteral("https://127\\.0\\.0\\.1:(\\d+)")).match(text);
        QVERIFY2(match.hasMatch(), qPrintable(text));
        m_base = QUrl(match.captured(0));
        QVERIFY(text.contains(m_state.path() + QStringLiteral("/ca.pem")));
        QVERIFY(text.contains(QStringLiteral("/gateway.do")));
        QVERIFY(text.contains(QStringLiteral("/unionpay/file")));
        QVERIFY(text.contains(QLatin1String(sandbox::SandboxKeys::kWeChatMchId)));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::Running)
            return;
        ::kill(pid_t(m_server.processId()), SIGTERM);
        QVERIFY(m_server.waitForFinished(10000));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
        QVERIFY(!QFile::exists(m_state.filePath(QStringLiteral("url"))));
    }

    void helpDescribesTheCommands()
    {
        QProcess help;
        help.start(QStringLiteral(PAYDESK_SANDBOX_PATH), {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(10000));
        QCOMPARE(help.exitCode(), 0);
        const QByteArray text = help.readAllStandardOutput();
        for (const char *word :
             {"serve", "pay ORDER", "fault NAME", "bad-signature", "refund-fails", "--callback-time-scale",
              "--auto-pay-delay", "bill-missing-line", "bill-extra-line", "bill-wrong-amount", "bill-wrong-fee",
              "bill-refunded-at-channel", "bill-duplicate-line", "--merchant", "--date", "merchant ID", "--fee-ppm"})
            QVERIFY2(text.contains(word), word);
    }

    void payAndFaultFromTheCommandLine()
    {
        auto keys = sandbox::SandboxKeys::loadOrCreate(m_state.path());
        QVERIFY(keys);
        HttpClient::Options http;
        http.extraCaCertificates = HttpClient::loadCaBundle(keys->caFile()).value_or({});
        http.attempts = 1;
        WeChatPayAdapter adapter(keys->weChatConfig(m_base, QStringLiteral("http://127.0.0.1:9/none")),
                                 HttpClient(http), SystemClock::instance());
        PrepayRequest request;
        request.outTradeNo = QStringLiteral("CLI%1").arg(QDateTime::currentMSecsSinceEpoch());
        request.amount = Money::fromMinor(4200, Currency::cny());
        request.description = QStringLiteral("command line");
        auto prepay = adapter.prepay(request);
        QVERIFY2(prepay, qPrintable(prepay.error().detail()));

        QByteArray out;
        QCOMPARE(runClient({QStringLiteral("pay"), request.outTradeNo}, &out), 0);
        QVERIFY(out.contains("\"state\": \"SUCCESS\""));
        QCOMPARE(adapter.queryOrder(request.outTradeNo, {})->state, OrderState::Paid);

        QByteArray err;
        QCOMPARE(runClient({QStringLiteral("pay"), request.outTradeNo}, nullptr, &err), 1); // already paid
        QVERIFY(err.contains("SUCCESS"));
        QCOMPARE(runClient({QStringLiteral("pay"), QStringLiteral("NO-SUCH-ORDER")}, nullptr, &err), 1);
        QVERIFY(err.contains("NO-SUCH-ORDER"));

        QCOMPARE(runClient({QStringLiteral("fault"), QStringLiteral("bad-signature"), QStringLiteral("--trade"),
                            request.outTradeNo, QStringLiteral("--times"), QStringLiteral("1")},
                           &out),
                 0);
        QVERIFY(out.contains("bad-signature"));
        QCOMPARE(adapter.queryOrder(request.outTradeNo, {}).error().code(), ErrorCode::SignatureInvalid);
        QVERIFY(adapter.queryOrder(request.outTradeNo, {}));
        // The next refund fails at the channel: taken, then closed.
        QCOMPARE(runClient({QStringLiteral("fault"), QStringLiteral("refund-fails"), QStringLiteral("--trade"),
                            request.outTradeNo, QStringLiteral("--times"), QStringLiteral("1")},
                           &out),
                 0);
        QVERIFY(out.contains("refund-fails"));
        RefundRequest refund;
        refund.outTradeNo = request.outTradeNo;
        refund.outRefundNo = request.outTradeNo + QStringLiteral("F");
        refund.refundAmount = request.amount;
        refund.totalAmount = request.amount;
        auto taken = adapter.refund(refund);
        QVERIFY2(taken, qPrintable(taken.error().detail()));
        QCOMPARE(taken->state, RefundState::Processing);
        QTRY_COMPARE_WITH_TIMEOUT(adapter.queryRefund(request.outTradeNo, refund.outRefundNo, {})->state,
                                  RefundState::Failed, 10000);
        QCOMPARE(runClient({QStringLiteral("fault"), QStringLiteral("no-such-fault")}, nullptr, &err), 1);
        QVERIFY(err.contains("no-such-fault"));

        // A bill fault for a merchant and date, and a merchant's own fee rate.
        QCOMPARE(
            runClient({QStringLiteral("fault"), QStringLiteral("bill-wrong-fee"), QStringLiteral("--merchant"),
                       QStringLiteral("1900000109"), QStringLiteral("--date"), QStringLiteral("2026-03-02"),
                       QStringLiteral("--value"), QStringLiteral("3"), QStringLiteral("--times"), QStringLiteral("1")},
                      &out),
            0);
        QVERIFY(out.contains("\"fault\": \"bill-wrong-fee\""));
        QVERIFY(out.contains("\"date\": \"2026-03-02\""));
        QCOMPARE(runClient({QStringLiteral("fault"), QStringLiteral("bill-wrong-fee")}, nullptr, &err), 1);
        QVERIFY(err.contains("merchant"));
        QCOMPARE(runClient({QStringLiteral("merchant"), QStringLiteral("unionpay"), QStringLiteral("--fee-ppm"),
                            QStringLiteral("3000")},
                           &out),
                 0);
        QVERIFY(out.contains("\"fee_rate_ppm\": 3000"));
        QVERIFY(QFile::exists(m_state.filePath(QStringLiteral("merchants.json"))));
        QCOMPARE(runClient({QStringLiteral("merchant"), QStringLiteral("unionpay")}, nullptr, &err), 1); // no rate
        QCOMPARE(runClient({QStringLiteral("merchants")}, &out), 0);
        QVERIFY(out.contains("777290058000001"));

        QCOMPARE(runClient({QStringLiteral("trades")}, &out), 0);
        QVERIFY(out.contains(request.outTradeNo.toUtf8()));
        QCOMPARE(runClient({QStringLiteral("faults"), QStringLiteral("--clear")}, &out), 0);
        QVERIFY(out.contains("\"faults\": [\n    ]") || out.contains("\"faults\": []"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxBinary)
#include "tst_sandbox_binary.moc"
