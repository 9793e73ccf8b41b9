#include "core/merchant/IpAllowlist.h"

#include <QRegularExpression>

namespace paydesk {

namespace {
Error invalid(const QString &entry, const QString &why)
{
    return Error(ErrorCode::ApplicationFieldInvalid, QStringLiteral("ip_allowlist: '%1' %2").arg(entry, why));
}

// Dotted quad only: QHostAddress would also take "10.1" or "0x0a.0.0.1".
bool parseAddress(const QString &text, QHostAddress *address)
{
    static const QRegularExpression ipv4(QStringLiteral("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$"));
    if (text.contains(QLatin1Char(':'))) {
        if (text.contains(QLatin1Char('%')))
            return false; // scoped addresses belong to one machine's interfaces
        return address->setAddress(text) && address->protocol() == QAbstractSocket::IPv6Protocol;
    }
    if (!ipv4.match(text).hasMatch())
        return false;
    for (const QString &part : text.split(QLatin1Char('.'))) {
        if (part.toInt() > 255)
            return false;
    }
    return address->setAddress(text) && address->protocol() == QAbstractSocket::IPv4Protocol;
}

QHostAddress networkOf(const QHostAddress &address, int prefix)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
        return QHostAddress(address.toIPv4Address() & mask);
    }
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 16; ++i) {
        const int keep = qBound(0, prefix - i * 8, 8);
        bytes[i] = quint8(bytes[i] & quint8(0xff00 >> keep));
    }
    return QHostAddress(bytes);
}
} // namespace

Result<IpAllowlist> IpAllowlist::parse(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return parse(text.split(separators, Qt::SkipEmptyParts));
}

Result<IpAllowlist> IpAllowlist::parse(const QStringList &entries)
{
    IpAllowlist list;
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        const QString addressText = entry.section(QLatin1Char('/'), 0, 0);
        QHostAddress address;
        if (!parseAddress(addressText, &address))
            return invalid(entry, QStringLiteral("is not an IPv4 or IPv6 address or CIDR range"));
        const int bits = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        int prefix = bits;
        if (entry.contains(QLatin1Char('/'))) {
            static const QRegularExpression number(QStringLiteral("^(0|[1-9][0-9]{0,2})$"));
            const QString prefixText = entry.section(QLatin1Char('/'), 1);
            if (!number.match(prefixText).hasMatch() || prefixText.toInt() > bits)
                return invalid(entry, QStringLiteral("has no prefix length between 0 and %1").arg(bits));
            prefix = prefixText.toInt();
            const QHostAddress network = networkOf(address, prefix);
            if (network != address)
                return invalid(
                    entry, QStringLiteral("has host bits set; the range is %1/%2").arg(network.toString()).arg(prefix));
        }
        const QPair<QHostAddress, int> range(address, prefix);
        if (!list.m_ranges.contains(range))
            list.m_ranges.append(range);
    }
    return list;
}

QStringList IpAllowlist::entries() const
{
    QStringList texts;
    for (const auto &[address, prefix] : m_ranges) {
        const int bits = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        texts << (prefix == bits ? address.toString() : QStringLiteral("%1/%2").arg(address.toString()).arg(prefix));
    }
    return texts;
}

bool IpAllowlist::allows(const QHostAddress &peer) const
{
    if (m_ranges.isEmpty())
        return true;
    QHostAddress address = peer;
    bool mapped = false;
    const quint32 ipv4 = peer.toIPv4Address(&mapped);
    if (mapped)
        address = QHostAddress(ipv4);
    address.setScopeId(QString());
    for (const auto &[network, prefix] : m_ranges) {
        if (address.isInSubnet(network, prefix))
            return true;
    }
    return false;
}

} // namespace paydesk
