#pragma once

#include "core/fee/FeeTemplate.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The fee_template and fee_template_rate rows, without permission checks or audit.
namespace FeeTemplates {

Result<FeeTemplate> load(const QSqlDatabase &db, qint64 id);                 // FeeTemplateUnknown
Result<FeeTemplate> loadByName(const QSqlDatabase &db, const QString &name); // FeeTemplateUnknown
Result<QList<FeeTemplate>> list(const QSqlDatabase &db);                     // by name

// Name (1–64 characters, not blank), description (at most 1000), at least one method, rates 0–100 %.
Status validate(const FeeTemplate &feeTemplate);

Result<FeeTemplate> insert(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now,
                           const QString &by);
// Replaces name, description and the whole rate list.
Status update(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now);
Status remove(const QSqlDatabase &db, qint64 id);

} // namespace FeeTemplates
} // namespace paydesk
