#pragma once

#include "core/merchant/Application.h"
#include "core/security/PrivateKey.h"

#include <QJsonObject>
#include <QUrl>

namespace paydesk::test {

// An application calling the gateway over HTTP, as a business system would: signs each request
// (HMAC-SHA256 or RSA2, GatewaySignature) and waits for the answer. Usable from any QThread.
struct GatewayClient
{
    QUrl base;
    QString appId;
    SignType type = SignType::HmacSha256;
    QByteArray hmacKey; // the decoded secret
    PrivateKey rsaKey;

    struct Reply
    {
        int status = 0; // 0: no answer
        QByteArray body;
        QJsonObject json;
        QString code() const { return json.value(QStringLiteral("code")).toString(); }
        QJsonObject data() const { return json.value(QStringLiteral("data")).toObject(); }
    };
    // What to send instead of the honest values (empty: honest).
    struct Tamper
    {
        QByteArray timestamp;
        QByteArray nonce;
        QByteArray signature;
        QByteArray bodyAfterSigning;
    };

    Reply post(const QString &path, const QJsonObject &body, const Tamper &tamper = {}) const;
    // The body as given, signed (for bodies QJsonObject cannot hold, such as a key twice).
    Reply postRaw(const QString &path, const QByteArray &json, const Tamper &tamper = {}) const;
    static Reply get(const QUrl &url);
    static QByteArray newNonce();
};

} // namespace paydesk::test
