#pragma once

#include "core/fee/EffectiveRate.h"
#include "core/fee/FeeTemplate.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace paydesk {

// The fee_template, fee_template_rate, merchant_rate and channel_cost_rate tables: the only place
// that holds their SQL. FeeService holds the authorisation, units of work and audit,
// EffectiveRates the dating rules of rate rows and FeeTemplates what a template must hold.
// A stored method this version does not know is PaymentMethodUnknown, naming the table or template.
namespace FeeStore {

// Fee templates with their rates, and whether some merchant rate came from them.
Result<FeeTemplate> templateById(const QSqlDatabase &db, qint64 id);             // FeeTemplateUnknown
Result<FeeTemplate> templateByName(const QSqlDatabase &db, const QString &name); // FeeTemplateUnknown
Result<QList<FeeTemplate>> templates(const QSqlDatabase &db);                    // by name
// Inserts the template and its rates and returns it as stored.
Result<FeeTemplate> insertTemplate(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now,
                                   const QString &by);
// Replaces name, description and the whole rate list.
Status updateTemplate(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now);
Status removeTemplate(const QSqlDatabase &db, qint64 id);

// The subject's row with the latest effective_from <= date; empty when there is none.
Result<std::optional<EffectiveRate>> rateOn(const QSqlDatabase &db, RateSubject subject, qint64 subjectId,
                                            PayMethod method, const QDate &date);
// The subject's row of exactly `from`; empty when there is none.
Result<std::optional<EffectiveRate>> rateFrom(const QSqlDatabase &db, RateSubject subject, qint64 subjectId,
                                              PayMethod method, const QDate &from);
// Every row of the subject (all methods), newest effective date first, then by method.
Result<QList<EffectiveRate>> rateHistory(const QSqlDatabase &db, RateSubject subject, qint64 subjectId);

// `templateId` is recorded for merchant rates only (0: none); channel costs have no template.
Status insertRate(const QSqlDatabase &db, RateSubject subject, qint64 subjectId, PayMethod method, Rate rate,
                  const QDate &from, qint64 templateId, const QDateTime &now, const QString &by);
// The row's rate, template (merchant rates), creation time and author become these.
Status replaceRate(const QSqlDatabase &db, RateSubject subject, qint64 rowId, Rate rate, qint64 templateId,
                   const QDateTime &now, const QString &by);
Status removeRate(const QSqlDatabase &db, RateSubject subject, qint64 rowId);

} // namespace FeeStore
} // namespace paydesk
