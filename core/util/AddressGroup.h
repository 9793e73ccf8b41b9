#pragma once

#include <QHostAddress>
#include <QString>

namespace paydesk {

// The unit a per-client limit counts: an IPv4 address ("203.0.113.7", also when it arrives
// IPv4-mapped), or an IPv6 address's /64 network ("2001:db8:1:2::/64") — one host is commonly
// handed a whole /64, so counting single IPv6 addresses would let it multiply any per-client
// cap by 2^64. "unknown" for a null address. Used by the HTTP front's per-client connection cap
// and by the refused-callback throttle, and written as such to the audit log.
QString addressGroupOf(const QHostAddress &address);

} // namespace paydesk
