#pragma once

#include "core/merchant/MerchantTypes.h"
#include "core/money/Currency.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

// What channel accounts, fee rates and routing need to know about a merchant they refer to:
// that it exists, whether it is closed, and its currency. Read from the merchant table through
// MerchantStore (the merchant module owns it), without a permission check: callers have checked
// theirs.
struct MerchantReference
{
    qint64 id = 0;
    QString merchantNo;
    MerchantStatus status = MerchantStatus::Draft;
    Currency currency;

    bool isClosed() const { return status == MerchantStatus::Closed; }

    // MerchantUnknown when there is no such merchant; QueryFailed for a status this version does
    // not know.
    static Result<MerchantReference> load(const QSqlDatabase &db, qint64 id);
    // As load(), and MerchantTransitionRefused for a closed merchant (nothing new may refer to it).
    static Result<MerchantReference> loadOpen(const QSqlDatabase &db, qint64 id);
};

} // namespace paydesk
