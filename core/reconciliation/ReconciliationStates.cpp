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
constexpr NameTable::Table<DiscrepancyResolution, 8> kResolutions{{
    {DiscrepancyResolution::ChannelOnlyMarkPaid, "channel_only_mark_paid"},
    {DiscrepancyResolution::ParkInSuspense, "park_in_suspense"},
    {DiscrepancyResolution::RefundToPayer, "refund_to_payer"},
    {DiscrepancyResolution::AssignToMerchant, "assign_to_merchant"},
    {DiscrepancyResolution::ReversePayment, "reverse_payment"},
    {DiscrepancyResolution::AdjustAmount, "adjust_amount"},
    {DiscrepancyResolution::AdjustFee, "adjust_fee"},
    {DiscrepancyResolution::Acknowledge, "acknowledge"},
}};
constexpr NameTable::Table<StatementOrigin, 2> kOrigins{{
    {StatementOrigin::Download, "download"},
    {StatementOrigin::Import, "import"},
}};
constexpr StatementLineStatus kLineStatuses[] = {StatementLineStatus::Succeeded, StatementLineStatus::Revoked,
                                                 StatementLineStatus::Processing, StatementLineStatus::Closed,
                                                 StatementLineStatus::Abnormal};
} // namespace

PAYDESK_NAME_PAIR(runStatus, runStatusFromName, ReconciliationRunStatus, kRunStatuses)
PAYDESK_NAME_PAIR(discrepancyStatus, discrepancyStatusFromName, DiscrepancyStatus, kDiscrepancyStatuses)
PAYDESK_NAME_PAIR(resolution, resolutionFromName, DiscrepancyResolution, kResolutions)
PAYDESK_NAME_PAIR(origin, originFromName, StatementOrigin, kOrigins)

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
