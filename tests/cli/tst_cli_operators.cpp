#include "core/PaydeskCore.h"
#include "core/storage/Sql.h"
#include "tests/support/TestDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace paydesk;
using namespace paydesk::test;

// paydesk-cli operator …: a headless deployment manages its operators with the same checks and
// audit records as the console's Operators panel (both go through OperatorService).
class TestCliOperators : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static constexpr const char *kRootPassword = "Chief-Secret-1";
    static constexpr const char *kFinPassword = "Ledger-Pass-77";

    static Run cli(const QStringList &arguments, const QByteArray &input = QByteArray(),
                   const QHash<QString, QString> &extra = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"PAYDESK_DATABASE", "PAYDESK_OPERATOR", "PAYDESK_PASSWORD", "PAYDESK_NEW_PASSWORD",
                                 "PAYDESK_MASTER_KEY_FILE"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            environment.insert(it.key(), it.value());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(PAYDESK_CLI_PATH), arguments);
        process.write(input);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(120000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    // `paydesk-cli --database URL operator ARGS` as NAME, whose password comes from the environment.
    static Run as(const TestDatabase &db, const char *name, const char *password, const QStringList &arguments,
                  const QByteArray &input = {}, QHash<QString, QString> extra = {})
    {
        extra.insert(QStringLiteral("PAYDESK_OPERATOR"), QString::fromLatin1(name));
        if (password)
            extra.insert(QStringLiteral("PAYDESK_PASSWORD"), QString::fromLatin1(password));
        return cli(QStringList{QStringLiteral("--database"), db.urlText(), QStringLiteral("operator")} + arguments,
                   input, extra);
    }
    static Run asRoot(const TestDatabase &db, const QStringList &arguments, const QByteArray &input = {},
                      const QHash<QString, QString> &extra = {})
    {
        return as(db, "root", kRootPassword, arguments, input, extra);
    }
    // An administrator "root" and an operator "fin" (finance, auditor: may look, not manage).
    static bool prepare(TestDatabase &db)
    {
        PaydeskCore core(db.shared(), SystemClock::instance());
        if (!core.operators().createFirstAdmin(QStringLiteral("root"), QString::fromLatin1(kRootPassword),
                                               QStringLiteral("test")))
            return false;
        auto root = core.operators().authenticate(QStringLiteral("root"), QString::fromLatin1(kRootPassword),
                                                  QStringLiteral("test"));
        return root &&
               core.operators().create(root->actor, QStringLiteral("fin"), QStringLiteral("Fin"),
                                       {Role::Finance, Role::Auditor}, QString::fromLatin1(kFinPassword), false);
    }
    static QJsonObject shown(const TestDatabase &db, const QString &name)
    {
        const Run run = asRoot(db, {QStringLiteral("show"), name, QStringLiteral("--json")});
        return QJsonDocument::fromJson(run.out.toUtf8()).object();
    }
    static QStringList auditedActions(TestDatabase &db, const QString &object)
    {
        auto query = Sql::run(
            db.database().connection().value(),
            QStringLiteral("SELECT action, actor, source, result, detail FROM audit_log WHERE object = ? ORDER BY seq"),
            {object});
        QStringList actions;
        while (query && query->next()) {
            actions << query->value(0).toString() + QLatin1Char(' ') + query->value(1).toString() + QLatin1Char(' ') +
                           query->value(3).toString();
            const bool byRoot = query->value(1).toString() == QLatin1String("root");
            if ((byRoot && !query->value(2).toString().startsWith(QLatin1String("cli@"))) ||
                query->value(4).toString().contains(QStringLiteral("Temp-")))
                actions << QStringLiteral("<wrong source or a password in the detail>");
        }
        return actions;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void helpForEverySubcommand()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend)
        Run run = cli({QStringLiteral("--help")});
        QVERIFY(run.out.contains(QStringLiteral("operator       Operators")));
        run = cli({QStringLiteral("operator")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("reset-password NAME")));
        for (const char *subcommand :
             {"list", "show", "create", "roles", "disable", "enable", "reset-password", "unlock"}) {
            run = cli({QStringLiteral("operator"), QString::fromLatin1(subcommand), QStringLiteral("--help")});
            QVERIFY2(run.exitCode == 0, subcommand);
            QVERIFY2(run.out.contains(QStringLiteral("paydesk-cli operator ") + QString::fromLatin1(subcommand)),
                     qPrintable(run.out));
        }
        // Passwords are never arguments.
        run = cli({QStringLiteral("operator"), QStringLiteral("create"), QStringLiteral("eve"),
                   QStringLiteral("--password"), QStringLiteral("Visible-In-PS-1")});
        QCOMPARE(run.exitCode, 2);
    }

    void administratorsManageOperators()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(prepare(db));
        const QHash<QString, QString> newPassword{
            {QStringLiteral("PAYDESK_NEW_PASSWORD"), QStringLiteral("First-Password-1")}};

        Run run =
            asRoot(db,
                   {QStringLiteral("create"), QStringLiteral("bob"), QStringLiteral("--roles"),
                    QStringLiteral("support,finance"), QStringLiteral("--display-name"), QStringLiteral("Bob Bao")},
                   {}, newPassword);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("created operator bob")));
        run = asRoot(
            db, {QStringLiteral("create"), QStringLiteral("bob"), QStringLiteral("--roles"), QStringLiteral("support")},
            {}, newPassword);
        QCOMPARE(run.exitCode, 1);
        run = asRoot(
            db, {QStringLiteral("create"), QStringLiteral("carl"), QStringLiteral("--roles"), QStringLiteral("wizard")},
            {}, newPassword);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown role 'wizard'")));
        run = asRoot(
            db,
            {QStringLiteral("create"), QStringLiteral("carl"), QStringLiteral("--roles"), QStringLiteral("support")},
            {}, {{QStringLiteral("PAYDESK_NEW_PASSWORD"), QStringLiteral("short")}});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("12")));

        run = asRoot(db, {QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("bob\tactive\tsupport,finance\tBob Bao")), qPrintable(run.out));
        QJsonObject bob = shown(db, QStringLiteral("bob"));
        QCOMPARE(bob.value(QStringLiteral("must_change_password")).toBool(), true); // as the console's default
        QCOMPARE(bob.value(QStringLiteral("roles")).toArray().size(), 2);

        // The initial password works but must be changed first.
        run = as(db, "bob", "First-Password-1", {QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("must be changed")), qPrintable(run.err));
        run = cli({QStringLiteral("--database"), db.urlText(), QStringLiteral("passwd"), QStringLiteral("--operator"),
                   QStringLiteral("bob")},
                  "First-Password-1\nBrand-New-Pass-2\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        run = asRoot(db, {QStringLiteral("roles"), QStringLiteral("bob"), QStringLiteral("support")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("support,finance → support")));
        QCOMPARE(shown(db, QStringLiteral("bob")).value(QStringLiteral("roles")).toArray(),
                 QJsonArray{QStringLiteral("support")});

        run = asRoot(db, {QStringLiteral("disable"), QStringLiteral("bob")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = as(db, "bob", "Brand-New-Pass-2", {QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("disabled")), qPrintable(run.err));
        run = asRoot(db, {QStringLiteral("enable"), QStringLiteral("bob")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(shown(db, QStringLiteral("bob")).value(QStringLiteral("state")).toString(), QStringLiteral("active"));

        // Locked after ten failures; unlocked from the cli, the password unchanged.
        {
            PaydeskCore core(db.shared(), SystemClock::instance());
            for (int i = 0; i < 10; ++i)
                QVERIFY(
                    !core.operators().authenticate(QStringLiteral("bob"), QStringLiteral("wrong-%1").arg(i), {}).ok());
        }
        QCOMPARE(shown(db, QStringLiteral("bob")).value(QStringLiteral("state")).toString(), QStringLiteral("locked"));
        run = as(db, "bob", "Brand-New-Pass-2", {QStringLiteral("list")});
        QVERIFY2(run.err.contains(QStringLiteral("locked")), qPrintable(run.err));
        run = asRoot(db, {QStringLiteral("unlock"), QStringLiteral("bob")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(shown(db, QStringLiteral("bob")).value(QStringLiteral("state")).toString(), QStringLiteral("active"));
        run = as(db, "bob", "Brand-New-Pass-2", {QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1); // signed in, but support may not see operators
        QVERIFY2(run.err.contains(QStringLiteral("permission")), qPrintable(run.err));

        // A reset through standard input: root's own password, then the temporary one.
        run = as(db, "root", nullptr, {QStringLiteral("reset-password"), QStringLiteral("bob")},
                 QByteArray(kRootPassword) + "\nTemp-Password-123\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("must be changed at the next sign-in")));
        QCOMPARE(shown(db, QStringLiteral("bob")).value(QStringLiteral("must_change_password")).toBool(), true);
        run = as(db, "bob", "Brand-New-Pass-2", {QStringLiteral("list")});
        QVERIFY2(run.err.contains(QStringLiteral("Wrong user name or password")) ||
                     run.err.contains(QStringLiteral("wrong")),
                 qPrintable(run.err));
        run = as(db, "bob", "Temp-Password-123", {QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("must be changed")), qPrintable(run.err));

        // Every change on record, as root from the cli, without a password in any detail.
        const QStringList actions = auditedActions(db, QStringLiteral("operator:bob"));
        for (const char *expected :
             {"operator.create root ok", "operator.roles root ok", "operator.disable root ok",
              "operator.enable root ok", "operator.unlock root ok", "operator.password_reset root ok"})
            QVERIFY2(actions.contains(QString::fromLatin1(expected)), qPrintable(actions.join(QLatin1Char('\n'))));
        QVERIFY2(!actions.contains(QStringLiteral("<wrong source or a password in the detail>")),
                 qPrintable(actions.join(QLatin1Char('\n'))));

        // The last administrator stays one.
        run = asRoot(db, {QStringLiteral("roles"), QStringLiteral("root"), QStringLiteral("finance")});
        QCOMPARE(run.exitCode, 1);
        run = asRoot(db, {QStringLiteral("disable"), QStringLiteral("root")});
        QCOMPARE(run.exitCode, 1);
    }

    void othersAreRefusedAndAudited()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(prepare(db));
        const QHash<QString, QString> newPassword{
            {QStringLiteral("PAYDESK_NEW_PASSWORD"), QStringLiteral("Takeover-Pass-1")}};
        // An auditor may look.
        Run run = as(db, "fin", kFinPassword, {QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).array().size(), 2);
        // …but not manage.
        const QList<QStringList> attempts{
            {QStringLiteral("create"), QStringLiteral("mallory"), QStringLiteral("--roles"), QStringLiteral("admin")},
            {QStringLiteral("roles"), QStringLiteral("fin"), QStringLiteral("admin")},
            {QStringLiteral("disable"), QStringLiteral("root")},
            {QStringLiteral("enable"), QStringLiteral("root")},
            {QStringLiteral("reset-password"), QStringLiteral("root")},
            {QStringLiteral("unlock"), QStringLiteral("root")}};
        for (const QStringList &attempt : attempts) {
            run = as(db, "fin", kFinPassword, attempt, {}, newPassword);
            QVERIFY2(run.exitCode == 1, qPrintable(attempt.join(QLatin1Char(' '))));
            QVERIFY2(run.err.contains(QStringLiteral("permission")), qPrintable(run.err));
        }
        auto denied =
            Sql::scalar(db.database().connection().value(),
                        QStringLiteral("SELECT count(*) FROM audit_log WHERE actor = 'fin' AND result = 'denied'"));
        QVERIFY(denied.ok());
        QCOMPARE(denied->toLongLong(), qint64(attempts.size()));
        QCOMPARE(shown(db, QStringLiteral("fin")).value(QStringLiteral("roles")).toArray().size(), 2);
        QVERIFY(shown(db, QStringLiteral("mallory")).isEmpty());
        // Root's password was not replaced.
        QCOMPARE(asRoot(db, {QStringLiteral("list")}).exitCode, 0);
    }

    // A database the cli creates is private to its owner, whatever the umask.
    void newDatabaseFilesArePrivate()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("PostgreSQL keeps its files in its own data directory (0700)");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/paydesk.db"));
        const mode_t saved = ::umask(022);
        const Run run =
            cli({QStringLiteral("--database"), QStringLiteral("sqlite:") + path, QStringLiteral("migrate")});
        ::umask(saved);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        struct stat status;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
        QCOMPARE(int(status.st_mode & 0777), 0600);
    }
};

QTEST_GUILESS_MAIN(TestCliOperators)
#include "tst_cli_operators.moc"
