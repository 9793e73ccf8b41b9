#pragma once

#include "core/util/Result.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace paydesk {

// One-off core calls (a save, a workflow step, an upload) run on a worker thread, each result
// handed to its own callback on the GUI thread — and dropped if the owner is gone by then
// (KeePassXC's AsyncTask::runThenCallback). The destructor waits for calls still running, so no
// worker outlives the widget that started it. Reloadable reads use PageLoader instead.
class BackgroundCalls
{
public:
    explicit BackgroundCalls(QObject *context) : m_context(context) {}
    BackgroundCalls(const BackgroundCalls &) = delete;
    BackgroundCalls &operator=(const BackgroundCalls &) = delete;
    ~BackgroundCalls()
    {
        for (const QPointer<QFutureWatcherBase> &watcher : std::as_const(m_watchers)) {
            if (watcher)
                watcher->waitForFinished();
        }
    }

    // `work` runs on a worker thread and returns Result<T>; `done(Result<T>)` runs on the GUI thread.
    template <typename T, typename Work, typename Done> void run(Work work, Done done)
    {
        prune();
        auto *watcher = new QFutureWatcher<Result<T>>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context, [watcher, done]() {
            watcher->deleteLater();
            done(watcher->result());
        });
        m_watchers.append(watcher);
        watcher->setFuture(QtConcurrent::run(std::move(work)));
    }

    bool isBusy() const
    {
        for (const QPointer<QFutureWatcherBase> &watcher : m_watchers) {
            if (watcher && !watcher->isFinished())
                return true;
        }
        return false;
    }

private:
    void prune()
    {
        m_watchers.removeIf([](const QPointer<QFutureWatcherBase> &watcher) { return watcher.isNull(); });
    }

    QObject *m_context;
    QList<QPointer<QFutureWatcherBase>> m_watchers;
};

} // namespace paydesk
