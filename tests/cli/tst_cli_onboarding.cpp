#include "core/PaydeskCore.h"
#include "core/storage/Sql.h"
#include "demo/DemoSetup.h"
#include "tests/support/TestDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace paydesk;
using namespace paydesk::test;

// Onboarding through the real paydesk-cli against a real paydesk-sandbox (HTTPS on loopback):
// the demo platform, a merchant from CSV to active, channel accounts and their credentials,
// fees and routing — on SQLite and PostgreSQL.
class TestCliOnboarding : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_files;
    QProcess m_sandbox;
    QString m_sandboxDir;
    QString m_sandboxUrl;

    Run cli(const TestDatabase &db, const QString &operatorName, const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        environment.insert(QStringLiteral("PAYDESK_DATABASE"), db.urlText());
        environment.insert(QStringLiteral("PAYDESK_OPERATOR"), operatorName);
        environment.insert(QStringLiteral("PAYDESK_PASSWORD"), QStringLiteral("Demo-Pass-2026!"));
        environment.insert(QStringLiteral("PAYDESK_MASTER_KEY_FILE"), m_files.filePath(QStringLiteral("master")));
        environment.insert(QStringLiteral("PAYDESK_SANDBOX_DIR"), m_sandboxDir);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PAYDESK_CLI_PATH), arguments);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(300000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }

    // One transparent pixel, a whole PNG.
    static QByteArray png()
    {
        return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                                   "0000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082");
    }

    // The demo platform in `db`, its channel accounts pointing at the running sandbox.
    bool demo(const TestDatabase &db, int merchants, int days = 3)
    {
        const Run run =
            cli(db, QString(),
                {QStringLiteral("demo"), QStringLiteral("--live"), QStringLiteral("0"), QStringLiteral("--days"),
                 QString::number(days), QStringLiteral("--merchants"), QString::number(merchants)});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0 && run.out.contains(QStringLiteral("onboarding: %1 merchants").arg(merchants)) &&
               !run.err.contains(QStringLiteral("warning"));
    }

    int sandbox(const QStringList &arguments)
    {
        QProcess process;
        process.start(QStringLiteral(PAYDESK_SANDBOX_PATH),
                      arguments + QStringList{QStringLiteral("--state"), m_sandboxDir});
        if (!process.waitForFinished(60000))
            return -1;
        return process.exitCode();
    }

    static QJsonValue json(const Run &run)
    {
        const QJsonDocument document = QJsonDocument::fromJson(run.out.toUtf8());
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        writeFile(QStringLiteral("master"), "demo-master-passphrase\n");
        m_sandboxDir = m_files.filePath(QStringLiteral("sandbox"));
        m_sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_sandbox.start(QStringLiteral(PAYDESK_SANDBOX_PATH),
                        {QStringLiteral("serve"), QStringLiteral("--state"), m_sandboxDir, QStringLiteral("--port"),
                         QStringLiteral("0")});
        QVERIFY(m_sandbox.waitForStarted());
        QElapsedTimer waited;
        waited.start();
        QFile url(QDir(m_sandboxDir).filePath(QStringLiteral("url")));
        while (!url.exists() && waited.elapsed() < 60000)
            QThread::msleep(50);
        QThread::msleep(100); // the file is written in one call; let it land
        QVERIFY2(url.open(QIODevice::ReadOnly), "the sandbox did not start");
        m_sandboxUrl = QString::fromUtf8(url.readAll()).trimmed();
        QVERIFY(m_sandboxUrl.startsWith(QLatin1String("https://127.0.0.1:")));
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        if (!m_sandbox.waitForFinished(5000))
            m_sandbox.kill();
    }

    void demoHasEveryStateAndWorkingChannelAccounts()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demo(db, 50, 30)); // a month, so that M1007 has cleared money to freeze
        Run run = cli(db, QStringLiteral("support"),
                      {QStringLiteral("merchant"), QStringLiteral("list"), QStringLiteral("--json"),
                       QStringLiteral("--limit"), QStringLiteral("1000")});
        QCOMPARE(run.exitCode, 0);
        QMap<QString, int> byStatus;
        const QJsonArray merchants = json(run).toArray();
        for (const QJsonValue &m : merchants)
            ++byStatus[m.toObject().value(QStringLiteral("status")).toString()];
        QCOMPARE(merchants.size(), 50);
        for (const char *status : {"draft", "submitted", "approved", "rejected", "active", "frozen", "closed"})
            QVERIFY2(byStatus.value(QString::fromLatin1(status)) > 0, status);
        // Support sees masked personal data.
        QVERIFY(merchants.first().toObject().value(QStringLiteral("masked")).toBool());
        // The demo ledger's merchants were adopted: M1007 is frozen with its money in frozen.
        run = cli(
            db, QStringLiteral("onboarding"),
            {QStringLiteral("merchant"), QStringLiteral("show"), QStringLiteral("M1007"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject frozen = json(run).toObject();
        QCOMPARE(frozen.value(QStringLiteral("status")).toString(), QStringLiteral("frozen"));
        QCOMPARE(frozen.value(QStringLiteral("balances")).toObject().value(QStringLiteral("available")).toString(),
                 QStringLiteral("0.00"));
        QVERIFY(frozen.value(QStringLiteral("balances")).toObject().value(QStringLiteral("frozen")).toString() !=
                QLatin1String("0.00"));
        run = cli(db, QString(), {QStringLiteral("ledger"), QStringLiteral("check")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        // Every shared account talks to the sandbox with the credentials the demo put in the vault.
        for (const char *account : {"wx_shared01", "ali_shared01", "up_shared01", "wx_sp_M1002"}) {
            run = cli(db, QStringLiteral("onboarding"),
                      {QStringLiteral("channel-account"), QStringLiteral("test"), QString::fromLatin1(account)});
            QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("credentials accepted")),
                     qPrintable(run.out + run.err));
        }
        run = cli(db, QStringLiteral("onboarding"),
                  {QStringLiteral("routing"), QStringLiteral("explain"), QStringLiteral("--merchant"),
                   QStringLiteral("M1004"), QStringLiteral("--method"), QStringLiteral("wechat.native"),
                   QStringLiteral("--amount"), QStringLiteral("88.00")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(
                     QStringLiteral("wx_sp_M1004 (priority 1, weight 1): skipped: the channel account is disabled")),
                 qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("wx_shared01 (priority 2, weight 1): eligible")));
    }

    void merchantFromCsvToActive()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demo(db, 12));
        const QString onboarding = QStringLiteral("onboarding");
        const QString reviewer = QStringLiteral("reviewer");

        // A file with one bad line creates nothing and names the line.
        const QByteArray header =
            "legal_name,short_name,type,registration_no,contact_name,contact_phone,contact_email,industry,"
            "bank_account_name,bank_name,bank_branch,bank_account_no\n";
        const QByteArray good =
            "杭州示例贸易有限公司,示例贸易,企业,91330100799655058B,李四,13900139000,li@example.com,retail,"
            "杭州示例贸易有限公司,工商银行,杭州分行,6222020000000002\n";
        Run run = cli(db, onboarding,
                      {QStringLiteral("merchant"), QStringLiteral("import"), QStringLiteral("--file"),
                       writeFile(QStringLiteral("bad.csv"), header + good + "Bad Ltd,Bad,company,,,,,,,,,\n")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("line 3: type:")), qPrintable(run.err));
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json(run).toArray().size(), 12);
        run = cli(db, onboarding,
                  {QStringLiteral("merchant"), QStringLiteral("import"), QStringLiteral("--file"),
                   writeFile(QStringLiteral("good.csv"), header + good)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith(QStringLiteral("M1013\t")));
        const QString m = QStringLiteral("M1013");

        // Documents: a forged "PNG" is refused; the real ones are kept.
        run = cli(db, onboarding,
                  {QStringLiteral("merchant"), QStringLiteral("attach"), m, QStringLiteral("--kind"),
                   QStringLiteral("business_licence"), QStringLiteral("--file"),
                   writeFile(QStringLiteral("forged.png"), QByteArray("\x89PNG\r\n\x1a\nnot really"))});
        QCOMPARE(run.exitCode, 1);
        for (const char *kind : {"business_licence", "legal_id_front", "legal_id_back", "bank_account_proof"}) {
            run = cli(db, onboarding,
                      {QStringLiteral("merchant"), QStringLiteral("attach"), m, QStringLiteral("--kind"),
                       QString::fromLatin1(kind), QStringLiteral("--file"),
                       writeFile(QStringLiteral("scan.png"), png())});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("submit"), m});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("approve"), m});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("reviewed by another operator")), qPrintable(run.err));
        run = cli(
            db, reviewer,
            {QStringLiteral("merchant"), QStringLiteral("approve"), m, QStringLiteral("--note"), QStringLiteral("ok")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("submitted → approved")),
                 qPrintable(run.out + run.err));
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("activate"), m});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no enabled application")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("routing rule")));

        // Application and its HMAC secret, shown once.
        run = cli(db, onboarding,
                  {QStringLiteral("app"), QStringLiteral("create"), QStringLiteral("--merchant"), m,
                   QStringLiteral("--name"), QStringLiteral("Checkout"), QStringLiteral("--methods"),
                   QStringLiteral("wechat.native,alipay.precreate"), QStringLiteral("--notify-url"),
                   QStringLiteral("https://shop.example.com/notify")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString appId = run.out.trimmed();
        QVERIFY(appId.startsWith(QLatin1String("app")));
        run = cli(db, onboarding, {QStringLiteral("app"), QStringLiteral("new-hmac-key"), appId});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QByteArray::fromBase64(run.out.trimmed().toLatin1()).size(), 32);
        run = cli(db, onboarding, {QStringLiteral("app"), QStringLiteral("keys"), appId});
        QVERIFY(run.out.contains(QStringLiteral("hmac_sha256")));

        // Fees: a template for the two methods, applied from today.
        run = cli(db, onboarding,
                  {QStringLiteral("fee"), QStringLiteral("create-template"), QStringLiteral("--name"),
                   QStringLiteral("cli-test"), QStringLiteral("--rates"),
                   QStringLiteral("wechat.native=0.45%,alipay.precreate=0.5%")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli(db, onboarding,
                  {QStringLiteral("fee"), QStringLiteral("apply-template"), QStringLiteral("cli-test"),
                   QStringLiteral("--merchants"), m});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("2 rate(s)")), qPrintable(run.out + run.err));
        run = cli(db, onboarding,
                  {QStringLiteral("fee"), QStringLiteral("set"), QStringLiteral("--merchant"), m,
                   QStringLiteral("--method"), QStringLiteral("wechat.native"), QStringLiteral("--rate"),
                   QStringLiteral("0.4%"), QStringLiteral("--from"), QStringLiteral("2000-01-01")});
        QCOMPARE(run.exitCode, 1); // no backdating
        run = cli(db, onboarding,
                  {QStringLiteral("fee"), QStringLiteral("quote"), QStringLiteral("--merchant"), m,
                   QStringLiteral("--account"), QStringLiteral("wx_shared01"), QStringLiteral("--method"),
                   QStringLiteral("wechat.native"), QStringLiteral("--amount"), QStringLiteral("100.00")});
        QVERIFY2(run.out.contains(QStringLiteral("merchant fee 0.45 (0.45%)")), qPrintable(run.out + run.err));

        // Routing, then activation.
        for (const auto &[method, account] :
             {std::pair{"wechat.native", "wx_shared01"}, std::pair{"alipay.precreate", "ali_shared01"}}) {
            run = cli(db, onboarding,
                      {QStringLiteral("routing"), QStringLiteral("add"), QStringLiteral("--merchant"), m,
                       QStringLiteral("--method"), QString::fromLatin1(method), QStringLiteral("--account"),
                       QString::fromLatin1(account)});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        run = cli(db, onboarding,
                  {QStringLiteral("routing"), QStringLiteral("add"), QStringLiteral("--merchant"), m,
                   QStringLiteral("--method"), QStringLiteral("alipay.precreate"), QStringLiteral("--account"),
                   QStringLiteral("wx_shared01")});
        QCOMPARE(run.exitCode, 1); // a WeChat Pay account cannot take Alipay
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("activate"), m});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("approved → active")),
                 qPrintable(run.out + run.err));
        run = cli(db, onboarding, {QStringLiteral("merchant"), QStringLiteral("show"), m, QStringLiteral("--json")});
        const QJsonObject shown = json(run).toObject();
        QCOMPARE(shown.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(shown.value(QStringLiteral("documents")).toArray().size(), 4);
        QCOMPARE(shown.value(QStringLiteral("applications")).toArray().size(), 1);
        QCOMPARE(shown.value(QStringLiteral("rates")).toArray().size(), 2);
        QCOMPARE(shown.value(QStringLiteral("routing")).toArray().size(), 2);
        run = cli(db, QString(), {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    }

    void channelAccountCredentialsThroughTheCli()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demo(db, 12));
        const QString onboarding = QStringLiteral("onboarding");
        const QDir keys(m_sandboxDir);
        // An Alipay account under an app_id the sandbox does not know.
        Run run = cli(db, onboarding,
                      {QStringLiteral("channel-account"), QStringLiteral("create"), QStringLiteral("--name"),
                       QStringLiteral("ali_cli"), QStringLiteral("--channel"), QStringLiteral("alipay"),
                       QStringLiteral("--channel-merchant-id"), QStringLiteral("2021000000000999"),
                       QStringLiteral("--base-url"), m_sandboxUrl, QStringLiteral("--ca-file"),
                       keys.filePath(QStringLiteral("ca.pem")), QStringLiteral("--per-transaction-limit"),
                       QStringLiteral("1000.00")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("credentials"), QStringLiteral("ali_cli")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("app_private_key\tmissing")), qPrintable(run.out));
        // A key that is not a key is refused and nothing is stored.
        run = cli(
            db, onboarding,
            {QStringLiteral("channel-account"), QStringLiteral("set-credential"), QStringLiteral("ali_cli"),
             QStringLiteral("--item"), QStringLiteral("app_private_key"), QStringLiteral("--file"),
             writeFile(QStringLiteral("junk.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("app_private_key")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("AAAA")), qPrintable(run.err)); // never quotes a value
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("credentials"), QStringLiteral("ali_cli")});
        QVERIFY(run.out.contains(QStringLiteral("app_private_key\tmissing")));
        // The keys are proposed: they wait for a second operator, the account stays without them.
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("set-credential"), QStringLiteral("ali_cli"),
                   QStringLiteral("--item"), QStringLiteral("app_private_key"), QStringLiteral("--file"),
                   keys.filePath(QStringLiteral("alipay/app.key")), QStringLiteral("--item"),
                   QStringLiteral("alipay_public_key"), QStringLiteral("--file"),
                   keys.filePath(QStringLiteral("alipay/alipay_public.pem"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("ali_cli: proposed change")) &&
                     run.out.contains(QStringLiteral("second operator")),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("key sha256 ")), qPrintable(run.out));
        QVERIFY(!run.out.contains(QStringLiteral("BEGIN")));
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("credentials"), QStringLiteral("ali_cli")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains(QStringLiteral("app_private_key\tmissing")));
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("pending"), QStringLiteral("ali_cli"),
                   QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(json(run).toArray().size(), 1);
        const QString change =
            QString::number(json(run).toArray().first().toObject().value(QStringLiteral("id")).toInteger());
        // The maker cannot approve; the administrator can.
        run = cli(db, onboarding, {QStringLiteral("channel-account"), QStringLiteral("approve"), change});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("channel.approve")), qPrintable(run.err));
        run = cli(db, QStringLiteral("admin"),
                  {QStringLiteral("channel-account"), QStringLiteral("approve"), change, QStringLiteral("--note"),
                   QStringLiteral("fingerprints match the Alipay console")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("approved by admin")),
                 qPrintable(run.out + run.err));
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("credentials"), QStringLiteral("ali_cli")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("complete")), qPrintable(run.out));
        // The sandbox does not know this app_id: the test reports the channel's refusal.
        run =
            cli(db, onboarding, {QStringLiteral("channel-account"), QStringLiteral("test"), QStringLiteral("ali_cli")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("ali_cli:")), qPrintable(run.err));
        run = cli(db, onboarding,
                  {QStringLiteral("channel-account"), QStringLiteral("disable"), QStringLiteral("ali_cli")});
        QCOMPARE(run.exitCode, 0);
        run =
            cli(db, onboarding, {QStringLiteral("channel-account"), QStringLiteral("list"), QStringLiteral("--json")});
        bool found = false;
        for (const QJsonValue &account : json(run).toArray()) {
            if (account.toObject().value(QStringLiteral("name")).toString() == QLatin1String("ali_cli")) {
                found = true;
                QCOMPARE(account.toObject().value(QStringLiteral("enabled")).toBool(), false);
                QCOMPARE(account.toObject().value(QStringLiteral("per_transaction_limit")).toString(),
                         QStringLiteral("1000.00"));
            }
        }
        QVERIFY(found);
        // Support may look but not change.
        run = cli(db, QStringLiteral("support"),
                  {QStringLiteral("channel-account"), QStringLiteral("enable"), QStringLiteral("ali_cli")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("channel.manage")));
    }

    // Issue 16, item 23: a refund the channel does not take is reported with a clear reason (what
    // the error means, not the channel's or the transport's words) and exit status 1.
    void refundNotTakenByTheChannel()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demo(db, 14, 1));
        QString orderNo;
        {
            // A paid order, made in this process on the same database.
            PaydeskCore core(db.shared(), SystemClock::instance());
            const Actor admin =
                core.operators()
                    .authenticate(QStringLiteral("admin"), QString::fromLatin1(DemoSetup::kPassword), {})
                    ->actor;
            QVERIFY(core.vault().unlock(admin, SecretBytes(QByteArray(DemoSetup::kMasterPassphrase))).ok());
            const qint64 appId =
                Sql::scalar(db.shared()->connection().value(),
                            QStringLiteral("SELECT a.id FROM application a JOIN merchant m ON m.id = a.merchant_id "
                                           "WHERE m.merchant_no = 'M1013'"))
                    ->toLongLong();
            const Application app = core.applications().find(admin, appId).value();
            CreateOrderRequest request;
            request.merchantOrderNo = QStringLiteral("CLI-REFUND-1");
            request.amount = Money::fromMinor(5000, Currency::cny());
            request.subject = QStringLiteral("cli refund");
            QRandomGenerator random(12);
            auto order = core.payments().create(app, request, random);
            QVERIFY2(order.ok(), qPrintable(order ? QString() : order.error().message()));
            orderNo = order->orderNo;
            QCOMPARE(sandbox({QStringLiteral("pay"), orderNo}), 0);
            QTRY_COMPARE_WITH_TIMEOUT(core.payments().queryChannel(orderNo)->status, PaymentStatus::Succeeded, 10000);
        }
        // The channel fails every request about this order.
        QCOMPARE(sandbox({QStringLiteral("fault"), QStringLiteral("server-error"), QStringLiteral("--trade"), orderNo}),
                 0);
        const Run run = cli(db, QStringLiteral("support"),
                            {QStringLiteral("orders"), QStringLiteral("refund"), orderNo, QStringLiteral("--amount"),
                             QStringLiteral("1.00"), QStringLiteral("--reason"), QStringLiteral("returned")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("\texecuted\t")), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("the channel has not taken it: ")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("Paydesk asks the channel again under the same refund number")),
                 qPrintable(run.err));
        for (const char *raw : {"SYSTEM_ERROR", "HTTP", "curl", "127.0.0.1"})
            QVERIFY2(!run.err.contains(QLatin1String(raw)), qPrintable(run.err));
        QCOMPARE(sandbox({QStringLiteral("faults"), QStringLiteral("--clear")}), 0);
    }

    // The attack through the cli: onboarding replaces wx_shared01's platform certificate and
    // APIv3 key with its own. Nothing changes until a second operator approves; an administrator
    // cannot approve their own change; a rejection discards it.
    void credentialChangesWaitForASecondOperator()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demo(db, 12));
        const QString onboarding = QStringLiteral("onboarding");
        const QString admin = QStringLiteral("admin");
        const QString ownCertificate =
            QDir(m_sandboxDir).filePath(QStringLiteral("ca.pem")); // any certificate not WeChat's
        const QString ownKey = writeFile(QStringLiteral("apiv3.key"), "0123456789abcdef0123456789abcdef");
        auto channelAccount = [](const QStringList &arguments) {
            return QStringList{QStringLiteral("channel-account")} + arguments;
        };
        for (const char *subcommand : {"set-credential", "pending", "approve", "reject", "withdraw"}) {
            const Run help = cli(db, QString(), channelAccount({QLatin1String(subcommand), QStringLiteral("--help")}));
            QVERIFY2(help.exitCode == 0 && help.out.contains(QStringLiteral("Usage: paydesk-cli")), subcommand);
        }

        Run run = cli(
            db, onboarding,
            channelAccount({QStringLiteral("set-credential"), QStringLiteral("wx_shared01"), QStringLiteral("--item"),
                            QStringLiteral("platform_certificates"), QStringLiteral("--file"), ownCertificate,
                            QStringLiteral("--item"), QStringLiteral("apiv3_key"), QStringLiteral("--file"), ownKey}));
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("waits for a second operator")),
                 qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("certificate sha256")) &&
                     run.out.contains(QStringLiteral("secret hmac")),
                 qPrintable(run.out));
        QVERIFY(!run.out.contains(QStringLiteral("0123456789abcdef")));
        // The genuine credentials stay in effect: the sandbox still accepts the account.
        run = cli(db, onboarding, channelAccount({QStringLiteral("test"), QStringLiteral("wx_shared01")}));
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("credentials accepted")),
                 qPrintable(run.out + run.err));
        run = cli(db, admin, channelAccount({QStringLiteral("pending"), QStringLiteral("--json")}));
        QCOMPARE(json(run).toArray().size(), 1);
        const QString change =
            QString::number(json(run).toArray().first().toObject().value(QStringLiteral("id")).toInteger());

        // An administrator's own proposal needs another operator too.
        run = cli(
            db, admin,
            channelAccount({QStringLiteral("set-credential"), QStringLiteral("wx_shared01"), QStringLiteral("--item"),
                            QStringLiteral("apiv3_key"), QStringLiteral("--file"), ownKey}));
        QCOMPARE(run.exitCode, 0);
        run = cli(db, admin, channelAccount({QStringLiteral("pending"), QStringLiteral("--json")}));
        const QString own =
            QString::number(json(run).toArray().first().toObject().value(QStringLiteral("id")).toInteger());
        run = cli(db, admin, channelAccount({QStringLiteral("approve"), own}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("approved by another operator")), qPrintable(run.err));
        run = cli(db, admin, channelAccount({QStringLiteral("withdraw"), own}));
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("withdrawn")), qPrintable(run.out + run.err));
        // Nor may a bare vault write go round the approval.
        run = cli(
            db, admin,
            {QStringLiteral("vault"), QStringLiteral("set"), QStringLiteral("channel/wechatpay/1900000109/apiv3_key")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("second operator")), qPrintable(run.err));

        // The administrator rejects the onboarding operator's change: discarded, nothing pending.
        run = cli(db, admin, channelAccount({QStringLiteral("reject"), change}));
        QCOMPARE(run.exitCode, 2); // a rejection needs its reason
        run = cli(db, admin,
                  channelAccount({QStringLiteral("reject"), change, QStringLiteral("--note"),
                                  QStringLiteral("not WeChat's certificate")}));
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("rejected by admin")),
                 qPrintable(run.out + run.err));
        run = cli(db, admin, channelAccount({QStringLiteral("pending")}));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.trimmed().isEmpty());
        run = cli(db, admin, channelAccount({QStringLiteral("pending"), QStringLiteral("--all")}));
        QVERIFY(run.out.contains(QStringLiteral("rejected")) && run.out.contains(QStringLiteral("withdrawn")));
        run = cli(db, QString(), {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliOnboarding)
#include "tst_cli_onboarding.moc"
