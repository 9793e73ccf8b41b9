#include "core/gateway/GatewaySignature.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace paydesk::GatewaySignature {

QByteArray content(const QByteArray &method, const QByteArray &path, const QByteArray &timestamp,
                   const QByteArray &nonce, const QByteArray &body)
{
    return method.toUpper() + '\n' + path + '\n' + timestamp + '\n' + nonce + '\n' + body + '\n';
}

QByteArray notificationContent(const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body)
{
    return timestamp + '\n' + nonce + '\n' + body + '\n';
}

QByteArray newNonce()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return bytes.toHex();
}

QList<std::pair<QByteArray, QByteArray>> hmacHeaders(const QString &appId, const QByteArray &key,
                                                     const QByteArray &method, const QByteArray &path,
                                                     const QByteArray &body)
{
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce = newNonce();
    const QByteArray signature =
        QMessageAuthenticationCode::hash(content(method, path, timestamp, nonce, body), key, QCryptographicHash::Sha256)
            .toBase64();
    return {{"Paydesk-App-Id", appId.toLatin1()},
            {"Paydesk-Timestamp", timestamp},
            {"Paydesk-Nonce", nonce},
            {"Paydesk-Sign-Type", "HMAC-SHA256"},
            {"Paydesk-Signature", signature}};
}

} // namespace paydesk::GatewaySignature
