#include "core/security/OutboundAddress.h"

#include <QHostAddress>

namespace paydesk::OutboundAddress {

namespace {
bool within(quint32 address, quint32 network, int prefix)
{
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return (address & mask) == (network & mask);
}

constexpr quint32 v4(int a, int b, int c, int d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | quint32(d);
}

Kind classify4(quint32 a)
{
    if (within(a, v4(0, 0, 0, 0), 8))
        return Kind::Unspecified;
    if (within(a, v4(127, 0, 0, 0), 8))
        return Kind::Loopback;
    if (within(a, v4(10, 0, 0, 0), 8) || within(a, v4(172, 16, 0, 0), 12) || within(a, v4(192, 168, 0, 0), 16))
        return Kind::Private;
    if (within(a, v4(100, 64, 0, 0), 10))
        return Kind::CarrierNat;
    if (within(a, v4(169, 254, 0, 0), 16))
        return Kind::LinkLocal;
    if (a == v4(255, 255, 255, 255))
        return Kind::Broadcast;
    if (within(a, v4(224, 0, 0, 0), 4))
        return Kind::Multicast;
    if (within(a, v4(240, 0, 0, 0), 4) || within(a, v4(192, 0, 0, 0), 24) || within(a, v4(192, 0, 2, 0), 24) ||
        within(a, v4(198, 18, 0, 0), 15) || within(a, v4(198, 51, 100, 0), 24) || within(a, v4(203, 0, 113, 0), 24))
        return Kind::Reserved;
    return Kind::Public;
}

quint32 embedded4(const Q_IPV6ADDR &b, int at)
{
    return quint32(b[at]) << 24 | quint32(b[at + 1]) << 16 | quint32(b[at + 2]) << 8 | quint32(b[at + 3]);
}

bool zeros(const Q_IPV6ADDR &b, int from, int to)
{
    for (int i = from; i < to; ++i) {
        if (b[i] != 0)
            return false;
    }
    return true;
}

Kind classify6(const Q_IPV6ADDR &b)
{
    if (zeros(b, 0, 16))
        return Kind::Unspecified;
    if (zeros(b, 0, 15) && b[15] == 1)
        return Kind::Loopback;
    if (zeros(b, 0, 10) && b[10] == 0xff && b[11] == 0xff) // IPv4-mapped
        return classify4(embedded4(b, 12));
    if (zeros(b, 0, 12)) // IPv4-compatible (deprecated, still routed by some stacks)
        return classify4(embedded4(b, 12));
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zeros(b, 4, 12)) // NAT64 well-known prefix
        return classify4(embedded4(b, 12));
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01) // local-use NAT64
        return Kind::Private;
    if (b[0] == 0x20 && b[1] == 0x02) // 6to4
        return classify4(embedded4(b, 2));
    if ((b[0] & 0xfe) == 0xfc)
        return Kind::Private; // unique local
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return Kind::LinkLocal;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        return Kind::Private; // site-local (deprecated)
    if (b[0] == 0xff)
        return Kind::Multicast;
    if (b[0] == 0x01 && b[1] == 0x00 && zeros(b, 2, 8)) // discard-only 100::/64
        return Kind::Reserved;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation
        return Kind::Reserved;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // Teredo: the IPv4 inside is obfuscated
        return Kind::Reserved;
    return Kind::Public;
}
} // namespace

Kind classify(const QHostAddress &address)
{
    switch (address.protocol()) {
    case QAbstractSocket::IPv4Protocol:
        return classify4(address.toIPv4Address());
    case QAbstractSocket::IPv6Protocol:
        return classify6(address.toIPv6Address());
    default:
        return Kind::Reserved; // not an address at all
    }
}

QString name(Kind kind)
{
    switch (kind) {
    case Kind::Public:
        return QStringLiteral("public");
    case Kind::Loopback:
        return QStringLiteral("loopback");
    case Kind::Private:
        return QStringLiteral("private");
    case Kind::CarrierNat:
        return QStringLiteral("carrier-grade NAT");
    case Kind::LinkLocal:
        return QStringLiteral("link-local");
    case Kind::Unspecified:
        return QStringLiteral("unspecified");
    case Kind::Multicast:
        return QStringLiteral("multicast");
    case Kind::Broadcast:
        return QStringLiteral("broadcast");
    case Kind::Reserved:
        return QStringLiteral("reserved");
    }
    return {};
}

bool allowed(Kind kind, bool developmentEndpoints)
{
    switch (kind) {
    case Kind::Public:
        return true;
    case Kind::Loopback:
    case Kind::Private:
    case Kind::CarrierNat:
        return developmentEndpoints;
    default:
        return false;
    }
}

QString refusal(const QHostAddress &address, bool developmentEndpoints)
{
    const Kind kind = classify(address);
    if (allowed(kind, developmentEndpoints))
        return {};
    const QString kindName = name(kind);
    const bool vowel = QStringLiteral("aeiou").contains(kindName.front());
    return QStringLiteral("%1 is %2 %3 address%4")
        .arg(address.toString(), vowel ? QStringLiteral("an") : QStringLiteral("a"), kindName,
             allowed(kind, true) ? QStringLiteral(" (allowed only with network.development_endpoints on)") : QString());
}

} // namespace paydesk::OutboundAddress
