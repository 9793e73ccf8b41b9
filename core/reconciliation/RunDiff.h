#pragma once

#include "core/reconciliation/ReconciliationRecords.h"

#include <QList>

namespace paydesk {

// Why an item's category differs between two runs of the same account and date.
enum class RunDiffCause
{
    StatementChanged, // the runs read different statement files (a re-download or a new import)
    Resolution,       // the pool's discrepancy was resolved between the runs
    SettingsChanged,  // the same file, different settings (the cut-off window, say)
    OurSideChanged    // the same file and settings: our orders or refunds changed meanwhile
};

// One item whose category changed between the older and the newer run. A category that is
// std::nullopt means the item was matched in that run (matched items are not stored one by one).
struct RunDiffLine
{
    QString matchKey;
    RecordType type = RecordType::Payment;
    QString orderNo;
    QString refundNo;
    QString channelTransactionId;
    std::optional<DiscrepancyCategory> olderCategory;
    std::optional<DiscrepancyCategory> newerCategory;
    RunDiffCause cause = RunDiffCause::StatementChanged;
};

// Two runs of one channel account and bill date side by side (issue 18 "Run history and diff").
struct ReconciliationRunDiff
{
    ReconciliationRun older;
    ReconciliationRun newer;
    bool sameStatement = false; // both read the same file (same SHA-256)
    bool sameSettings = false;
    QList<RunDiffLine> lines; // by match key
};

namespace ReconciliationNames {
QString runDiffCause(RunDiffCause cause); // statement_changed, resolution, settings_changed, our_side_changed
} // namespace ReconciliationNames

} // namespace paydesk
