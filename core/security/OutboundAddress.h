#pragma once

#include <QString>

class QHostAddress;

namespace paydesk {

// Which addresses the platform may connect to on someone else's behalf — a merchant's notify
// URL is an address anyone with an application can choose. Without this, a notify URL turns the
// platform into a client inside its own network (cloud metadata at 169.254.169.254, databases
// and admin ports on loopback or private addresses). IPv4 addresses carried inside IPv6
// (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)
// are judged as the IPv4 address they carry.
namespace OutboundAddress {

enum class Kind
{
    Public,
    Loopback,    // 127.0.0.0/8, ::1
    Private,     // RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique local fc00::/7 and site-local fec0::/10
    CarrierNat,  // shared address space 100.64.0.0/10
    LinkLocal,   // 169.254.0.0/16 (cloud metadata), fe80::/10
    Unspecified, // 0.0.0.0/8, ::
    Multicast,   // 224.0.0.0/4, ff00::/8
    Broadcast,   // 255.255.255.255
    Reserved,    // special-purpose, documentation, benchmarking, 240.0.0.0/4, 100::/64, 2001::/32, 2001:db8::/32
};

Kind classify(const QHostAddress &address);
// "loopback", "private", … for messages.
QString name(Kind kind);
// Public addresses always; loopback, private and carrier NAT ones only while development
// endpoints are on (Settings::DevelopmentEndpoints); link-local, unspecified, multicast,
// broadcast and reserved ones never.
bool allowed(Kind kind, bool developmentEndpoints);
// Empty when `address` may be connected to; otherwise why not, for the record.
QString refusal(const QHostAddress &address, bool developmentEndpoints);

} // namespace OutboundAddress
} // namespace paydesk
