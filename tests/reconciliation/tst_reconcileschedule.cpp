#include "core/gateway/GatewayMetrics.h"
#include "core/reconciliation/ReconciliationScheduler.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// paydeskd's T+1 reconciliation: the schedule's decisions driven by a fixed clock (which accounts
// and dates are due, when a day is tried again), the scheduler over a real core, and the series
// /metrics gains (runs by status, unresolved discrepancies by category, the oldest one's age).
class TestReconcileSchedule : public QObject
{
    Q_OBJECT

    static QDateTime utc(const QDate &date, int hour, int minute = 0)
    {
        return QDateTime(date, QTime(hour, minute), Qt::UTC);
    }

    static const QList<ReconciliationSchedule::Account> &accounts()
    {
        // Both opened on the 3rd: no earlier day is theirs to catch up.
        static const QList<ReconciliationSchedule::Account> both{{1, QStringLiteral("wx_a"), QDate(2026, 11, 3)},
                                                                 {2, QStringLiteral("ali_b"), QDate(2026, 11, 3)}};
        return both;
    }

    // Every account's day without a run; the accounts asked about are collected.
    static ReconciliationSchedule::HasCurrentRun noRuns(QList<qint64> *asked = nullptr)
    {
        return [asked](qint64 id, const QDate &) -> Result<bool> {
            if (asked)
                *asked << id;
            return false;
        };
    }

    static QStringList described(const QList<ScheduledRun> &runs)
    {
        QStringList text;
        for (const ScheduledRun &run : runs)
            text << QStringLiteral("%1 %2 #%3")
                        .arg(run.channelAccount, run.billDate.toString(Qt::ISODate))
                        .arg(run.attempt);
        return text;
    }

    static qint64 gauge(const QByteArray &exposition, const QByteArray &series)
    {
        for (const QByteArray &line : exposition.split('\n')) {
            if (line.startsWith(series + ' '))
                return line.mid(series.size() + 1).toLongLong();
        }
        return -1;
    }

private slots:
    void theDayIsYesterdayInShanghaiAfterTheTimeOfDay()
    {
        ReconciliationSchedule schedule;
        // 10:29 and 10:30 in Shanghai are 02:29 and 02:30 UTC.
        QVERIFY(!schedule.billDateAt(utc(QDate(2026, 11, 4), 2, 29)).isValid());
        QCOMPARE(schedule.billDateAt(utc(QDate(2026, 11, 4), 2, 30)), QDate(2026, 11, 3));
        // 16:30 UTC on the 4th is 00:30 on the 5th in Shanghai: before the time of that day.
        QVERIFY(!schedule.billDateAt(utc(QDate(2026, 11, 4), 16, 30)).isValid());
        QCOMPARE(schedule.billDateAt(utc(QDate(2026, 11, 4), 15, 59)), QDate(2026, 11, 3));
        QList<qint64> asked;
        QVERIFY(schedule.due(utc(QDate(2026, 11, 4), 2, 29), accounts(), noRuns(&asked)).isEmpty());
        QVERIFY(asked.isEmpty());

        ReconciliationScheduleSettings settings;
        settings.timeOfDay = QTime(6, 0);
        schedule.setSettings(settings);
        QCOMPARE(schedule.billDateAt(utc(QDate(2026, 11, 3), 22, 0)), QDate(2026, 11, 3));
        QCOMPARE(described(schedule.due(utc(QDate(2026, 11, 3), 22, 0), accounts(), noRuns())),
                 (QStringList{QStringLiteral("wx_a 2026-11-03 #1"), QStringLiteral("ali_b 2026-11-03 #1")}));
    }

    void aDayWithACurrentRunIsSkipped()
    {
        ReconciliationSchedule schedule;
        const QDateTime now = utc(QDate(2026, 11, 4), 3, 0);
        QList<qint64> asked;
        const auto onlyAliHasRun = [&asked](qint64 id, const QDate &date) -> Result<bool> {
            asked << id;
            return id == 2 && date == QDate(2026, 11, 3);
        };
        QCOMPARE(described(schedule.due(now, accounts(), onlyAliHasRun)),
                 QStringList{QStringLiteral("wx_a 2026-11-03 #1")});
        QCOMPARE(asked, (QList<qint64>{1, 2}));
        // ali_b's day is done: not even asked again. An error reading wx_a's runs skips it this
        // time only.
        asked.clear();
        const auto unreadable = [&asked](qint64 id, const QDate &) -> Result<bool> {
            asked << id;
            return Error(ErrorCode::QueryFailed, QStringLiteral("down"));
        };
        QVERIFY(schedule.due(now, accounts(), unreadable).isEmpty());
        QCOMPARE(asked, QList<qint64>{1});
        QCOMPARE(described(schedule.due(now, accounts(), noRuns())), QStringList{QStringLiteral("wx_a 2026-11-03 #1")});
    }

