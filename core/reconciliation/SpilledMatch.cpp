#include "core/reconciliation/SpilledMatch.h"

#include "core/reconciliation/PartitionSpill.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace paydesk {

namespace {
// How many partitions a thread may finish ahead of the one whose discrepancies go out.
constexpr int kAheadPerThread = 2;

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}
} // namespace

// One matching thread's own: its matcher and the summary it counts into, its read buffer, and
// the discrepancies of the partition at hand.
struct SpilledMatch::Worker
{
    Worker(const PartitionContext &shared, const std::atomic<bool> &stopping)
        : context(shared), matcher(context, summary)
    {
        summary.partitions = 0;
        context.onDiscrepancy = &collect;
        collect = [this, &stopping](const Discrepancy &discrepancy) {
            found.push_back(discrepancy);
            return !stopping.load(std::memory_order_relaxed);
        };
    }

    DiscrepancyHandler collect;
    PartitionContext context;
    ReconciliationSummary summary;
    PartitionMatcher matcher;
    QByteArray buffer;
    std::vector<Discrepancy> found;
};

// Each partition's outcome, handed from the thread that matched it to the calling thread.
struct SpilledMatch::Shared
{
    struct Outcome
    {
        bool done = false;
        Status status;
        std::vector<Discrepancy> found;
    };

    explicit Shared(int partitions) : outcomes(size_t(partitions)) {}

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Outcome> outcomes;
    int next = 0;    // the next partition a thread takes
    int emitted = 0; // partitions whose discrepancies went out
    std::atomic<bool> stopping{false};
};

SpilledMatch::SpilledMatch(const PartitionContext &context, const SpillPlan &plan) : m_context(context), m_plan(plan) {}

SpilledMatch::~SpilledMatch() = default;

Status SpilledMatch::run(PartitionSpill &spill, ReconciliationSummary &summary)
{
    Shared shared(spill.partitions());
    std::deque<Worker> workers; // never moved: each matcher refers to its worker's members
    std::vector<std::thread> threads;
    for (int i = 0; i < std::min(m_plan.threads(), spill.partitions()); ++i) {
        workers.emplace_back(m_context, shared.stopping);
        threads.emplace_back([this, &worker = workers.back(), &shared, &spill] { work(worker, shared, spill); });
    }
    Status result = handOn(shared, spill.partitions());
    if (!result) {
        shared.stopping = true;
        shared.changed.notify_all();
    }
    for (std::thread &thread : threads)
        thread.join();
    for (const Worker &worker : workers) {
        if (auto merged = mergeCounts(summary, worker.summary); !merged && result)
            result = merged;
    }
    return result;
}

void SpilledMatch::work(Worker &worker, Shared &shared, PartitionSpill &spill)
{
    const int ahead = kAheadPerThread * m_plan.threads();
    for (;;) {
        int partition = 0;
        {
            std::unique_lock lock(shared.mutex);
            shared.changed.wait(lock, [&] { return shared.stopping || shared.next < shared.emitted + ahead; });
            if (shared.stopping || shared.next >= spill.partitions())
                return;
            partition = shared.next++;
        }
        worker.found.clear();
        Status status = cancelled(m_context.cancel) ? Status(Error(ErrorCode::Cancelled))
                                                    : matchPartition(worker, spill, partition, -1);
        {
            std::lock_guard lock(shared.mutex);
            Shared::Outcome &outcome = shared.outcomes[size_t(partition)];
            outcome.status = std::move(status);
            outcome.found.swap(worker.found);
            outcome.done = true;
        }
        shared.changed.notify_all();
    }
}

// On the calling thread: each partition's discrepancies in partition order, as soon as it is done.
Status SpilledMatch::handOn(Shared &shared, int partitions)
{
    for (int partition = 0; partition < partitions; ++partition) {
        Shared::Outcome outcome;
        {
            std::unique_lock lock(shared.mutex);
            shared.changed.wait(lock, [&] { return shared.outcomes[size_t(partition)].done; });
            outcome = std::move(shared.outcomes[size_t(partition)]);
        }
        if (!outcome.status)
            return outcome.status;
        for (const Discrepancy &discrepancy : outcome.found) {
            if (cancelled(m_context.cancel) || !(*m_context.onDiscrepancy)(discrepancy))
                return Error(ErrorCode::Cancelled);
        }
        {
            std::lock_guard lock(shared.mutex);
            shared.emitted = partition + 1;
        }
        shared.changed.notify_all();
    }
    return {};
}

Status SpilledMatch::matchPartition(Worker &worker, PartitionSpill &spill, int partition, qint64 parentRecords)
{
    const qint64 records = spill.records(partition);
    if (records == 0)
        return {};
    if (m_plan.fits(spill.bytes(partition), records) || records == parentRecords ||
        spill.level() >= SpillPlan::kMaxSplitLevel) {
        if (auto taken = spill.take(partition, worker.buffer); !taken)
            return taken;
        ++worker.summary.partitions;
        return worker.matcher.match(worker.buffer);
    }
    return split(worker, spill, partition);
}

Status SpilledMatch::split(Worker &worker, PartitionSpill &spill, int partition)
{
    const qint64 records = spill.records(partition);
    const std::unique_ptr<PartitionSpill> child =
        m_plan.newSpill(m_plan.fanOutFor(SpillPlan::memoryFor(spill.bytes(partition), records)), spill.level() + 1);
    if (auto opened = child->open(); !opened)
        return opened;
    const auto onRecord = [&child](QByteArrayView record) { return child->add(record); };
    if (auto walked = spill.forEachRecord(partition, onRecord); !walked)
        return walked;
    if (auto flushed = child->flush(); !flushed)
        return flushed;
    worker.summary.spilledBytes += child->bytesWritten();
    for (int part = 0; part < child->partitions(); ++part) {
        if (cancelled(m_context.cancel))
            return Error(ErrorCode::Cancelled);
        if (auto matched = matchPartition(worker, *child, part, records); !matched)
            return matched;
    }
    return {};
}

} // namespace paydesk
