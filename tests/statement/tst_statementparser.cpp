#include "tests/statement/StatementTestSupport.h"

#include "core/channel/statement/StatementDetector.h"
#include "sandbox/statement/AlipayBillZipWriter.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::statementtest;

Q_DECLARE_METATYPE(paydesk::StatementDetector::Kind)

// The entry point: formats are recognised by content, whatever the file is called, and
// anything else is refused as unknown.
class TestStatementParser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return QString();
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void detection_data()
    {
        using Kind = StatementDetector::Kind;
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("gbk");
        QTest::newRow("wechat with BOM") << QByteArray("\xEF\xBB\xBF交易时间,公众账号ID") << Kind::WeChatBill << false;
        QTest::newRow("wechat without BOM") << QByteArray("交易时间,公众账号ID") << Kind::WeChatBill << false;
        QTest::newRow("alipay detail gbk")
            << gbk(QStringLiteral("#支付宝业务明细查询\r\n")) << Kind::AlipayDetail << true;
        QTest::newRow("alipay detail utf8") << QByteArray("#支付宝业务明细查询\n") << Kind::AlipayDetail << false;
        QTest::newRow("alipay header only")
            << gbk(QStringLiteral("支付宝交易号,商户订单号,业务类型,商品名称")) << Kind::AlipayDetail << true;
        QTest::newRow("alipay summary") << gbk(QStringLiteral("#支付宝业务汇总查询\r\n")) << Kind::AlipaySummary
                                        << true;
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00") << Kind::Zip << false;
        QTest::newRow("base64 zlib") << QByteArray("eJzLSM3JyVcozy/KSQEAGgQEXQ==") << Kind::UnionPayFileContent
                                     << false;
        QTest::newRow("base64 not zlib") << QByteArray("aGVsbG8gd29ybGQ=") << Kind::Unknown << false;
        QTest::newRow("csv") << QByteArray("date,amount\n2026-01-01,1.00\n") << Kind::Unknown << false;
        QTest::newRow("empty") << QByteArray() << Kind::Unknown << false;
        QTest::newRow("wechat header later") << QByteArray("x\n交易时间,") << Kind::Unknown << false;
        QTest::newRow("zm-sized junk") << QByteArray(607, 'x') << Kind::Unknown << false;
    }
    void detection()
    {
        QFETCH(QByteArray, head);
        QFETCH(StatementDetector::Kind, kind);
        QFETCH(bool, gbk);
        const StatementDetector::Detection detection = StatementDetector::detect(head);
        QCOMPARE(detection.kind, kind);
        if (kind != StatementDetector::Kind::Unknown && kind != StatementDetector::Kind::Zip)
            QCOMPARE(detection.encoding == StatementEncoding::Gbk, gbk);
    }

    void contentDecidesNotTheName()
    {
        // The real WeChat bill under names that suggest something else.
        const QByteArray bill = readFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"));
        for (const QString &name : {QStringLiteral("20190916_业务明细.csv"), QStringLiteral("INN19091688ZM_1.zip"),
                                    QStringLiteral("statement")}) {
            const Parsed parsed = parseFile(write(name, bill));
            QVERIFY2(parsed.summary, qPrintable(parsed.message()));
            QCOMPARE(parsed.summary->format, StatementFormat::WeChatAll);
            QCOMPARE(parsed.summary->files[0].name, name);
        }
    }

    void unknownContent()
    {
        Parsed parsed = parseFile(write(QStringLiteral("bill.ALL.csv"), "date,amount\n2026-01-01,1.00\n"));
        QCOMPARE(parsed.code(), ErrorCode::StatementFormatUnknown);
        QCOMPARE(parsed.context(), QStringLiteral("bill.ALL.csv"));
        parsed = parseFile(write(QStringLiteral("empty.csv"), QByteArray()));
        QCOMPARE(parsed.code(), ErrorCode::StatementFormatUnknown);
        parsed = parseFile(write(QStringLiteral("broken.zip"), QByteArray("PK\x03\x04 not really a zip")));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        parsed = parseFile(m_dir.filePath(QStringLiteral("does-not-exist.csv")));
        QCOMPARE(parsed.code(), ErrorCode::FileUnreadable);
    }

    void sequentialDevices()
    {
        // A pipe: the bill streams through, and a zip is spooled to a temporary file first.
        const QString bill = vectorsDir() + QStringLiteral("/bill.ALL.csv");
        QProcess cat;
        cat.start(QStringLiteral("cat"), {bill});
        QVERIFY(cat.waitForStarted());
        QVERIFY(cat.waitForFinished());
        QVERIFY(cat.isSequential());
        qint64 lines = 0;
        auto summary = StatementParser::parse(cat, QStringLiteral("stdin"), [&lines](const StatementLine &) {
            ++lines;
            return true;
        });
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(lines, 45);

        AlipayBillWriter::Options options;
        options.account = QStringLiteral("20880211096256330156");
        options.billDate = QDate(2026, 11, 2);
        StatementLine payment;
        payment.channelTransactionId = QStringLiteral("2026110222001400000000000001");
        payment.amount = fen(3580);
        payment.fee = fen(21);
        payment.tradeTime = china(2026, 11, 2, 9, 30, 0);
        const QString zipPath = m_dir.filePath(QStringLiteral("alipay.zip"));
        {
            QFile zip(zipPath);
            QVERIFY(zip.open(QIODevice::WriteOnly));
            QVERIFY(AlipayBillZipWriter::writeAll(zip, options, {payment, payment}));
        }
        QProcess catZip;
        catZip.start(QStringLiteral("cat"), {zipPath});
        QVERIFY(catZip.waitForFinished());
        lines = 0;
        summary = StatementParser::parse(catZip, QStringLiteral("stdin"), [&lines](const StatementLine &) {
            ++lines;
            return true;
        });
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(summary->format, StatementFormat::AlipayDetail);
        QCOMPARE(lines, 2);
        QCOMPARE(summary->payments.amount(), fen(7160));
    }

    void noHandlerIsFine()
    {
        auto summary = StatementParser::parseFile(vectorsDir() + QStringLiteral("/bill.ALL.csv"), {});
        QVERIFY(summary);
        QCOMPARE(summary->lineCount(), 45);
        QCOMPARE(statementFormatName(summary->format), QStringLiteral("wechat-all"));
    }
};

QTEST_GUILESS_MAIN(TestStatementParser)
#include "tst_statementparser.moc"
