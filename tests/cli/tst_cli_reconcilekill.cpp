#include "core/reconciliation/StatementArchive.h"
#include "tests/cli/CliProcess.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// `paydesk-cli reconcile run` killed with SIGKILL in the middle of a large bill, on both
// databases: while it keeps the file, and once its run holds the day's lock. Nothing is half
// written (no items, no discrepancies, no completed run, no audit record of success, a kept file
// only when the whole file was kept), the next run is told who holds the lock and when it lapses,
// and once it has lapsed a clean rerun reconciles the day completely.
class TestCliReconcileKill : public QObject
{
    Q_OBJECT

    static constexpr int kLines = 200000;
    QTemporaryDir m_files;
    QString m_bill;

    static qint64 count(RunFixture &f, const QString &sql) { return f.count(sql); }

    QProcess *startRun(RunFixture &f, QObject *parent)
    {
        auto *process = new QProcess(parent);
        process->setProcessEnvironment(cliEnvironment(f.testDatabase().urlText(), QStringLiteral("fiona"),
                                                      QString::fromLatin1(CoreFixture::kOperatorPassword)));
        process->start(QStringLiteral(PAYDESK_CLI_PATH),
                       {QStringLiteral("reconcile"), QStringLiteral("run"), QStringLiteral("--channel-account"),
                        kAccount, QStringLiteral("--date"), kDay.toString(Qt::ISODate), QStringLiteral("--file"),
                        m_bill, QStringLiteral("--json")});
        process->closeWriteChannel();
        return process;
    }

    // Polls `sql` (a count) every few milliseconds until it is positive; false when the process
    // ended first or a minute passed.
    static bool waitFor(RunFixture &f, QProcess &process, const QString &sql)
    {
        const QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            if (f.count(sql) > 0)
                return true;
            if (process.state() == QProcess::NotRunning)
                return false;
            QThread::msleep(3);
        }
        return false;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        // A day of kLines payments the platform never heard of: every line is channel_only, so the
        // run also has a large result to write.
        m_bill = m_files.filePath(QStringLiteral("large.csv"));
        QFile file(m_bill);
        QVERIFY(file.open(QIODevice::WriteOnly));
        WeChatBillWriter writer(file, StatementFormat::WeChatAll);
        QVERIFY(writer.begin());
        for (int n = 1; n <= kLines; ++n) {
            const Order order{QStringLiteral("KILL-%1").arg(n),
                              QStringLiteral("4200%1").arg(n, 10, 10, QLatin1Char('0')), 100 + n % 5000, 1,
                              shanghai(9, n % 600 / 10)};
            QVERIFY(writer.write(RunFixture::line(order)));
        }
        QVERIFY(writer.finish());
    }

    void killedMidRunThenCleanRerun_data()
    {
        QTest::addColumn<QString>("moment");
        QTest::newRow("keeping the file") << QStringLiteral("keeping");
        QTest::newRow("holding the lock") << QStringLiteral("running");
    }
    void killedMidRunThenCleanRerun()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, moment);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        QObject owner;

        QProcess *killed = startRun(f, &owner);
        const bool keeping = moment == QLatin1String("keeping");
        const QString awaited = keeping ? QStringLiteral("SELECT count(*) FROM recon_statement_chunk")
                                        : QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'running'");
        QVERIFY2(waitFor(f, *killed, awaited), killed->readAllStandardError().constData());
        killed->kill(); // SIGKILL
        QVERIFY(killed->waitForFinished(10000));
        QCOMPARE(killed->exitStatus(), QProcess::CrashExit);

        // Nothing half written.
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_item")), 0);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_discrepancy")), 0);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run WHERE status <> 'running'")), 0);
        QCOMPARE(
            count(f, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.run' AND result = 'ok'")), 0);
        if (keeping) {
            QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run")), 0);
            QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_statement_file WHERE sha256 IS NOT NULL")), 0);
        } else {
            QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run")), 1);
            QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_statement_file WHERE sha256 IS NOT NULL")), 1);
            // The dead run still holds the lock: the next one is told whose it is and when it lapses.
            QProcess *refused = startRun(f, &owner);
            QVERIFY(refused->waitForFinished(60000));
            QCOMPARE(refused->exitCode(), 1);
            const QString why = QString::fromUtf8(refused->readAllStandardError());
            const qint64 deadRun = count(f, QStringLiteral("SELECT id FROM recon_run"));
            QVERIFY2(why.contains(QStringLiteral("run %1 started by fiona").arg(deadRun)) &&
                         why.contains(QStringLiteral("the lock lapses at")),
                     qPrintable(why));
            // Its lease (two minutes without a heartbeat) runs out: moved back rather than waited for.
            QVERIFY(Sql::exec(f.database().connection().value(),
                              QStringLiteral("UPDATE recon_run SET heartbeat_at = heartbeat_at - ?"),
                              {qint64(ReconciliationRunStore::kDefaultLease.count() + 1) * 1000}));
        }

        QProcess *rerun = startRun(f, &owner);
        QVERIFY(rerun->waitForFinished(300000));
        const QString err = QString::fromUtf8(rerun->readAllStandardError());
        QVERIFY2(rerun->exitStatus() == QProcess::NormalExit && rerun->exitCode() == 0, qPrintable(err));
        const QJsonObject result = QJsonDocument::fromJson(rerun->readAllStandardOutput()).object();
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(result.value(QStringLiteral("counts")).toObject().value(QStringLiteral("channel_only")).toInteger(),
                 kLines);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_discrepancy")), kLines);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'completed'")), 1);
        QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'running'")), 0);
        if (!keeping)
            QCOMPARE(count(f, QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'abandoned'")), 1);
        // The file the completed run reconciled is the whole file, byte for byte.
        const qint64 fileId = count(f, QStringLiteral("SELECT statement_file_id FROM recon_run WHERE status = "
                                                      "'completed'"));
        QFile original(m_bill);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray restored;
        QVERIFY(StatementArchive::restore(f.database(), fileId, [&restored](const QByteArray &bytes) -> Status {
            restored += bytes;
            return {};
        }));
        QVERIFY(restored == original.readAll());
    }
};

QTEST_GUILESS_MAIN(TestCliReconcileKill)
#include "tst_cli_reconcilekill.moc"
