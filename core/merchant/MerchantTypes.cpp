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

PAYDESK_NAME_PAIR(type, typeFromName, MerchantType, kTypes)
PAYDESK_NAME_PAIR(status, statusFromName, MerchantStatus, kStatuses)

QList<MerchantStatus> allStatuses()
{
    return NameTable::values(kStatuses);
}

PAYDESK_NAME_PAIR(cycle, cycleFromName, SettlementCycle, kCycles)

} // namespace paydesk::MerchantNames
