#include "tests/payment/support/GatewayClient.h"

#include "core/gateway/GatewaySignature.h"
#include "core/security/Crypto.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace paydesk::test {

namespace {
GatewayClient::Reply wait(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    GatewayClient::Reply answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    reply->deleteLater();
    return answer;
}
} // namespace

QByteArray GatewayClient::newNonce()
{
    return GatewaySignature::newNonce();
}

GatewayClient::Reply GatewayClient::post(const QString &path, const QJsonObject &body, const Tamper &tamper) const
{
    return postRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), tamper);
}

GatewayClient::Reply GatewayClient::postRaw(const QString &path, const QByteArray &json, const Tamper &tamper) const
{
    const QByteArray timestamp =
        tamper.timestamp.isEmpty() ? QByteArray::number(QDateTime::currentSecsSinceEpoch()) : tamper.timestamp;
    const QByteArray nonce = tamper.nonce.isEmpty() ? newNonce() : tamper.nonce;
    const QByteArray content = GatewaySignature::content("POST", path.toLatin1(), timestamp, nonce, json);
    QByteArray signature = tamper.signature;
    if (signature.isEmpty()) {
        signature = type == SignType::HmacSha256
                        ? QMessageAuthenticationCode::hash(content, hmacKey, QCryptographicHash::Sha256).toBase64()
                        : rsaKey.signSha256(content).value_or(QByteArray()).toBase64();
    }
    QNetworkRequest request(base.resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Paydesk-App-Id", appId.toLatin1());
    request.setRawHeader("Paydesk-Timestamp", timestamp);
    request.setRawHeader("Paydesk-Nonce", nonce);
    request.setRawHeader("Paydesk-Sign-Type", type == SignType::HmacSha256 ? "HMAC-SHA256" : "RSA2");
    request.setRawHeader("Paydesk-Signature", signature);
    QNetworkAccessManager network;
    return wait(network.post(request, tamper.bodyAfterSigning.isEmpty() ? json : tamper.bodyAfterSigning));
}

GatewayClient::Reply GatewayClient::get(const QUrl &url)
{
    QNetworkAccessManager network;
    return wait(network.get(QNetworkRequest(url)));
}

} // namespace paydesk::test
