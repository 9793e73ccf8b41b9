#include "core/merchant/MerchantTypes.h"

#include "core/util/NameTable.h"

namespace paydesk::MerchantNames {

namespace {
constexpr NameTable::Table<MerchantType, 2> kTypes{{
    {MerchantType::Individual, "individual"},
    {MerchantType::Enterprise, "enterprise"},
}};
constexpr NameTable::Table<MerchantStatus, 7> kStatuses{{
    {MerchantStatus::Draft, "draft"},
    {MerchantStatus::Submitted, "submitted"},
    {MerchantStatus::Approved, "approved"},
    {MerchantStatus::Rejected, "rejected"},
    {MerchantStatus::Active, "active"},
    {MerchantStatus::Frozen, "frozen"},
    {MerchantStatus::Closed, "closed"},
}};
constexpr NameTable::Table<SettlementCycle, 3> kCycles{{
    {SettlementCycle::T1, "T1"},
    {SettlementCycle::TN, "TN"},
    {SettlementCycle::Manual, "manual"},
}};

} // namespace

QString type(MerchantType type)
{
    return NameTable::name(kTypes, type);
}
bool typeFromName(const QString &name, MerchantType *type)
{
    return NameTable::fromName(kTypes, name, type);
}

QString status(MerchantStatus status)
{
    return NameTable::name(kStatuses, status);
}
bool statusFromName(const QString &name, MerchantStatus *status)
{
    return NameTable::fromName(kStatuses, name, status);
}

QList<MerchantStatus> allStatuses()
{
    return NameTable::values(kStatuses);
}

QString cycle(SettlementCycle cycle)
{
    return NameTable::name(kCycles, cycle);
}
bool cycleFromName(const QString &name, SettlementCycle *cycle)
{
    return NameTable::fromName(kCycles, name, cycle);
}

} // namespace paydesk::MerchantNames
