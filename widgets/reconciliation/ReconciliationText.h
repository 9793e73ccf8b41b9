#pragma once

#include "core/reconciliation/ReconciliationService.h"

#include <QString>

namespace paydesk::ReconciliationText {

// How the console names reconciliation's kinds and states (translated), in one place so that the
// runs, the pool, the chart's legend and the diff say the same. The core's stable names
// (ReconciliationNames) stay for the database, files and the cli; people read these.
QString category(DiscrepancyCategory category);
QString runStatus(ReconciliationRunStatus status);
QString discrepancyStatus(DiscrepancyStatus status);
// A pool entry's status as the operator reads it: resolved by parking its money in suspense is
// "parked", waiting for a follow-up that places the money.
QString poolStatus(const PoolDiscrepancy &discrepancy);
QString resolution(DiscrepancyResolution resolution);
// What a resolution does, in one sentence, for the propose dialog.
QString resolutionHint(DiscrepancyResolution resolution);
QString diffCause(RunDiffCause cause);
QString phase(ReconciliationPhase phase);
QString recordType(RecordType type);
QString platformStatus(PlatformStatus status);
QString lineStatus(StatementLineStatus status);
// A diff line's category: the category's name, or "matched" for none.
QString diffCategory(const std::optional<DiscrepancyCategory> &category);
// An amount of one side in minor units of `currency`, formatted (DisplayFormat::money); "—" when
// the side has none.
QString amount(const std::optional<qint64> &minor, const Currency &currency);
// A run's length: "850 ms", "12.4 s", "3 min 5 s".
QString duration(qint64 milliseconds);
// A failed pool action in words: the two conflicts an operator meets in the normal course of work
// (someone else acted first, approving one's own proposal) say what to do next; the rest is the
// core's message.
QString actionError(const Error &error);

} // namespace paydesk::ReconciliationText
