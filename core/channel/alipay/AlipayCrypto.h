#pragma once

#include "core/security/PrivateKey.h"
#include "core/util/Result.h"

#include <QMap>

namespace paydesk::Alipay {

// Alipay OpenAPI RSA2 signing and verification (CHANNELS.md, "Alipay OpenAPI (RSA2)").

using Params = QMap<QString, QString>;

// Requests: every parameter except those in `exclude`, empty values dropped, keys in ascending
// order, "k=v" joined by '&', values raw (not URL-encoded).
QByteArray signContent(const Params &params, const QStringList &exclude = {QStringLiteral("sign")});
// Notifications: the same, but empty values are kept ("body=" is signed as such): the official
// SDKs sign a request without its empty parameters and verify a notification over every field
// it carries (alipay-sdk-java's getSignCheckContentV1/V2, alipay-sdk-nodejs's checkNotifySign).
QByteArray notifySignContent(const Params &fields, const QStringList &exclude);
Result<QString> sign(const Params &params, const PrivateKey &key);

// The exact text of the "<responseKey>" value in a gateway response body, from its '{' to the
// matching '}' (braces inside strings and escapes are skipped, whitespace kept): what Alipay signed.
Result<QByteArray> responseSignedContent(const QByteArray &body, const QByteArray &responseKey);
// The top-level "sign" value of a response body.
Result<QByteArray> responseSign(const QByteArray &body);
// Verifies a gateway response for `method` (e.g. "alipay.trade.query"); an error_response is
// verified the same way. Returns the signed JSON object text.
Result<QByteArray> verifyResponse(const QByteArray &body, const QString &method, const PublicKey &alipayKey);
// "alipay.trade.query" → "alipay_trade_query_response"
QByteArray responseKey(const QString &method);

// Asynchronous notifications: verified over the sorted fields (empty ones included) without sign
// and sign_type; if that fails, with sign_type kept (both rules are in use). fund_bill_list
// stays raw JSON text.
bool verifyNotify(const Params &fields, const PublicKey &alipayKey);

} // namespace paydesk::Alipay
