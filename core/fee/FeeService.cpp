#include "core/fee/FeeService.h"

#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountStore.h"
#include "core/fee/EffectiveRates.h"
#include "core/fee/FeeStore.h"
#include "core/fee/FeeTemplates.h"
#include "core/merchant/MerchantReference.h"
#include "core/money/Fees.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QJsonArray>
#include <QSet>

namespace paydesk {

namespace {
QString subjectName(RateSubject subject)
{
    return subject == RateSubject::ChannelCost ? QStringLiteral("channel_cost_rate") : QStringLiteral("merchant_rate");
}

QString rateObject(RateSubject subject, qint64 subjectId)
{
    return subject == RateSubject::ChannelCost ? QStringLiteral("channel_account:%1").arg(subjectId)
                                               : QStringLiteral("merchant:%1").arg(subjectId);
}

QString templateObject(const QString &name)
{
    return QStringLiteral("fee_template:") + name;
}

QJsonObject describe(const EffectiveRate &rate)
{
    QJsonObject json{{QStringLiteral("method"), ChannelNames::method(rate.method)},
                     {QStringLiteral("rate_ppm"), QString::number(rate.rate.ppm())},
                     {QStringLiteral("rate"), rate.rate.toPercentString()},
                     {QStringLiteral("effective_from"), rate.effectiveFrom.toString(Qt::ISODate)}};
    if (rate.templateId > 0)
        json.insert(QStringLiteral("template_id"), QString::number(rate.templateId));
    return json;
}

QJsonObject describe(const FeeTemplate &feeTemplate)
{
    QJsonObject rates;
    for (auto it = feeTemplate.rates.cbegin(); it != feeTemplate.rates.cend(); ++it)
        rates.insert(ChannelNames::method(it.key()), it.value().toPercentString());
    return QJsonObject{{QStringLiteral("name"), feeTemplate.name},
                       {QStringLiteral("description"), feeTemplate.description},
                       {QStringLiteral("rates"), rates}};
}
} // namespace

FeeService::FeeService(Database &database, const Clock &clock, AuditLog &audit)
    : m_database(database), m_clock(clock), m_audit(audit), m_quoteBases(database)
{
}

Status FeeService::checkSubject(const QSqlDatabase &db, RateSubject subject, qint64 subjectId, PayMethod method)
{
    if (ChannelNames::method(method).isEmpty())
        return Error(ErrorCode::PaymentMethodUnknown, QString::number(int(method)));
    if (subject == RateSubject::Merchant) {
        auto merchant = MerchantReference::loadOpen(db, subjectId);
        if (!merchant)
            return merchant.error();
        return {};
    }
    auto account = ChannelAccountStore::load(db, subjectId);
    if (!account)
        return account.error();
    if (ChannelNames::channelOf(method) != account->channel)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("%1 is a %2 account; %3 is not its method")
                         .arg(account->name, ChannelNames::channel(account->channel), ChannelNames::method(method)));
    return {};
}

Result<RateChange> FeeService::setRate(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method,
                                       Rate rate, const QDate &effectiveFrom)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::FeeManage, rateObject(subject, subjectId));
    if (!allowed)
        return allowed.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto subjectOk = checkSubject(work.connection(), subject, subjectId, method);
    if (!subjectOk)
        return subjectOk.error();
    auto change = EffectiveRates(subject).put(work.connection(), subjectId, method, rate, effectiveFrom,
                                              m_clock.businessDate(), 0, m_clock.nowUtc(), actor.name());
    if (!change)
        return change.error();
    QJsonObject detail{{QStringLiteral("after"), describe(change->rate)}};
    if (change->replaced)
        detail.insert(QStringLiteral("before"), describe(*change->replaced));
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("fee.%1.set").arg(subjectName(subject)), rateObject(subject, subjectId),
                                AuditResult::Ok, detail});
    if (!done)
        return done.error();
    return change;
}

