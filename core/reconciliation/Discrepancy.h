#pragma once

#include "core/reconciliation/ChannelRecord.h"
#include "core/reconciliation/PlatformRecord.h"

#include <functional>
#include <optional>

namespace paydesk {

// Where a statement listed a transaction.
struct StatementLocation
{
    QString file;
    qint64 lineNumber = 0;

    friend bool operator==(const StatementLocation &a, const StatementLocation &b)
    {
        return a.lineNumber == b.lineNumber && a.file == b.file;
    }
};

// One transaction that did not match, with what each side says about it: what a person needs to
// look into it and what the caller stores. Which sides are present follows from the category:
//   channel_only     channel; platform too when we have the order but do not hold it as paid
//                    (a missed callback), so the caller can tell it from "no such order at all"
//   platform_only    platform
//   amount_, status_, fee_mismatch   both (status_mismatch: channel alone for a line the channel
//                    reports as abnormal that we do not have)
//   duplicate_in_statement           channel (the later line) and firstListedAt
//   carried_over     the one side that waits for the next day
struct Discrepancy
{
    DiscrepancyCategory category = DiscrepancyCategory::ChannelOnly;
    RecordType type = RecordType::Payment;
    std::optional<ChannelRecord> channel;
    std::optional<PlatformRecord> platform;
    std::optional<StatementLocation> firstListedAt;
};

// Receives each discrepancy; returning false stops the match (it then fails with Cancelled).
using DiscrepancyHandler = std::function<bool(const Discrepancy &)>;

} // namespace paydesk
