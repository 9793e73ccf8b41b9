#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/channel/account/ConnectionTestResult.h"
#include "core/channel/account/CredentialChange.h"
#include "core/money/Rate.h"
#include "core/routing/RouteDecision.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace paydesk::ChannelText {

// Translated names for the channel, fee and routing panels ("WeChat Pay", "微信支付"). The
// core's stable names (ChannelNames) stay for files and the cli; people read these.
QString channel(ChannelKind kind);
QString mode(ChannelAccountMode mode);
QString method(PayMethod method);
QString outcome(RouteOutcome outcome);

// The label of the channel's merchant id field: mchid, app_id or merId, with the channel's own word.
QString merchantIdLabel(ChannelKind kind);
// What a credential item is, by its vault name ("merchant_key" → "Merchant API private key …").
QString credentialItem(const QString &name);

// What kind of secret an item is ("PEM private key", "Password"), for the credentials list.
QString credentialKind(CredentialItem::Kind kind);

// A rate as a percentage with at least two decimals ("0.60 %", "0.375 %"), and in parts per
// million ("6,000 ppm"): both are shown wherever a rate is, so nobody has to convert by hand.
QString rate(Rate rate);
QString ppm(Rate rate);
QString rateAndPpm(Rate rate); // "0.60 % (6,000 ppm)"

// A template's rates in one line: "WeChat Pay QR code 0.38 %, Alipay QR code 0.38 %".
QString rates(const QMap<PayMethod, Rate> &rates);

// A limit of an account: the amount with its currency, or "No limit" for zero.
QString limit(const Money &limit);

// A connection test in one line: "Connection OK in 42 ms: …" or "Connection failed after 42 ms: …".
QString connectionTest(const ConnectionTestResult &result);

// The last connection test of an account in words: "OK: …", "Failed: …", "Never tested".
QString lastTest(const ChannelAccount &account);

// A credential fingerprint (CredentialFingerprints) in one line: "certificate SHA-256 1a2b…,
// serial 5E7F", "key SHA-256 …", "secret (HMAC) …", an identifier as it is, or "none".
QString fingerprint(const QJsonValue &fingerprint);
// "apiv3_key: secret (HMAC) 1a2b… → secret (HMAC) 9f8e…" for each item of a change.
QStringList fingerprintChanges(const QStringList &items, const QJsonObject &fingerprints);
// What became of a credential change ("Waiting for approval", "Approved", …).
QString credentialChangeStatus(CredentialChange::Status status);

} // namespace paydesk::ChannelText