Status FeeService::withdrawRate(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method,
                                const QDate &effectiveFrom)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::FeeManage, rateObject(subject, subjectId));
    if (!allowed)
        return allowed;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto removed =
        EffectiveRates(subject).withdraw(work.connection(), subjectId, method, effectiveFrom, m_clock.businessDate());
    if (!removed)
        return removed.error();
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("fee.%1.withdraw").arg(subjectName(subject)), rateObject(subject, subjectId),
                           AuditResult::Ok, QJsonObject{{QStringLiteral("before"), describe(*removed)}}});
}

Result<EffectiveRate> FeeService::rateOn(const Actor &actor, RateSubject subject, qint64 subjectId, PayMethod method,
                                         const QDate &date)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, rateObject(subject, subjectId));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto found = EffectiveRates(subject).on(*connection, subjectId, method, date);
    if (!found)
        return found.error();
    if (!*found)
        return Error(ErrorCode::FeeRateMissing, QStringLiteral("%1 %2 on %3")
                                                    .arg(rateObject(subject, subjectId), ChannelNames::method(method),
                                                         date.toString(Qt::ISODate)));
    return **found;
}

Result<QList<EffectiveRate>> FeeService::history(const Actor &actor, RateSubject subject, qint64 subjectId)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, rateObject(subject, subjectId));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return EffectiveRates(subject).history(*connection, subjectId);
}

Result<RateChange> FeeService::setChannelCostRate(const Actor &actor, qint64 accountId, PayMethod method, Rate rate,
                                                  const QDate &effectiveFrom)
{
    return setRate(actor, RateSubject::ChannelCost, accountId, method, rate, effectiveFrom);
}

Status FeeService::withdrawChannelCostRate(const Actor &actor, qint64 accountId, PayMethod method,
                                           const QDate &effectiveFrom)
{
    return withdrawRate(actor, RateSubject::ChannelCost, accountId, method, effectiveFrom);
}

Result<EffectiveRate> FeeService::channelCostRateOn(const Actor &actor, qint64 accountId, PayMethod method,
                                                    const QDate &date)
{
    return rateOn(actor, RateSubject::ChannelCost, accountId, method, date);
}

Result<QList<EffectiveRate>> FeeService::channelCostHistory(const Actor &actor, qint64 accountId)
{
    return history(actor, RateSubject::ChannelCost, accountId);
}

Result<RateChange> FeeService::setMerchantRate(const Actor &actor, qint64 merchantId, PayMethod method, Rate rate,
                                               const QDate &effectiveFrom)
{
    return setRate(actor, RateSubject::Merchant, merchantId, method, rate, effectiveFrom);
}

Status FeeService::withdrawMerchantRate(const Actor &actor, qint64 merchantId, PayMethod method,
                                        const QDate &effectiveFrom)
{
    return withdrawRate(actor, RateSubject::Merchant, merchantId, method, effectiveFrom);
}

Result<EffectiveRate> FeeService::merchantRateOn(const Actor &actor, qint64 merchantId, PayMethod method,
                                                 const QDate &date)
{
    return rateOn(actor, RateSubject::Merchant, merchantId, method, date);
}

Result<QList<EffectiveRate>> FeeService::merchantRateHistory(const Actor &actor, qint64 merchantId)
{
    return history(actor, RateSubject::Merchant, merchantId);
}

Result<QList<FeeTemplate>> FeeService::templates(const Actor &actor)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, QStringLiteral("fee_templates"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return FeeStore::templates(*connection);
}

Result<FeeTemplate> FeeService::findTemplate(const Actor &actor, qint64 id)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::ChannelView, QStringLiteral("fee_template:%1").arg(id));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return FeeStore::templateById(*connection, id);
}

Result<FeeTemplate> FeeService::createTemplate(const Actor &actor, const FeeTemplate &feeTemplate)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::FeeManage, templateObject(feeTemplate.name));
    if (!allowed)
        return allowed.error();
    auto valid = FeeTemplates::validate(feeTemplate);
    if (!valid)
        return valid.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto existing = FeeStore::templateByName(work.connection(), feeTemplate.name);
    if (existing)
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("a template named %1 exists").arg(feeTemplate.name));
    if (existing.error().code() != ErrorCode::FeeTemplateUnknown)
        return existing.error();
    auto created = FeeStore::insertTemplate(work.connection(), feeTemplate, m_clock.nowUtc(), actor.name());
    if (!created)
        return created.error();
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("fee.template.create"), templateObject(created->name), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), describe(*created)}}});
    if (!done)
        return done.error();
    return created;
}

