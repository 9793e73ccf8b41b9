#pragma once

#include "core/fee/EffectiveRate.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The dating rules of channel_cost_rate and merchant_rate, over FeeStore, without permission
// checks or audit (FeeService does those; the router's readiness check reads through this).
class EffectiveRates
{
public:
    explicit EffectiveRates(RateSubject subject) : m_subject(subject) {}

    // The row with the latest effective_from <= date; empty when there is none.
    Result<std::optional<EffectiveRate>> on(const QSqlDatabase &db, qint64 subjectId, PayMethod method,
                                            const QDate &date) const;
    // Every row of the subject (all methods), newest effective date first, then by method.
    Result<QList<EffectiveRate>> history(const QSqlDatabase &db, qint64 subjectId) const;

    // Sets `rate` from `from`, which must be `today` or later (FeeRateInvalid: no backdating).
    // A future row of the same date is replaced; a row already in effect is never changed
    // (FeeRateInvalid). `templateId` is recorded for merchant rates (0: none).
    Result<RateChange> put(const QSqlDatabase &db, qint64 subjectId, PayMethod method, Rate rate, const QDate &from,
                           const QDate &today, qint64 templateId, const QDateTime &now, const QString &by) const;
    // Removes the future row of `from` (FeeRateMissing when there is none; FeeRateInvalid when in effect).
    Result<EffectiveRate> withdraw(const QSqlDatabase &db, qint64 subjectId, PayMethod method, const QDate &from,
                                   const QDate &today) const;

private:
    RateSubject m_subject;
};

} // namespace paydesk
