#include "core/merchant/MerchantReference.h"

#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

namespace paydesk {

Result<MerchantReference> MerchantReference::load(const QSqlDatabase &db, qint64 id)
{
    auto query =
        Sql::run(db, QStringLiteral("SELECT id, merchant_no, status, currency FROM merchant WHERE id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, QString::number(id));
    MerchantReference merchant;
    merchant.id = query->value(0).toLongLong();
    merchant.merchantNo = query->value(1).toString();
    auto status = StoredName::read<MerchantStatus>(query->value(2), MerchantNames::statusFromName, "merchant.status");
    if (!status)
        return status.error();
    merchant.status = *status;
    auto currency = Currency::fromCode(query->value(3).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("merchant %1").arg(id));
    merchant.currency = *currency;
    return merchant;
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
