#pragma once

#include "core/reconciliation/DayCutOff.h"
#include "core/reconciliation/RecordCodec.h"

#include <optional>

namespace paydesk::MatchOutcome {

// What one transaction comes to (DESIGN §8): a category, or nothing when both sides agree that no
// money moved (a line the channel revoked, closed or is still refunding that we do not hold as
// succeeded either, or do not have; a record of ours not succeeded that the channel lacks).
using Outcome = std::optional<DiscrepancyCategory>;

// A line and the record its keys found.
Outcome ofPair(const RecordCodec::View &line, const RecordCodec::View &record);
// A line no record answers; near midnight (and not carried once already) it waits for tomorrow.
Outcome ofLineAlone(const RecordCodec::View &line, const DayCutOff &cutOff);
// A record of ours no line answers; the same for the cut-off.
Outcome ofRecordAlone(const RecordCodec::View &record, const DayCutOff &cutOff);

} // namespace paydesk::MatchOutcome
