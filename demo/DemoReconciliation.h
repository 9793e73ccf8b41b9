#pragma once

#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QDate>

namespace paydesk {

class PaydeskCore;

// The demo platform's reconciliation (对账): every past day of the demo's orders reconciled for
// each channel account that takes them, all matched, and the last of those days (the planted day)
// with one discrepancy of each category waiting in the pool — a missed callback (our order still
// paying, the channel says paid), a payment nobody placed, one the channel lacks, a wrong amount,
// one the channel revoked (refunded to the payer) that we hold as paid, a wrong fee, a line listed
// twice — and one payment of ours just before midnight carried over to the next bill (日切).
//
// The bills are what a channel would send had it seen the same day (DemoBills: the sandbox's bill
// writers over the platform's own records), with the faults planted by the sandbox's BillFaults,
// and every one is imported through ReconciliationService::run as the finance operator: runs,
// items, pool and audit are the real service's. No sandbox needs to run.
namespace DemoReconciliation {

struct Summary
{
    int runs = 0;
    QDate plantedDay;
};

// Adds the planted day's two orders of ours (the one paid just before midnight, imported; the
// one whose callback never came, still paying), then reconciles [firstDay, lastDay] for every
// account with live routes. `finance` needs recon.run and ledger.post.
Result<Summary> create(PaydeskCore &core, const Actor &finance, const QDate &firstDay, const QDate &lastDay);

} // namespace DemoReconciliation
} // namespace paydesk
