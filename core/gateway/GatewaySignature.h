#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace paydesk {

// How an application signs a gateway request (docs/gateway-api.md). The signed content is
//   METHOD \n PATH \n TIMESTAMP \n NONCE \n BODY \n
// (WeChat Pay v3's layout): the method in capitals, the path as sent without the query, the
// Unix time in seconds and the nonce exactly as in their headers, the body's bytes. It is
// signed with SHA256withRSA by the application's private key (sign type RSA2) or with
// HMAC-SHA256 under the secret the platform issued (HMAC-SHA256); the signature goes Base64
// encoded into Paydesk-Signature.
namespace GatewaySignature {

inline constexpr char kAppIdHeader[] = "paydesk-app-id";
inline constexpr char kTimestampHeader[] = "paydesk-timestamp";
inline constexpr char kNonceHeader[] = "paydesk-nonce";
inline constexpr char kSignTypeHeader[] = "paydesk-sign-type";
inline constexpr char kSignatureHeader[] = "paydesk-signature";

// A request is accepted while its timestamp is within this many seconds of the server's clock,
// and its nonce is remembered for at least as long (then the timestamp alone refuses a replay).
inline constexpr int kWindowSeconds = 300;

QByteArray content(const QByteArray &method, const QByteArray &path, const QByteArray &timestamp,
                   const QByteArray &nonce, const QByteArray &body);

// Notifications to applications are signed by the platform the same way (RSA2, the platform's
// key, published at GET /api/v1/platform-key) over
//   TIMESTAMP \n NONCE \n BODY \n
QByteArray notificationContent(const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body);

// 32 hex digits from the system's random source.
QByteArray newNonce();

// The Paydesk-* headers of a request an application signs now with HMAC-SHA256 under `key`
// (the decoded secret): what the demo's traffic and load generators send.
QList<std::pair<QByteArray, QByteArray>> hmacHeaders(const QString &appId, const QByteArray &key,
                                                     const QByteArray &method, const QByteArray &path,
                                                     const QByteArray &body);

} // namespace GatewaySignature
} // namespace paydesk
