#include "core/reconciliation/BothSidesAtOnce.h"

#include <QThread>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace paydesk::BothSidesAtOnce {

namespace {

struct Batch
{
    std::vector<ChannelRecord> channel;
    std::vector<PlatformRecord> platform;
};

// The queue between the two readers and the caller, and how each reader ended.
class Exchange
{
public:
    // Blocks while the queue is full; false once the caller stopped (the reader stops too).
    bool push(Batch batch)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_stopped || m_batches.size() < size_t(kQueuedBatches); });
        if (m_stopped)
            return false;
        m_batches.push_back(std::move(batch));
        m_ready.notify_one();
        return true;
    }
    void finish(bool channelSide, const Status &ended)
    {
        std::lock_guard lock(m_mutex);
        (channelSide ? m_channelDone : m_platformDone) = true;
        if (!ended && m_firstFailure.ok())
            m_firstFailure = ended;
        m_ready.notify_one();
    }
    // The next batch, or nullopt when both readers have ended and everything was taken.
    std::optional<Batch> next()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_batches.empty() || (m_channelDone && m_platformDone); });
        if (m_batches.empty())
            return std::nullopt;
        Batch batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_space.notify_one();
        return batch;
    }
    bool channelDoneAndTaken()
    {
        std::lock_guard lock(m_mutex);
        if (!m_channelDone)
            return false;
        for (const Batch &batch : m_batches) {
            if (!batch.channel.empty())
                return false;
        }
        return true;
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_space.notify_all();
    }
    // The first reader error (the other reader, stopped after it, ends Cancelled).
    Status firstFailure()
    {
        std::lock_guard lock(m_mutex);
        return m_firstFailure;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_space;
    std::condition_variable m_ready;
    std::deque<Batch> m_batches;
    bool m_stopped = false;
    bool m_channelDone = false;
    bool m_platformDone = false;
    Status m_firstFailure;
};

// One reader's thread: its records gathered into batches for the exchange.
template <typename Record, typename Source>
std::unique_ptr<QThread> startReader(Exchange &exchange, const Source &source, bool channelSide,
                                     std::vector<Record> Batch::*side)
{
    std::unique_ptr<QThread> thread(QThread::create([&exchange, &source, channelSide, side] {
        Batch batch;
        bool open = true;
        const auto give = [&](const Record &record) {
            (batch.*side).push_back(record);
            if ((batch.*side).size() >= size_t(kBatchRecords)) {
                open = exchange.push(std::move(batch));
                batch = Batch();
            }
            return open;
        };
        Status ended = source(give);
        if (ended && open && !(batch.*side).empty() && !exchange.push(std::move(batch)))
            ended = Error(ErrorCode::Cancelled);
        exchange.finish(channelSide, ended);
    }));
    // Named, so that a profiler or a debugger tells the readers apart.
    thread->setObjectName(channelSide ? QStringLiteral("recon-statement") : QStringLiteral("recon-our-side"));
    thread->start();
    return thread;
}

} // namespace

Status run(const ChannelSource &channel, const PlatformSource &platform, const Handlers &handlers)
{
    Exchange exchange;
    const std::unique_ptr<QThread> channelReader = startReader<ChannelRecord>(exchange, channel, true, &Batch::channel);
    const std::unique_ptr<QThread> platformReader =
        startReader<PlatformRecord>(exchange, platform, false, &Batch::platform);
    Status handled;
    bool channelAnnounced = false;
    while (handled) {
        std::optional<Batch> batch = exchange.next();
        if (!batch)
            break;
        for (const ChannelRecord &record : batch->channel) {
            if (handled = handlers.onChannel(record); !handled)
                break;
        }
        for (const PlatformRecord &record : batch->platform) {
            if (!handled)
                break;
            handled = handlers.onPlatform(record);
        }
        if (handled && !channelAnnounced && handlers.onChannelDone && exchange.channelDoneAndTaken()) {
            channelAnnounced = true;
            handlers.onChannelDone();
        }
        // A reader that failed stops the other at once rather than after the whole day.
        if (handled && !exchange.firstFailure())
            break;
    }
    exchange.stop();
    channelReader->wait();
    platformReader->wait();
    if (!handled)
        return handled;
    const Status read = exchange.firstFailure();
    // The statement's reader may have finished only after its last batch was handled, with
    // nothing behind it to carry the announcement: it is made here, once, before the answer.
    if (read && !channelAnnounced && handlers.onChannelDone)
        handlers.onChannelDone();
    return read;
}

} // namespace paydesk::BothSidesAtOnce
