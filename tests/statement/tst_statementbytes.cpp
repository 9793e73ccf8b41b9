#include "tests/statement/StatementTestSupport.h"

#include "core/channel/statement/LineReader.h"
#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"
#include "core/channel/statement/StatementText.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::statementtest;

// The byte-level pieces under every statement reader: splitting, exact numbers, China time,
// encodings and the line reader.
class TestStatementBytes : public QObject
{
    Q_OBJECT

private:
    static QList<QByteArray> splitToList(QByteArrayView line, char separator, qsizetype capacity = 8)
    {
        QByteArrayView fields[16];
        const qsizetype count = StatementBytes::split(line, separator, fields, capacity);
        QList<QByteArray> out;
        for (qsizetype i = 0; i < qMin(count, capacity); ++i)
            out << fields[i].toByteArray();
        if (count > capacity)
            out << QByteArray("<more>");
        return out;
    }
    static QList<QByteArray> backticked(QByteArrayView line, qsizetype capacity = 8)
    {
        QByteArrayView fields[16];
        const qsizetype count = StatementBytes::splitBackticked(line, fields, capacity);
        QList<QByteArray> out;
        if (count < 0)
            return {QByteArray("<no backtick>")};
        for (qsizetype i = 0; i < qMin(count, capacity); ++i)
            out << fields[i].toByteArray();
        if (count > capacity)
            out << QByteArray("<more>");
        return out;
    }

private slots:
    void splitting()
    {
        QCOMPARE(splitToList("a,b,,c", ','), (QList<QByteArray>{"a", "b", "", "c"}));
        QCOMPARE(splitToList("", ','), (QList<QByteArray>{""}));
        QCOMPARE(splitToList("a,", ','), (QList<QByteArray>{"a", ""}));
        QCOMPARE(splitToList("a,b,c", ',', 2), (QList<QByteArray>{"a", "b", "<more>"}));
        QCOMPARE(backticked("`a,`b,`"), (QList<QByteArray>{"a", "b", ""}));
        QCOMPARE(backticked("`1,000,`x"), (QList<QByteArray>{"1,000", "x"}));
        QCOMPARE(backticked("`a,"), (QList<QByteArray>{"a,"}));
        QCOMPARE(backticked("a,`b"), (QList<QByteArray>{"<no backtick>"}));
        QCOMPARE(backticked("`a,`b,`c", 2), (QList<QByteArray>{"a", "b", "<more>"}));
        QCOMPARE(StatementBytes::trimTrailingTabs("abc\t\t").toByteArray(), QByteArray("abc"));
        QCOMPARE(StatementBytes::trimTrailingTabs("\tabc").toByteArray(), QByteArray("\tabc"));
        QCOMPARE(StatementBytes::trimSpaces("  a b  ").toByteArray(), QByteArray("a b"));
        QCOMPARE(StatementBytes::trimSpaces("   ").toByteArray(), QByteArray());
    }

    void yuan()
    {
        QCOMPARE(*StatementBytes::parseYuan("0.01", "x"), 1);
        QCOMPARE(*StatementBytes::parseYuan("-12.3", "x"), -1230);
        QCOMPARE(*StatementBytes::parseYuan("0.01000", "x", true), 1);
        QCOMPARE(StatementBytes::parseYuan("0.01000", "x").error().code(), ErrorCode::StatementMalformed);
        QCOMPARE(StatementBytes::parseYuan("0.00600", "手续费", true).error().code(), ErrorCode::StatementMalformed);
        QVERIFY(StatementBytes::parseYuan("0.00600", "手续费", true)
                    .error()
                    .detail()
                    .startsWith(QStringLiteral("手续费 '0.00600'")));
        QByteArray out;
        StatementBytes::appendYuan(out, 1);
        out += ' ';
        StatementBytes::appendYuan(out, -123456);
        out += ' ';
        StatementBytes::appendYuan(out, 0, 3);
        out += ' ';
        StatementBytes::appendYuan(out, std::numeric_limits<qint64>::min());
        QCOMPARE(out, QByteArray("0.01 -1234.56 0.00000 -92233720368547758.08"));
    }

    void javaDoubles_data()
    {
        QTest::addColumn<qint64>("units");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << qint64(0) << 2 << QByteArray("0.0");
        QTest::newRow("count") << qint64(45) << 0 << QByteArray("45.0");
        QTest::newRow("fen") << qint64(47) << 2 << QByteArray("0.47");
        QTest::newRow("ten fen") << qint64(10) << 2 << QByteArray("0.1");
        QTest::newRow("one fen") << qint64(1) << 2 << QByteArray("0.01");
        QTest::newRow("whole yuan") << qint64(100) << 2 << QByteArray("1.0");
        QTest::newRow("negative") << qint64(-18) << 2 << QByteArray("-0.18");
        QTest::newRow("below 1e7") << qint64(999999999) << 2 << QByteArray("9999999.99");
        QTest::newRow("1e7") << qint64(1000000000) << 2 << QByteArray("1.0E7");
        QTest::newRow("count 1e7") << qint64(10000000) << 0 << QByteArray("1.0E7");
        QTest::newRow("above 1e7") << qint64(1234567891) << 2 << QByteArray("1.234567891E7");
        QTest::newRow("million count") << qint64(1000000) << 0 << QByteArray("1000000.0");
    }
    void javaDoubles()
    {
        QFETCH(qint64, units);
        QFETCH(int, decimals);
        QFETCH(QByteArray, text);
        QCOMPARE(StatementBytes::javaDoubleText(units, decimals), text);
        auto parsed = StatementBytes::parseJavaDouble(text, decimals);
        QVERIFY(parsed);
        QCOMPARE(*parsed, units);
    }

