#include "ChannelFloor.h"

#include <QElapsedTimer>
#include <QThread>

#include <memory>
#include <mutex>
#include <vector>

namespace paydesk::test {

namespace {

struct Shared
{
    const ChannelFloor::Settings &settings;
    QElapsedTimer clock;
    qint64 opensNs = 0;
    qint64 closesNs = 0;
    std::once_flag opened;
    std::once_flag closed;
    std::mutex merging;
    ChannelFloor::Result result;
};

void call(Shared &shared, int caller)
{
    QList<double> latencies;
    int failures = 0;
    QString firstFailure;
    PrepayRequest request = shared.settings.request;
    for (int n = 1;; ++n) {
        const qint64 startNs = shared.clock.nsecsElapsed();
        if (startNs >= shared.closesNs) {
            std::call_once(shared.closed, [&] {
                if (shared.settings.windowCloses)
                    shared.settings.windowCloses();
            });
            break;
        }
        if (startNs >= shared.opensNs) {
            std::call_once(shared.opened, [&] {
                if (shared.settings.windowOpens)
                    shared.settings.windowOpens();
            });
        }
        request.outTradeNo = QStringLiteral("F%1T%2N%3").arg(shared.clock.msecsSinceReference()).arg(caller).arg(n);
        const auto answer = shared.settings.adapter->prepay(request);
        const qint64 endNs = shared.clock.nsecsElapsed();
        if (!answer) {
            if (failures++ == 0)
                firstFailure = answer.error().message();
        } else if (startNs >= shared.opensNs && startNs < shared.closesNs) {
            latencies.append((endNs - startNs) / 1e6);
        }
    }
    const std::lock_guard lock(shared.merging);
    shared.result.latenciesMs += latencies;
    shared.result.failures += failures;
    if (shared.result.firstFailure.isEmpty())
        shared.result.firstFailure = firstFailure;
}

} // namespace

ChannelFloor::Result ChannelFloor::run(const Settings &settings)
{
    Shared shared{settings, {}, 0, 0, {}, {}, {}, {}};
    shared.clock.start();
    shared.opensNs = qint64(settings.warmUpSeconds) * 1000000000;
    shared.closesNs = shared.opensNs + qint64(settings.measuredSeconds) * 1000000000;
    std::vector<std::unique_ptr<QThread>> callers;
    for (int i = 0; i < settings.callers; ++i) {
        callers.emplace_back(QThread::create([&shared, i] { call(shared, i); }));
        // The name Linux shows for the thread, which the CPU figures are grouped by.
        callers.back()->setObjectName(QStringLiteral("channel caller"));
        callers.back()->start();
    }
    for (auto &caller : callers)
        caller->wait();
    return std::move(shared.result);
}

} // namespace paydesk::test
