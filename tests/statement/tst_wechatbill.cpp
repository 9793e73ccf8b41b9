#include "tests/statement/StatementTestSupport.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::statementtest;

Q_DECLARE_METATYPE(paydesk::ErrorCode)

// The WeChat Pay v3 trade bill reader, starting from the real ALL bill in tests/data/vectors.
class TestWeChatBill : public QObject
{
    Q_OBJECT

private:
    QByteArray m_vector;

    static const char *allHeader()
    {
        return "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
               "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
               "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    }
    static const char *totalsHeader()
    {
        return "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    }

    // The vector's lines (without CRLF); the last element is the empty string after the final CRLF.
    QList<QByteArray> vectorLines() const { return m_vector.split('\n'); }
    static QByteArray joined(const QList<QByteArray> &lines) { return lines.join('\n'); }

    // The vector with one field of one line replaced (fields counted from 0, backticks kept).
    QByteArray withField(int lineNumber, int field, const QByteArray &value) const
    {
        QList<QByteArray> lines = vectorLines();
        QByteArray line = lines[lineNumber - 1];
        line.chop(1); // CR
        QList<QByteArray> fields = line.split(',');
        fields[field] = '`' + value;
        lines[lineNumber - 1] = fields.join(',') + '\r';
        return joined(lines);
    }

    static QByteArray bill(const char *header, const QList<QByteArray> &rows, const QByteArray &totals,
                           const QByteArray &eol = "\r\n")
    {
        QByteArray out = QByteArray("\xEF\xBB\xBF") + header + eol;
        for (const QByteArray &row : rows)
            out += row + eol;
        out += QByteArray(totalsHeader()) + eol + totals + eol;
        return out;
    }

private slots:
    void initTestCase()
    {
        m_vector = readFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"));
        QVERIFY(m_vector.startsWith("\xEF\xBB\xBF"));
        QCOMPARE(m_vector.count("\r\n"), 48);
    }

    void vectorParsesToItsTrailer()
    {
        const Parsed parsed = parseFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        const StatementSummary &summary = *parsed.summary;
        QCOMPARE(summary.format, StatementFormat::WeChatAll);
        QCOMPARE(parsed.lines.size(), 45);
        QCOMPARE(summary.lineCount(), 45);
        QCOMPARE(summary.files.size(), 1);
        QCOMPARE(summary.files[0].name, QStringLiteral("bill.ALL.csv"));
        QCOMPARE(summary.files[0].lines, 45);
        // Trailer: `45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14
        QCOMPARE(summary.payments.count, 31);
        QCOMPARE(summary.refunds.count, 14);
        QCOMPARE(summary.payments.amount(), fen(47)); // 应结订单总金额 0.47
        QCOMPARE(summary.refunds.amount(), fen(14));  // 退款总金额 0.14
        QCOMPARE(summary.payments.fee(), fen(8));     // 手续费总金额 0.08
        QCOMPARE(summary.refunds.fee(), fen(0));
        qint64 amounts = 0;
        qint64 fees = 0;
        for (const StatementLine &line : parsed.lines) {
            amounts += line.amount.minor();
            fees += line.fee.minor();
            QCOMPARE(line.format, StatementFormat::WeChatAll);
            QCOMPARE(line.tradeTime.timeSpec(), Qt::UTC);
        }
        QCOMPARE(amounts, 47 + 14);
        QCOMPARE(fees, 8);
    }

    void vectorRowsAreMapped()
    {
        const Parsed parsed = parseFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        const StatementLine &refund = parsed.lines.at(0);
        QCOMPARE(refund.lineNumber, 2);
        QCOMPARE(refund.file, QStringLiteral("bill.ALL.csv"));
        QCOMPARE(refund.type, StatementLineType::Refund);
        QCOMPARE(refund.tradeTime, QDateTime(QDate(2019, 2, 18), QTime(21, 1, 46), Qt::UTC)); // 05:01:46 China
        QVERIFY(!refund.completeTime.isValid());
        QCOMPARE(refund.channelTransactionId, QStringLiteral("4200000263201902167700134212"));
        QCOMPARE(refund.merchantOrderNo, QStringLiteral("autotest_20190216081946_82335"));
        QCOMPARE(refund.channelRefundNo, QStringLiteral("50000709672019011908420787722"));
        QCOMPARE(refund.merchantRefundNo, QStringLiteral("REF4200000263201902167700963919"));
        QCOMPARE(refund.amount, fen(1));
        QCOMPARE(refund.fee, fen(0));
        QCOMPARE(refund.status, StatementLineStatus::Succeeded); // 退款状态 SUCCESS
        QCOMPARE(refund.channelStatus, QStringLiteral("REFUND/SUCCESS"));
        QCOMPARE(refund.merchantId, QStringLiteral("1921000401")); // 特约商户号 is "0"
        QCOMPARE(refund.appId, QStringLiteral("wxab8acd895ab1638a"));
        QCOMPARE(refund.tradeType, QStringLiteral("JSAPI"));

        const StatementLine &payment = parsed.lines.at(2);
        QCOMPARE(payment.lineNumber, 4);
        QCOMPARE(payment.type, StatementLineType::Payment);
        QCOMPARE(payment.tradeTime, china(2019, 2, 19, 1, 52, 32));
        QCOMPARE(payment.channelTransactionId, QStringLiteral("4200000263201902167700134902"));
        QCOMPARE(payment.merchantOrderNo, QStringLiteral("autotest_20190219015232_89201"));
        QVERIFY(payment.channelRefundNo.isEmpty()); // the bill prints "0"
        QVERIFY(payment.merchantRefundNo.isEmpty());
        QCOMPARE(payment.amount, fen(3));
        QCOMPARE(payment.fee, fen(1)); // 0.01000
        QCOMPARE(payment.status, StatementLineStatus::Succeeded);
        QCOMPARE(payment.channelStatus, QStringLiteral("SUCCESS"));
        QCOMPARE(payment.tradeType, QStringLiteral("NATIVE"));
    }

    void withoutBomAndWithLf()
    {
        const QByteArray noBom = m_vector.mid(3);
        Parsed parsed = parseBytes(noBom, QStringLiteral("nobom.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->lineCount(), 45);

        QByteArray lf = m_vector;
        lf.replace("\r\n", "\n");
        parsed = parseBytes(lf, QStringLiteral("lf.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->payments.amount(), fen(47));
        QCOMPARE(parsed.lines.at(0).channelRefundNo, QStringLiteral("50000709672019011908420787722"));

        QByteArray noFinalBreak = m_vector;
        noFinalBreak.chop(2);
        parsed = parseBytes(noFinalBreak, QStringLiteral("nobreak.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->lineCount(), 45);
    }

    void truncatedFiles()
    {
        QList<QByteArray> lines = vectorLines();
        // Rows only, no trailer.
        Parsed parsed = parseBytes(joined(lines.mid(0, 31)), QStringLiteral("cut.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
        // The trailer's names without the totals line.
        parsed = parseBytes(joined(lines.mid(0, 47)) + '\n', QStringLiteral("cut.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
        // Cut in the middle of a row.
        const qsizetype middle = m_vector.indexOf("\r\n`2019-02-19 18:19:32") + 40;
        parsed = parseBytes(m_vector.left(middle), QStringLiteral("cut.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
        QCOMPARE(parsed.context(), QStringLiteral("cut.csv: line 5"));
        // Header only.
        parsed = parseBytes(QByteArray("\xEF\xBB\xBF") + allHeader() + "\r\n", QStringLiteral("cut.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
    }

    void totalsMismatch_data()
    {
        QTest::addColumn<QByteArray>("totals");
        QTest::addColumn<QString>("figure");
        QTest::newRow("count") << QByteArray("`44.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.14")
                               << QStringLiteral("总交易单数");
        QTest::newRow("settlement") << QByteArray("`45.0,`0.48,`0.14,`0.0,`0.08,`0.47,`0.14")
                                    << QStringLiteral("应结订单总金额");
        QTest::newRow("refunds") << QByteArray("`45.0,`0.47,`0.13,`0.0,`0.08,`0.47,`0.14")
                                 << QStringLiteral("退款总金额");
        QTest::newRow("recharge refunds")
            << QByteArray("`45.0,`0.47,`0.14,`0.01,`0.08,`0.47,`0.14") << QStringLiteral("充值券退款总金额");
        QTest::newRow("fees") << QByteArray("`45.0,`0.47,`0.14,`0.0,`0.09,`0.47,`0.14")
                              << QStringLiteral("手续费总金额");
        QTest::newRow("orders") << QByteArray("`45.0,`0.47,`0.14,`0.0,`0.08,`0.46,`0.14")
                                << QStringLiteral("订单总金额");
        QTest::newRow("refund requests") << QByteArray("`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`1.4")
                                         << QStringLiteral("申请退款总金额");
    }
    void totalsMismatch()
    {
        QFETCH(QByteArray, totals);
        QFETCH(QString, figure);
        QList<QByteArray> lines = vectorLines();
        lines[47] = totals + '\r';
        const Parsed parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTotalsMismatch);
        QCOMPARE(parsed.context(), QStringLiteral("bill.csv: line 48"));
        QVERIFY2(parsed.message().contains(figure), qPrintable(parsed.message()));
    }

    void missingRowIsCaughtByTheTrailer()
    {
        QList<QByteArray> lines = vectorLines();
        lines.removeAt(10);
        const Parsed parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementTotalsMismatch);
    }

    void javaNotationTotalsAreExact()
    {
        QList<QByteArray> lines = vectorLines();
        lines[47] = QByteArray("`4.5E1,`0.470,`0.14,`0,`0.08,`0.47,`1.4E-1\r");
        const Parsed parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        lines[47] = QByteArray("`45.0,`0.47,`0.14,`0.0,`0.08,`0.47,`0.145\r");
        QCOMPARE(parseBytes(joined(lines), QStringLiteral("bill.csv")).code(), ErrorCode::StatementMalformed);
    }

    void malformedAmounts_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("value");
        // Line 17 is a payment row: 应结订单金额 is field 12, 手续费 field 22.
        QTest::newRow("three decimals") << 12 << QByteArray("0.001");
        QTest::newRow("exponent") << 12 << QByteArray("1e3");
        QTest::newRow("letters") << 12 << QByteArray("abc");
        QTest::newRow("empty") << 12 << QByteArray("");
        QTest::newRow("negative") << 12 << QByteArray("-0.01");
        QTest::newRow("comma decimal") << 24 << QByteArray("0,01");
        QTest::newRow("amount with a fee's five decimals") << 12 << QByteArray("0.03000");
        QTest::newRow("fee with a fraction of a fen") << 22 << QByteArray("0.00600");
        QTest::newRow("fee in yuan with 6 decimals") << 22 << QByteArray("0.010001");
        QTest::newRow("negative fee on a payment") << 22 << QByteArray("-0.01000");
        QTest::newRow("bad time") << 0 << QByteArray("2019-02-30 05:01:46");
        QTest::newRow("time without seconds") << 0 << QByteArray("2019-02-19 05:01");
        QTest::newRow("unknown state") << 9 << QByteArray("NOTPAY");
    }
    void malformedAmounts()
    {
        QFETCH(int, field);
        QFETCH(QByteArray, value);
        const Parsed parsed = parseBytes(withField(17, field, value), QStringLiteral("bill.ALL.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("bill.ALL.csv: line 17"));
        QCOMPARE(parsed.lines.size(), 15); // the rows before were handed on, none after
    }

    void feeExcessZerosAreExact()
    {
        const Parsed parsed = parseBytes(withField(17, 22, "0.01000"), QStringLiteral("bill.csv"));
        // Exactly one fen more in fees than the trailer's 0.08.
        QCOMPARE(parsed.code(), ErrorCode::StatementTotalsMismatch);
        QVERIFY(parsed.message().contains(QStringLiteral("0.09")));
    }

    void wrongFieldCounts()
    {
        QList<QByteArray> lines = vectorLines();
        QByteArray shorter = lines[16];
        shorter.remove(shorter.lastIndexOf(",`"), 2);
        lines[16] = shorter;
        Parsed parsed = parseBytes(joined(lines), QStringLiteral("bill.ALL.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("bill.ALL.csv: line 17"));

        lines = vectorLines();
        lines[16].insert(5, ",`extra");
        parsed = parseBytes(joined(lines), QStringLiteral("bill.ALL.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QVERIFY(parsed.message().contains(QStringLiteral("28 fields")));

        // A header that is no known layout.
        lines = vectorLines();
        lines[0] = lines[0].left(lines[0].lastIndexOf(','));
        parsed = parseBytes(joined(lines), QStringLiteral("bill.ALL.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("bill.ALL.csv: line 1"));
    }

    void badEncodingAndStrayLines()
    {
        QList<QByteArray> lines = vectorLines();
        QVERIFY(lines[3].contains("`autotest,"));
        lines[3].replace("`autotest,", "`auto\xFFtest,");
        Parsed parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("bill.csv: line 4"));

        lines = vectorLines();
        lines.insert(20, "not a row\r");
        parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("bill.csv: line 21"));

        lines = vectorLines();
        lines.append("`1.0\r\n");
        parsed = parseBytes(joined(lines), QStringLiteral("bill.csv"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
    }

    void zeroLineDay()
    {
        const QByteArray empty = bill(allHeader(), {}, "`0.0,`0.0,`0.0,`0.0,`0.0,`0.0,`0.0");
        const Parsed parsed = parseBytes(empty, QStringLiteral("empty.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::WeChatAll);
        QCOMPARE(parsed.summary->lineCount(), 0);
        QCOMPARE(parsed.summary->files.size(), 1);
        QVERIFY(parsed.lines.isEmpty());
        // An empty day whose trailer claims a row is not empty.
        QCOMPARE(
            parseBytes(bill(allHeader(), {}, "`1.0,`0.0,`0.0,`0.0,`0.0,`0.0,`0.0"), QStringLiteral("e.csv")).code(),
            ErrorCode::StatementTotalsMismatch);
    }

    void successLayout()
    {
        const char *header =
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            "货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";
        const QList<QByteArray> rows = {
            "`2026-11-02 "
            "10:15:00,`wx0001,`1900000001,`1900000099,`,`4200000001,`ORD-1,`oUser,`JSAPI,`SUCCESS,`CMB_CREDIT,"
            "`CNY,`99.40,`0.60,`咖啡,`,`0.60000,`0.60%,`100.00,`",
            "`2026-11-02 23:59:59,`wx0001,`1900000001,`0,`,`4200000002,`ORD-2,`oUser,`NATIVE,`SUCCESS,`OTHERS,`CNY,"
            "`12.30,`0.00,`茶,`,`0.07000,`0.60%,`12.30,`",
        };
        const Parsed parsed =
            parseBytes(bill(header, rows, "`2.0,`111.70,`0.0,`0.0,`0.67,`112.30,`0.0"), QStringLiteral("s.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::WeChatSuccess);
        QCOMPARE(parsed.lines.size(), 2);
        QCOMPARE(parsed.lines[0].amount, fen(9940)); // 应结订单金额, not 订单金额
        QCOMPARE(parsed.lines[0].fee, fen(60));
        QCOMPARE(parsed.lines[0].merchantId, QStringLiteral("1900000099")); // the sub-merchant
        QCOMPARE(parsed.lines[1].merchantId, QStringLiteral("1900000001"));
        QCOMPARE(parsed.lines[1].tradeTime, QDateTime(QDate(2026, 11, 2), QTime(15, 59, 59), Qt::UTC));
        QCOMPARE(parsed.summary->payments.amount(), fen(11170));
        QCOMPARE(parsed.summary->refunds.count, 0);

        QList<QByteArray> refundInSuccess = rows;
        refundInSuccess[1].replace("`SUCCESS", "`REFUND");
        QCOMPARE(parseBytes(bill(header, refundInSuccess, "`2.0,`111.70,`0.0,`0.0,`0.67,`112.30,`0.0"),
                            QStringLiteral("s.csv"))
                     .code(),
                 ErrorCode::StatementMalformed);
    }

    void refundLayout()
    {
        const char *header =
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            "货币种类,应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,"
            "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
        const QList<QByteArray> rows = {
            "`2026-11-01 09:00:00,`wx0001,`1900000001,`0,`,`4200000001,`ORD-1,`oUser,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,"
            "`0.00,`2026-11-02 10:00:00,`2026-11-02 "
            "10:00:05,`50300000001,`REF-1,`30.00,`0.00,`ORIGINAL,`SUCCESS,`咖啡,`,"
            "`-0.18000,`0.60%,`0.00,`30.00,`",
            "`2026-11-01 09:30:00,`wx0001,`1900000001,`0,`,`4200000003,`ORD-3,`oUser,`JSAPI,`REFUND,`OTHERS,`CNY,`0.00,"
            "`0.00,`2026-11-02 11:00:00,`,`50300000002,`REF-2,`5.00,`0.00,`ORIGINAL,`PROCESSING,`咖啡,`,"
            "`0.00000,`0.60%,`0.00,`5.00,`",
        };
        const Parsed parsed =
            parseBytes(bill(header, rows, "`2.0,`0.0,`35.0,`0.0,`-0.18,`0.0,`35.0", "\n"), QStringLiteral("r.csv"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::WeChatRefund);
        QCOMPARE(parsed.lines.size(), 2);
        const StatementLine &first = parsed.lines[0];
        QCOMPARE(first.type, StatementLineType::Refund);
        QCOMPARE(first.amount, fen(3000));
        QCOMPARE(first.fee, fen(18)); // printed negative: given back
        QCOMPARE(first.channelRefundNo, QStringLiteral("50300000001"));
        QCOMPARE(first.merchantRefundNo, QStringLiteral("REF-1"));
        QCOMPARE(first.tradeTime, china(2026, 11, 1, 9, 0, 0));
        QCOMPARE(first.completeTime, china(2026, 11, 2, 10, 0, 5));
        QVERIFY(!parsed.lines[1].completeTime.isValid());
        QCOMPARE(parsed.summary->refunds.amount(), fen(3500));
        QCOMPARE(parsed.summary->refunds.fee(), fen(18));
        QCOMPARE(parsed.summary->payments.count, 0);

        QList<QByteArray> paymentInRefund = rows;
        paymentInRefund[1].replace("`REFUND", "`SUCCESS");
        QCOMPARE(
            parseBytes(bill(header, paymentInRefund, "`2.0,`0.0,`35.0,`0.0,`-0.18,`0.0,`35.0"), QStringLiteral("r.csv"))
                .code(),
            ErrorCode::StatementMalformed);
        QList<QByteArray> badSuccessTime = rows;
        badSuccessTime[0].replace("`2026-11-02 10:00:05", "`2026-11-02T10:00:05");
        QCOMPARE(
            parseBytes(bill(header, badSuccessTime, "`2.0,`0.0,`35.0,`0.0,`-0.18,`0.0,`35.0"), QStringLiteral("r.csv"))
                .code(),
            ErrorCode::StatementMalformed);
    }

    void stoppingEarlyIsCancelled()
    {
        QByteArray data = m_vector;
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        int seen = 0;
        auto summary = StatementParser::parse(buffer, QStringLiteral("bill.csv"),
                                              [&seen](const StatementLine &) { return ++seen < 3; });
        QVERIFY(!summary);
        QCOMPARE(summary.error().code(), ErrorCode::Cancelled);
        QCOMPARE(seen, 3);
    }
};

QTEST_GUILESS_MAIN(TestWeChatBill)
#include "tst_wechatbill.moc"
