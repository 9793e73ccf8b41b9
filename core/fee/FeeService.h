#pragma once

#include "core/fee/EffectiveRate.h"
#include "core/fee/FeeQuote.h"
#include "core/fee/FeeTemplate.h"
#include "core/security/Actor.h"
#include "core/storage/ReferenceCache.h"
#include "core/util/Clock.h"

#include <QList>

class QSqlDatabase;

namespace paydesk {

class AuditLog;
class Database;

// Fee rates (费率): what each channel account costs per method, what each merchant pays per
// method, both effective-dated in ppm; fee templates applied to many merchants at once; and
// quotes of fee and cost for one payment. Reading needs channel.view, changing fee.manage;
// every change is audited with before/after. "Today" is the clock's business date: rates take
// effect today or later, never in the past, and a rate in effect is never changed.
class FeeService
{
public:
    FeeService(Database &database, const Clock &clock, AuditLog &audit);

    // Channel cost rates, per channel account and method (the method must be the account's channel's).
    Result<RateChange> setChannelCostRate(const Actor &actor, qint64 accountId, PayMethod method, Rate rate,
                                          const QDate &effectiveFrom);
    Status withdrawChannelCostRate(const Actor &actor, qint64 accountId, PayMethod method, const QDate &effectiveFrom);
    Result<EffectiveRate> channelCostRateOn(const Actor &actor, qint64 accountId, PayMethod method, const QDate &date);
    // All rows of the account, newest effective date first.
    Result<QList<EffectiveRate>> channelCostHistory(const Actor &actor, qint64 accountId);

    // Merchant rates, per merchant and method.
    Result<RateChange> setMerchantRate(const Actor &actor, qint64 merchantId, PayMethod method, Rate rate,
                                       const QDate &effectiveFrom);
    Status withdrawMerchantRate(const Actor &actor, qint64 merchantId, PayMethod method, const QDate &effectiveFrom);
    Result<EffectiveRate> merchantRateOn(const Actor &actor, qint64 merchantId, PayMethod method, const QDate &date);
    Result<QList<EffectiveRate>> merchantRateHistory(const Actor &actor, qint64 merchantId);

    // Templates. A template that was applied is kept for the record: deleting it is refused
    // (FeeTemplateInUse); editing it changes only later applications.
    Result<QList<FeeTemplate>> templates(const Actor &actor);
    Result<FeeTemplate> findTemplate(const Actor &actor, qint64 id);
    Result<FeeTemplate> createTemplate(const Actor &actor, const FeeTemplate &feeTemplate);
    Result<FeeTemplate> updateTemplate(const Actor &actor, const FeeTemplate &feeTemplate);
    Status deleteTemplate(const Actor &actor, qint64 id);
    // Sets every method of the template for every merchant from `effectiveFrom`, all or nothing:
    // one unknown or closed merchant, or one rate of that date already in effect, and nothing is
    // applied. Returns the number of rate rows written.
    Result<int> applyTemplate(const Actor &actor, qint64 templateId, const QList<qint64> &merchantIds,
                              const QDate &effectiveFrom);

    // The fees of one payment on `date` (FeeRateMissing when a rate is not set for that date).
    // The unchecked form is for the payment core; the console's preview uses the checked one.
    Result<FeeQuote> quote(qint64 merchantId, qint64 accountId, PayMethod method, const Money &amount,
                           const QDate &date);
    Result<FeeQuote> quote(const Actor &actor, qint64 merchantId, qint64 accountId, PayMethod method,
                           const Money &amount, const QDate &date);

private:
    Result<RateChange> setRate(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method, Rate rate,
                               const QDate &effectiveFrom);
    Status withdrawRate(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method,
                        const QDate &effectiveFrom);
    Result<EffectiveRate> rateOn(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method,
                                 const QDate &date);
    Result<QList<EffectiveRate>> history(const Actor &actor, RateSubject subject, qint64 subjectId);
    // The subject must exist (and a merchant not be closed; an account's channel must serve the method).
    Status checkSubject(const QSqlDatabase &db, RateSubject subject, qint64 subjectId, PayMethod method);

    // What a quote needs besides the amount: reference data only, so it is cached.
    struct QuoteBasis
    {
        QString accountName;
        Currency currency;
        EffectiveRate merchantRate;
        EffectiveRate costRate;
    };
    Result<QuoteBasis> quoteBasis(qint64 merchantId, qint64 accountId, PayMethod method, const QDate &date);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    // By (merchant, channel account) and (method, business day).
    ReferenceCache<std::pair<std::pair<qint64, qint64>, std::pair<int, qint64>>, QuoteBasis> m_quoteBases;
};

} // namespace paydesk
