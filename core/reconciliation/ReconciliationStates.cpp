#include "core/reconciliation/ReconciliationStates.h"

#include "core/util/NameTable.h"

namespace paydesk::ReconciliationNames {

namespace {
constexpr NameTable::Table<ReconciliationRunStatus, 5> kRunStatuses{{
    {ReconciliationRunStatus::Running, "running"},
    {ReconciliationRunStatus::Completed, "completed"},
    {ReconciliationRunStatus::Failed, "failed"},
    {ReconciliationRunStatus::Cancelled, "cancelled"},
    {ReconciliationRunStatus::Abandoned, "abandoned"},
}};
constexpr NameTable::Table<DiscrepancyStatus, 4> kDiscrepancyStatuses{{
    {DiscrepancyStatus::Open, "open"},
    {DiscrepancyStatus::Proposed, "proposed"},
    {DiscrepancyStatus::Resolved, "resolved"},
    {DiscrepancyStatus::Gone, "gone"},
}};
constexpr NameTable::Table<DiscrepancyResolution, 7> kResolutions{{
    {DiscrepancyResolution::ChannelOnlyMarkPaid, "channel_only_mark_paid"},
    {DiscrepancyResolution::ParkInSuspense, "park_in_suspense"},
    {DiscrepancyResolution::RefundToPayer, "refund_to_payer"},
    {DiscrepancyResolution::AssignToMerchant, "assign_to_merchant"},
    {DiscrepancyResolution::ReversePayment, "reverse_payment"},
    {DiscrepancyResolution::AdjustAmount, "adjust_amount"},
    {DiscrepancyResolution::AdjustFee, "adjust_fee"},
}};
constexpr NameTable::Table<StatementOrigin, 2> kOrigins{{
    {StatementOrigin::Download, "download"},
    {StatementOrigin::Import, "import"},
}};
constexpr StatementLineStatus kLineStatuses[] = {StatementLineStatus::Succeeded, StatementLineStatus::Revoked,
                                                 StatementLineStatus::Processing, StatementLineStatus::Closed,
                                                 StatementLineStatus::Abnormal};
} // namespace

QString runStatus(ReconciliationRunStatus status)
{
    return NameTable::name(kRunStatuses, status);
}

bool runStatusFromName(const QString &name, ReconciliationRunStatus *status)
{
    return NameTable::fromName(kRunStatuses, name, status);
}

QString discrepancyStatus(DiscrepancyStatus status)
{
    return NameTable::name(kDiscrepancyStatuses, status);
}

bool discrepancyStatusFromName(const QString &name, DiscrepancyStatus *status)
{
    return NameTable::fromName(kDiscrepancyStatuses, name, status);
}

QString resolution(DiscrepancyResolution resolution)
{
    return NameTable::name(kResolutions, resolution);
}

bool resolutionFromName(const QString &name, DiscrepancyResolution *resolution)
{
    return NameTable::fromName(kResolutions, name, resolution);
}

QString origin(StatementOrigin origin)
{
    return NameTable::name(kOrigins, origin);
}

bool originFromName(const QString &name, StatementOrigin *origin)
{
    return NameTable::fromName(kOrigins, name, origin);
}

bool lineStatusFromName(const QString &name, StatementLineStatus *status)
{
    // The names are statementLineStatusName's own, so the two never drift apart.
    for (StatementLineStatus known : kLineStatuses) {
        if (statementLineStatusName(known) == name) {
            *status = known;
            return true;
        }
    }
    return false;
}

} // namespace paydesk::ReconciliationNames
