#include "GatewaySignature.h"

namespace paydesk::GatewaySignature {

QByteArray content(const QByteArray &method, const QByteArray &path, const QByteArray &timestamp, const QByteArray &nonce,
                   const QByteArray &body)
{
    return method.toUpper() + '\n' + path + '\n' + timestamp + '\n' + nonce + '\n' + body + '\n';
}

QByteArray notificationContent(const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body)
{
    return timestamp + '\n' + nonce + '\n' + body + '\n';
}

} // namespace paydesk::GatewaySignature
