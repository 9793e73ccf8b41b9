#include "tests/statement/StatementTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::statementtest;

// `paydesk-cli statement parse`, run as the real binary, as a script or cron job would.
class TestStatementCli : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    QTemporaryDir m_dir;

    static Run cli(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("PAYDESK_DATABASE"));
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PAYDESK_CLI_PATH), QStringList{QStringLiteral("statement")} + arguments);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(120000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = process.readAllStandardOutput();
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    static QString bill() { return vectorsDir() + QStringLiteral("/bill.ALL.csv"); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void summary()
    {
        const Run run = cli({QStringLiteral("parse"), QStringLiteral("--file"), bill()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QStringLiteral("Format: wechat-all\n")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("File: bill.ALL.csv (wechat-all, 45 lines)\n")));
        QVERIFY(out.contains(QStringLiteral("Lines: 45\n")));
        QVERIFY(out.contains(QStringLiteral("Payments: 31, amount 0.47, fee 0.08\n")));
        QVERIFY(out.contains(QStringLiteral("Refunds: 14, amount 0.14, fee 0.00\n")));
    }

    void json()
    {
        const Run run = cli({QStringLiteral("parse"), QStringLiteral("--file"), bill(), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.endsWith('\n'));
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 45); // the lines and nothing else
        qint64 fen = 0;
        for (const QByteArray &text : lines) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(text, &error);
            QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), text.constData());
            const QJsonObject object = document.object();
            QVERIFY(object.value(QStringLiteral("amount")).isString()); // never a JSON number
            QVERIFY(object.value(QStringLiteral("fee")).isString());
            fen += Money::parse(object.value(QStringLiteral("amount")).toString(), Currency::cny())->minor();
        }
        QCOMPARE(fen, 47 + 14);
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first.value(QStringLiteral("format")).toString(), QStringLiteral("wechat-all"));
        QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("refund"));
        QCOMPARE(first.value(QStringLiteral("line")).toInt(), 2);
        QCOMPARE(first.value(QStringLiteral("amount")).toString(), QStringLiteral("0.01"));
        QCOMPARE(first.value(QStringLiteral("currency")).toString(), QStringLiteral("CNY"));
        QCOMPARE(first.value(QStringLiteral("channel_refund_no")).toString(),
                 QStringLiteral("50000709672019011908420787722"));
        QCOMPARE(first.value(QStringLiteral("trade_time")).toString(), QStringLiteral("2019-02-18T21:01:46Z"));
        QVERIFY(first.value(QStringLiteral("complete_time")).isNull());
    }

    void errorsExitOne()
    {
        QByteArray broken = readFile(bill());
        broken.replace("`45.0,", "`46.0,");
        const QString path = m_dir.filePath(QStringLiteral("broken.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(broken);
        file.close();
        Run run = cli({QStringLiteral("parse"), QStringLiteral("--file"), path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(QStringLiteral("broken.csv: line 48")), qPrintable(run.err));

        run = cli({QStringLiteral("parse"), QStringLiteral("--file"), m_dir.filePath(QStringLiteral("missing.csv"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());

        const QString unknown = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile notes(unknown);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("just some notes\n");
        notes.close();
        run = cli({QStringLiteral("parse"), QStringLiteral("--file"), unknown, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
    }

    void usageExitsTwo()
    {
        QCOMPARE(cli({QStringLiteral("parse")}).exitCode, 2);                               // no --file
        QCOMPARE(cli({QStringLiteral("parse"), QStringLiteral("--nonsense")}).exitCode, 2); // unknown option
        QCOMPARE(cli({QStringLiteral("parse"), QStringLiteral("--file"), bill(), QStringLiteral("--date"),
                      QStringLiteral("16.09.2019")})
                     .exitCode,
                 2);
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2); // unknown subcommand
        QCOMPARE(cli({}).exitCode, 2);
        const Run help = cli({QStringLiteral("parse"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--json"));
    }
};

QTEST_GUILESS_MAIN(TestStatementCli)
#include "tst_statementcli.moc"
