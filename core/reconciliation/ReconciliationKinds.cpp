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

QString recordType(RecordType type)
{
    return NameTable::name(kRecordTypes, type);
}

bool recordTypeFromName(const QString &name, RecordType *type)
{
    return NameTable::fromName(kRecordTypes, name, type);
}

QString platformStatus(PlatformStatus status)
{
    return NameTable::name(kPlatformStatuses, status);
}

bool platformStatusFromName(const QString &name, PlatformStatus *status)
{
    return NameTable::fromName(kPlatformStatuses, name, status);
}

QString category(DiscrepancyCategory category)
{
    return NameTable::name(kCategories, category);
}

bool categoryFromName(const QString &name, DiscrepancyCategory *category)
{
    return NameTable::fromName(kCategories, name, category);
}

} // namespace paydesk::ReconciliationNames