Result<FeeTemplate> FeeService::updateTemplate(const Actor &actor, const FeeTemplate &feeTemplate)
{
    AuditedChange<FeeTemplate> change;
    change.permission = Permission::FeeManage;
    change.refusedObject = QStringLiteral("fee_template:%1").arg(feeTemplate.id);
    change.load = [&feeTemplate](const QSqlDatabase &db) { return FeeStore::templateById(db, feeTemplate.id); };
    change.write = [&](const QSqlDatabase &db, const FeeTemplate &before) -> Result<bool> {
        auto valid = FeeTemplates::validate(feeTemplate);
        if (!valid)
            return valid.error();
        if (feeTemplate.name != before.name) {
            auto clash = FeeStore::templateByName(db, feeTemplate.name);
            if (clash)
                return Error(ErrorCode::FeeRateInvalid,
                             QStringLiteral("a template named %1 exists").arg(feeTemplate.name));
            if (clash.error().code() != ErrorCode::FeeTemplateUnknown)
                return clash.error();
        }
        auto updated = FeeStore::updateTemplate(db, feeTemplate, m_clock.nowUtc());
        if (!updated)
            return updated.error();
        return true;
    };
    change.audit = [](const FeeTemplate &before, const FeeTemplate &after) {
        return AuditEvent{QStringLiteral("fee.template.update"), templateObject(after.name), AuditResult::Ok,
                          beforeAndAfter(describe(before), describe(after))};
    };
    return applyAudited(m_database, m_audit, actor, change);
}

Status FeeService::deleteTemplate(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::FeeManage, QStringLiteral("fee_template:%1").arg(id));
    if (!allowed)
        return allowed;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto before = FeeStore::templateById(work.connection(), id);
    if (!before)
        return before.error();
    if (before->applied)
        return Error(ErrorCode::FeeTemplateInUse, before->name);
    auto removed = FeeStore::removeTemplate(work.connection(), id);
    if (!removed)
        return removed;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("fee.template.delete"), templateObject(before->name), AuditResult::Ok,
                           QJsonObject{{QStringLiteral("before"), describe(*before)}}});
}

Result<int> FeeService::applyTemplate(const Actor &actor, qint64 templateId, const QList<qint64> &merchantIds,
                                      const QDate &effectiveFrom)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::FeeManage, QStringLiteral("fee_template:%1").arg(templateId));
    if (!allowed)
        return allowed.error();
    if (merchantIds.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no merchants to apply the template to"));
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto feeTemplate = FeeStore::templateById(work.connection(), templateId);
    if (!feeTemplate)
        return feeTemplate.error();
    const EffectiveRates merchantRates(RateSubject::Merchant);
    const QDate today = m_clock.businessDate();
    QSet<qint64> seen;
    QJsonArray merchants;
    int written = 0;
    int replaced = 0;
    for (qint64 merchantId : merchantIds) {
        if (seen.contains(merchantId))
            continue;
        seen.insert(merchantId);
        auto merchant = MerchantReference::loadOpen(work.connection(), merchantId);
        if (!merchant)
            return merchant.error().within(QStringLiteral("template %1").arg(feeTemplate->name));
        for (auto it = feeTemplate->rates.cbegin(); it != feeTemplate->rates.cend(); ++it) {
            auto change = merchantRates.put(work.connection(), merchantId, it.key(), it.value(), effectiveFrom, today,
                                            templateId, m_clock.nowUtc(), actor.name());
            if (!change)
                return change.error().within(QStringLiteral("merchant %1").arg(merchant->merchantNo));
            ++written;
            if (change->replaced)
                ++replaced;
        }
        merchants << QString::number(merchantId);
    }
    auto audited =
        m_audit.append(actor, {QStringLiteral("fee.template.apply"), templateObject(feeTemplate->name), AuditResult::Ok,
                               QJsonObject{{QStringLiteral("template"), describe(*feeTemplate)},
                                           {QStringLiteral("merchants"), merchants},
                                           {QStringLiteral("effective_from"), effectiveFrom.toString(Qt::ISODate)},
                                           {QStringLiteral("rows"), written},
                                           {QStringLiteral("replaced_future_rows"), replaced}}});
    if (!audited)
        return audited.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return written;
}

