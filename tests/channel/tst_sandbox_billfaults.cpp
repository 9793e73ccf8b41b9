#include "core/channel/alipay/AlipayAdapter.h"
#include "core/channel/statement/StatementParser.h"
#include "core/channel/unionpay/UnionPayAdapter.h"
#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "sandbox/SandboxMerchants.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>

using namespace paydesk;
using namespace paydesk::test;
using sandbox::SandboxChannel;

Q_DECLARE_METATYPE(paydesk::sandbox::SandboxChannel)

// The sandbox's bill faults, switched through its admin API for one channel merchant and date:
// each shows in the bill the channel then serves (downloaded through each channel's adapter,
// parsed back with the core's statement parsers), for WeChat Pay, Alipay and UnionPay alike, for
// as many bills as asked; and each merchant's own fee rate, set through the admin API or the
// state directory's merchants.json (as a platform's demo setup tells it).
class TestSandboxBillFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<ChannelAdapter> m_adapters[3];
    SandboxTestBed m_bed;
    int m_sequence = 0;

    static QDateTime chinaTime(const QDate &day, int hour, int minute)
    {
        return QDateTime(day, QTime(hour, minute), QTimeZone(8 * 3600)).toUTC();
    }
    static QDate daysAgo(int days)
    {
        return QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone(8 * 3600)).date().addDays(-days);
    }

    // A trade the sandbox handled, paid on `day` at 10:mm, written straight into its store.
    QString handled(SandboxChannel channel, const QDate &day, int minute, qint64 amount)
    {
        ++m_sequence;
        const QString order = QStringLiteral("BF%1-%2").arg(int(channel)).arg(m_sequence, 5, 10, QLatin1Char('0'));
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            sandbox::SandboxTrade trade;
            trade.channel = channel;
            trade.outTradeNo = order;
            trade.transactionId = QStringLiteral("42%1%2").arg(int(channel)).arg(m_sequence, 12, 10, QLatin1Char('0'));
            trade.method = channel == SandboxChannel::WeChatPay ? QStringLiteral("NATIVE")
                           : channel == SandboxChannel::Alipay  ? QStringLiteral("PRECREATE")
                                                                : QStringLiteral("FRONT");
            trade.amount = amount;
            trade.state = QStringLiteral("SUCCESS");
            trade.createdAt = chinaTime(day, 10, minute);
            trade.paidAt = trade.createdAt.addSecs(30);
            trade.fee = s.world().feeOf(channel, amount);
            s.store().add(trade);
        });
        return order;
    }

    // The bill the channel serves for the day, through its download API, parsed back.
    QList<StatementLine> servedBill(SandboxChannel channel, const QDate &day)
    {
        auto bytes = m_adapters[int(channel)]->downloadStatement(day);
        if (!bytes) {
            qWarning() << "download failed:" << bytes.error().detail();
            return {};
        }
        QBuffer buffer(&*bytes);
        buffer.open(QIODevice::ReadOnly);
        QList<StatementLine> lines;
        StatementParseOptions options;
        options.settlementDate = day; // UnionPay prints times without a year
        auto summary = StatementParser::parse(
            buffer, QStringLiteral("bill"),
            [&](const StatementLine &line) {
                lines << line;
                return true;
            },
            options);
        if (!summary) {
            qWarning() << "parse failed:" << summary.error().detail();
            return {};
        }
        return lines;
    }

    bool billFault(const QString &fault, SandboxChannel channel, const QDate &day, const QString &trade = {},
                   qint64 value = 0, int times = -1, bool off = false)
    {
        return !m_bed
                    .admin("POST", QStringLiteral("/__sandbox/faults"),
                           QJsonObject{{QStringLiteral("fault"), fault},
                                       {QStringLiteral("merchant"), sandbox::SandboxMerchants::merchantId(channel)},
                                       {QStringLiteral("date"), day.toString(Qt::ISODate)},
                                       {QStringLiteral("trade"), trade},
                                       {QStringLiteral("value"), value},
                                       {QStringLiteral("times"), times},
                                       {QStringLiteral("off"), off}})
                    .isEmpty();
    }

    static QList<StatementLine> ofOrder(const QList<StatementLine> &lines, const QString &order,
                                        const QString &transactionId)
    {
        QList<StatementLine> found;
        for (const StatementLine &line : lines) {
            // UnionPay's refund lines name the payment by its query id only.
            if (line.merchantOrderNo == order ||
                (line.type == StatementLineType::Refund && line.channelTransactionId == transactionId))
                found << line;
        }
        return found;
    }

    QString transactionOf(SandboxChannel channel, const QString &order)
    {
        QString id;
        m_bed.sandbox->run([&](sandbox::Sandbox &s) { id = s.store().trade(channel, order)->transactionId; });
        return id;
    }

    static void addChannelRows()
    {
        QTest::addColumn<SandboxChannel>("channel");
        QTest::newRow("wechatpay") << SandboxChannel::WeChatPay;
        QTest::newRow("alipay") << SandboxChannel::Alipay;
        QTest::newRow("unionpay") << SandboxChannel::UnionPay;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_bed.state.isValid());
        QVERIFY2(m_bed.start(), qPrintable(m_bed.sandbox ? m_bed.sandbox->error() : QString()));
        const sandbox::SandboxKeys &keys = m_bed.sandbox->keys();
        const QUrl base = m_bed.sandbox->baseUrl();
        const QString notify = m_bed.notifyBase + QStringLiteral("/none");
        m_adapters[int(SandboxChannel::WeChatPay)] = std::make_unique<WeChatPayAdapter>(
            keys.weChatConfig(base, notify), HttpClient(m_bed.http()), SystemClock::instance());
        m_adapters[int(SandboxChannel::Alipay)] = std::make_unique<AlipayAdapter>(
            keys.alipayConfig(base, notify), HttpClient(m_bed.http()), SystemClock::instance());
        m_adapters[int(SandboxChannel::UnionPay)] = std::make_unique<UnionPayAdapter>(
            keys.unionPayConfig(base, notify), HttpClient(m_bed.http()), SystemClock::instance());
    }

    void cleanup() { m_bed.clearFaults(); }

    void everyBillFaultShowsInTheServedBill_data() { addChannelRows(); }
    void everyBillFaultShowsInTheServedBill()
    {
        QFETCH(SandboxChannel, channel);
        const QDate day = daysAgo(3);
        const QString missing = handled(channel, day, 1, 2000);
        const QString wrongAmount = handled(channel, day, 2, 3000);
        const QString wrongFee = handled(channel, day, 3, 4000);
        const QString refunded = handled(channel, day, 4, 5000);
        const QString twice = handled(channel, day, 5, 6000);
        const QString picked = handled(channel, day, 6, 7000);
        const QString untouched = handled(channel, day, 7, 1000);
        const QList<StatementLine> clean = servedBill(channel, day);
        QVERIFY(!clean.isEmpty());

        QVERIFY(billFault(QStringLiteral("bill-missing-line"), channel, day, missing));
        QVERIFY(billFault(QStringLiteral("bill-extra-line"), channel, day, QStringLiteral("NOBODY-1"), 4321));
        QVERIFY(billFault(QStringLiteral("bill-wrong-amount"), channel, day, wrongAmount, 5));
        QVERIFY(billFault(QStringLiteral("bill-wrong-fee"), channel, day, wrongFee, 2));
        QVERIFY(billFault(QStringLiteral("bill-refunded-at-channel"), channel, day, refunded));
        QVERIFY(billFault(QStringLiteral("bill-duplicate-line"), channel, day, twice));
        // Without a trade: the day's first payment no other fault took.
        QVERIFY(billFault(QStringLiteral("bill-wrong-fee"), channel, day, QString(), -1));
        const QList<StatementLine> bill = servedBill(channel, day);
        QCOMPARE(bill.size(), clean.size() + 2); // one line left out; a ghost, a refund and a copy added

        auto one = [&](const QString &order) {
            const QList<StatementLine> lines = ofOrder(bill, order, {});
            return lines.size() == 1 ? lines.first() : StatementLine();
        };
        const qint64 rate = 6000; // the default: 0.60 %
        QCOMPARE(one(untouched).amount, fen(1000));
        QCOMPARE(one(untouched).fee, fen(6));
        QVERIFY(ofOrder(bill, missing, transactionOf(channel, missing)).isEmpty());
        QCOMPARE(one(wrongAmount).amount, fen(3005));
        QCOMPARE(one(wrongAmount).fee, fen(3000 * rate / 1000000));
        QCOMPARE(one(wrongFee).amount, fen(4000));
        QCOMPARE(one(wrongFee).fee, fen(24 + 2));
        // The day's first payment no other fault took had the keyless one: a fen less.
        QCOMPARE(one(picked).amount, fen(7000));
        QCOMPARE(one(picked).fee, fen(42 - 1));
        QCOMPARE(ofOrder(bill, twice, transactionOf(channel, twice)).size(), 2);

        const StatementLine ghost = one(QStringLiteral("NOBODY-1"));
        QCOMPARE(ghost.type, StatementLineType::Payment);
        QCOMPARE(ghost.amount, fen(4321));
        QCOMPARE(ghost.fee, fen(26)); // 0.60 % of 43.21, half up
        QCOMPARE(ghost.status, StatementLineStatus::Succeeded);

        const QList<StatementLine> refundLines = ofOrder(bill, refunded, transactionOf(channel, refunded));
        QCOMPARE(refundLines.size(), 2);
        QCOMPARE(refundLines.at(0).type, StatementLineType::Payment);
        QCOMPARE(refundLines.at(1).type, StatementLineType::Refund);
        QCOMPARE(refundLines.at(1).amount, fen(5000));
        QCOMPARE(refundLines.at(1).fee, fen(30)); // all the fee back with a full refund
        QVERIFY(refundLines.at(1).merchantRefundNo.startsWith(QLatin1String("CHANNEL")));
        // The sandbox's own records are unchanged: the faults are in the bill only.
        m_bed.sandbox->run([&](sandbox::Sandbox &s) {
            QVERIFY(s.store().trade(channel, refunded)->refunds.isEmpty());
            QCOMPARE(s.store().trade(channel, wrongAmount)->amount, qint64(3000));
        });

        // The same faults serve the same bill again (its made-up numbers do not change).
        const QList<StatementLine> again = servedBill(channel, day);
        QCOMPARE(again.size(), bill.size());
        QCOMPARE(one(QStringLiteral("NOBODY-1")).channelTransactionId,
                 ofOrder(again, QStringLiteral("NOBODY-1"), {}).value(0).channelTransactionId);
    }

    void billFaultsKeepToTheirMerchantDateAndTimes_data() { addChannelRows(); }
    void billFaultsKeepToTheirMerchantDateAndTimes()
    {
        QFETCH(SandboxChannel, channel);
        const QDate day = daysAgo(4);
        const QDate dayBefore = daysAgo(5);
        const QString order = handled(channel, day, 10, 2500);
        const QString earlier = handled(channel, dayBefore, 10, 2500);
        const SandboxChannel other =
            channel == SandboxChannel::WeChatPay ? SandboxChannel::Alipay : SandboxChannel::WeChatPay;
        const QString elsewhere = handled(other, day, 10, 2500);
        // The next two bills of this merchant and day: left out.
        QVERIFY(billFault(QStringLiteral("bill-missing-line"), channel, day, order, 0, 2));
        const QJsonArray listed =
            m_bed.admin("GET", QStringLiteral("/__sandbox/faults")).value(QStringLiteral("faults")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first()[QStringLiteral("merchant")].toString(), sandbox::SandboxMerchants::merchantId(channel));
        QCOMPARE(listed.first()[QStringLiteral("date")].toString(), day.toString(Qt::ISODate));
        QCOMPARE(listed.first()[QStringLiteral("times")].toInt(), 2);

        QVERIFY(ofOrder(servedBill(channel, day), order, {}).isEmpty());
        // Another date and another channel's merchant are not touched, and use up nothing.
        QCOMPARE(ofOrder(servedBill(channel, dayBefore), earlier, {}).size(), 1);
        QCOMPARE(ofOrder(servedBill(other, day), elsewhere, {}).size(), 1);
        QVERIFY(ofOrder(servedBill(channel, day), order, {}).isEmpty());
        QCOMPARE(ofOrder(servedBill(channel, day), order, {}).size(), 1); // used up
        QVERIFY(m_bed.admin("GET", QStringLiteral("/__sandbox/faults"))
                    .value(QStringLiteral("faults"))
                    .toArray()
                    .isEmpty());

        // Until switched off; off by the same merchant, date and trade.
        QVERIFY(billFault(QStringLiteral("bill-duplicate-line"), channel, day, order));
        QCOMPARE(ofOrder(servedBill(channel, day), order, {}).size(), 2);
        QCOMPARE(ofOrder(servedBill(channel, day), order, {}).size(), 2);
        QVERIFY(billFault(QStringLiteral("bill-duplicate-line"), channel, day, order, 0, -1, true));
        QCOMPARE(ofOrder(servedBill(channel, day), order, {}).size(), 1);
    }

    void billFaultsAreRefusedWithoutAMerchant()
    {
        HttpRequest request;
        request.method = "POST";
        request.url = m_bed.sandbox->baseUrl().resolved(QUrl(QStringLiteral("/__sandbox/faults")));
        request.headers = {{"Content-Type", "application/json"}};
        request.body = R"({"fault":"bill-missing-line","date":"2026-01-05"})";
        auto refused = HttpClient(m_bed.http()).send(request);
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        request.body = R"({"fault":"bill-missing-line","merchant":"1900000109","date":"05.01.2026"})";
        refused = HttpClient(m_bed.http()).send(request);
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        // The merchant as the bill names it (Alipay's pid) or its channel's name will do.
        request.body = R"({"fault":"bill-wrong-fee","merchant":"2088000000000001","date":"2026-01-05"})";
        auto taken = HttpClient(m_bed.http()).send(request);
        QVERIFY(taken);
        QCOMPARE(taken->status, 200);
        QVERIFY(taken->body.contains("\"channel\": \"alipay\""));
    }

    void eachMerchantIsChargedItsOwnRate()
    {
        const QDate day = daysAgo(6);
        // Set through the admin API: kept in the state directory's merchants.json.
        const QJsonObject set = m_bed.admin("POST", QStringLiteral("/__sandbox/merchants"),
                                            QJsonObject{{QStringLiteral("merchant"), QStringLiteral("1900000109")},
                                                        {QStringLiteral("fee_rate_ppm"), 2500}});
        QVERIFY(!set.isEmpty());
        QVERIFY(QFile::exists(sandbox::SandboxMerchants::fileIn(m_bed.state.path())));
        const QString weChat = handled(SandboxChannel::WeChatPay, day, 20, 10000);
        const QString alipay = handled(SandboxChannel::Alipay, day, 20, 10000);
        QCOMPARE(ofOrder(servedBill(SandboxChannel::WeChatPay, day), weChat, {}).value(0).fee, fen(25));
        QCOMPARE(ofOrder(servedBill(SandboxChannel::Alipay, day), alipay, {}).value(0).fee, fen(60)); // the default

        // Told through the file, as a platform's demo setup does while the sandbox runs.
        QVERIFY(
            sandbox::SandboxMerchants::tellFeeRates(m_bed.state.path(), {{QStringLiteral("2021000000000001"), 2000},
                                                                         {QStringLiteral("777290058000001"), 3000}}));
        const QString alipayNow = handled(SandboxChannel::Alipay, day, 21, 10000);
        const QString unionPay = handled(SandboxChannel::UnionPay, day, 21, 10000);
        QCOMPARE(ofOrder(servedBill(SandboxChannel::Alipay, day), alipayNow, {}).value(0).fee, fen(20));
        QCOMPARE(ofOrder(servedBill(SandboxChannel::UnionPay, day), unionPay, {}).value(0).fee, fen(30));
        const QJsonArray merchants =
            m_bed.admin("GET", QStringLiteral("/__sandbox/merchants")).value(QStringLiteral("merchants")).toArray();
        QCOMPARE(merchants.size(), 3);
        for (const QJsonValue &merchant : merchants) {
            const QString id = merchant[QStringLiteral("merchant")].toString();
            const qint64 expected = id == QLatin1String("1900000109")         ? 2500
                                    : id == QLatin1String("2021000000000001") ? 2000
                                                                              : 3000;
            QCOMPARE(merchant[QStringLiteral("fee_rate_ppm")].toInteger(), expected);
            QVERIFY(merchant[QStringLiteral("own_rate")].toBool());
        }
        QVERIFY(!sandbox::SandboxMerchants::tellFeeRates(m_bed.state.path(), {{QStringLiteral("123"), 1}}));

        // Back to the default; an out-of-range rate is refused.
        QVERIFY(!m_bed
                     .admin("POST", QStringLiteral("/__sandbox/merchants"),
                            QJsonObject{{QStringLiteral("merchant"), QStringLiteral("wechatpay")},
                                        {QStringLiteral("default"), true}})
                     .isEmpty());
        const QString weChatAgain = handled(SandboxChannel::WeChatPay, day, 22, 10000);
        QCOMPARE(ofOrder(servedBill(SandboxChannel::WeChatPay, day), weChatAgain, {}).value(0).fee, fen(60));
        HttpRequest request;
        request.method = "POST";
        request.url = m_bed.sandbox->baseUrl().resolved(QUrl(QStringLiteral("/__sandbox/merchants")));
        request.headers = {{"Content-Type", "application/json"}};
        request.body = R"({"merchant":"1900000109","fee_rate_ppm":1000001})";
        auto refused = HttpClient(m_bed.http()).send(request);
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        // Leave the other tests the default rates.
        for (const char *id : {"2021000000000001", "777290058000001"})
            m_bed.admin(
                "POST", QStringLiteral("/__sandbox/merchants"),
                QJsonObject{{QStringLiteral("merchant"), QString::fromLatin1(id)}, {QStringLiteral("default"), true}});
    }
};

QTEST_GUILESS_MAIN(TestSandboxBillFaults)
#include "tst_sandbox_billfaults.moc"
