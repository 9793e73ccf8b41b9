#include "tests/statement/StatementTestSupport.h"

#include "core/channel/statement/UnionPayFileContent.h"
#include "sandbox/statement/AlipayBillWriter.h"
#include "sandbox/statement/AlipayBillZipWriter.h"
#include "sandbox/statement/UnionPayFileContentWriter.h"
#include "sandbox/statement/UnionPayZmWriter.h"
#include "sandbox/statement/WeChatBillWriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

using namespace paydesk;
using namespace paydesk::statementtest;

// The writers: each format written from StatementLines parses back to the same lines and
// totals, and the WeChat bill's fixed parts match the real sample byte for byte.
class TestStatementWriters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static StatementLine line(StatementLineType type, const QString &id, qint64 amount, qint64 fee,
                              const QDateTime &time)
    {
        StatementLine l;
        l.type = type;
        l.channelTransactionId = id;
        l.amount = fen(amount);
        l.fee = fen(fee);
        l.tradeTime = time;
        return l;
    }

    static QList<StatementLine> weChatLines(StatementFormat layout)
    {
        QList<StatementLine> lines;
        for (int i = 0; i < 12; ++i) {
            const bool refund =
                layout == StatementFormat::WeChatRefund || (layout == StatementFormat::WeChatAll && i % 4 == 3);
            StatementLine l = line(refund ? StatementLineType::Refund : StatementLineType::Payment,
                                   QStringLiteral("42000000012026110%1").arg(i, 4, 10, QLatin1Char('0')), 100 + i * 997,
                                   i * 7, china(2026, 11, 2, i, 59, 59));
            l.merchantOrderNo = QStringLiteral("ORD-%1").arg(i);
            l.status = StatementLineStatus::Succeeded;
            l.channelStatus = refund ? QStringLiteral("REFUND/SUCCESS") : QStringLiteral("SUCCESS");
            l.merchantId = QStringLiteral("1900000001");
            l.appId = QStringLiteral("wx8888888888888888");
            l.tradeType = i % 2 ? QStringLiteral("JSAPI") : QStringLiteral("NATIVE");
            if (refund) {
                l.channelRefundNo = QStringLiteral("5030000%1").arg(i);
                l.merchantRefundNo = QStringLiteral("REF-%1").arg(i);
                if (layout == StatementFormat::WeChatRefund)
                    l.completeTime = l.tradeTime.addSecs(5);
            }
            lines.append(l);
        }
        return lines;
    }

    static StatementTotals totalsOf(const QList<StatementLine> &lines, StatementLineType type)
    {
        StatementTotals totals;
        for (const StatementLine &l : lines) {
            if (l.type != type)
                continue;
            ++totals.count;
            totals.amountMinor += l.amount.minor();
            totals.feeMinor += l.fee.minor();
        }
        return totals;
    }

    static void compareLines(const QList<StatementLine> &parsed, const QList<StatementLine> &written,
                             StatementFormat format)
    {
        QCOMPARE(parsed.size(), written.size());
        for (qsizetype i = 0; i < parsed.size(); ++i) {
            const QString why = differences(parsed[i], written[i]);
            QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("line %1: %2").arg(i).arg(why)));
            QCOMPARE(parsed[i].format, format);
        }
    }

    static void compareTotals(const StatementSummary &summary, const QList<StatementLine> &lines)
    {
        QCOMPARE(summary.payments, totalsOf(lines, StatementLineType::Payment));
        QCOMPARE(summary.refunds, totalsOf(lines, StatementLineType::Refund));
    }

    static QByteArray write(const std::function<Status(QIODevice &)> &writer)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        const Status status = writer(buffer);
        return status ? bytes : QByteArray();
    }

    static AlipayBillWriter::Options alipayOptions()
    {
        AlipayBillWriter::Options options;
        options.account = QStringLiteral("20880211096256330156");
        options.billDate = QDate(2019, 9, 16);
        options.storeId = QStringLiteral("alipay_store");
        options.storeName = QStringLiteral("门店一");
        options.subject = QStringLiteral("下单测试");
        return options;
    }

    static QList<StatementLine> alipayLines()
    {
        QList<StatementLine> lines;
        for (int i = 0; i < 10; ++i) {
            const bool refund = i % 3 == 2;
            StatementLine l = line(refund ? StatementLineType::Refund : StatementLineType::Payment,
                                   QStringLiteral("201909162200145886051531%1").arg(i, 4, 10, QLatin1Char('0')),
                                   1 + i * 1234, i * 3, china(2019, 9, 16, 10 + i, 55, 16));
            l.completeTime = l.tradeTime.addSecs(7);
            l.merchantOrderNo = QStringLiteral("service_15686012593%1").arg(i);
            l.tradeType = refund ? QStringLiteral("退款") : QStringLiteral("交易");
            l.channelStatus = l.tradeType; // Alipay's words for the line: its 业务类型
            l.merchantId = QStringLiteral("20880211096256330156");
            if (refund)
                l.merchantRefundNo = QStringLiteral("re_test_%1").arg(i);
            lines.append(l);
        }
        return lines;
    }

    static QList<StatementLine> unionPayLines()
    {
        QList<StatementLine> lines;
        for (int i = 0; i < 9; ++i) {
            const bool refund = i % 3 == 1;
            StatementLine l = line(refund ? StatementLineType::Refund : StatementLineType::Payment,
                                   QStringLiteral("2019091610551600000%1").arg(i, 2, 10, QLatin1Char('0')), 10000 + i,
                                   i * 6, china(2019, 9, 16, i, 30, 0));
            l.merchantId = QStringLiteral("777290058110048");
            l.tradeType = refund ? (i == 4 ? QStringLiteral("S31") : QStringLiteral("S30")) : QStringLiteral("S22");
            l.channelStatus = l.tradeType; // UnionPay's words for the line: its 交易代码
            if (refund) {
                l.channelRefundNo = QStringLiteral("2019091612000000000%1").arg(i, 2, 10, QLatin1Char('0'));
                l.merchantRefundNo = QStringLiteral("REFUND-%1").arg(i);
            } else {
                l.merchantOrderNo = QStringLiteral("ORDER-%1").arg(i);
            }
            lines.append(l);
        }
        return lines;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void weChatRoundTrips_data()
    {
        QTest::addColumn<StatementFormat>("layout");
        QTest::newRow("ALL") << StatementFormat::WeChatAll;
        QTest::newRow("SUCCESS") << StatementFormat::WeChatSuccess;
        QTest::newRow("REFUND") << StatementFormat::WeChatRefund;
    }
    void weChatRoundTrips()
    {
        QFETCH(StatementFormat, layout);
        const QList<StatementLine> lines = weChatLines(layout);
        const QByteArray bytes = write([&](QIODevice &out) { return WeChatBillWriter::writeAll(out, layout, lines); });
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF\xE4\xBA\xA4")); // BOM, then 交易时间
        QVERIFY(!bytes.contains("\n\n") && bytes.count('\n') == bytes.count("\r\n"));
        const Parsed parsed = parseBytes(bytes, QStringLiteral("bill.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, layout);
        compareLines(parsed.lines, lines, layout);
        compareTotals(*parsed.summary, lines);
    }

    void weChatMatchesTheRealSample()
    {
        const QByteArray sample = readFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"));
        const Parsed parsed = parseBytes(sample, QStringLiteral("bill.ALL.csv"));
        QVERIFY(parsed.summary);
        const QByteArray written = write(
            [&](QIODevice &out) { return WeChatBillWriter::writeAll(out, StatementFormat::WeChatAll, parsed.lines); });
        // Header line and the two trailer lines, byte for byte (45.0, 0.47, 0.0 …).
        const QList<QByteArray> sampleLines = sample.split('\n');
        const QList<QByteArray> writtenLines = written.split('\n');
        QCOMPARE(writtenLines.size(), sampleLines.size());
        QCOMPARE(writtenLines.first(), sampleLines.first());
        QCOMPARE(writtenLines.at(writtenLines.size() - 3), sampleLines.at(sampleLines.size() - 3));
        QCOMPARE(writtenLines.at(writtenLines.size() - 2), QByteArray("`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14\r"));
        QCOMPARE(writtenLines.at(writtenLines.size() - 2), sampleLines.at(sampleLines.size() - 2));
        QVERIFY(written.endsWith("\r\n"));
        // A row keeps the columns the line carries, in the sample's places.
        const QList<QByteArray> sampleRow = sampleLines.at(3).split(',');
        const QList<QByteArray> writtenRow = writtenLines.at(3).split(',');
        QCOMPARE(writtenRow.size(), 27);
        for (int column : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 16, 22, 24, 25})
            QCOMPARE(writtenRow.at(column), sampleRow.at(column));
    }

    void weChatTotalsInJavaNotation()
    {
        // Totals of ten million yuan and more are printed as Java prints doubles: 1.2345678901E7.
        QList<StatementLine> lines;
        lines << line(StatementLineType::Payment, QStringLiteral("4200000001"), 1234567890100, 1000,
                      china(2026, 1, 1, 0, 0, 0));
        const QByteArray bytes =
            write([&](QIODevice &out) { return WeChatBillWriter::writeAll(out, StatementFormat::WeChatAll, lines); });
        QVERIFY2(bytes.contains("\r\n`1.0,`1.2345678901E10,`0.0,`0.0,`10.0,`1.2345678901E10,`0.0\r\n"),
                 bytes.right(80).constData());
        const Parsed parsed = parseBytes(bytes, QStringLiteral("big.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->payments.amountMinor, 1234567890100);
    }

    // Refunds the channel has not (yet) paid and revoked payments keep what they are through a
    // bill: the same words for every channel, the channel's own beside them.
    void weChatStatusesBeyondSuccess()
    {
        QList<StatementLine> lines = weChatLines(StatementFormat::WeChatAll);
        const QList<std::tuple<int, StatementLineStatus, QString>> changes{
            {3, StatementLineStatus::Processing, QStringLiteral("REFUND/PROCESSING")},
            {7, StatementLineStatus::Closed, QStringLiteral("REFUND/REFUNDCLOSE")},
            {11, StatementLineStatus::Abnormal, QStringLiteral("REFUND/CHANGE")},
            {4, StatementLineStatus::Revoked, QStringLiteral("REVOKED")},
        };
        for (const auto &[index, status, words] : changes) {
            lines[index].status = status;
            lines[index].channelStatus = words;
        }
        const QByteArray bytes =
            write([&](QIODevice &out) { return WeChatBillWriter::writeAll(out, StatementFormat::WeChatAll, lines); });
        QVERIFY(bytes.contains("`REFUND,") && bytes.contains("`PROCESSING,") && bytes.contains("`REVOKED,"));
        const Parsed parsed = parseBytes(bytes, QStringLiteral("bill.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        compareLines(parsed.lines, lines, StatementFormat::WeChatAll);

        // A refund status WeChat Pay does not document is a malformed line, not a success.
        QByteArray unknown = bytes;
        unknown.replace("`PROCESSING,", "`TELEPORTED,");
        const Parsed refused = parseBytes(unknown, QStringLiteral("bill.csv"));
        QVERIFY(!refused.summary);
        QVERIFY2(refused.message().contains(QStringLiteral("TELEPORTED")), qPrintable(refused.message()));
    }

    void weChatRefusesWhatItCannotHold()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        WeChatBillWriter success(buffer, StatementFormat::WeChatSuccess);
        QVERIFY(success.begin());
        StatementLine refund = line(StatementLineType::Refund, QStringLiteral("1"), 1, 0, china(2026, 1, 1, 0, 0, 0));
        QCOMPARE(success.write(refund).error().code(), ErrorCode::InvalidArgument);
        StatementLine backtick =
            line(StatementLineType::Payment, QStringLiteral("1`2"), 1, 0, china(2026, 1, 1, 0, 0, 0));
        QCOMPARE(success.write(backtick).error().code(), ErrorCode::InvalidArgument);
        StatementLine negative =
            line(StatementLineType::Payment, QStringLiteral("1"), -1, 0, china(2026, 1, 1, 0, 0, 0));
        QCOMPARE(success.write(negative).error().code(), ErrorCode::InvalidArgument);
        WeChatBillWriter refunds(buffer, StatementFormat::WeChatRefund);
        QCOMPARE(refunds.write(line(StatementLineType::Payment, QStringLiteral("1"), 1, 0, china(2026, 1, 1, 0, 0, 0)))
                     .error()
                     .code(),
                 ErrorCode::InvalidArgument);
    }

    void alipayZipRoundTrip()
    {
        const QList<StatementLine> lines = alipayLines();
        const QString path = m_dir.filePath(AlipayBillWriter::zipFileName(alipayOptions()));
        QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("2088021109625633_20190916.csv.zip"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            const Status status = AlipayBillZipWriter::writeAll(file, alipayOptions(), lines);
            QVERIFY2(status, qPrintable(status.error().message()));
        }
        // libzip sees two members whose names are GBK bytes.
        int error = 0;
        zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
        QVERIFY(archive);
        QCOMPARE(zip_get_num_entries(archive, 0), 2);
        QCOMPARE(QByteArray(zip_get_name(archive, 0, ZIP_FL_ENC_RAW)),
                 gbk(QStringLiteral("2088021109625633_20190916_业务明细.csv")));
        QCOMPARE(QByteArray(zip_get_name(archive, 1, ZIP_FL_ENC_RAW)),
                 gbk(QStringLiteral("2088021109625633_20190916_业务明细(汇总).csv")));
        zip_close(archive);

        const Parsed parsed = parseFile(path);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::AlipayDetail);
        QCOMPARE(parsed.summary->files.size(), 2);
        QCOMPARE(parsed.summary->files[1].format, StatementFormat::AlipaySummary);
        compareLines(parsed.lines, lines, StatementFormat::AlipayDetail);
        compareTotals(*parsed.summary, lines);
    }

    void alipayDetailLooksLikeAlipays()
    {
        const QList<StatementLine> lines = alipayLines().mid(0, 2);
        const QByteArray bytes = write([&](QIODevice &out) {
            AlipayBillWriter writer(out, alipayOptions());
            Status status = writer.begin();
            for (const StatementLine &l : lines) {
                if (status)
                    status = writer.write(l);
            }
            return status ? writer.finish() : status;
        });
        QStringDecoder decoder("GBK");
        const QString text = decoder.decode(bytes);
        QVERIFY(!decoder.hasError());
        const QStringList textLines = text.split(QStringLiteral("\r\n"));
        QCOMPARE(textLines.at(0), QStringLiteral("#支付宝业务明细查询"));
        QCOMPARE(textLines.at(1), QStringLiteral("#账号：[20880211096256330156]"));
        QCOMPARE(textLines.at(2),
                 QStringLiteral("#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]"));
        QCOMPARE(textLines.at(3),
                 QStringLiteral(
                     "#-----------------------------------------业务明细列表----------------------------------------"));
        QVERIFY(textLines.at(4).startsWith(QStringLiteral("支付宝交易号,商户订单号,业务类型,商品名称,")));
        QCOMPARE(textLines.at(5),
                 QStringLiteral("2019091622001458860515310000\t,service_156860125930\t,交易\t,下单测试,"
                                "2019-09-16 10:55:16,2019-09-16 10:55:23,alipay_store\t,门店一\t,\t,\t,\t,"
                                "0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,下单测试"));
        QCOMPARE(textLines.at(6).section(QLatin1Char(','), 21, 23),
                 QStringLiteral("\t,-0.03,0.00")); // fee taken: negative
        QCOMPARE(textLines.at(7),
                 QStringLiteral(
                     "#-----------------------------------------业务明细列表结束------------------------------------"));
        QCOMPARE(textLines.at(8), QStringLiteral("#交易合计：2笔，商家实收共12.36元，商家优惠共0.00元"));
        QCOMPARE(textLines.at(9), QStringLiteral("#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元"));
        QCOMPARE(textLines.at(10), QStringLiteral("#导出时间：[2019年09月17日 05:00:00]"));

        // The bare detail parses as it is.
        const Parsed parsed = parseBytes(bytes, QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        compareLines(parsed.lines, lines, StatementFormat::AlipayDetail);
    }

    void alipayUtf8Detail()
    {
        AlipayBillWriter::Options options = alipayOptions();
        options.encoding = StatementEncoding::Utf8;
        const QList<StatementLine> lines = alipayLines();
        const QByteArray bytes = write([&](QIODevice &out) {
            AlipayBillWriter writer(out, options);
            Status status = writer.begin();
            for (const StatementLine &l : lines) {
                if (status)
                    status = writer.write(l);
            }
            return status ? writer.finish() : status;
        });
        QVERIFY(bytes.startsWith("#支付宝业务明细查询"));
        const Parsed parsed = parseBytes(bytes, QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        compareLines(parsed.lines, lines, StatementFormat::AlipayDetail);
    }

    void alipayEmptyDay()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.zip"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(AlipayBillZipWriter::writeAll(file, alipayOptions(), {}));
        file.close();
        const Parsed parsed = parseFile(path);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->lineCount(), 0);
        QCOMPARE(parsed.summary->files.size(), 2);
    }

    void unionPayZmRoundTrip()
    {
        const QList<StatementLine> lines = unionPayLines();
        const QByteArray bytes = write([&](QIODevice &out) {
            UnionPayZmWriter writer(out);
            for (const StatementLine &l : lines) {
                if (auto status = writer.write(l); !status)
                    return status;
            }
            return writer.finish();
        });
        QCOMPARE(bytes.size(), lines.size() * (607 + 2));
        const QString name = UnionPayZmWriter::fileName(QDate(2019, 9, 16), QStringLiteral("777290058110048"));
        QCOMPARE(name, QStringLiteral("INN19091688ZM_777290058110048"));
        const Parsed parsed = parseBytes(bytes, name);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        compareLines(parsed.lines, lines, StatementFormat::UnionPayZm);
        compareTotals(*parsed.summary, lines);
        // Fields land where the table puts them.
        QCOMPARE(bytes.mid(0, 3), QByteArray("S22"));
        QCOMPARE(bytes.mid(3 + 1 + 11 + 1 + 11 + 1 + 6 + 1, 10), QByteArray("0916003000"));
        QCOMPARE(bytes.mid(607 + 2, 3), QByteArray("S30"));
    }

    void unionPayFileContentRoundTrip()
    {
        const QList<StatementLine> lines = unionPayLines();
        auto payload = UnionPayFileContentWriter::payload(QDate(2019, 9, 16), QStringLiteral("777290058110048"), lines);
        QVERIFY(payload);
        QVERIFY(payload->startsWith("eJ"));
        // The layers: Base64, then zlib, then a zip whose member is the ZM file.
        auto zip = UnionPayFileContent::unpack(*payload);
        QVERIFY(zip);
        QVERIFY(zip->startsWith("PK\x03\x04"));
        Parsed parsed;
        auto summary = StatementParser::parseUnionPayFileContent(*payload, QStringLiteral("fileContent"),
                                                                 [&parsed](const StatementLine &l) {
                                                                     parsed.lines.append(l);
                                                                     return true;
                                                                 });
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(summary->files.size(), 1);
        QCOMPARE(summary->files[0].name, QStringLiteral("INN19091688ZM_777290058110048"));
        compareLines(parsed.lines, lines, StatementFormat::UnionPayZm);
        compareTotals(*summary, lines);

        auto empty = UnionPayFileContentWriter::payload(QDate(2019, 9, 16), QStringLiteral("777290058110048"), {});
        QVERIFY(empty);
        summary = StatementParser::parseUnionPayFileContent(*empty, QStringLiteral("fileContent"), {});
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(summary->lineCount(), 0);
    }

    void unionPayRefusesOverlongFields()
    {
        StatementLine l = unionPayLines().first();
        l.merchantOrderNo = QString(33, QLatin1Char('x'));
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        UnionPayZmWriter writer(buffer);
        QCOMPARE(writer.write(l).error().code(), ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestStatementWriters)
#include "tst_statementwriters.moc"
