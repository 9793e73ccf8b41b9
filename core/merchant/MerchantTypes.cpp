#include "core/merchant/MerchantTypes.h"

#include <array>
#include <utility>

namespace paydesk::MerchantNames {

namespace {
constexpr std::array<std::pair<MerchantType, const char *>, 2> kTypes{{
    {MerchantType::Individual, "individual"},
    {MerchantType::Enterprise, "enterprise"},
}};
constexpr std::array<std::pair<MerchantStatus, const char *>, 7> kStatuses{{
    {MerchantStatus::Draft, "draft"},
    {MerchantStatus::Submitted, "submitted"},
    {MerchantStatus::Approved, "approved"},
    {MerchantStatus::Rejected, "rejected"},
    {MerchantStatus::Active, "active"},
    {MerchantStatus::Frozen, "frozen"},
    {MerchantStatus::Closed, "closed"},
}};
constexpr std::array<std::pair<SettlementCycle, const char *>, 3> kCycles{{
    {SettlementCycle::T1, "T1"},
    {SettlementCycle::TN, "TN"},
    {SettlementCycle::Manual, "manual"},
}};

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
bool valueOf(const std::array<std::pair<Enum, const char *>, N> &table, const QString &name, Enum *value)
{
    for (const auto &[v, text] : table) {
        if (name == QLatin1String(text)) {
            *value = v;
            return true;
        }
    }
    return false;
}
} // namespace

QString type(MerchantType type)
{
    return nameOf(kTypes, type);
}
bool typeFromName(const QString &name, MerchantType *type)
{
    return valueOf(kTypes, name, type);
}

QString status(MerchantStatus status)
{
    return nameOf(kStatuses, status);
}
bool statusFromName(const QString &name, MerchantStatus *status)
{
    return valueOf(kStatuses, name, status);
}

QList<MerchantStatus> allStatuses()
{
    QList<MerchantStatus> list;
    for (const auto &entry : kStatuses)
        list << entry.first;
    return list;
}

QString cycle(SettlementCycle cycle)
{
    return nameOf(kCycles, cycle);
}
bool cycleFromName(const QString &name, SettlementCycle *cycle)
{
    return valueOf(kCycles, name, cycle);
}

} // namespace paydesk::MerchantNames
