#include "core/PaydeskCore.h"
#include "core/channel/http/HttpClient.h"
#include "core/reconciliation/ReconciliationSchedule.h"
#include "core/storage/Settings.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/payment/support/AppReceiver.h"
#include "tests/payment/support/GatewayClient.h"
#include "tests/support/TestDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace paydesk;
using namespace paydesk::test;

// The real daemon: paydesk-sandbox and paydeskd as processes, the demo made by paydesk-cli,
// traffic from application threads — and paydeskd killed with SIGKILL in the middle of it, then
// restarted: every acknowledged order is there, nothing is posted twice, the ledger checks clean;
// and the daemon's own morning reconciliation.
class TestPaydeskd : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;
    QProcess m_sandbox;
    QString m_sandboxDir;
    QString m_sandboxUrl;
    AppReceiver m_app;

    QProcessEnvironment environment(const TestDatabase &db) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        env.insert(QStringLiteral("PAYDESK_DATABASE"), db.urlText());
        env.insert(QStringLiteral("PAYDESK_PASSWORD"), QString::fromLatin1(DemoSetup::kPassword));
        env.insert(QStringLiteral("PAYDESK_MASTER_KEY_FILE"), m_files.filePath(QStringLiteral("master")));
        env.insert(QStringLiteral("PAYDESK_SANDBOX_DIR"), m_sandboxDir);
        return env;
    }

    int cli(const TestDatabase &db, const QStringList &arguments, QString *out = nullptr)
    {
        QProcess process;
        process.setProcessEnvironment(environment(db));
        process.start(QStringLiteral(PAYDESK_CLI_PATH), arguments);
        process.closeWriteChannel();
        if (!process.waitForFinished(300000))
            return -1;
        if (out)
            *out = QString::fromUtf8(process.readAllStandardOutput());
        const QByteArray err = process.readAllStandardError();
        if (process.exitCode() != 0)
            qWarning("paydesk-cli %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), err.constData());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }

    // Starts paydeskd on `port` (0: any) and returns its address.
    QUrl startDaemon(QProcess &daemon, const TestDatabase &db, quint16 port)
    {
        const QString urlFile = m_files.filePath(QStringLiteral("paydeskd-url"));
        QFile::remove(urlFile);
        daemon.setProcessEnvironment(environment(db));
        daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        daemon.start(QStringLiteral(PAYDESKD_PATH),
                     {QStringLiteral("--port"), QString::number(port), QStringLiteral("--url-file"), urlFile,
                      QStringLiteral("--sweep-seconds"), QStringLiteral("1"), QStringLiteral("--threads"),
                      QStringLiteral("8")});
        if (!daemon.waitForStarted())
            return {};
        QElapsedTimer waited;
        waited.start();
        QFile file(urlFile);
        while (!file.exists() && waited.elapsed() < 60000 && daemon.state() == QProcess::Running)
            QTest::qWait(20);
        QTest::qWait(50);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QUrl(QString::fromUtf8(file.readAll()).trimmed());
    }

    bool pay(const QString &orderNo) const
    {
        HttpClient::Options options;
        options.timeoutMs = 5000;
        options.extraCaCertificates =
            HttpClient::loadCaBundle(QDir(m_sandboxDir).filePath(QStringLiteral("ca.pem"))).value_or({});
        HttpRequest request;
        request.method = "POST";
        request.url = QUrl(m_sandboxUrl + QStringLiteral("/__sandbox/pay"));
        request.headers = {{"Content-Type", "application/json"}};
        request.body = QJsonDocument(QJsonObject{{QStringLiteral("out_trade_no"), orderNo},
                                                 {QStringLiteral("result"), QStringLiteral("SUCCESS")}})
                           .toJson(QJsonDocument::Compact);
        auto response = HttpClient(options).send(request);
        return response && response->status == 200;
    }

    static qint64 count(Database &database, const QString &sql, const QVariantList &values = {})
    {
        return Sql::scalar(database.connection().value(), sql, values).value().toLongLong();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QFile master(m_files.filePath(QStringLiteral("master")));
        QVERIFY(master.open(QIODevice::WriteOnly));
        master.write(DemoSetup::kMasterPassphrase);
        master.close();
        m_sandboxDir = m_files.filePath(QStringLiteral("sandbox"));
        m_sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_sandbox.start(QStringLiteral(PAYDESK_SANDBOX_PATH),
                        {QStringLiteral("serve"), QStringLiteral("--state"), m_sandboxDir, QStringLiteral("--port"),
                         QStringLiteral("0")});
        QVERIFY(m_sandbox.waitForStarted());
        QFile url(QDir(m_sandboxDir).filePath(QStringLiteral("url")));
        QTRY_VERIFY_WITH_TIMEOUT(url.exists(), 60000);
        QTest::qWait(100);
        QVERIFY(url.open(QIODevice::ReadOnly));
        m_sandboxUrl = QString::fromUtf8(url.readAll()).trimmed();
        QVERIFY(m_app.start() != 0);
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        if (!m_sandbox.waitForFinished(5000))
            m_sandbox.kill();
    }

    void killedInTheMiddleOfTraffic()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        // The demo's own live traffic goes through an in-process gateway and this test's sandbox.
        QString demoOut;
        QCOMPARE(cli(db,
                     {QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("1"),
                      QStringLiteral("--merchants"), QStringLiteral("14"), QStringLiteral("--orders"),
                      QStringLiteral("500"), QStringLiteral("--live"), QStringLiteral("12")},
                     &demoOut),
                 0);
        QVERIFY2(demoOut.contains(QStringLiteral("orders: 500 orders")), qPrintable(demoOut));
        QVERIFY2(demoOut.contains(QStringLiteral("live: 12 orders through the gateway and the sandbox")),
                 qPrintable(demoOut));

        // M1013's application: a fresh HMAC key, notifications to this test.
        GatewayClient client;
        {
            PaydeskCore core(db.shared(), SystemClock::instance());
            const Actor onboarding =
                core.operators()
                    .authenticate(QStringLiteral("onboarding"), QString::fromLatin1(DemoSetup::kPassword), {})
                    ->actor;
            QVERIFY(core.vault().unlock(onboarding, SecretBytes(QByteArray(DemoSetup::kMasterPassphrase))).ok());
            const Merchant merchant = core.merchants().findByNo(onboarding, QStringLiteral("M1013")).value();
            ApplicationFilter filter;
            filter.scope = ApplicationFilter::Scope::Merchant;
            filter.merchantId = merchant.id;
            const Application app = core.applications().list(onboarding, filter, 0, 10).value().value(0);
            ApplicationDraft draft = app.draft();
            draft.notifyUrl = QStringLiteral("http://127.0.0.1:%1/notify").arg(m_app.serverPorts().value(0));
            QVERIFY(core.applications().update(onboarding, app.id, app.version, draft).ok());
            auto key = core.applications().generateHmacKey(onboarding, app.id);
            QVERIFY(key.ok());
            client.appId = app.appId;
            client.hmacKey = QByteArray::fromBase64(key->secretBase64.toLatin1());
        }
        db.close();

        QProcess daemon;
        client.base = startDaemon(daemon, db, 0);
        QVERIFY2(client.base.isValid(), "paydeskd did not start");
        const quint16 port = quint16(client.base.port());

        // Four application threads create orders; every acknowledged one is paid by its payer.
        QMutex mutex;
        QStringList acknowledged;        // merchant order numbers answered with 200
        QMap<QString, QString> orderNos; // merchant order no → our order no
        std::atomic<bool> stop{false};
        std::atomic<int> sent{0};
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&, t] {
                for (int i = 0; !stop; ++i) {
                    const QString number = QStringLiteral("K%1-%2").arg(t).arg(i);
                    ++sent;
                    const GatewayClient::Reply reply =
                        client.post(QStringLiteral("/api/v1/orders"),
                                    QJsonObject{{QStringLiteral("merchant_order_no"), number},
                                                {QStringLiteral("amount"), QStringLiteral("%1.00").arg(1 + i % 50)},
                                                {QStringLiteral("method"), i % 2 ? QStringLiteral("alipay.precreate")
                                                                                 : QStringLiteral("wechat.native")},
                                                {QStringLiteral("subject"), QStringLiteral("kill test")}});
                    if (reply.status != 200) {
                        QThread::msleep(20); // the daemon is down: the application waits and goes on
                        continue;
                    }
                    const QString orderNo = reply.data().value(QStringLiteral("order_no")).toString();
                    {
                        QMutexLocker lock(&mutex);
                        acknowledged << number;
                        orderNos.insert(number, orderNo);
                    }
                    pay(orderNo);
                }
            });
        }
        for (QThread *thread : threads)
            thread->start();
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     QMutexLocker lock(&mutex);
                                     return acknowledged.size() >= 40;
                                 }()),
                                 60000);
        daemon.kill(); // SIGKILL: no chance to finish anything
        QVERIFY(daemon.waitForFinished(10000));
        QCOMPARE(daemon.exitStatus(), QProcess::CrashExit);
        QTest::qWait(300); // traffic goes on against a dead port

        QProcess restarted;
        QCOMPARE(startDaemon(restarted, db, port), client.base);
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     QMutexLocker lock(&mutex);
                                     return acknowledged.size() >= 80;
                                 }()),
                                 60000);
        stop = true;
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(threads.cbegin(), threads.cend(), [](QThread *t) { return t->isFinished(); }), 60000);
        qDeleteAll(threads);

        // Every acknowledged order is there with its number; once the sweep has asked the channel
        // (callbacks sent to the dead daemon are recovered), every paid one is posted exactly once.
        auto database = db.openAnother();
        QVERIFY(database.ok());
        Database &data = **database;
        for (const QString &number : std::as_const(acknowledged))
            QCOMPARE(
                count(data,
                      QStringLiteral("SELECT count(*) FROM payment_order WHERE merchant_order_no = ? AND order_no = ?"),
                      {number, orderNos.value(number)}),
                qint64(1));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(data, QStringLiteral("SELECT count(*) FROM payment_order o WHERE o.merchant_order_no LIKE 'K%' "
                                       "AND o.status = 'succeeded'")),
            qint64(acknowledged.size()), 60000);
        QCOMPARE(
            count(data, QStringLiteral(
                            "SELECT count(*) FROM journal_entry e JOIN payment_order o ON e.event_key = 'payment:' || "
                            "o.order_no WHERE o.merchant_order_no LIKE 'K%'")),
            qint64(acknowledged.size()));
        QCOMPARE(
            count(data,
                  QStringLiteral(
                      "SELECT count(*) FROM payment_order WHERE merchant_order_no LIKE 'K%' AND status = 'succeeded' "
                      "AND entry_id IS NULL")),
            qint64(0));
        // Every paid order's notification reaches the application (outbox rows survive the kill).
        QTRY_COMPARE_WITH_TIMEOUT(
            count(data,
                  QStringLiteral("SELECT count(*) FROM payment_notification n JOIN payment_order o ON "
                                 "o.id = n.order_id WHERE o.merchant_order_no LIKE 'K%' AND n.status = 'delivered'")),
            qint64(acknowledged.size()), 60000);
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(20000));
        QCOMPARE(restarted.exitStatus(), QProcess::NormalExit);
        QCOMPARE(restarted.exitCode(), 0);
        QString report;
        QCOMPARE(cli(db, {QStringLiteral("ledger"), QStringLiteral("check")}, &report), 0);
        qInfo("%d requests sent, %lld orders acknowledged; ledger check: %s", sent.load(), qint64(acknowledged.size()),
              qPrintable(report.trimmed().section(QLatin1Char('\n'), -1)));
    }

    // Every morning by itself: with the time of day at midnight, a started daemon reconciles
    // yesterday (Asia/Shanghai) of every enabled channel account, downloading each bill from the
    // sandbox, and /metrics counts the runs and the pool.
    void reconcilesYesterdayByItself()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY(db.isOpen());
        QCOMPARE(cli(db, {QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("2"),
                          QStringLiteral("--merchants"), QStringLiteral("14"), QStringLiteral("--orders"),
                          QStringLiteral("200"), QStringLiteral("--live"), QStringLiteral("0"),
                          QStringLiteral("--no-reconciliation")}),
                 0);
        {
            PaydeskCore core(db.shared(), SystemClock::instance());
            QVERIFY(core.settings().setValue(ReconciliationScheduleSettings::TimeOfDayKey, QStringLiteral("00:00")));
        }
        const QDate yesterday =
            QDateTime::currentDateTimeUtc().toTimeZone(Clock::platformTimeZone()).date().addDays(-1);
        const QString day = yesterday.toString(Qt::ISODate);
        const qint64 enabled =
            count(db.database(), QStringLiteral("SELECT count(*) FROM channel_account WHERE status = 'enabled'"));
        // The accounts whose yesterday nobody has reconciled yet: the daemon's work.
        const qint64 missing = count(db.database(),
                                     QStringLiteral("SELECT count(*) FROM channel_account a WHERE status = 'enabled' "
                                                    "AND NOT EXISTS (SELECT 1 FROM recon_run r WHERE "
                                                    "r.channel_account_id = a.id AND r.bill_date = ? AND "
                                                    "r.status = 'completed')"),
                                     {day});
        const qint64 before =
            count(db.database(), QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'completed'"));
        QVERIFY2(missing > 0, "the demo left the daemon no day to reconcile");
        db.close();

        QProcess daemon;
        const QUrl base = startDaemon(daemon, db, 0);
        QVERIFY2(base.isValid(), "paydeskd did not start");
        const QByteArray completed = "paydesk_reconciliation_runs{status=\"completed\"} ";
        QByteArray metrics;
        QTRY_VERIFY_WITH_TIMEOUT((metrics = GatewayClient::get(base.resolved(QUrl(QStringLiteral("/metrics")))).body)
                                     .contains(completed + QByteArray::number(before + missing) + '\n'),
                                 120000);
        QVERIFY2(metrics.contains("paydesk_reconciliation_discrepancies_open{category=\"platform_only\"} "),
                 metrics.constData());
        QVERIFY(metrics.contains("paydesk_reconciliation_oldest_open_discrepancy_age_seconds "));
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(20000));
        QCOMPARE(daemon.exitCode(), 0);

        auto database = db.openAnother();
        QVERIFY(database.ok());
        QCOMPARE(count(**database,
                       QStringLiteral("SELECT count(DISTINCT channel_account_id) FROM recon_run WHERE bill_date = ? "
                                      "AND status = 'completed'"),
                       {day}),
                 enabled);
        QCOMPARE(count(**database,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.run' AND actor = "
                                      "'system:paydeskd' AND result = 'ok' AND object LIKE ?"),
                       {QStringLiteral("%") + day}),
                 missing);
        QCOMPARE(count(**database,
                       QStringLiteral("SELECT count(*) FROM recon_statement_file WHERE origin = 'download' AND "
                                      "bill_date = ?"),
                       {day}),
                 missing);
    }
};

QTEST_GUILESS_MAIN(TestPaydeskd)
#include "tst_paydeskd.moc"
