#pragma once

#include "core/util/Result.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace paydesk {

// The addresses an application may call the gateway from: IPv4/IPv6 addresses and CIDR ranges
// ("203.0.113.7", "10.8.0.0/16", "2001:db8::/32"). Empty allows any address.
class IpAllowlist
{
public:
    IpAllowlist() = default;
    // Blank entries are skipped and duplicates dropped. A range with host bits set
    // ("10.1.2.3/8") is refused as a likely typo. ApplicationFieldInvalid names the bad entry.
    static Result<IpAllowlist> parse(const QStringList &entries);
    // Comma, space or line separated text, as a form field holds it.
    static Result<IpAllowlist> parse(const QString &text);

    bool isEmpty() const { return m_ranges.isEmpty(); }
    // Canonical text of each entry: "10.8.0.0/16", "203.0.113.7", "2001:db8::/32".
    QStringList entries() const;
    // An IPv4-mapped IPv6 peer (::ffff:203.0.113.7, as dual-stack sockets report) counts as IPv4.
    bool allows(const QHostAddress &address) const;

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};

} // namespace paydesk
