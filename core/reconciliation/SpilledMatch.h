#pragma once

#include "core/reconciliation/PartitionMatcher.h"
#include "core/reconciliation/SpillPlan.h"

#include <memory>

namespace paydesk {

class PartitionSpill;

// The second half of a day that went to the files: each partition matched in memory when it fits,
// else split again by another hash and its parts matched in turn (a split that leaves every
// record in one part, a single order number's, cannot help: that part is matched as it is).
//
// Partitions are matched on the plan's threads at once. Their discrepancies reach the caller's
// handler on the calling thread, partition by partition in order, so what the caller sees does
// not depend on the number of threads; a thread runs only a few partitions ahead of the handler.
class SpilledMatch
{
public:
    SpilledMatch(const PartitionContext &context, const SpillPlan &plan);
    ~SpilledMatch();

    // Counts into `summary`. Errors: FileUnreadable, FileUnwritable (a split), Cancelled (the
    // flag, or the handler returning false), ArithmeticOverflow.
    Status run(PartitionSpill &spill, ReconciliationSummary &summary);

private:
    struct Worker;
    struct Shared;
    void work(Worker &worker, Shared &shared, PartitionSpill &spill);
    Status matchPartition(Worker &worker, PartitionSpill &spill, int partition, qint64 parentRecords);
    Status split(Worker &worker, PartitionSpill &spill, int partition);
    Status handOn(Shared &shared, int partitions);

    const PartitionContext &m_context;
    const SpillPlan &m_plan;
};

} // namespace paydesk
