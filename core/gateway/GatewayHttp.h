#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>

namespace paydesk {

// One HTTP request as the gateway sees it, independent of the server that received it (so the
// gateway can be driven directly by tests and by the console's in-process server).
struct GatewayRequest
{
    QByteArray method = "POST";
    QByteArray path;                       // e.g. "/api/v1/orders", without the query
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

struct GatewayReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

} // namespace paydesk
