#include "core/util/AddressGroup.h"

#include <algorithm>

namespace paydesk {

QString addressGroupOf(const QHostAddress &address)
{
    if (address.isNull())
        return QStringLiteral("unknown");
    bool isIPv4 = false;
    const quint32 v4 = address.toIPv4Address(&isIPv4);
    if (isIPv4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(bytes.c + 8, bytes.c + 16, quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

} // namespace paydesk
