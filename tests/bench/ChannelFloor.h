#pragma once

#include "core/channel/ChannelAdapter.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace paydesk::test {

// The gateway benchmark's floor: the channel call alone, as the gateway makes it for each order
// (the channel adapter signs the prepay request, sends it over HTTPS to the sandbox and verifies
// the signed answer), from `callers` threads named "channel caller", each with one call in flight
// — and nothing else: no gateway HTTP server, no authentication, no database. What this costs the
// machine per order is the least any gateway spends per order against this sandbox here.
class ChannelFloor
{
public:
    struct Settings
    {
        std::shared_ptr<ChannelAdapter> adapter;
        PrepayRequest request; // each call sends it with an out_trade_no of its own
        int callers = 8;
        int warmUpSeconds = 3;
        int measuredSeconds = 10;
        // Called (on one caller's thread) when the measured window opens and when it closes.
        std::function<void()> windowOpens;
        std::function<void()> windowCloses;
    };
    struct Result
    {
        QList<double> latenciesMs; // of prepays asked and answered within the window
        int failures = 0;
        QString firstFailure;
    };

    static Result run(const Settings &settings);
};

} // namespace paydesk::test
