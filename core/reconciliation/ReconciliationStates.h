#pragma once

#include "core/channel/statement/StatementLine.h"

#include <QString>

namespace paydesk {

// Where a reconciliation run stands. Only a running run holds the lock of its account and date.
enum class ReconciliationRunStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
    Abandoned // was running, and its heartbeat stopped for longer than the lease: its process died
};

// Where a discrepancy of the pool stands: open → proposed → resolved, or back to open when the
// approver rejects the proposal; gone when a later run of the same day no longer finds it.
enum class DiscrepancyStatus
{
    Open,
    Proposed,
    Resolved,
    Gone
};

// How a discrepancy is settled (issue 18): each that moves money is a ledger entry plus an audit
// record, approved by another operator than the one who proposed it.
enum class DiscrepancyResolution
{
    ChannelOnlyMarkPaid, // the channel has the payment, our order was unpaid: posted as a callback would
    ParkInSuspense,      // money we cannot place yet goes to suspense
    RefundToPayer,       // parked money goes back to the payer
    AssignToMerchant,    // parked money belongs to a merchant after all
    ReversePayment,      // the channel confirms it never took the money we posted
    AdjustAmount,        // the difference of an amount mismatch, by an adjustment entry
    AdjustFee,           // our channel fee posting follows the channel's
    Acknowledge          // no money moves (a duplicate line, nothing differs): the note says why
};

// Whether a kept statement came through the channel adapter or from an operator's file.
enum class StatementOrigin
{
    Download,
    Import
};

// The stable names stored in the database and written into JSON.
namespace ReconciliationNames {
QString runStatus(ReconciliationRunStatus status); // running, completed, failed, cancelled, abandoned
bool runStatusFromName(const QString &name, ReconciliationRunStatus *status);
QString discrepancyStatus(DiscrepancyStatus status); // open, proposed, resolved, gone
bool discrepancyStatusFromName(const QString &name, DiscrepancyStatus *status);
// channel_only_mark_paid, park_in_suspense, refund_to_payer, assign_to_merchant, reverse_payment,
// adjust_amount, adjust_fee, acknowledge
QString resolution(DiscrepancyResolution resolution);
bool resolutionFromName(const QString &name, DiscrepancyResolution *resolution);
QString origin(StatementOrigin origin); // download, import
bool originFromName(const QString &name, StatementOrigin *origin);
// The statement line statuses by statementLineStatusName's names, read back.
bool lineStatusFromName(const QString &name, StatementLineStatus *status);
} // namespace ReconciliationNames

} // namespace paydesk
