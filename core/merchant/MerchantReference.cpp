#include "core/merchant/MerchantReference.h"

#include "core/merchant/MerchantStore.h"

namespace paydesk {

Result<MerchantReference> MerchantReference::load(const QSqlDatabase &db, qint64 id)
{
    return MerchantStore::reference(db, id);
}

Result<MerchantReference> MerchantReference::loadOpen(const QSqlDatabase &db, qint64 id)
{
    auto merchant = load(db, id);
    if (merchant && merchant->isClosed())
        return Error(ErrorCode::MerchantTransitionRefused,
                     QStringLiteral("merchant %1 (%2) is closed").arg(id).arg(merchant->merchantNo));
    return merchant;
}

} // namespace paydesk
