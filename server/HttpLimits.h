#pragma once

namespace paydesk {

// What the gateway's HTTP front accepts before any of our code sees a request, so that no
// outsider can make paydeskd buffer, wait or hold descriptors without bound
// (docs/gateway-api.md, "Limits of the HTTP front"). Times in milliseconds; 0 for a connection
// cap means none.
struct HttpLimits
{
    int maxBodyBytes = 64 * 1024; // 413 (from Content-Length before the body, or while a chunked one streams)
    int maxHeaderBytes =
        16 * 1024;              // request line and header fields together: 431 (414 when the line alone is too long)
    int maxHeaderCount = 100;   // 431
    int maxTargetBytes = 4096;  // the request target (path and query): 414
    int headTimeoutMs = 10000;  // from the first byte (or the accept) to the end of the header; 408
    int bodyTimeoutMs = 30000;  // from the end of the header to the end of the body; 408
    int idleTimeoutMs = 30000;  // a kept-alive connection waiting for its next request
    int writeTimeoutMs = 30000; // an answer the client does not read
    int maxConnections = 1024;  // in total; also at most RLIMIT_NOFILE minus fileDescriptorReserve
    int maxConnectionsPerIp =
        128; // from one address, an IPv6 one counted by its /64 (0: no cap; behind a proxy every client is the proxy)
    int fileDescriptorReserve = 64; // descriptors kept for the database, the workers' channel calls and logs
};

} // namespace paydesk
