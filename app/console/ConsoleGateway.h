#pragma once

#include "widgets/shell/GatewayControl.h"

#include <memory>

namespace paydesk {

class GatewayHost;
class PaydeskCore;

// The console's gateway: paydeskd's GatewayHost over the console's core, on 127.0.0.1 at the
// port of the setting gateway/port (default 8080; a free one if that is taken), notifications
// and the scheduled sweep included.
class ConsoleGateway final : public GatewayControl
{
public:
    explicit ConsoleGateway(PaydeskCore &core);
    ~ConsoleGateway() override;

    Result<QUrl> start() override;
    void stop() override;
    bool isRunning() const override { return m_host != nullptr; }
    QUrl url() const override;

private:
    PaydeskCore &m_core;
    std::unique_ptr<GatewayHost> m_host;
};

} // namespace paydesk
