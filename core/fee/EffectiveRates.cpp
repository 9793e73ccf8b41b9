#include "core/fee/EffectiveRates.h"

#include "core/channel/ChannelNames.h"
#include "core/fee/FeeStore.h"

namespace paydesk {

namespace {
QString iso(const QDate &date)
{
    return date.toString(Qt::ISODate);
}
} // namespace

Result<std::optional<EffectiveRate>> EffectiveRates::on(const QSqlDatabase &db, qint64 subjectId, PayMethod method,
                                                        const QDate &date) const
{
    if (!date.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a rate is looked up for a business date"));
    return FeeStore::rateOn(db, m_subject, subjectId, method, date);
}

Result<QList<EffectiveRate>> EffectiveRates::history(const QSqlDatabase &db, qint64 subjectId) const
{
    return FeeStore::rateHistory(db, m_subject, subjectId);
}

Result<RateChange> EffectiveRates::put(const QSqlDatabase &db, qint64 subjectId, PayMethod method, Rate rate,
                                       const QDate &from, const QDate &today, qint64 templateId, const QDateTime &now,
                                       const QString &by) const
{
    if (!from.isValid())
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("a rate needs the date it takes effect"));
    if (from < today)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("no backdating: %1 is before today (%2)").arg(iso(from), iso(today)));
    const QString methodName = ChannelNames::method(method);
    auto same = FeeStore::rateFrom(db, m_subject, subjectId, method, from);
    if (!same)
        return same.error();
    RateChange change;
    if (*same) {
        change.replaced = *same;
        if (change.replaced->inEffectOn(today))
            return Error(
                ErrorCode::FeeRateInvalid,
                QStringLiteral("the %1 rate of %2 is in effect and cannot change; set a new rate from a later date")
                    .arg(methodName, iso(from)));
        const Status replaced = FeeStore::replaceRate(db, m_subject, change.replaced->id, rate, templateId, now, by);
        if (!replaced)
            return replaced.error();
    } else {
        const Status inserted = FeeStore::insertRate(db, m_subject, subjectId, method, rate, from, templateId, now, by);
        if (!inserted)
            return inserted.error();
    }
    auto written = FeeStore::rateFrom(db, m_subject, subjectId, method, from);
    if (!written)
        return written.error();
    if (!*written)
        return Error(ErrorCode::QueryFailed, QStringLiteral("the rate just written is gone"));
    change.rate = **written;
    return change;
}

Result<EffectiveRate> EffectiveRates::withdraw(const QSqlDatabase &db, qint64 subjectId, PayMethod method,
                                               const QDate &from, const QDate &today) const
{
    const QString methodName = ChannelNames::method(method);
    auto same = FeeStore::rateFrom(db, m_subject, subjectId, method, from);
    if (!same)
        return same.error();
    if (!*same)
        return Error(ErrorCode::FeeRateMissing,
                     QStringLiteral("no %1 rate from %2 to withdraw").arg(methodName, iso(from)));
    const EffectiveRate row = **same;
    if (row.inEffectOn(today))
        return Error(
            ErrorCode::FeeRateInvalid,
            QStringLiteral("the %1 rate of %2 is in effect and cannot be withdrawn").arg(methodName, iso(from)));
    const Status removed = FeeStore::removeRate(db, m_subject, row.id);
    if (!removed)
        return removed.error();
    return row;
}

} // namespace paydesk
