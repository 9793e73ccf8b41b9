#pragma once

#include <QList>
#include <QString>

namespace paydesk {

// The words of the merchant workflow (DESIGN.md §7) and profile, with the stable names stored
// in the database, written in audit details and typed on the command line.
enum class MerchantType
{
    Individual,
    Enterprise
};
enum class MerchantStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Active,
    Frozen,
    Closed
};
// T1: the day after the business date; TN: N days after (2–30); Manual: only when asked.
enum class SettlementCycle
{
    T1,
    TN,
    Manual
};

namespace MerchantNames {

QString type(MerchantType type); // "individual", "enterprise"
bool typeFromName(const QString &name, MerchantType *type);

QString status(MerchantStatus status); // "draft", "submitted", …
bool statusFromName(const QString &name, MerchantStatus *status);
QList<MerchantStatus> allStatuses();

QString cycle(SettlementCycle cycle); // "T1", "TN", "manual"
bool cycleFromName(const QString &name, SettlementCycle *cycle);

} // namespace MerchantNames
} // namespace paydesk