    void javaDoublesAreNeverRounded()
    {
        QCOMPARE(StatementBytes::parseJavaDouble("0.001", 2).error().code(), ErrorCode::AmountTooManyDecimals);
        QCOMPARE(StatementBytes::parseJavaDouble("45.5", 0).error().code(), ErrorCode::AmountTooManyDecimals);
        QCOMPARE(StatementBytes::parseJavaDouble("1.5E-3", 2).error().code(), ErrorCode::AmountTooManyDecimals);
        QCOMPARE(StatementBytes::parseJavaDouble("abc", 2).error().code(), ErrorCode::AmountMalformed);
        QCOMPARE(StatementBytes::parseJavaDouble("1.", 2).error().code(), ErrorCode::AmountMalformed);
        QCOMPARE(StatementBytes::parseJavaDouble("1E", 2).error().code(), ErrorCode::AmountMalformed);
        QCOMPARE(StatementBytes::parseJavaDouble("", 2).error().code(), ErrorCode::AmountMalformed);
        QCOMPARE(StatementBytes::parseJavaDouble("1.0E30", 2).error().code(), ErrorCode::AmountOutOfRange);
        QCOMPARE(*StatementBytes::parseJavaDouble("0.470", 2), 47);
        QCOMPARE(*StatementBytes::parseJavaDouble("45", 0), 45);
    }

    void chinaTime()
    {
        QCOMPARE(ShanghaiTime::parse("2019-02-19 05:01:46"), QDateTime(QDate(2019, 2, 18), QTime(21, 1, 46), Qt::UTC));
        QCOMPARE(ShanghaiTime::parse("2024-02-29 23:59:59"), QDateTime(QDate(2024, 2, 29), QTime(15, 59, 59), Qt::UTC));
        QVERIFY(!ShanghaiTime::parse("2023-02-29 00:00:00").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-13-01 00:00:00").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-02-19 24:00:00").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-02-19 05:60:00").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-02-19T05:01:46").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-02-19 05:01:4a").isValid());
        QVERIFY(!ShanghaiTime::parse("2019-02-19 05:01:46 ").isValid());
        // Before 1992 China had daylight saving time in summer (1986–1991): UTC+9 then.
        QCOMPARE(ShanghaiTime::parse("1988-06-01 12:00:00"), QDateTime(QDate(1988, 6, 1), QTime(3, 0), Qt::UTC));
        QCOMPARE(ShanghaiTime::parse("1988-12-01 12:00:00"), QDateTime(QDate(1988, 12, 1), QTime(4, 0), Qt::UTC));

        QByteArray out;
        ShanghaiTime::append(out, QDateTime(QDate(2019, 12, 31), QTime(16, 0, 1), Qt::UTC));
        QCOMPARE(out, QByteArray("2020-01-01 00:00:01"));
        const ShanghaiTime::Fields f = ShanghaiTime::toLocal(QDateTime(QDate(1988, 6, 1), QTime(3, 0), Qt::UTC));
        QCOMPARE(f.hour, 12);
    }

    void encodings()
    {
        QVERIFY(StatementBytes::isValidUtf8("交易时间"));
        QVERIFY(!StatementBytes::isValidUtf8("\xE4\xBA"));         // cut
        QVERIFY(!StatementBytes::isValidUtf8("\xC0\xAF"));         // overlong
        QVERIFY(!StatementBytes::isValidUtf8("\xED\xA0\x80"));     // surrogate
        QVERIFY(!StatementBytes::isValidUtf8("\xF4\x90\x80\x80")); // above U+10FFFF
        const QByteArray gbkText = gbk(QStringLiteral("业务明细（元）"));
        QVERIFY(StatementBytes::isValidGbk(gbkText));
        QVERIFY(!StatementBytes::isValidGbk(gbkText.left(3)));
        QVERIFY(!StatementBytes::isValidGbk("\x81\x20"));
        QVERIFY(!StatementBytes::isValidGbk("\xFF\x40"));
        QVERIFY(StatementBytes::isAscii("0123456789abcdef,`"));
        QVERIFY(!StatementBytes::isAscii("0123456789abcdef\x80"));

        StatementText text(StatementEncoding::Gbk);
        QVERIFY(text.isAvailable());
        QString target = QStringLiteral("previous");
        QVERIFY(text.assign(target, gbkText));
        QCOMPARE(target, QStringLiteral("业务明细（元）"));
        QVERIFY(text.assign(target, "ascii"));
        QCOMPARE(target, QStringLiteral("ascii"));
        QVERIFY(!text.assign(target, "\x81\x20"));
        QCOMPARE(text.encode(QStringLiteral("交易")), gbk(QStringLiteral("交易")));
    }

    void lineReader()
    {
        QByteArray data = "one\r\ntwo\n\r\nfour";
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        LineReader reader(buffer, 2); // a tiny buffer: lines straddle refills
        QByteArrayView line;
        QStringList lines;
        while (reader.next(&line))
            lines << QString::fromLatin1(line) + QString::number(reader.lineNumber());
        QCOMPARE(lines, (QStringList{QStringLiteral("one1"), QStringLiteral("two2"), QStringLiteral("3"),
                                     QStringLiteral("four4")}));
        QVERIFY(!reader.lastLineTerminated());
        QVERIFY(!reader.failed());

        QByteArray huge(LineReader::kMaxLineLength + 10, 'x');
        QBuffer hugeBuffer(&huge);
        hugeBuffer.open(QIODevice::ReadOnly);
        LineReader hugeReader(hugeBuffer);
        QVERIFY(!hugeReader.next(&line));
        QVERIFY(hugeReader.failed());
    }
};

QTEST_GUILESS_MAIN(TestStatementBytes)
#include "tst_statementbytes.moc"
