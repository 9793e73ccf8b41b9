#include "core/reconciliation/ReconciliationRunStore.h"
#include "tests/channel/support/DemoPlatform.h"
#include "tests/cli/CliProcess.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// paydesk-cli reconcile through the real binary on both databases: the JSON contract scripts rely
// on, the exit statuses (0 completed, 3 discrepancies with --fail-on-discrepancy, 1 failed, 2
// usage), the history, the diff and the pool, and who may do what.
class TestCliReconcile : public QObject
{
    Q_OBJECT

    SandboxTestBed m_bed;
    QTemporaryDir m_files;

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
        QJsonValue json() const
        {
            const QJsonDocument document = QJsonDocument::fromJson(out.toUtf8());
            return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        }
    };

    static Order order(int n, qint64 amount = 1000)
    {
        return Order{QStringLiteral("ORD-%1").arg(n), QStringLiteral("42000%1").arg(n, 8, 10, QLatin1Char('0')), amount,
                     amount * 6 / 1000, shanghai(10)};
    }

    // `paydesk-cli reconcile ARGS` on the database at `url` as the operator.
    static Run reconcile(const QString &url, const QString &operatorName, const QString &password,
                         const QStringList &arguments, const QString &masterKeyFile = QString())
    {
        QProcess process;
        process.setProcessEnvironment(cliEnvironment(url, operatorName, password, masterKeyFile));
        process.start(QStringLiteral(PAYDESK_CLI_PATH), QStringList{QStringLiteral("reconcile")} + arguments);
        process.closeWriteChannel();
        Run run;
        if (!process.waitForFinished(120000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    // As one of the fixture's operators (they share a password).
    static Run reconcile(RunFixture &f, const QString &operatorName, const QStringList &arguments)
    {
        return reconcile(f.testDatabase().urlText(), operatorName, QString::fromLatin1(CoreFixture::kOperatorPassword),
                         arguments);
    }

    static QStringList runArguments(const QString &file, const QStringList &more = {})
    {
        return QStringList{QStringLiteral("run"),
                           QStringLiteral("--channel-account"),
                           kAccount,
                           QStringLiteral("--date"),
                           kDay.toString(Qt::ISODate),
                           QStringLiteral("--file"),
                           file} +
               more;
    }

    // Orders ORD-1 (10.00), ORD-2 (10.00), ORD-3 (23.45) paid; a bill with ORD-1, ORD-2 at 10.01
    // and ORD-4, which is no order of ours: one of each of matched, amount_mismatch,
    // platform_only (ORD-3) and channel_only (ORD-4).
    static QString faultyDay(RunFixture &f)
    {
        f.addOrder(order(1));
        f.addOrder(order(2));
        f.addOrder(order(3, 2345));
        Order wrongAmount = order(2, 1001);
        wrongAmount.fee = order(2).fee;
        return f.writeBill(QStringLiteral("faulty.csv"),
                           {RunFixture::line(order(1)), RunFixture::line(wrongAmount), RunFixture::line(order(4))});
    }

    static QStringList keys(const QJsonObject &object)
    {
        QStringList names = object.keys();
        names.sort();
        return names;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase()
    {
        QVERIFY(m_bed.start());
        QVERIFY(m_files.isValid());
    }

    void runPrintsTheJsonContract()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const QString bill = faultyDay(f);
        Run run = reconcile(f, QStringLiteral("fiona"), runArguments(bill, {QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QJsonObject object = run.json().toObject();
        QCOMPARE(keys(object), (QStringList{QStringLiteral("already_imported"), QStringLiteral("amounts"),
                                            QStringLiteral("auto_resolved"), QStringLiteral("channel_account"),
                                            QStringLiteral("counts"), QStringLiteral("currency"),
                                            QStringLiteral("date"), QStringLiteral("run_id"), QStringLiteral("status"),
                                            QStringLiteral("superseded_run_id")}));
        const qint64 runId = f.count(QStringLiteral("SELECT MAX(id) FROM recon_run"));
        QCOMPARE(object.value(QStringLiteral("run_id")).toInteger(), runId);
        QCOMPARE(object.value(QStringLiteral("channel_account")).toString(), kAccount);
        QCOMPARE(object.value(QStringLiteral("date")).toString(), QStringLiteral("2026-11-03"));
        QCOMPARE(object.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(object.value(QStringLiteral("already_imported")).toBool(), false);
        QVERIFY(object.value(QStringLiteral("superseded_run_id")).isNull());
        const QJsonObject expectedCounts{{QStringLiteral("matched"), 1},
                                         {QStringLiteral("channel_only"), 1},
                                         {QStringLiteral("platform_only"), 1},
                                         {QStringLiteral("amount_mismatch"), 1},
                                         {QStringLiteral("status_mismatch"), 0},
                                         {QStringLiteral("fee_mismatch"), 0},
                                         {QStringLiteral("duplicate_in_statement"), 0},
                                         {QStringLiteral("carried_over"), 0}};
        QCOMPARE(object.value(QStringLiteral("counts")).toObject(), expectedCounts);
        const QJsonObject expectedAmounts{{QStringLiteral("matched"), QStringLiteral("10.00")},
                                          {QStringLiteral("channel_only"), QStringLiteral("10.00")},
                                          {QStringLiteral("platform_only"), QStringLiteral("23.45")},
                                          {QStringLiteral("amount_mismatch"), QStringLiteral("10.01")},
                                          {QStringLiteral("status_mismatch"), QStringLiteral("0.00")},
                                          {QStringLiteral("fee_mismatch"), QStringLiteral("0.00")},
                                          {QStringLiteral("duplicate_in_statement"), QStringLiteral("0.00")},
                                          {QStringLiteral("carried_over"), QStringLiteral("0.00")}};
        QCOMPARE(object.value(QStringLiteral("amounts")).toObject(), expectedAmounts);

        // The same file again: nothing new, said so; with --fail-on-discrepancy the day's
        // discrepancies still make it 3.
        run = reconcile(f, QStringLiteral("fiona"),
                        runArguments(bill, {QStringLiteral("--json"), QStringLiteral("--fail-on-discrepancy")}));
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.json().toObject().value(QStringLiteral("already_imported")).toBool(), true);
        QCOMPARE(run.json().toObject().value(QStringLiteral("run_id")).toInteger(), runId);
        QCOMPARE(run.json().toObject().value(QStringLiteral("counts")).toObject(), expectedCounts);
        run = reconcile(f, QStringLiteral("fiona"), runArguments(bill));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("imported before")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("amount_mismatch")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(1));
    }

    void aCleanDayIsZeroEvenWithFailOnDiscrepancy()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.addOrder(order(1));
        const QString bill = f.writeBill(QStringLiteral("clean.csv"), {RunFixture::line(order(1))});
        const Run run =
            reconcile(f, QStringLiteral("fiona"), runArguments(bill, {QStringLiteral("--fail-on-discrepancy")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("completed")));
        QVERIFY2(run.out.contains(QStringLiteral("Discrepancies: 0")), qPrintable(run.out));
    }

    void usageErrorsAreTwo()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const QString fiona = QStringLiteral("fiona");
        const QString day = kDay.toString(Qt::ISODate);
        const QList<QStringList> wrong{
            {QStringLiteral("run"), QStringLiteral("--date"), day},
            {QStringLiteral("run"), QStringLiteral("--channel-account"), kAccount},
            {QStringLiteral("run"), QStringLiteral("--channel-account"), kAccount, QStringLiteral("--date"),
             QStringLiteral("2026-13-01")},
            {QStringLiteral("run"), QStringLiteral("--channel-account"), kAccount, QStringLiteral("--date"), day,
             QStringLiteral("extra")},
            {QStringLiteral("run"), QStringLiteral("--no-such-option")},
            {QStringLiteral("show")},
            {QStringLiteral("show"), QStringLiteral("x")},
            {QStringLiteral("diff"), QStringLiteral("1")},
            {QStringLiteral("runs"), QStringLiteral("--from"), QStringLiteral("yesterday")},
            {QStringLiteral("discrepancies"), QStringLiteral("--category"), QStringLiteral("matched")},
            {QStringLiteral("no-such-subcommand")},
            {},
        };
        for (const QStringList &arguments : wrong) {
            const Run run = reconcile(f, fiona, arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
            QVERIFY2(!run.err.isEmpty(), qPrintable(arguments.join(QLatin1Char(' '))));
        }
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(0));
        const Run help = reconcile(f, fiona, {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--fail-on-discrepancy")));
    }

    void failuresAreOneAndNameWhy()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const QString fiona = QStringLiteral("fiona");
        f.addOrder(order(1));
        // Another merchant id's file: refused with file and line, nothing written but the failed run.
        const QString other =
            f.writeBill(QStringLiteral("other.csv"),
                        {RunFixture::line(order(1)), RunFixture::line(order(2), QStringLiteral("1900000999"))});
        Run run = reconcile(f, fiona, runArguments(other, {QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("another channel account")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("other.csv: line 3"))); // the header is line 1
        QVERIFY(run.out.isEmpty());
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status <> 'failed'")), qint64(0));

        // A file that is not there; an account that is not there.
        run = reconcile(f, fiona, runArguments(QStringLiteral("/nonexistent/bill.csv")));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("bill.csv")), qPrintable(run.err));
        run = reconcile(f, fiona,
                        {QStringLiteral("run"), QStringLiteral("--channel-account"), QStringLiteral("wx_nobody"),
                         QStringLiteral("--date"), kDay.toString(Qt::ISODate), QStringLiteral("--file"), other});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());

        // Another run of the day under way (its heartbeat fresh): who holds it and since when.
        ReconciliationRunStart start;
        start.channelAccountId = f.account().channelAccountId;
        start.billDate = kDay;
        start.startedBy = QStringLiteral("otto");
        auto held =
            ReconciliationRunStore::begin(f.database().connection().value(), start, QDateTime::currentDateTimeUtc());
        QVERIFY(held);
        const QString bill = f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(order(1))});
        run = reconcile(f, fiona, runArguments(bill));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already under way")), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("started by otto")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run WHERE status = 'completed'")), qint64(0));

        // A download needs the vault's credentials.
        run = reconcile(f, fiona,
                        {QStringLiteral("run"), QStringLiteral("--channel-account"), kAccount, QStringLiteral("--date"),
                         kDay.toString(Qt::ISODate)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("PAYDESK_MASTER_KEY_FILE")), qPrintable(run.err));
    }

    void historyShowDiffAndPool()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const QString fiona = QStringLiteral("fiona");
        const QString first = faultyDay(f);
        Run run = reconcile(f, fiona, runArguments(first, {QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 0);
        const qint64 firstId = run.json().toObject().value(QStringLiteral("run_id")).toInteger();
        // The corrected file: ORD-2 and ORD-3 right now, ORD-4 still unknown to us.
        const QString second = f.writeBill(QStringLiteral("corrected.csv"),
                                           {RunFixture::line(order(1)), RunFixture::line(order(2)),
                                            RunFixture::line(order(3, 2345)), RunFixture::line(order(4))});
        run = reconcile(f, fiona, runArguments(second, {QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 0);
        const qint64 secondId = run.json().toObject().value(QStringLiteral("run_id")).toInteger();
        QCOMPARE(run.json().toObject().value(QStringLiteral("superseded_run_id")).toInteger(), firstId);

        run = reconcile(f, fiona, {QStringLiteral("runs"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray runs = run.json().toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("run_id")).toInteger(), secondId);
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("superseded_by_run_id")).toInteger(), secondId);
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("started_by")).toString(), fiona);
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("file")).toString(), QStringLiteral("faulty.csv"));
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("counts")).toObject().value(QStringLiteral("matched")),
                 QJsonValue(1));
        run = reconcile(f, fiona,
                        {QStringLiteral("runs"), QStringLiteral("--channel-account"), kAccount,
                         QStringLiteral("--from"), kDay.addDays(1).toString(Qt::ISODate), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().toArray().size(), 0);
        run = reconcile(f, fiona, {QStringLiteral("runs")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("superseded by %1").arg(secondId)), qPrintable(run.out));

        run = reconcile(f, fiona, {QStringLiteral("show"), QString::number(firstId), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject shown = run.json().toObject();
        QCOMPARE(shown.value(QStringLiteral("run")).toObject().value(QStringLiteral("run_id")).toInteger(), firstId);
        const QJsonArray items = shown.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 3);
        QMap<QString, QJsonObject> byKey;
        for (const QJsonValue &item : items)
            byKey.insert(item.toObject().value(QStringLiteral("match_key")).toString(), item.toObject());
        QCOMPARE(byKey.value(QStringLiteral("ORD-2")).value(QStringLiteral("category")).toString(),
                 QStringLiteral("amount_mismatch"));
        QCOMPARE(byKey.value(QStringLiteral("ORD-2")).value(QStringLiteral("channel_amount")).toString(),
                 QStringLiteral("10.01"));
        QCOMPARE(byKey.value(QStringLiteral("ORD-2")).value(QStringLiteral("platform_amount")).toString(),
                 QStringLiteral("10.00"));
        QCOMPARE(byKey.value(QStringLiteral("ORD-3")).value(QStringLiteral("category")).toString(),
                 QStringLiteral("platform_only"));
        QVERIFY(byKey.value(QStringLiteral("ORD-3")).value(QStringLiteral("channel_amount")).isNull());
        QCOMPARE(byKey.value(QStringLiteral("ORD-4")).value(QStringLiteral("line")).toInt(), 4); // after the header
        run = reconcile(f, fiona, {QStringLiteral("show"), QString::number(firstId)});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("channel 10.01, ours 10.00")), qPrintable(run.out));
        QCOMPARE(reconcile(f, fiona, {QStringLiteral("show"), QStringLiteral("9999")}).exitCode, 1);

        run = reconcile(
            f, fiona,
            {QStringLiteral("diff"), QString::number(firstId), QString::number(secondId), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject diff = run.json().toObject();
        QCOMPARE(diff.value(QStringLiteral("older_run_id")).toInteger(), firstId);
        QCOMPARE(diff.value(QStringLiteral("same_statement")).toBool(), false);
        const QJsonArray lines = diff.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).toObject(),
                 (QJsonObject{{QStringLiteral("match_key"), QStringLiteral("ORD-2")},
                              {QStringLiteral("type"), QStringLiteral("payment")},
                              {QStringLiteral("order_no"), QStringLiteral("ORD-2")},
                              {QStringLiteral("refund_no"), QString()},
                              {QStringLiteral("channel_transaction_id"), order(2).transactionId},
                              {QStringLiteral("older_category"), QStringLiteral("amount_mismatch")},
                              {QStringLiteral("newer_category"), QStringLiteral("matched")},
                              {QStringLiteral("cause"), QStringLiteral("statement_changed")}}));
        QCOMPARE(lines.at(1).toObject().value(QStringLiteral("match_key")).toString(), QStringLiteral("ORD-3"));
        run = reconcile(f, fiona, {QStringLiteral("diff"), QString::number(secondId), QString::number(firstId)});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("ORD-3  platform_only -> matched  (statement_changed)")),
                 qPrintable(run.out));

        // The pool: ORD-2 and ORD-3 gone with the corrected file, ORD-4 still open.
        run =
            reconcile(f, fiona, {QStringLiteral("discrepancies"), QStringLiteral("--open"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray open = run.json().toArray();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("match_key")).toString(), QStringLiteral("ORD-4"));
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("category")).toString(), QStringLiteral("channel_only"));
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("open"));
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("channel_account")).toString(), kAccount);
        QCOMPARE(open.at(0).toObject().value(QStringLiteral("channel_amount")).toString(), QStringLiteral("10.00"));
        run = reconcile(f, fiona, {QStringLiteral("discrepancies"), QStringLiteral("--json")});
        QCOMPARE(run.json().toArray().size(), 3);
        run = reconcile(f, fiona,
                        {QStringLiteral("discrepancies"), QStringLiteral("--category"), QStringLiteral("platform_only"),
                         QStringLiteral("--channel-account"), kAccount, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.json().toArray().size(), 1);
        QCOMPARE(run.json().toArray().at(0).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("gone"));
        run = reconcile(f, fiona, {QStringLiteral("discrepancies"), QStringLiteral("--open")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("ORD-4")) && !run.out.contains(QStringLiteral("ORD-3")),
                 qPrintable(run.out));
    }

    void rolesDecideWhoRunsAndWhoReads()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.operatorWith(QStringLiteral("sam"), {Role::Support});
        f.operatorWith(QStringLiteral("aud"), {Role::Auditor});
        const QString bill = faultyDay(f);
        // Support sees nothing of reconciliation; an auditor reads but does not run.
        Run run = reconcile(f, QStringLiteral("sam"), runArguments(bill));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("permission")), qPrintable(run.err));
        run = reconcile(f, QStringLiteral("aud"), runArguments(bill));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("permission")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(0));
        run = reconcile(f, QStringLiteral("fiona"), runArguments(bill, {QStringLiteral("--json")}));
        QCOMPARE(run.exitCode, 0);
        const QString id = QString::number(run.json().toObject().value(QStringLiteral("run_id")).toInteger());
        for (const QStringList &read :
             {QStringList{QStringLiteral("runs")}, QStringList{QStringLiteral("show"), id},
              QStringList{QStringLiteral("diff"), id, id}, QStringList{QStringLiteral("discrepancies")}}) {
            run = reconcile(f, QStringLiteral("sam"), read);
            QVERIFY2(run.exitCode == 1 && run.err.contains(QStringLiteral("permission")),
                     qPrintable(read.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
            QVERIFY(run.out.isEmpty());
            run = reconcile(f, QStringLiteral("aud"), read);
            QVERIFY2(run.exitCode == 0, qPrintable(read.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
        }
    }

    // The pool's maker-checker: finance proposes, an approver (never the proposer) approves and the
    // entry is posted, or rejects and the discrepancy is open again; each step reads the version.
    void resolveApproveReject()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.operatorWith(QStringLiteral("amos"), {Role::Approver});
        f.operatorWith(QStringLiteral("sam"), {Role::Support});
        const QString fiona = QStringLiteral("fiona");
        const QString amos = QStringLiteral("amos");
        Run run = reconcile(f, fiona, runArguments(faultyDay(f)));
        QCOMPARE(run.exitCode, 0);
        const auto idOf = [&f](const char *matchKey) {
            return QString::number(f.count(QStringLiteral("SELECT id FROM recon_discrepancy WHERE match_key = ?"),
                                           {QString::fromLatin1(matchKey)}));
        };
        const QString unknownPayer = idOf("ORD-4"); // channel_only, no order of ours
        const QString wrongAmount = idOf("ORD-2");  // amount_mismatch of our order
        const QString missing = idOf("ORD-3");      // platform_only

        // Usage: the action, the note, the reason and one id are required.
        const QList<QStringList> wrong{
            {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--note"), QStringLiteral("x")},
            {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--action"), QStringLiteral("park_in_suspense")},
            {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--action"), QStringLiteral("pay_everyone"),
             QStringLiteral("--note"), QStringLiteral("x")},
            {QStringLiteral("approve")},
            {QStringLiteral("approve"), QStringLiteral("x")},
            {QStringLiteral("reject"), wrongAmount},
        };
        for (const QStringList &arguments : wrong) {
            run = reconcile(f, fiona, arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
        }
        // A resolution that does not fit, support, an unknown discrepancy: refused.
        run = reconcile(f, fiona,
                        {QStringLiteral("resolve"), missing, QStringLiteral("--action"), QStringLiteral("adjust_fee"),
                         QStringLiteral("--note"), QStringLiteral("fee?")});
        QCOMPARE(run.exitCode, 1);
        run = reconcile(f, QStringLiteral("sam"),
                        {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--action"),
                         QStringLiteral("park_in_suspense"), QStringLiteral("--note"), QStringLiteral("x")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("permission")), qPrintable(run.err));
        QCOMPARE(reconcile(f, amos, {QStringLiteral("approve"), QStringLiteral("9999")}).exitCode, 1);

        // Park the unknown payer's money: proposed by finance, which may not approve it.
        run = reconcile(f, fiona,
                        {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--action"),
                         QStringLiteral("park_in_suspense"), QStringLiteral("--note"),
                         QStringLiteral("no order of ours; asked the channel")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("proposed, park_in_suspense")),
                 qPrintable(run.out + run.err));
        run = reconcile(f, fiona, {QStringLiteral("approve"), unknownPayer});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("permission")));
        run = reconcile(f, amos, {QStringLiteral("approve"), unknownPayer});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("resolved, park_in_suspense")),
                 qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("Ledger entry ")));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_discrepancy WHERE id = ? AND status = 'resolved' "
                                        "AND ledger_entry_id IS NOT NULL"),
                         {unknownPayer.toLongLong()}),
                 qint64(1));
        // Then placed with the merchant it belongs to.
        run = reconcile(f, fiona,
                        {QStringLiteral("resolve"), unknownPayer, QStringLiteral("--action"),
                         QStringLiteral("assign_to_merchant"), QStringLiteral("--merchant"), QStringLiteral("m1"),
                         QStringLiteral("--note"), QStringLiteral("the merchant's own customer")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        run = reconcile(f, amos, {QStringLiteral("approve"), unknownPayer});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("resolved, assign_to_merchant")),
                 qPrintable(run.out + run.err));
        run = reconcile(f, amos, {QStringLiteral("discrepancies"), QStringLiteral("--json")});
        for (const QJsonValue &d : run.json().toArray()) {
            if (d.toObject().value(QStringLiteral("match_key")) != QLatin1String("ORD-4"))
                continue;
            QCOMPARE(d.toObject().value(QStringLiteral("assign_merchant_no")).toString(), QStringLiteral("M1"));
            QVERIFY(!d.toObject().value(QStringLiteral("parked_entry_id")).isNull());
        }

        // Propose, reject with a reason: open again, and it can be proposed anew.
        run =
            reconcile(f, fiona,
                      {QStringLiteral("resolve"), wrongAmount, QStringLiteral("--action"),
                       QStringLiteral("adjust_amount"), QStringLiteral("--note"), QStringLiteral("the bill is right")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        run = reconcile(
            f, amos, {QStringLiteral("reject"), wrongAmount, QStringLiteral("--reason"), QStringLiteral("ask first")});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral(": open")), qPrintable(run.out + run.err));
        run = reconcile(f, amos,
                        {QStringLiteral("reject"), wrongAmount, QStringLiteral("--reason"), QStringLiteral("again")});
        QCOMPARE(run.exitCode, 1); // nothing proposed to reject
        // An administrator holds both permissions, and still needs a second person.
        run = reconcile(f.testDatabase().urlText(), QStringLiteral("admin"),
                        QString::fromLatin1(CoreFixture::kAdminPassword),
                        {QStringLiteral("resolve"), wrongAmount, QStringLiteral("--action"),
                         QStringLiteral("adjust_amount"), QStringLiteral("--note"), QStringLiteral("asked")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        run = reconcile(f.testDatabase().urlText(), QStringLiteral("admin"),
                        QString::fromLatin1(CoreFixture::kAdminPassword), {QStringLiteral("approve"), wrongAmount});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("another operator")), qPrintable(run.err));
        run = reconcile(f, amos, {QStringLiteral("approve"), wrongAmount});
        QVERIFY2(run.exitCode == 0 && run.out.contains(QStringLiteral("resolved, adjust_amount")),
                 qPrintable(run.out + run.err));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action IN ('recon.resolve', "
                                        "'recon.approve', 'recon.reject') AND result = 'ok'")),
                 qint64(8));
    }

    // Without --file the bill comes through the channel account (a real sandbox here), signed
    // with the credentials in the vault: yesterday's is there, tomorrow's is not.
    void downloadsTheBillThroughTheAccount()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(demoPlatform(m_bed, db.shared()));
        const QString masterKey = m_files.filePath(QStringLiteral("master"));
        QFile master(masterKey);
        QVERIFY(master.open(QIODevice::WriteOnly));
        master.write(DemoSetup::kMasterPassphrase);
        master.close();
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(Clock::platformTimeZone()).date();
        const auto download = [&](const QDate &date) {
            return reconcile(db.urlText(), QStringLiteral("finance"), QString::fromLatin1(DemoSetup::kPassword),
                             {QStringLiteral("run"), QStringLiteral("--channel-account"), QStringLiteral("wx_shared01"),
                              QStringLiteral("--date"), date.toString(Qt::ISODate), QStringLiteral("--json")},
                             masterKey);
        };
        Run run = download(today.addDays(-1));
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(run.json().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(run.json().toObject().value(QStringLiteral("channel_account")).toString(),
                 QStringLiteral("wx_shared01"));
        QCOMPARE(
            Sql::scalar(db.database().connection().value(), QStringLiteral("SELECT origin FROM recon_statement_file"))
                .value()
                .toString(),
            QStringLiteral("download"));
        run = download(today.addDays(1));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no statement for %1").arg(today.addDays(1).toString(Qt::ISODate))),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("NO_STATEMENT_EXIST")));
    }
};

QTEST_GUILESS_MAIN(TestCliReconcile)
#include "tst_cli_reconcile.moc"