Result<FeeService::QuoteBasis> FeeService::quoteBasis(qint64 merchantId, qint64 accountId, PayMethod method,
                                                      const QDate &date)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto account = ChannelAccountStore::load(*connection, accountId);
    if (!account)
        return account.error();
    if (ChannelNames::channelOf(method) != account->channel)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("%1 does not serve %2").arg(account->name, ChannelNames::method(method)));
    auto merchantRate = EffectiveRates(RateSubject::Merchant).on(*connection, merchantId, method, date);
    if (!merchantRate)
        return merchantRate.error();
    if (!*merchantRate)
        return Error(ErrorCode::FeeRateMissing, QStringLiteral("merchant %1, %2 on %3")
                                                    .arg(merchantId)
                                                    .arg(ChannelNames::method(method), date.toString(Qt::ISODate)));
    auto costRate = EffectiveRates(RateSubject::ChannelCost).on(*connection, accountId, method, date);
    if (!costRate)
        return costRate.error();
    if (!*costRate)
        return Error(ErrorCode::FeeRateMissing,
                     QStringLiteral("channel account %1, %2 on %3")
                         .arg(account->name, ChannelNames::method(method), date.toString(Qt::ISODate)));
    return QuoteBasis{account->name, account->currency, **merchantRate, **costRate};
}

Result<FeeQuote> FeeService::quote(qint64 merchantId, qint64 accountId, PayMethod method, const Money &amount,
                                   const QDate &date)
{
    auto basis = m_quoteBases.get({{merchantId, accountId}, {int(method), date.toJulianDay()}},
                                  [&] { return quoteBasis(merchantId, accountId, method, date); });
    if (!basis)
        return basis.error();
    if (!amount.isValid() || amount.isNegative())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a quote needs an amount of zero or more"));
    if (amount.currency() != basis->currency)
        return Error(ErrorCode::CurrencyMismatch,
                     QStringLiteral("%1 takes %2").arg(basis->accountName, basis->currency.code()));
    const EffectiveRate &merchantRate = basis->merchantRate;
    const EffectiveRate &costRate = basis->costRate;
    // Channels round fees half-up to the fen (四舍五入); the merchant's fee is rounded the same way.
    auto merchantFee = Fees::apply(amount, merchantRate.rate, RoundingMode::HalfUp);
    if (!merchantFee)
        return merchantFee.error();
    auto channelCost = Fees::apply(amount, costRate.rate, RoundingMode::HalfUp);
    if (!channelCost)
        return channelCost.error();
    auto margin = merchantFee->minus(*channelCost);
    if (!margin)
        return margin.error();
    FeeQuote quote;
    quote.merchantId = merchantId;
    quote.channelAccountId = accountId;
    quote.method = method;
    quote.businessDate = date;
    quote.amount = amount;
    quote.merchantRate = merchantRate.rate;
    quote.merchantFee = *merchantFee;
    quote.channelRate = costRate.rate;
    quote.channelCost = *channelCost;
    quote.margin = *margin;
    quote.merchantRateId = merchantRate.id;
    quote.channelRateId = costRate.id;
    return quote;
}

Result<FeeQuote> FeeService::quote(const Actor &actor, qint64 merchantId, qint64 accountId, PayMethod method,
                                   const Money &amount, const QDate &date)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::ChannelView, QStringLiteral("fee quote"));
    if (!allowed)
        return allowed.error();
    return quote(merchantId, accountId, method, amount, date);
}

} // namespace paydesk
