#include "core/reconciliation/ReconciliationKinds.h"

#include "core/util/NameTable.h"

namespace paydesk::ReconciliationNames {

namespace {
constexpr NameTable::Table<RecordType, 2> kRecordTypes{{
    {RecordType::Payment, "payment"},
    {RecordType::Refund, "refund"},
}};
constexpr NameTable::Table<PlatformStatus, 3> kPlatformStatuses{{
    {PlatformStatus::Succeeded, "succeeded"},
    {PlatformStatus::Pending, "pending"},
    {PlatformStatus::Failed, "failed"},
}};
constexpr NameTable::Table<DiscrepancyCategory, kDiscrepancyCategoryCount> kCategories{{
    {DiscrepancyCategory::Matched, "matched"},
    {DiscrepancyCategory::ChannelOnly, "channel_only"},
    {DiscrepancyCategory::PlatformOnly, "platform_only"},
    {DiscrepancyCategory::AmountMismatch, "amount_mismatch"},
    {DiscrepancyCategory::StatusMismatch, "status_mismatch"},
    {DiscrepancyCategory::FeeMismatch, "fee_mismatch"},
    {DiscrepancyCategory::DuplicateInStatement, "duplicate_in_statement"},
    {DiscrepancyCategory::CarriedOver, "carried_over"},
}};
} // namespace

PAYDESK_NAME_PAIR(recordType, recordTypeFromName, RecordType, kRecordTypes)
PAYDESK_NAME_PAIR(platformStatus, platformStatusFromName, PlatformStatus, kPlatformStatuses)
PAYDESK_NAME_PAIR(category, categoryFromName, DiscrepancyCategory, kCategories)

} // namespace paydesk::ReconciliationNames
