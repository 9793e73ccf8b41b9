#include "core/merchant/MerchantMasking.h"

#include "core/security/Actor.h"
#include "core/security/Authorizer.h"

namespace paydesk {

QString MerchantMasking::bankAccountNo(const QString &value)
{
    if (value.isEmpty())
        return value;
    if (value.size() >= 12)
        return value.left(4) + QStringLiteral(" **** **** ") + value.right(4);
    return QStringLiteral("**** ") + value.right(qMin<qsizetype>(4, value.size() / 2));
}

QString MerchantMasking::registrationNo(const QString &value)
{
    if (value.isEmpty())
        return value;
    if (value.size() >= 12)
        return value.left(6) + QString(value.size() - 10, QLatin1Char('*')) + value.right(4);
    return QString(value.size(), QLatin1Char('*'));
}

QString MerchantMasking::phone(const QString &value)
{
    if (value.isEmpty())
        return value;
    if (value.size() >= 8)
        return value.left(3) + QString(value.size() - 7, QLatin1Char('*')) + value.right(4);
    return QString(value.size(), QLatin1Char('*'));
}

QString MerchantMasking::payerId(const QString &value)
{
    if (value.size() <= 4)
        return QString(value.size(), QLatin1Char('*'));
    return value.left(2) + QString(value.size() - 4, QLatin1Char('*')) + value.right(2);
}

Merchant MerchantMasking::masked(Merchant merchant)
{
    merchant.profile.registrationNo = registrationNo(merchant.profile.registrationNo);
    merchant.profile.bankAccountNo = bankAccountNo(merchant.profile.bankAccountNo);
    merchant.profile.contactPhone = phone(merchant.profile.contactPhone);
    merchant.masked = true;
    return merchant;
}

Result<bool> MerchantMasking::canSeeSensitive(Database &database, const Actor &actor)
{
    return Authorizer::holds(database, actor, Permission::MerchantViewSensitive);
}

} // namespace paydesk
