#include "core/reconciliation/MatchOutcome.h"

namespace paydesk::MatchOutcome {

namespace {
using View = RecordCodec::View;

bool lineSucceeded(const View &line)
{
    return StatementLineStatus(line.header.status) == StatementLineStatus::Succeeded;
}

// A refund stuck on its way to the payer: whatever we hold, a person must look.
bool lineAbnormal(const View &line)
{
    return StatementLineStatus(line.header.status) == StatementLineStatus::Abnormal;
}

bool recordSucceeded(const View &record)
{
    return PlatformStatus(record.header.status) == PlatformStatus::Succeeded;
}

bool waitsForTomorrow(const View &view, const DayCutOff &cutOff)
{
    return !view.header.carried && cutOff.contains(view.header.timeMs);
}
} // namespace

Outcome ofPair(const View &line, const View &record)
{
    if (lineAbnormal(line))
        return DiscrepancyCategory::StatusMismatch;
    if (!lineSucceeded(line)) // revoked, closed or still refunding at the channel
        return recordSucceeded(record) ? Outcome(DiscrepancyCategory::StatusMismatch) : std::nullopt;
    if (!recordSucceeded(record)) // we have the order but never heard it was paid
        return DiscrepancyCategory::ChannelOnly;
    if (line.header.amount != record.header.amount)
        return DiscrepancyCategory::AmountMismatch;
    if (line.header.fee != record.header.fee)
        return DiscrepancyCategory::FeeMismatch;
    return DiscrepancyCategory::Matched;
}

Outcome ofLineAlone(const View &line, const DayCutOff &cutOff)
{
    if (lineAbnormal(line))
        return DiscrepancyCategory::StatusMismatch;
    if (!lineSucceeded(line))
        return std::nullopt;
    return waitsForTomorrow(line, cutOff) ? DiscrepancyCategory::CarriedOver : DiscrepancyCategory::ChannelOnly;
}

Outcome ofRecordAlone(const View &record, const DayCutOff &cutOff)
{
    if (!recordSucceeded(record))
        return std::nullopt;
    return waitsForTomorrow(record, cutOff) ? DiscrepancyCategory::CarriedOver : DiscrepancyCategory::PlatformOnly;
}

} // namespace paydesk::MatchOutcome
