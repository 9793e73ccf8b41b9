#pragma once

#include "widgets/common/BackgroundCalls.h"

#include <functional>

namespace paydesk {

// A reloadable read on BackgroundCalls: a newer start() supersedes a fetch still running (its
// result is dropped), so models can reset freely while a page loads. Everything else is
// BackgroundCalls': nothing is delivered once the context object (or this loader) is gone, and
// the destructor waits for every fetch still running — superseded ones too, since they still use
// whatever their closure points to (the core, the session).
template <typename T> class PageLoader
{
public:
    using Fetch = std::function<Result<T>()>;
    using Deliver = std::function<void(Result<T>)>;

    PageLoader(QObject *context, Deliver deliver) : m_deliver(std::move(deliver)), m_calls(context) {}

    void start(Fetch fetch)
    {
        const int generation = ++m_generation;
        m_running = true;
        m_calls.run<T>(std::move(fetch), [this, generation](Result<T> result) {
            if (generation != m_generation)
                return;
            m_running = false;
            m_deliver(std::move(result));
        });
    }

    bool isRunning() const { return m_running; }
    // Forgets a fetch in flight: its result will be dropped (e.g. the filter changed).
    void cancel()
    {
        ++m_generation;
        m_running = false;
    }

private:
    Deliver m_deliver;
    int m_generation = 0;
    bool m_running = false;
    BackgroundCalls m_calls; // last, so it is the first to go: it waits before the rest is destroyed
};

} // namespace paydesk
