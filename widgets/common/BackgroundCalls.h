#pragma once

#include "core/util/Result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <utility>

namespace paydesk {

// The console's one way to call the core off the GUI thread (KeePassXC's
// AsyncTask::runThenCallback): `work` runs on a worker thread and its Result is handed to `done`
// on the GUI thread — or dropped when the context object or this BackgroundCalls is gone by then.
// The destructor waits for every call still running, so no worker outlives the widget whose core
// and session its closure uses. One-off actions (a save, a workflow step) call run() directly;
// reloadable reads use PageLoader, which adds "the newest load wins" on top of this.
class BackgroundCalls
{
public:
    explicit BackgroundCalls(QObject *context) : m_context(context) {}
    BackgroundCalls(const BackgroundCalls &) = delete;
    BackgroundCalls &operator=(const BackgroundCalls &) = delete;
    ~BackgroundCalls()
    {
        // Nothing is delivered during the wait (the GUI thread is here) nor after it (m_alive goes).
        for (QFuture<void> &call : m_running)
            call.waitForFinished();
    }

    // `work` runs on a worker thread and returns Result<T>; `done(Result<T>)` runs on the GUI thread.
    template <typename T, typename Work, typename Done> void run(Work work, Done done)
    {
        m_running.removeIf([](const QFuture<void> &call) { return call.isFinished(); });
        auto *watcher = new QFutureWatcher<Result<T>>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context,
                         [watcher, alive = std::weak_ptr<const bool>(m_alive), done = std::move(done)]() {
                             watcher->deleteLater();
                             if (!alive.expired())
                                 done(watcher->result());
                         });
        QFuture<Result<T>> call = QtConcurrent::run(std::move(work));
        m_running.append(QFuture<void>(call));
        watcher->setFuture(call);
    }

    // Whether a call has not finished its work yet (its result may still be on its way).
    bool isBusy() const
    {
        for (const QFuture<void> &call : m_running) {
            if (!call.isFinished())
                return true;
        }
        return false;
    }

private:
    QObject *m_context;
    QList<QFuture<void>> m_running;                                     // every call not known to be finished
    std::shared_ptr<const bool> m_alive = std::make_shared<bool>(true); // callbacks hold it weakly
};

} // namespace paydesk
