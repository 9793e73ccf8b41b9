#pragma once

#include "core/util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTime>

#include <functional>

namespace paydesk {

class Settings;

// When paydeskd reconciles by itself, from the platform's settings (every daemon of a shared
// database reads the same ones).
struct ReconciliationScheduleSettings
{
    static const QString TimeOfDayKey;    // recon.schedule_time: "HH:mm" in the platform time zone, default 10:30
    static const QString RetryMinutesKey; // recon.schedule_retry_minutes: between tries of a day, default 30
    static const QString MaxAttemptsKey;  // recon.schedule_max_attempts: tries of one day at most, default 12
    // recon.schedule_catch_up_days: how many bill dates back from yesterday a day without a
    // current run is still tried (a daemon that was down, a bill published late), default 7;
    // 1: yesterday only.
    static const QString CatchUpDaysKey;

    QTime timeOfDay = QTime(10, 30);
    int retryMinutes = 30;
    int maxAttempts = 12;
    int catchUpDays = 7;

    // A value that is unset or not valid reads as its default (and `invalid` names its key).
    static ReconciliationScheduleSettings read(Settings &settings, QStringList *invalid = nullptr);
};

// One run the schedule wants now.
struct ScheduledRun
{
    qint64 channelAccountId = 0;
    QString channelAccount;
    QDate billDate;
    int attempt = 1; // 1 for the first try of the day
};

// What a try came to, for the schedule's next decision.
enum class ScheduledOutcome
{
    Done,  // completed (or already imported): nothing more for that day
    Retry, // the bill is not ready yet (or the channel or the day's lock is busy): try again later
    GiveUp // a failure trying again will not mend (another account's file, …): an operator's turn
};

// The decisions of paydeskd's T+1 reconciliation (issue 18 "Where it runs"): every day, once the
// time of day has passed in the platform time zone (Asia/Shanghai), each enabled channel account
// is reconciled for yesterday's bill date, unless that day already has a current completed run
// (an operator's, or another daemon's); so are the catchUpDays − 1 dates before it that still
// have none (oldest first; none before the day the account was created), so that days a stopped
// daemon missed are caught up. A try the channel answers "no bill yet" is tried again every
// retryMinutes, at most maxAttempts times per day. The attempts are counted in memory: a
// restarted daemon counts afresh. Nothing here reads the clock, the database or the network: the
// caller passes the time, the accounts and the days' runs, so a test drives it with any clock.
// Not thread-safe: one caller at a time.
class ReconciliationSchedule
{
public:
    struct Account
    {
        qint64 id = 0;
        QString name;
        QDate since; // the account's first day (platform time zone): no earlier date is caught up
    };
    // Whether the account's day has a current completed run; an error skips the account this time.
    using HasCurrentRun = std::function<Result<bool>(qint64 channelAccountId, const QDate &billDate)>;

    void setSettings(const ReconciliationScheduleSettings &settings) { m_settings = settings; }
    const ReconciliationScheduleSettings &settings() const { return m_settings; }

    // The bill date due at `now`: yesterday in the platform time zone once the time of day has
    // passed there; an invalid date before.
    QDate billDateAt(const QDateTime &now) const;
    // The runs to try now, in the accounts' order, each account's dates oldest first.
    // hasCurrentRun is asked only of days that would otherwise be due.
    QList<ScheduledRun> due(const QDateTime &now, const QList<Account> &accounts, const HasCurrentRun &hasCurrentRun);
    void record(const ScheduledRun &run, ScheduledOutcome outcome, const QDateTime &now);
    // When the day of the account is tried next; invalid when it is not waiting for a retry.
    QDateTime nextAttemptAt(qint64 channelAccountId, const QDate &billDate) const;

    // How a run's error is taken: Retry for the channel's "no bill yet" (ChannelNotFound), a busy
    // or unreachable channel, the day's run lock held elsewhere, a cancelled try (shutdown);
    // GiveUp otherwise.
    static ScheduledOutcome outcomeOf(ErrorCode error);

private:
    struct Day
    {
        int attempts = 0;
        QDateTime next; // invalid: try at once
        bool finished = false;
    };

    ReconciliationScheduleSettings m_settings;
    QHash<std::pair<qint64, QDate>, Day> m_days;
};

} // namespace paydesk
