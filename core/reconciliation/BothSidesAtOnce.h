#pragma once

#include "core/reconciliation/ChannelRecord.h"
#include "core/reconciliation/PlatformRecord.h"
#include "core/util/Result.h"

#include <functional>

namespace paydesk {

// Both sides of a run read at the same time, each on a thread of its own — the statement parsed,
// our side streamed out of the database — and handed over in batches, through one bounded queue,
// to the caller's thread, which alone touches the matcher. Measured on two cores (issue 18's
// benchmark) reading our side took as long as parsing the statement, and neither needs the other.
//
// A source calls its `give` for every record and stops when it returns false; it returns its own
// error, if any. The handlers run on the caller's thread, each side's records in their order
// (the two sides interleave). The first error — a source's or a handler's — stops everything and
// is the answer; both threads have ended when run() returns. Memory: the queue holds at most
// kQueuedBatches batches of kBatchRecords records.
namespace BothSidesAtOnce {

constexpr int kBatchRecords = 2048;
constexpr int kQueuedBatches = 16;

using ChannelEmit = std::function<bool(const ChannelRecord &)>;
using PlatformEmit = std::function<bool(const PlatformRecord &)>;
using ChannelSource = std::function<Status(const ChannelEmit &give)>;
using PlatformSource = std::function<Status(const PlatformEmit &give)>;

struct Handlers
{
    std::function<Status(const ChannelRecord &)> onChannel;
    std::function<Status(const PlatformRecord &)> onPlatform;
    // When the statement's last record has been handled (the run's progress moves on to our side).
    std::function<void()> onChannelDone;
};

Status run(const ChannelSource &channel, const PlatformSource &platform, const Handlers &handlers);

} // namespace BothSidesAtOnce
} // namespace paydesk
