#pragma once

#include "core/reconciliation/ReconciliationRecords.h"

#include <QList>

namespace paydesk {

// What an operator proposes for one discrepancy of the pool (recon.resolve); an approver other
// than the proposer then approves it (the ledger entry is posted then) or rejects it.
struct ResolutionProposal
{
    qint64 discrepancyId = 0;
    int expectedVersion = 0; // the version the operator saw (PoolDiscrepancy::version)
    DiscrepancyResolution resolution = DiscrepancyResolution::ParkInSuspense;
    QString note;       // why; required
    QString merchantNo; // AssignToMerchant: the merchant the parked money belongs to
};

// The resolutions that fit a discrepancy as it stands (its category, status and whether it was
// parked), in the order the console offers them; empty when nothing can be proposed.
QList<DiscrepancyResolution> resolutionsFor(const PoolDiscrepancy &discrepancy);

} // namespace paydesk
