#include "tests/statement/StatementTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

using namespace paydesk;
using namespace paydesk::statementtest;

// The Alipay trade bill readers: the detail file bare (GBK or UTF-8) and the zip with both files.
class TestAlipayBill : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString header()
    {
        return QStringLiteral(
            "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,"
            "券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,"
            "分润（元）,备注");
    }

    // A real-looking detail: 6 交易 and 4 退款 rows in two stores, one with fees.
    static QStringList rows()
    {
        const QString store = QStringLiteral("alipay_store\t,alipay_store\t,alipay\t,\t,*津水(602***@qq.com)\t,");
        return {
            QStringLiteral("2019091622001458860515315453\t,service_1568601259302\t,交易\t,下单测试,2019-09-16 "
                           "10:55:16,2019-09-16 10:55:23,") +
                store + QStringLiteral("0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860515315453\t,service_1568601259302\t,退款\t,下单测试,2019-09-16 "
                           "10:55:16,2019-09-16 10:56:48,") +
                store +
                QStringLiteral(
                    "-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568602607356\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860513822558\t,service_1568603173853\t,交易\t,下单测试,2019-09-16 "
                           "11:07:03,2019-09-16 11:07:09,") +
                store + QStringLiteral("0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860513822558\t,service_1568603173853\t,退款\t,下单测试,2019-09-16 "
                           "11:07:03,2019-09-16 11:26:55,") +
                store +
                QStringLiteral(
                    "-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568604414433\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860516395930\t,service_1568613406000\t,交易\t,下单测试,2019-09-16 "
                           "13:57:42,2019-09-16 13:57:52,") +
                store + QStringLiteral("0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860516395930\t,service_1568613406000\t,退款\t,下单测试,2019-09-16 "
                           "13:57:42,2019-09-16 14:15:12,") +
                store +
                QStringLiteral(
                    "-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568614511552\t,0.00,0.00,下单测试"),
            QStringLiteral("2019091622001458860516993488\t,qd_201909161455139634Sjad2vy\t,交易\t,RPC_GENERAL接口测试,"
                           "2019-09-16 14:56:35,2019-09-16 14:57:19,") +
                store +
                QStringLiteral("0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,RPC_GENERAL接口测试"),
            QStringLiteral("2019091622001458860516993488\t,qd_201909161455139634Sjad2vy\t,退款\t,RPC_GENERAL接口测试,"
                           "2019-09-16 14:56:35,2019-09-16 15:00:38,") +
                store +
                QStringLiteral("-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_20190916150216125q8Lmiodp\t,0.00,"
                               "0.00,RPC_GENERAL接口测试"),
            QStringLiteral("2019091622001465870515233238\t,20190916165659224L3VUQRL9\t,交易\t,"
                           "千丁订单INSURANCE88100011909161658423172,"
                           "2019-09-16 16:58:56,2019-09-16 "
                           "16:58:58,\t,\t,\t,\t,*庚辰(182****01)\t,100.00,99.40,0.00,0.00,0.00,0.60,0.00,,0.00\t,"
                           "0.00,\t,-0.60,0.00,"),
            QStringLiteral("2019091622001458860517860493\t,qd_201909161844073417CB0wPzR\t,交易\t,RPC_GENERAL接口测试,"
                           "2019-09-16 18:43:06,2019-09-16 18:43:34,") +
                store +
                QStringLiteral("0.01,0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.00,0.00,RPC_GENERAL接口测试"),
        };
    }

    static QString detail(const QStringList &rowList, const QString &tradeTotals, const QString &refundTotals,
                          const QString &eol = QStringLiteral("\r\n"))
    {
        QStringList lines = {
            QStringLiteral("#支付宝业务明细查询"),
            QStringLiteral("#账号：[20880211096256330156]"),
            QStringLiteral("#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]"),
            QStringLiteral(
                "#-----------------------------------------业务明细列表----------------------------------------"),
            header(),
        };
        lines += rowList;
        lines << QStringLiteral(
            "#-----------------------------------------业务明细列表结束------------------------------------");
        if (!tradeTotals.isNull())
            lines << tradeTotals;
        if (!refundTotals.isNull())
            lines << refundTotals;
        lines << QStringLiteral("#导出时间：[2019年09月17日 05:46:49]");
        return lines.join(eol) + eol;
    }
    static QString goodDetail()
    {
        return detail(rows(), QStringLiteral("#交易合计：6笔，商家实收共99.45元，商家优惠共0.60元"),
                      QStringLiteral("#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元"));
    }
    static QString summary(const QString &storeRow, const QString &totalRow)
    {
        return QStringList{
                   QStringLiteral("#支付宝业务汇总查询"),
                   QStringLiteral("#账号：[20880211096256330156]"),
                   QStringLiteral("#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]"),
                   QStringLiteral("#-----------------------------------------业务汇总列表------------------------------"
                                  "----------"),
                   QStringLiteral(
                       "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
                       "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）"),
                   QStringLiteral("alipay_store\t,alipay_store\t,5,4,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.01"),
                   storeRow,
                   totalRow,
                   QStringLiteral("#-----------------------------------------业务汇总列表结束--------------------------"
                                  "----------"),
                   QStringLiteral("#导出时间：[2019年09月17日 05:46:49]"),
               }
                   .join(QStringLiteral("\r\n")) +
               QStringLiteral("\r\n");
    }
    static QString goodSummary()
    {
        // The store without id: one 交易 of 100.00 (99.40 received, 0.60 fee, 0.60 merchant discount).
        return summary(QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,98.80"),
                       QStringLiteral("合计,,6,4,100.01,99.41,0.00,0.60,0.00,-0.60,0.00,98.81"));
    }

    // A zip written with libzip itself, names stored as raw GBK bytes without the UTF-8 flag.
    QString zipOf(const QString &fileName, const QList<std::pair<QByteArray, QByteArray>> &members)
    {
        const QString path = m_dir.filePath(fileName);
        QFile::remove(path);
        int error = 0;
        zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        if (!archive)
            return QString();
        for (const auto &[name, content] : members) {
            zip_source_t *source = zip_source_buffer(archive, content.constData(), zip_uint64_t(content.size()), 0);
            if (!source || zip_file_add(archive, name.constData(), source, ZIP_FL_ENC_CP437) < 0)
                return QString();
        }
        // zip_close reads the buffers, so they must live until here: they do (members is a reference).
        return zip_close(archive) == 0 ? path : QString();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void bareGbkDetail()
    {
        const Parsed parsed = parseBytes(gbk(goodDetail()), QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::AlipayDetail);
        QCOMPARE(parsed.lines.size(), 10);
        QCOMPARE(parsed.summary->payments.count, 6);
        QCOMPARE(parsed.summary->refunds.count, 4);
        QCOMPARE(parsed.summary->payments.amount(), fen(9945)); // 商家实收
        QCOMPARE(parsed.summary->payments.fee(), fen(60));
        QCOMPARE(parsed.summary->refunds.amount(), fen(4));

        const StatementLine &first = parsed.lines[0];
        QCOMPARE(first.format, StatementFormat::AlipayDetail);
        QCOMPARE(first.lineNumber, 6);
        QCOMPARE(first.type, StatementLineType::Payment);
        QCOMPARE(first.channelTransactionId, QStringLiteral("2019091622001458860515315453"));
        QCOMPARE(first.merchantOrderNo, QStringLiteral("service_1568601259302"));
        QCOMPARE(first.tradeType, QStringLiteral("交易"));
        QCOMPARE(first.merchantId, QStringLiteral("20880211096256330156"));
        QCOMPARE(first.tradeTime, china(2019, 9, 16, 10, 55, 16));
        QCOMPARE(first.completeTime, china(2019, 9, 16, 10, 55, 23));
        QVERIFY(first.merchantRefundNo.isEmpty());
        QCOMPARE(first.status, StatementLineStatus::Succeeded);
        QCOMPARE(first.channelStatus, QStringLiteral("交易"));

        const StatementLine &refund = parsed.lines[1];
        QCOMPARE(refund.type, StatementLineType::Refund);
        QCOMPARE(refund.amount, fen(1));
        QCOMPARE(refund.tradeType, QStringLiteral("退款"));
        QCOMPARE(refund.merchantRefundNo, QStringLiteral("re_test_1568602607356"));
        QCOMPARE(refund.channelTransactionId, QStringLiteral("2019091622001458860515315453"));
        QCOMPARE(refund.completeTime, china(2019, 9, 16, 10, 56, 48));

        const StatementLine &withFee = parsed.lines[8];
        QCOMPARE(withFee.amount, fen(9940));
        QCOMPARE(withFee.fee, fen(60));
        QCOMPARE(withFee.merchantOrderNo, QStringLiteral("20190916165659224L3VUQRL9"));
    }

    void bareUtf8Detail()
    {
        Parsed parsed = parseBytes(goodDetail().toUtf8(), QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.lines.size(), 10);
        QCOMPARE(parsed.lines[1].tradeType, QStringLiteral("退款"));

        parsed = parseBytes(QByteArray("\xEF\xBB\xBF") + goodDetail().toUtf8(), QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->refunds.count, 4);

        // LF line breaks, and a file that starts at the header (no comment lines).
        QString lf = goodDetail();
        lf.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        parsed = parseBytes(gbk(lf), QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        const QString headless = lf.mid(lf.indexOf(QStringLiteral("支付宝交易号")));
        parsed = parseBytes(gbk(headless), QStringLiteral("detail.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.lines.size(), 10);
        QVERIFY(parsed.lines[0].merchantId.isEmpty()); // no #账号
    }

    void closingTotalsAreChecked_data()
    {
        QTest::addColumn<QString>("trade");
        QTest::addColumn<QString>("refund");
        QTest::addColumn<int>("code");
        QTest::newRow("trade count") << QStringLiteral("#交易合计：5笔，商家实收共99.45元，商家优惠共0.60元")
                                     << QStringLiteral("#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元")
                                     << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("trade amount") << QStringLiteral("#交易合计：6笔，商家实收共99.46元，商家优惠共0.60元")
                                      << QStringLiteral("#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元")
                                      << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("merchant discount")
            << QStringLiteral("#交易合计：6笔，商家实收共99.45元，商家优惠共0.00元")
            << QStringLiteral("#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元")
            << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("refund amount sign")
            << QStringLiteral("#交易合计：6笔，商家实收共99.45元，商家优惠共0.60元")
            << QStringLiteral("#退款合计：4笔，商家实收退款共0.04元，商家优惠退款共0.00元")
            << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("refund count") << QStringLiteral("#交易合计：6笔，商家实收共99.45元，商家优惠共0.60元")
                                      << QStringLiteral("#退款合计：3笔，商家实收退款共-0.04元，商家优惠退款共0.00元")
                                      << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("bad figure") << QStringLiteral("#交易合计：6笔，商家实收共99.4.5元，商家优惠共0.60元")
                                    << QStringLiteral("#退款合计：4笔，商家实收退款共-0.04元，商家优惠退款共0.00元")
                                    << int(ErrorCode::StatementMalformed);
        QTest::newRow("no refund totals") << QStringLiteral("#交易合计：6笔，商家实收共99.45元，商家优惠共0.60元")
                                          << QString() << int(ErrorCode::StatementTruncated);
        QTest::newRow("no totals") << QString() << QString() << int(ErrorCode::StatementTruncated);
    }
    void closingTotalsAreChecked()
    {
        QFETCH(QString, trade);
        QFETCH(QString, refund);
        QFETCH(int, code);
        const Parsed parsed = parseBytes(gbk(detail(rows(), trade, refund)), QStringLiteral("detail.csv"));
        QCOMPARE(int(parsed.code()), code);
    }

    void truncatedDetail()
    {
        const QByteArray bytes = gbk(goodDetail());
        // Cut inside the 7th row: the rows before are fine, the file ends early.
        const qsizetype cut = bytes.indexOf("qd_201909161455139634Sjad2vy") + 10;
        const Parsed parsed = parseBytes(bytes.left(cut), QStringLiteral("detail.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
        QCOMPARE(parsed.context(), QStringLiteral("detail.csv: line 12"));
        QCOMPARE(parseBytes(bytes.left(bytes.indexOf("2019091622001458860517860493")), QStringLiteral("d.csv")).code(),
                 ErrorCode::StatementTruncated);
    }

    void malformedRows_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::newRow("unknown business type") << QStringLiteral("\t,交易\t,千丁") << QStringLiteral("\t,转账\t,千丁");
        QTest::newRow("refund amount positive")
            << QStringLiteral("-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568602607356")
            << QStringLiteral("0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568602607356");
        QTest::newRow("trade amount negative") << QStringLiteral("100.00,99.40") << QStringLiteral("100.00,-99.40");
        QTest::newRow("three decimals") << QStringLiteral("100.00,99.40") << QStringLiteral("100.00,99.401");
        QTest::newRow("exponent") << QStringLiteral("100.00,99.40") << QStringLiteral("1e2,99.40");
        QTest::newRow("letters in a fee") << QStringLiteral("\t,-0.60,0.00,") << QStringLiteral("\t,abc,0.00,");
        QTest::newRow("missing field") << QStringLiteral("\t,-0.60,0.00,") << QStringLiteral("\t,-0.60,");
        QTest::newRow("extra field") << QStringLiteral("\t,-0.60,0.00,") << QStringLiteral("\t,-0.60,0.00,,");
        QTest::newRow("bad time") << QStringLiteral("2019-09-16 16:58:56") << QStringLiteral("2019/09/16 16:58:56");
        QTest::newRow("empty creation time") << QStringLiteral("2019-09-16 16:58:56,") << QStringLiteral(",");
    }
    void malformedRows()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QString text = goodDetail();
        // Each change hits the first row containing it; the 交易 with a fee is line 14.
        const qsizetype at = text.indexOf(from);
        QVERIFY(at >= 0);
        const qint64 lineNumber = text.left(at).count(QLatin1Char('\n')) + 1;
        text.replace(at, from.size(), to);
        const Parsed parsed = parseBytes(gbk(text), QStringLiteral("detail.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("detail.csv: line %1").arg(lineNumber));
    }

    void invalidGbkIsMalformed()
    {
        QByteArray bytes = gbk(goodDetail());
        const qsizetype at = bytes.indexOf("20190916165659224L3VUQRL9");
        bytes[at + 3] = char(0x81); // a lead byte followed by "0", not a trail byte
        Parsed parsed = parseBytes(bytes, QStringLiteral("detail.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        bytes = gbk(goodDetail());
        bytes[bytes.indexOf("20190916165659224L3VUQRL9") + 3] = char(0xFF);
        parsed = parseBytes(bytes, QStringLiteral("detail.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("detail.csv: line 14"));
    }

    void zipWithGbkNames()
    {
        const QString detailName = QStringLiteral("2088021109625633_20190916_业务明细.csv");
        const QString summaryName = QStringLiteral("2088021109625633_20190916_业务明细(汇总).csv");
        QVERIFY(!QString::fromUtf8(gbk(detailName)).contains(QStringLiteral("业务明细"))); // really not UTF-8
        const QString path = zipOf(QStringLiteral("2088021109625633_20190916.csv.zip"),
                                   {{gbk(detailName), gbk(goodDetail())}, {gbk(summaryName), gbk(goodSummary())}});
        QVERIFY(!path.isEmpty());
        const Parsed parsed = parseFile(path);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::AlipayDetail);
        QCOMPARE(parsed.lines.size(), 10);
        QCOMPARE(parsed.summary->files.size(), 2);
        QCOMPARE(parsed.summary->files[0].name, detailName);
        QCOMPARE(parsed.summary->files[0].format, StatementFormat::AlipayDetail);
        QCOMPARE(parsed.summary->files[0].lines, 10);
        QCOMPARE(parsed.summary->files[1].name, summaryName);
        QCOMPARE(parsed.summary->files[1].format, StatementFormat::AlipaySummary);
        QCOMPARE(parsed.summary->files[1].lines, 0);
        QCOMPARE(parsed.lines[0].file, detailName);

        // The summary first: the check still runs once both are read.
        const QString reversed = zipOf(QStringLiteral("reversed.zip"),
                                       {{gbk(summaryName), gbk(goodSummary())}, {gbk(detailName), gbk(goodDetail())}});
        QVERIFY2(parseFile(reversed).summary, qPrintable(parseFile(reversed).message()));
    }

    void summaryIsCheckedAgainstTheDetail_data()
    {
        QTest::addColumn<QString>("summaryText");
        QTest::addColumn<int>("code");
        QTest::newRow("total count") << summary(
                                            QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,98.80"),
                                            QStringLiteral("合计,,6,5,100.01,99.41,0.00,0.60,0.00,-0.60,0.00,98.81"))
                                     << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("store fee") << summary(QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.50,0.00,98.90"),
                                              QStringLiteral("合计,,6,4,100.01,99.41,0.00,0.60,0.00,-0.50,0.00,98.91"))
                                   << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("stores do not add up")
            << summary(QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,98.80"),
                       QStringLiteral("合计,,6,4,100.02,99.41,0.00,0.60,0.00,-0.60,0.00,98.81"))
            << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("net is not received + fee")
            << summary(QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,99.40"),
                       QStringLiteral("合计,,6,4,100.01,99.41,0.00,0.60,0.00,-0.60,0.00,99.41"))
            << int(ErrorCode::StatementTotalsMismatch);
        // Consistent in itself (the stores add up to 合计), but the detail's store without id has no row.
        QTest::newRow("store missing") << summary(QString(),
                                                  QStringLiteral("合计,,5,4,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.01"))
                                       << int(ErrorCode::StatementTotalsMismatch);
        QTest::newRow("comment among the rows")
            << summary(QStringLiteral("#"), QStringLiteral("合计,,5,4,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.01"))
            << int(ErrorCode::StatementMalformed);
        QTest::newRow("bad count") << summary(
                                          QStringLiteral("\t,\t,one,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,98.80"),
                                          QStringLiteral("合计,,6,4,100.01,99.41,0.00,0.60,0.00,-0.60,0.00,98.81"))
                                   << int(ErrorCode::StatementMalformed);
    }
    void summaryIsCheckedAgainstTheDetail()
    {
        QFETCH(QString, summaryText);
        QFETCH(int, code);
        const QString path =
            zipOf(QStringLiteral("bill.zip"), {{gbk(QStringLiteral("a_业务明细.csv")), gbk(goodDetail())},
                                               {gbk(QStringLiteral("a_业务明细(汇总).csv")), gbk(summaryText)}});
        const Parsed parsed = parseFile(path);
        QCOMPARE(int(parsed.code()), code);
        QVERIFY(parsed.context().startsWith(QStringLiteral("bill.zip: a_业务明细(汇总).csv")));
    }

    void storeOnlyInTheSummary()
    {
        const QString extra =
            summary(QStringLiteral("\t,\t,1,0,100.00,99.40,0.00,0.60,0.00,-0.60,0.00,98.80\r\n"
                                   "elsewhere\t,elsewhere\t,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00"),
                    QStringLiteral("合计,,6,4,100.01,99.41,0.00,0.60,0.00,-0.60,0.00,98.81"));
        const QString path =
            zipOf(QStringLiteral("extra.zip"), {{gbk(QStringLiteral("a_业务明细.csv")), gbk(goodDetail())},
                                                {gbk(QStringLiteral("a_业务明细(汇总).csv")), gbk(extra)}});
        const Parsed parsed = parseFile(path);
        QCOMPARE(parsed.code(), ErrorCode::StatementTotalsMismatch);
        QVERIFY(parsed.message().contains(QStringLiteral("elsewhere")));
    }

    void zeroLineDay()
    {
        const QString empty = detail({}, QStringLiteral("#交易合计：0笔，商家实收共0.00元，商家优惠共0.00元"),
                                     QStringLiteral("#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元"));
        const QString emptySummary =
            summary(QStringLiteral("#"), QStringLiteral("合计,,0,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00"))
                .remove(QStringLiteral(
                    "alipay_store\t,alipay_store\t,5,4,0.01,0.01,0.00,0.00,0.00,0.00,0.00,0.01\r\n#\r\n"));
        const QString path =
            zipOf(QStringLiteral("empty.zip"), {{gbk(QStringLiteral("a_业务明细.csv")), gbk(empty)},
                                                {gbk(QStringLiteral("a_业务明细(汇总).csv")), gbk(emptySummary)}});
        const Parsed parsed = parseFile(path);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->lineCount(), 0);
        QCOMPARE(parsed.summary->files.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAlipayBill)
#include "tst_alipaybill.moc"
