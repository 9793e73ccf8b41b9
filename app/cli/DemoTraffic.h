#pragma once

#include "core/util/Result.h"

namespace paydesk {

class PaydeskCore;

// Today's live traffic for the demo: paydeskd's gateway (in this process, on loopback) and the
// channel sandbox (in this process, or the paydesk-sandbox already listening at the address
// the demo's channel accounts use), and applications of active merchants sending signed orders
// over HTTP across the three channels. The simulated payer pays most of them (some fail, some
// are left unpaid), the channels call back, the gateway posts the payments and notifies; then
// some are refunded through the API. The console then opens on orders with real prepay answers,
// callbacks, notification attempts and refunds in their stories.
namespace DemoTraffic {

struct Summary
{
    int orders = 0;
    int paid = 0;
    int refunds = 0;
};

// `orders` new orders; `sandboxDirectory` holds the sandbox's keys (and its url file).
Result<Summary> run(PaydeskCore &core, const QString &sandboxDirectory, int orders);

} // namespace DemoTraffic
} // namespace paydesk