    void noBillYetIsTriedAgainUpToTheLimit()
    {
        ReconciliationSchedule schedule;
        ReconciliationScheduleSettings settings;
        settings.retryMinutes = 20;
        settings.maxAttempts = 3;
        schedule.setSettings(settings);
        QDateTime now = utc(QDate(2026, 11, 4), 2, 30);
        const QList<ReconciliationSchedule::Account> one{accounts().first()};
        auto due = schedule.due(now, one, noRuns());
        QCOMPARE(due.size(), 1);
        QCOMPARE(ReconciliationSchedule::outcomeOf(ErrorCode::ChannelNotFound), ScheduledOutcome::Retry);
        schedule.record(due.first(), ScheduledOutcome::Retry, now);
        QCOMPARE(schedule.nextAttemptAt(1, QDate(2026, 11, 3)), now.addSecs(20 * 60));
        QVERIFY(schedule.due(now.addSecs(19 * 60 + 59), one, noRuns()).isEmpty());
        now = now.addSecs(20 * 60);
        due = schedule.due(now, one, noRuns());
        QCOMPARE(described(due), QStringList{QStringLiteral("wx_a 2026-11-03 #2")});
        schedule.record(due.first(), ScheduledOutcome::Retry, now);
        now = now.addSecs(20 * 60);
        due = schedule.due(now, one, noRuns());
        QCOMPARE(described(due), QStringList{QStringLiteral("wx_a 2026-11-03 #3")});
        schedule.record(due.first(), ScheduledOutcome::Retry, now);
        // Three tries: the day is given up (an operator runs it by hand).
        QVERIFY(!schedule.nextAttemptAt(1, QDate(2026, 11, 3)).isValid());
        QVERIFY(schedule.due(now.addSecs(3600), one, noRuns()).isEmpty());
        // The next morning is a new day with its own tries.
        QCOMPARE(described(schedule.due(utc(QDate(2026, 11, 5), 2, 30), one, noRuns())),
                 QStringList{QStringLiteral("wx_a 2026-11-04 #1")});
    }

    // A daemon that was down for days: the days without a current run within the catch-up window
    // are tried, oldest first, never one before the account existed; days with a run are not.
    void missedDaysAreCaughtUp()
    {
        ReconciliationSchedule schedule;
        const QDateTime now = utc(QDate(2026, 11, 10), 3, 0); // bill date the 9th
        const QList<ReconciliationSchedule::Account> accounts{{1, QStringLiteral("wx_a"), QDate(2026, 10, 1)},
                                                              {2, QStringLiteral("ali_b"), QDate(2026, 11, 8)}};
        const auto ranOnThe5th = [](qint64 id, const QDate &date) -> Result<bool> {
            return id == 1 && date == QDate(2026, 11, 5);
        };
        QCOMPARE(described(schedule.due(now, accounts, ranOnThe5th)),
                 (QStringList{QStringLiteral("wx_a 2026-11-03 #1"), QStringLiteral("wx_a 2026-11-04 #1"),
                              QStringLiteral("wx_a 2026-11-06 #1"), QStringLiteral("wx_a 2026-11-07 #1"),
                              QStringLiteral("wx_a 2026-11-08 #1"), QStringLiteral("wx_a 2026-11-09 #1"),
                              QStringLiteral("ali_b 2026-11-08 #1"), QStringLiteral("ali_b 2026-11-09 #1")}));
        // An account opened today still has yesterday tried (imported history), nothing earlier.
        const QList<ReconciliationSchedule::Account> openedToday{{3, QStringLiteral("up_c"), QDate(2026, 11, 10)}};
        QCOMPARE(described(schedule.due(now, openedToday, ranOnThe5th)),
                 QStringList{QStringLiteral("up_c 2026-11-09 #1")});
        // One day back only: yesterday's bills.
        ReconciliationSchedule yesterdayOnly;
        ReconciliationScheduleSettings settings;
        settings.catchUpDays = 1;
        yesterdayOnly.setSettings(settings);
        QCOMPARE(described(yesterdayOnly.due(now, accounts, ranOnThe5th)),
                 (QStringList{QStringLiteral("wx_a 2026-11-09 #1"), QStringLiteral("ali_b 2026-11-09 #1")}));
    }

