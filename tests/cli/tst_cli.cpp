#include "core/PaydeskCore.h"
#include "core/storage/Migrator.h"
#include "core/storage/Sql.h"
#include "tests/support/TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Drives the real paydesk-cli binary as a script or cron job would.
class TestCli : public QObject
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

    static constexpr const char *kPassword = "Ledger-Pass-77";

    static Run cli(const QStringList &arguments, const QByteArray &input = QByteArray(),
                   const QHash<QString, QString> &extra = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"PAYDESK_DATABASE", "PAYDESK_OPERATOR", "PAYDESK_PASSWORD", "PAYDESK_MASTER_KEY_FILE"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        // `demo` makes the sandbox's keys: into a directory of this run, not the user's.
        static QTemporaryDir sandboxKeys;
        environment.insert(QStringLiteral("PAYDESK_SANDBOX_DIR"), sandboxKeys.path());
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            environment.insert(it.key(), it.value());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PAYDESK_CLI_PATH), arguments);
        process.write(input);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(300000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    static Run cli(const TestDatabase &db, QStringList arguments, const QByteArray &input = QByteArray())
    {
        return cli(QStringList{QStringLiteral("--database"), db.urlText()} + arguments, input);
    }
    // As the operator "fin" (finance, auditor), password from the environment.
    static Run asFinance(const TestDatabase &db, QStringList arguments)
    {
        return cli(QStringList{QStringLiteral("--database"), db.urlText()} + arguments, {},
                   {{QStringLiteral("PAYDESK_OPERATOR"), QStringLiteral("fin")},
                    {QStringLiteral("PAYDESK_PASSWORD"), QString::fromLatin1(kPassword)}});
    }
    // A database with an administrator "root" and a finance + auditor operator "fin".
    static bool prepare(TestDatabase &db)
    {
        PaydeskCore core(db.shared(), SystemClock::instance());
        if (!core.operators().createFirstAdmin(QStringLiteral("root"), QStringLiteral("Chief-Secret-1"),
                                               QStringLiteral("test")))
            return false;
        auto root = core.operators().authenticate(QStringLiteral("root"), QStringLiteral("Chief-Secret-1"),
                                                  QStringLiteral("test"));
        return root && core.operators().create(root->actor, QStringLiteral("fin"), QStringLiteral("Fin"),
                                               {Role::Finance, Role::Auditor}, QString::fromLatin1(kPassword), false);
    }
    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
        return path;
    }
    static QByteArray issueExample()
    {
        return R"([{"date":"2026-11-26","reference":"ORD-1","memo":"first payment","postings":[
            {"account":"channel_receivable:wx01","amount":"99.40","currency":"CNY"},
            {"account":"channel_fee_expense","amount":"0.60","currency":"CNY"},
            {"account":"merchant:M001:pending","amount":"-99.62","currency":"CNY"},
            {"account":"fee_income","amount":"-0.38","currency":"CNY"}]}])";
    }
    static QString balanceOf(const QJsonDocument &trial, const QString &account)
    {
        const QJsonArray accounts = trial.object().value(QStringLiteral("accounts")).toArray();
        for (const QJsonValue &value : accounts) {
            if (value.toObject().value(QStringLiteral("account")).toString() == account)
                return value.toObject().value(QStringLiteral("balance")).toString();
        }
        return QStringLiteral("<absent>");
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void helpEverywhere()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend)
        const QList<QStringList> commands = {
            {QStringLiteral("--help")},
            {QStringLiteral("migrate"), QStringLiteral("--help")},
            {QStringLiteral("demo"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("reverse"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("trial-balance"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("accounts"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("close-account"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("check"), QStringLiteral("--help")},
            {QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--help")},
            {QStringLiteral("init"), QStringLiteral("--help")},
            {QStringLiteral("passwd"), QStringLiteral("--help")},
            {QStringLiteral("audit"), QStringLiteral("--help")},
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--help")},
            {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--help")},
            {QStringLiteral("vault"), QStringLiteral("--help")},
            {QStringLiteral("vault"), QStringLiteral("status"), QStringLiteral("--help")},
            {QStringLiteral("vault"), QStringLiteral("set"), QStringLiteral("--help")},
            {QStringLiteral("vault"), QStringLiteral("list"), QStringLiteral("--help")},
        };
        for (const QStringList &command : commands) {
            const Run run = cli(command);
            QVERIFY2(run.exitCode == 0, qPrintable(command.join(QLatin1Char(' ')) + run.err));
            QVERIFY2(run.out.contains(QStringLiteral("Usage: paydesk-cli")), qPrintable(run.out));
            if (command.size() > 1 && command[0] == QLatin1String("ledger") && command[1] != QLatin1String("--help"))
                QVERIFY2(run.out.contains(QStringLiteral("paydesk-cli ledger ") + command[1]), qPrintable(run.out));
        }
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("ledger"), QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--no-such-option")}).exitCode,
                 2);
        QCOMPARE(cli({}).exitCode, 2);
    }

    void postReportCheckExport()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));

        Run run = cli(db, {QStringLiteral("migrate")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("schema version %1").arg(Migrator::latestVersion())));
        QVERIFY(Migrator::latestVersion() >= 3);
        QVERIFY(prepare(db));

        // No operator, a wrong password, a role without ledger.post: refused, nothing posted.
        const QString file = writeFile(QStringLiteral("ok.json"), issueExample());
        run = cli(db, {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--file"), file});
        QCOMPARE(run.exitCode, 2);
        run = cli(db,
                  {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--operator"),
                   QStringLiteral("fin"), QStringLiteral("--file"), file},
                  "not-the-password\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("Wrong user name or password")));
        run = cli(db,
                  {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--operator"),
                   QStringLiteral("root"), QStringLiteral("--file"), file},
                  "Chief-Secret-1\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("permission")));

        // The password from standard input works as well as from the environment.
        run = cli(db,
                  {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--operator"),
                   QStringLiteral("fin"), QStringLiteral("--file"), file},
                  QByteArray(kPassword) + "\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("posted 1 entries")));

        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("trial-balance"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonDocument trial = QJsonDocument::fromJson(run.out.toUtf8());
        QVERIFY(trial.object().value(QStringLiteral("balanced")).toBool());
        QCOMPARE(balanceOf(trial, QStringLiteral("merchant:M001:pending")), QStringLiteral("-99.62"));
        QCOMPARE(balanceOf(trial, QStringLiteral("channel_receivable:wx01")), QStringLiteral("99.40"));
        QCOMPARE(trial.object()
                     .value(QStringLiteral("totals"))
                     .toObject()
                     .value(QStringLiteral("CNY"))
                     .toObject()
                     .value(QStringLiteral("debits"))
                     .toString(),
                 QStringLiteral("100.00"));

        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("trial-balance"), QStringLiteral("--date"),
                             QStringLiteral("2026-11-25")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("balanced")));
        QVERIFY(!run.out.contains(QStringLiteral("99.40")));

        run = cli(db, {QStringLiteral("ledger"), QStringLiteral("check")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));

        const QString exportPath = m_files.filePath(QStringLiteral("out-%1.ledger").arg(backend));
        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--format"),
                             QStringLiteral("ledger"), QStringLiteral("--output"), exportPath});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile exported(exportPath);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray journal = exported.readAll();
        QVERIFY(journal.contains("2026/11/26 * (1) ORD-1"));
        QVERIFY(journal.contains("merchant:M001:pending    -99.62 CNY"));
        run = cli(db, {QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("csv")});
        QCOMPARE(run.exitCode, 2);

        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("reverse"), QStringLiteral("1"),
                             QStringLiteral("--date"), QStringLiteral("2026-11-27")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("reverse"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("already been reversed")));
        run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("accounts")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("merchant:M001:pending")));
        run = asFinance(
            db, {QStringLiteral("ledger"), QStringLiteral("close-account"), QStringLiteral("merchant:M001:pending")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // Everything above is on the audit record, and the chain holds.
        run = asFinance(
            db, {QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("100")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const char *action : {"ledger.post", "ledger.reverse", "ledger.export", "ledger.close_account",
                                   "login.failed", "permission.denied"})
            QVERIFY2(run.out.contains(QString::fromLatin1(action)), action);
        run = cli(db, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void badFilesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unbalanced second entry")
            << QByteArray(
                   R"([{"date":"2026-11-26","reference":"A","postings":[{"account":"bank:b1","amount":"1.00","currency":"CNY"},{"account":"suspense","amount":"-1.00","currency":"CNY"}]},
                            {"date":"2026-11-26","reference":"B-42","postings":[{"account":"bank:b1","amount":"1.00","currency":"CNY"},{"account":"suspense","amount":"-0.99","currency":"CNY"}]}])")
            << QStringLiteral("entry 2 (B-42): The journal entry does not balance");
        QTest::newRow("unknown account pattern")
            << QByteArray(
                   R"([{"date":"2026-11-26","reference":"C","postings":[{"account":"petty_cash","amount":"1.00","currency":"CNY"},{"account":"suspense","amount":"-1.00","currency":"CNY"}]}])")
            << QStringLiteral("petty_cash");
        QTest::newRow("number amount")
            << QByteArray(
                   R"([{"date":"2026-11-26","postings":[{"account":"bank:b1","amount":1.0,"currency":"CNY"},{"account":"suspense","amount":"-1.00","currency":"CNY"}]}])")
            << QStringLiteral("entry 1: posting 1");
        QTest::newRow("three decimals")
            << QByteArray(
                   R"([{"date":"2026-11-26","postings":[{"account":"bank:b1","amount":"1.001","currency":"CNY"},{"account":"suspense","amount":"-1.001","currency":"CNY"}]}])")
            << QStringLiteral("more decimals");
        QTest::newRow("bad date")
            << QByteArray(
                   R"([{"date":"2026-02-30","postings":[{"account":"bank:b1","amount":"1.00","currency":"CNY"},{"account":"suspense","amount":"-1.00","currency":"CNY"}]}])")
            << QStringLiteral("business date");
        QTest::newRow("not json") << QByteArray("date,amount\n") << QStringLiteral("JSON is malformed");
        QTest::newRow("unknown currency")
            << QByteArray(
                   R"([{"date":"2026-11-26","postings":[{"account":"bank:b1","amount":"1.00","currency":"XXX"},{"account":"suspense","amount":"-1.00","currency":"XXX"}]}])")
            << QStringLiteral("Unknown currency");
    }
    void badFilesChangeNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(prepare(db));
        const Run run = asFinance(db, {QStringLiteral("ledger"), QStringLiteral("post"), QStringLiteral("--file"),
                                       writeFile(QStringLiteral("bad.json"), content)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(Sql::scalar(db.database().connection().value(), QStringLiteral("SELECT count(*) FROM journal_entry"))
                     ->toInt(),
                 0);
        QCOMPARE(Sql::scalar(db.database().connection().value(), QStringLiteral("SELECT count(*) FROM ledger_account"))
                     ->toInt(),
                 0);
    }

    void initPasswdVaultAndAuditVerify()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        const QString keyFile =
            writeFile(QStringLiteral("master-%1.key").arg(backend), "a master passphrase for tests\n");
        const QHash<QString, QString> withKey{{QStringLiteral("PAYDESK_MASTER_KEY_FILE"), keyFile}};
        const QStringList database{QStringLiteral("--database"), db.urlText()};
        Run run = cli(database + QStringList{QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("root")},
                      "short\n", withKey);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("at least 12 characters")));
        run = cli(database + QStringList{QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("root"),
                                         QStringLiteral("--environment"), QStringLiteral("test")},
                  "Chief-Secret-1\n", withKey);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("secret vault set up")));
        run = cli(database + QStringList{QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("other")},
                  "Other-Password-1\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("already has operators")));

        run = cli(database + QStringList{QStringLiteral("vault"), QStringLiteral("status")}, {}, withKey);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("opens it")));
        const QString wrongKey = writeFile(QStringLiteral("wrong-%1.key").arg(backend), "not the master passphrase");
        run = cli(database + QStringList{QStringLiteral("vault"), QStringLiteral("status")}, {},
                  {{QStringLiteral("PAYDESK_MASTER_KEY_FILE"), wrongKey}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("Wrong master passphrase")));
        run = cli(database + QStringList{QStringLiteral("vault"), QStringLiteral("set"), QStringLiteral("wx.apiv3"),
                                         QStringLiteral("--operator"), QStringLiteral("root")},
                  "Chief-Secret-1\nthe-apiv3-key-32-bytes-long-0123\n", withKey);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = cli(database + QStringList{QStringLiteral("vault"), QStringLiteral("list"), QStringLiteral("--operator"),
                                         QStringLiteral("root")},
                  "Chief-Secret-1\n");
        QCOMPARE(run.out.trimmed(), QStringLiteral("wx.apiv3"));

        run =
            cli(database + QStringList{QStringLiteral("passwd"), QStringLiteral("--operator"), QStringLiteral("root")},
                "Chief-Secret-1\nChief-Secret-2\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run =
            cli(database + QStringList{QStringLiteral("passwd"), QStringLiteral("--operator"), QStringLiteral("root")},
                "Chief-Secret-2\nChief-Secret-1\n");
        QCOMPARE(run.exitCode, 1); // reused
        QVERIFY(run.err.contains(QStringLiteral("used recently")));

        run = cli(database + QStringList{QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("audit log intact")));
        // An intruder edits a record (dropping the guard first): verify names it.
        const QSqlDatabase connection = db.database().connection().value();
        if (backend == QLatin1String("sqlite"))
            QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_no_update")).ok());
        else
            QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_immutable ON audit_log")).ok());
        QVERIFY(Sql::exec(connection, QStringLiteral("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2")).ok());
        run = cli(database + QStringList{QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("broken at record 2")), qPrintable(run.err));
    }

    void auditVerifyNamesTheFirstBrokenRecord_data()
    {
        QTest::addColumn<QStringList>("attack");
        QTest::addColumn<QString>("expected");
        QTest::newRow("intact") << QStringList() << QString();
        QTest::newRow("modified") << QStringList{QStringLiteral("UPDATE audit_log SET object = 'x' WHERE seq = 3")}
                                  << QStringLiteral("broken at record 3");
        QTest::newRow("deleted") << QStringList{QStringLiteral("DELETE FROM audit_log WHERE seq = 2")}
                                 << QStringLiteral("broken at record 3");
        QTest::newRow("inserted") << QStringList{QStringLiteral("UPDATE audit_log SET seq = seq + 1 WHERE seq >= 4"),
                                                 QStringLiteral(
                                                     "INSERT INTO audit_log (seq, at, actor, source, action, object, "
                                                     "result, detail, prev_hash, hash) "
                                                     "SELECT 4, at, actor, source, 'forged', object, result, detail, "
                                                     "hash, hash FROM audit_log WHERE seq = 3")}
                                  << QStringLiteral("broken at record 4");
        QTest::newRow("reordered") << QStringList{QStringLiteral("UPDATE audit_log SET seq = 1000 WHERE seq = 2"),
                                                  QStringLiteral("UPDATE audit_log SET seq = 2 WHERE seq = 3"),
                                                  QStringLiteral("UPDATE audit_log SET seq = 3 WHERE seq = 1000")}
                                   << QStringLiteral("broken at record 2");
    }
    void auditVerifyNamesTheFirstBrokenRecord()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QStringList, attack);
        QFETCH(QString, expected);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(prepare(db)); // operator.create ×2, login: 3 records
        QCOMPARE(asFinance(db, {QStringLiteral("ledger"), QStringLiteral("accounts")}).exitCode,
                 0); // a login: 4 records
        const QSqlDatabase connection = db.database().connection().value();
        if (!attack.isEmpty()) {
            if (backend == QLatin1String("sqlite")) {
                QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_no_update")).ok());
                QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_no_delete")).ok());
            } else {
                QVERIFY(Sql::exec(connection, QStringLiteral("DROP TRIGGER audit_log_immutable ON audit_log")).ok());
            }
        }
        for (const QString &statement : attack)
            QVERIFY2(Sql::exec(connection, statement).ok(), qPrintable(statement));
        const Run run = cli(db, {QStringLiteral("audit"), QStringLiteral("verify")});
        if (expected.isEmpty()) {
            QCOMPARE(run.exitCode, 0);
            QVERIFY(run.out.contains(QStringLiteral("audit log intact: 4 records")));
        } else {
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        }
    }

    void demoThenCheckThenTamper()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        Run run = cli(db, {QStringLiteral("demo"), QStringLiteral("--days"), QStringLiteral("5"),
                           QStringLiteral("--live"), QStringLiteral("0")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("demo data:")));
        run = cli(db, {QStringLiteral("demo")});
        QCOMPARE(run.exitCode, 1); // never into a database that already has entries
        run = cli(db, {QStringLiteral("ledger"), QStringLiteral("check")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(Sql::exec(db.database().connection().value(),
                          QStringLiteral("UPDATE ledger_account SET balance = balance - 100 WHERE name = 'fee_income'"))
                    .ok());
        run = cli(db, {QStringLiteral("ledger"), QStringLiteral("check")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains(QStringLiteral("account_balance_equals_postings: fee_income")));
        QVERIFY(run.out.contains(QStringLiteral("trial_balance_zero")));
        run = cli(QStringList{QStringLiteral("--database"), db.urlText(), QStringLiteral("ledger"),
                              QStringLiteral("trial-balance"), QStringLiteral("--operator"), QStringLiteral("finance")},
                  "Demo-Pass-2026!\n");
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral("NOT BALANCED")), qPrintable(run.out + run.err));
    }

    void unusableDatabase()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend)
        Run run = cli({QStringLiteral("--database"), QStringLiteral("mysql://x/y"), QStringLiteral("migrate")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("database URL is not valid")));
        run = cli({QStringLiteral("migrate"), QStringLiteral("--database"), QStringLiteral("sqlite:/proc/nope/x.db")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("cannot be opened")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
