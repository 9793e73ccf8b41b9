#pragma once

#include "core/gateway/GatewayHttp.h"
#include "core/util/Result.h"
#include "server/HttpLimits.h"

#include <functional>
#include <memory>

class QHostAddress;

namespace paydesk {

// The gateway's HTTP/1.1 listener (Boost.Beast over Boost.Asio, TLS through Asio's OpenSSL
// support; only HttpFront.cpp sees them): it enforces HttpLimits while it reads — a body past
// its limit is never buffered, a slow or idle client is cut at its deadline, connections are
// capped in total and per address, and accepting pauses when descriptors run out. Each
// connection reads its next request only once the previous one is answered, so pipelined
// requests are answered in order. The I/O runs on a thread of its own; the handler is called
// there and answers through Respond, from any thread, exactly once.
class HttpFront
{
public:
    using Respond = std::function<void(GatewayReply)>;
    using Handler = std::function<void(GatewayRequest &&, Respond)>;
    // Told of every request the front refused itself (status 400, 408, 413, 414, 417, 431).
    using Refused = std::function<void(int status)>;

    HttpFront(const HttpLimits &limits, Handler handler, Refused refused = {});
    ~HttpFront();
    HttpFront(const HttpFront &) = delete;
    HttpFront &operator=(const HttpFront &) = delete;

    // HTTPS (TLS 1.2 or later) with this certificate chain and key, both PEM; before start().
    Status useTls(const QByteArray &certificateChainPem, const QByteArray &privateKeyPem);
    Result<quint16> start(const QHostAddress &address, quint16 port);
    // Stops accepting and closes the connections that wait for a request; requests under way
    // are still answered (then their connections close).
    void beginDrain();
    // beginDrain(), then waits up to graceMs for the open connections to end, and stops.
    void stop(int graceMs = 5000);

    struct Impl; // the listener and its connections, in HttpFront.cpp

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace paydesk