    void doneAndGivenUpDaysAreNotTriedAgain()
    {
        ReconciliationSchedule schedule;
        const QDateTime now = utc(QDate(2026, 11, 4), 2, 30);
        const auto due = schedule.due(now, accounts(), noRuns());
        QCOMPARE(due.size(), 2);
        schedule.record(due.at(0), ScheduledOutcome::Done, now);
        schedule.record(due.at(1), ReconciliationSchedule::outcomeOf(ErrorCode::StatementWrongAccount), now);
        QVERIFY(schedule.due(now.addSecs(6 * 3600), accounts(), noRuns()).isEmpty());

        for (ErrorCode retried : {ErrorCode::ChannelNotFound, ErrorCode::ChannelUnavailable, ErrorCode::ChannelTimeout,
                                  ErrorCode::ReconciliationRunning, ErrorCode::Cancelled})
            QCOMPARE(ReconciliationSchedule::outcomeOf(retried), ScheduledOutcome::Retry);
        for (ErrorCode final : {ErrorCode::StatementWrongAccount, ErrorCode::StatementMalformed,
                                ErrorCode::ChannelAuthRejected, ErrorCode::PermissionDenied})
            QCOMPARE(ReconciliationSchedule::outcomeOf(final), ScheduledOutcome::GiveUp);
    }

