#pragma once

#include "core/util/Result.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace paydesk {

// Runs one fetch at a time on a worker thread and hands the result back on the GUI thread.
// A newer start() supersedes a fetch still running (its result is dropped), and nothing is
// delivered once the context object is gone, so models can reset freely while a page loads.
// A superseded fetch still runs to its end on the worker, using whatever its closure points to
// (the core, the session): the destructor waits for every fetch still running, not only the
// newest, so a panel closed while the user typed a filter never leaves one behind it.
template <typename T> class PageLoader
{
public:
    using Fetch = std::function<Result<T>()>;
    using Deliver = std::function<void(Result<T>)>;

    PageLoader(QObject *context, Deliver deliver) : m_context(context), m_deliver(std::move(deliver)) {}
    ~PageLoader()
    {
        for (QFuture<Result<T>> &fetch : m_inFlight)
            fetch.waitForFinished();
    }

    void start(Fetch fetch)
    {
        const int generation = ++m_generation;
        auto *watcher = new QFutureWatcher<Result<T>>(m_context);
        QObject::connect(watcher, &QFutureWatcher<Result<T>>::finished, m_context, [this, watcher, generation]() {
            if (generation == m_generation) {
                m_running = false;
                m_deliver(watcher->result());
            }
            watcher->deleteLater();
        });
        m_running = true;
        m_inFlight.removeIf([](const QFuture<Result<T>> &earlier) { return earlier.isFinished(); });
        QFuture<Result<T>> future = QtConcurrent::run(std::move(fetch));
        m_inFlight.append(future);
        watcher->setFuture(future);
    }

    bool isRunning() const { return m_running; }
    // Forgets a fetch in flight: its result will be dropped (e.g. the filter changed).
    void cancel()
    {
        ++m_generation;
        m_running = false;
    }

private:
    QObject *m_context;
    Deliver m_deliver;
    QList<QFuture<Result<T>>> m_inFlight; // the newest and any superseded ones not yet finished
    int m_generation = 0;
    bool m_running = false;
};

} // namespace paydesk
