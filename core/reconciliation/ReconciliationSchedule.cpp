#include "core/reconciliation/ReconciliationSchedule.h"

#include "core/storage/Settings.h"
#include "core/util/Clock.h"

namespace paydesk {

const QString ReconciliationScheduleSettings::TimeOfDayKey = QStringLiteral("recon.schedule_time");
const QString ReconciliationScheduleSettings::RetryMinutesKey = QStringLiteral("recon.schedule_retry_minutes");
const QString ReconciliationScheduleSettings::MaxAttemptsKey = QStringLiteral("recon.schedule_max_attempts");
const QString ReconciliationScheduleSettings::CatchUpDaysKey = QStringLiteral("recon.schedule_catch_up_days");

namespace {
// A whole number setting within [low, high]; `fallback` when unset, and when invalid (named).
int whole(Settings &settings, const QString &key, int low, int high, int fallback, QStringList *invalid)
{
    auto text = settings.value(key);
    if (!text || text->isEmpty())
        return fallback;
    bool ok = false;
    const int value = text->toInt(&ok);
    if (ok && value >= low && value <= high)
        return value;
    if (invalid)
        *invalid << key;
    return fallback;
}
} // namespace

ReconciliationScheduleSettings ReconciliationScheduleSettings::read(Settings &settings, QStringList *invalid)
{
    ReconciliationScheduleSettings read;
    auto time = settings.value(TimeOfDayKey);
    if (time && !time->isEmpty()) {
        const QTime parsed = QTime::fromString(*time, QStringLiteral("HH:mm"));
        if (parsed.isValid())
            read.timeOfDay = parsed;
        else if (invalid)
            *invalid << TimeOfDayKey;
    }
    read.retryMinutes = whole(settings, RetryMinutesKey, 1, 24 * 60, read.retryMinutes, invalid);
    read.maxAttempts = whole(settings, MaxAttemptsKey, 1, 1000, read.maxAttempts, invalid);
    read.catchUpDays = whole(settings, CatchUpDaysKey, 1, 90, read.catchUpDays, invalid);
    return read;
}

QDate ReconciliationSchedule::billDateAt(const QDateTime &now) const
{
    const QDateTime local = now.toTimeZone(Clock::platformTimeZone());
    if (local.time() < m_settings.timeOfDay)
        return {};
    return local.date().addDays(-1);
}

QList<ScheduledRun> ReconciliationSchedule::due(const QDateTime &now, const QList<Account> &accounts,
                                                const HasCurrentRun &hasCurrentRun)
{
    const QDate billDate = billDateAt(now);
    if (!billDate.isValid())
        return {};
    const QDate oldest = billDate.addDays(1 - qMax(1, m_settings.catchUpDays));
    // Days out of the window are no longer tried.
    m_days.removeIf([&](const auto &entry) { return entry.key().second < oldest; });
    QList<ScheduledRun> runs;
    for (const Account &account : accounts) {
        for (QDate date = oldest; date <= billDate; date = date.addDays(1)) {
            // Yesterday is always due (an account opened today may carry imported history); an
            // earlier date is caught up only from the account's first day on.
            if (date < billDate && account.since.isValid() && date < account.since)
                continue;
            Day &day = m_days[{account.id, date}];
            if (day.finished || (day.next.isValid() && day.next > now))
                continue;
            auto current = hasCurrentRun(account.id, date);
            if (!current)
                break; // the account's days are skipped this time
            if (*current) {
                day.finished = true;
                continue;
            }
            runs.append(ScheduledRun{account.id, account.name, date, day.attempts + 1});
        }
    }
    return runs;
}

void ReconciliationSchedule::record(const ScheduledRun &run, ScheduledOutcome outcome, const QDateTime &now)
{
    Day &day = m_days[{run.channelAccountId, run.billDate}];
    ++day.attempts;
    day.next = QDateTime();
    if (outcome == ScheduledOutcome::Retry && day.attempts < m_settings.maxAttempts)
        day.next = now.addSecs(qint64(m_settings.retryMinutes) * 60);
    else
        day.finished = true;
}

QDateTime ReconciliationSchedule::nextAttemptAt(qint64 channelAccountId, const QDate &billDate) const
{
    const auto it = m_days.constFind({channelAccountId, billDate});
    return it == m_days.cend() || it->finished ? QDateTime() : it->next;
}

ScheduledOutcome ReconciliationSchedule::outcomeOf(ErrorCode error)
{
    switch (error) {
    case ErrorCode::ChannelNotFound: // WeChat NO_STATEMENT_EXIST, Alipay isp.bill_not_exist, UnionPay no file
    case ErrorCode::ChannelUnavailable:
    case ErrorCode::ChannelTimeout:
    case ErrorCode::ReconciliationRunning:
    case ErrorCode::Cancelled:
        return ScheduledOutcome::Retry;
    default:
        return ScheduledOutcome::GiveUp;
    }
}

} // namespace paydesk