    void settingsComeFromThePlatform_data() { TestDatabase::addBackendRows(); }
    void settingsComeFromThePlatform()
    {
        QFETCH(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        QStringList invalid;
        ReconciliationScheduleSettings read = ReconciliationScheduleSettings::read(f.core().settings(), &invalid);
        QCOMPARE(read.timeOfDay, QTime(10, 30));
        QCOMPARE(read.retryMinutes, 30);
        QCOMPARE(read.maxAttempts, 12);
        QCOMPARE(read.catchUpDays, 7);
        QVERIFY(invalid.isEmpty());
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::TimeOfDayKey, QStringLiteral("09:15")));
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::RetryMinutesKey, QStringLiteral("0")));
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::MaxAttemptsKey, QStringLiteral("4")));
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::CatchUpDaysKey, QStringLiteral("91")));
        read = ReconciliationScheduleSettings::read(f.core().settings(), &invalid);
        QCOMPARE(read.timeOfDay, QTime(9, 15));
        QCOMPARE(read.retryMinutes, 30);
        QCOMPARE(read.maxAttempts, 4);
        QCOMPARE(read.catchUpDays, 7);
        QCOMPARE(invalid, (QStringList{ReconciliationScheduleSettings::RetryMinutesKey,
                                       ReconciliationScheduleSettings::CatchUpDaysKey}));
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::CatchUpDaysKey, QStringLiteral("3")));
        QCOMPARE(ReconciliationScheduleSettings::read(f.core().settings()).catchUpDays, 3);
        QVERIFY(f.core().settings().setValue(ReconciliationScheduleSettings::TimeOfDayKey, QStringLiteral("25:00")));
        QCOMPARE(ReconciliationScheduleSettings::read(f.core().settings()).timeOfDay, QTime(10, 30));
    }

    // The scheduler over a real core: the account's day is tried as "paydeskd" (the download
    // fails here: no credentials, no channel), audited, and not tried again at once; a day that
    // has a current run, and a disabled account, are left alone.
    void theSchedulerTriesEachEnabledAccountsDay_data() { TestDatabase::addBackendRows(); }
    void theSchedulerTriesEachEnabledAccountsDay()
    {
        QFETCH(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const qint64 disabled = f.addChannelAccount(QStringLiteral("unionpay"), QStringLiteral("up_off"),
                                                    QStringLiteral("777290058110048"));
        QVERIFY(Sql::exec(f.database().connection().value(),
                          QStringLiteral("UPDATE channel_account SET status = 'disabled' WHERE id = ?"), {disabled})
                    .ok());
        f.clock().set(shanghai(10, 29, kDay.addDays(1)));
        ReconciliationScheduler scheduler(f.core(), QStringLiteral("paydeskd@test"));
        QVERIFY(scheduler.runOnce().isEmpty());
        f.clock().set(shanghai(10, 31, kDay.addDays(1)));
        auto attempts = scheduler.runOnce();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().run.channelAccount, kAccount);
        QCOMPARE(attempts.first().run.billDate, kDay);
        QVERIFY(attempts.first().outcome != ScheduledOutcome::Done);
        QVERIFY(!attempts.first().error.isEmpty());
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'recon.run' AND actor = "
                                        "'system:paydeskd' AND result = 'failed' AND object = ?"),
                         {QStringLiteral("channel_account:wx_a 2026-11-03")}),
                 qint64(1));
        QVERIFY(scheduler.runOnce().isEmpty());

        // An operator reconciled the next day by hand: the scheduler leaves it alone.
        f.addOrder(
            Order{QStringLiteral("ORD-1"), QStringLiteral("4200000001"), 1000, 6, shanghai(10, 0, kDay.addDays(1))});
        auto byHand = f.service().run(
            f.finance(), RunFixture::request(
                             f.writeBill(QStringLiteral("d2.csv"),
                                         {RunFixture::line(Order{QStringLiteral("ORD-1"), QStringLiteral("4200000001"),
                                                                 1000, 6, shanghai(10, 0, kDay.addDays(1))})}),
                             kDay.addDays(1)));
        QVERIFY2(byHand, qPrintable(byHand.error().message()));
        // Two days on: the 3rd was given up (no credentials will not mend by itself), the 4th has a run.
        f.clock().set(shanghai(10, 31, kDay.addDays(2)));
        QVERIFY(scheduler.runOnce().isEmpty());
        // A restarted daemon counts afresh: it catches up the 3rd, still without a run, and only it.
        ReconciliationScheduler restarted(f.core(), QStringLiteral("paydeskd@test"));
        attempts = restarted.runOnce();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().run.billDate, kDay);
        QCOMPARE(attempts.first().run.attempt, 1);
        // The by-hand run alone: the failed downloads never began one.
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM recon_run")), qint64(1));
    }

    void metricsCountRunsAndThePool_data() { TestDatabase::addBackendRows(); }
    void metricsCountRunsAndThePool()
    {
        QFETCH(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        GatewayMetrics metrics;
        QByteArray text = metrics.render(f.database());
        QCOMPARE(gauge(text, "paydesk_reconciliation_runs{status=\"completed\"}"), qint64(0));
        QCOMPARE(gauge(text, "paydesk_reconciliation_discrepancies_open{category=\"channel_only\"}"), qint64(0));
        QCOMPARE(gauge(text, "paydesk_reconciliation_oldest_open_discrepancy_age_seconds"), qint64(0));

        const Order ours{QStringLiteral("ORD-1"), QStringLiteral("4200000001"), 1000, 6, shanghai(10)};
        const Order theirs{QStringLiteral("ORD-2"), QStringLiteral("4200000002"), 1000, 6, shanghai(10)};
        f.addOrder(ours);
        auto run = f.run(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(theirs)}));
        QVERIFY2(run, qPrintable(run.error().message()));
        QVERIFY(
            !f.run(f.writeBill(QStringLiteral("other.csv"), {RunFixture::line(theirs, QStringLiteral("1900000999"))})));
        // The pool's oldest was found an hour ago, the other a minute ago.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(Sql::exec(f.database().connection().value(),
                          QStringLiteral("UPDATE recon_discrepancy SET found_at = ?"),
                          {now.addSecs(-60).toMSecsSinceEpoch()})
                    .ok());
        QVERIFY(Sql::exec(f.database().connection().value(),
                          QStringLiteral("UPDATE recon_discrepancy SET found_at = ? WHERE match_key = 'ORD-1'"),
                          {now.addSecs(-3600).toMSecsSinceEpoch()})
                    .ok());
        text = metrics.render(f.database());
        QVERIFY2(text.contains("# TYPE paydesk_reconciliation_runs gauge"), text.constData());
        QCOMPARE(gauge(text, "paydesk_reconciliation_runs{status=\"completed\"}"), qint64(1));
        QCOMPARE(gauge(text, "paydesk_reconciliation_runs{status=\"failed\"}"), qint64(1));
        QCOMPARE(gauge(text, "paydesk_reconciliation_runs{status=\"running\"}"), qint64(0));
        QCOMPARE(gauge(text, "paydesk_reconciliation_runs{status=\"abandoned\"}"), qint64(0));
        QCOMPARE(gauge(text, "paydesk_reconciliation_discrepancies_open{category=\"channel_only\"}"), qint64(1));
        QCOMPARE(gauge(text, "paydesk_reconciliation_discrepancies_open{category=\"platform_only\"}"), qint64(1));
        QCOMPARE(gauge(text, "paydesk_reconciliation_discrepancies_open{category=\"fee_mismatch\"}"), qint64(0));
        const qint64 age = gauge(text, "paydesk_reconciliation_oldest_open_discrepancy_age_seconds");
        QVERIFY2(age >= 3600 && age < 3700, qPrintable(QString::number(age)));
    }
};

QTEST_GUILESS_MAIN(TestReconcileSchedule)
#include "tst_reconcileschedule.moc"
