#include "tests/bench/ChannelFloor.h"

#include "tests/bench/MeasuredWindow.h"

#include <QThread>

#include <memory>
#include <mutex>
#include <vector>

namespace paydesk::test {

namespace {

struct Shared
{
    const ChannelFloor::Settings &settings;
    MeasuredWindow window;
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
        const qint64 startNs = shared.window.nowNs();
        if (shared.window.isOver(startNs)) {
            std::call_once(shared.closed, [&] {
                if (shared.settings.windowCloses)
                    shared.settings.windowCloses();
            });
            break;
        }
        if (shared.window.isOpen(startNs)) {
            std::call_once(shared.opened, [&] {
                if (shared.settings.windowOpens)
                    shared.settings.windowOpens();
            });
        }
        request.outTradeNo =
            QStringLiteral("F%1N%2").arg(caller, 2, 10, QLatin1Char('0')).arg(n, 8, 10, QLatin1Char('0'));
        const auto answer = shared.settings.adapter->prepay(request);
        const qint64 endNs = shared.window.nowNs();
        if (!answer) {
            if (failures++ == 0)
                firstFailure = answer.error().message();
        } else if (shared.window.counts(startNs, endNs)) {
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
    Shared shared{settings, MeasuredWindow(settings.warmUpSeconds, settings.measuredSeconds), {}, {}, {}, {}};
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
