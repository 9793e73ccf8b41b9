#pragma once

#include "core/util/Result.h"

#include <QUrl>

namespace paydesk {

// The console's in-process gateway (DESIGN §2: the console "can also serve the gateway
// in-process on loopback"), as the console's main provides it: the server lives in the app
// layer, the window only switches it. It serves with the console's core, so the vault must be
// unlocked; it stops when the operator signs out (the vault locks then).
class GatewayControl
{
public:
    virtual ~GatewayControl() = default;
    virtual Result<QUrl> start() = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    virtual QUrl url() const = 0;
};

} // namespace paydesk
