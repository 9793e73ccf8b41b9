#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/reconciliation/ReconciliationRecords.h"
#include "core/util/Result.h"

namespace paydesk {

// What the channel's statement says minus what we posted for one item, in the terms of the
// payment postings of DESIGN §6 (signed, minor units; a refund counts against the receivable).
// A side counts only when its money really moved: a line that succeeded (or a refund stuck on its
// way to the payer: it left the merchant), a payment or refund of ours that succeeded.
struct PostedDifference
{
    qint64 receivable = 0; // channel_receivable: amount less fee
    qint64 fee = 0;        // channel_fee_expense
    // What moves to or from the other side of the entry (suspense or the merchant).
    qint64 gross() const { return receivable + fee; }
    bool isZero() const { return receivable == 0 && fee == 0; }
};

// Where a resolution's entry comes from and goes to.
struct ResolutionTarget
{
    qint64 discrepancyId = 0;
    QString channelAccount; // its name: channel_receivable:<name>
    QString merchantNo;     // the merchant whose pending account takes it (assign, adjust)
    QDate businessDate;     // the day it is booked: today's, Asia/Shanghai
    QString createdBy;
};

// The journal entries of the pool's resolutions (docs/reconciliation.md "Resolving"). Each has the
// event key "recon:<discrepancy id>:<resolution>", so the ledger posts it at most once. Lines that
// would be zero are left out; an entry with nothing to post is InvalidArgument.
namespace ResolutionPostings {

PostedDifference differenceOf(const ReconciliationItem &item);
// Only the fee: the channel's minus ours, both sides as posted (fee_mismatch).
PostedDifference feeDifferenceOf(const ReconciliationItem &item);

// park_in_suspense: debit channel_receivable and channel_fee_expense by the difference, credit
// suspense by its gross (signs follow the difference).
Result<EntryDraft> park(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target);
// adjust_amount straight away: the difference to the merchant's pending account instead of suspense.
Result<EntryDraft> adjustAmount(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target);
// assign_to_merchant / adjust_amount of parked money: what the park entry put in suspense
// (`parkedSuspense`, its suspense line: negative when it credited suspense) moves to the merchant.
Result<EntryDraft> placeParked(const PoolDiscrepancy &discrepancy, DiscrepancyResolution resolution,
                               qint64 parkedSuspense, const ResolutionTarget &target);
// adjust_fee: channel_fee_expense follows the channel's fee, against channel_receivable.
Result<EntryDraft> adjustFee(const PoolDiscrepancy &discrepancy, const ResolutionTarget &target);

QString eventKey(qint64 discrepancyId, DiscrepancyResolution resolution);

} // namespace ResolutionPostings
} // namespace paydesk
