#pragma once

#include "util/Result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace paydesk {

// Runs one fetch at a time on a worker thread and hands the result back on the GUI thread.
// A newer start() supersedes a fetch still running (its result is dropped), and nothing is
// delivered once the context object is gone, so models can reset freely while a page loads.
template <typename T>
class PageLoader
{
public:
    using Fetch = std::function<Result<T>()>;
    using Deliver = std::function<void(Result<T>)>;

    PageLoader(QObject *context, Deliver deliver) : m_context(context), m_deliver(std::move(deliver)) {}
    ~PageLoader()
    {
        if (m_current)
            m_current->waitForFinished();
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
        m_current = watcher;
        watcher->setFuture(QtConcurrent::run(std::move(fetch)));
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
    QPointer<QFutureWatcher<Result<T>>> m_current;
    int m_generation = 0;
    bool m_running = false;
};

} // namespace paydesk
