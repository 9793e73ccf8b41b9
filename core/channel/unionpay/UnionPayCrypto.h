#pragma once

#include "core/security/Certificate.h"
#include "core/util/Result.h"

#include <QMap>

namespace paydesk::UnionPay {

// UnionPay online gateway, ACP 5.1.0 with signMethod 01 (CHANNELS.md, "UnionPay").

using Fields = QMap<QString, QString>;

// All fields except signature, empty values dropped, sorted, "k=v" joined by '&'.
QByteArray signContent(const Fields &fields);
// Base64(SHA256withRSA over the ASCII lower-case hex SHA-256 of the sign content).
Result<QString> sign(const Fields &fields, const PrivateKey &key);
// Verifies a response or notification with the key of its signPubKeyCert (which is itself part
// of the signed content). The certificate's chain is checked separately: verifyCertificate().
Status verifySignature(const Fields &fields);
// Verifies a merchant's request with the key of the certificate its certId names (the
// gateway's side; the sandbox uses it).
Status verifySignatureWith(const Fields &fields, const PublicKey &key);
// signPubKeyCert must chain to one of `roots` (through `intermediates`), be valid at `at`, and
// name UnionPay itself: the third '@'-separated field of its CN ("041@8310000000083040@
// 中国银联股份有限公司@00016495") must be `signer` — "中国银联股份有限公司" in production,
// "00040000:SIGN" in UnionPay's test environment. The chain alone is not enough: merchants'
// certificates come from the same CFCA intermediates.
Status verifyCertificate(const Fields &fields, const QList<Certificate> &roots, const QList<Certificate> &intermediates,
                         const QDateTime &at, const QString &signer);

// Responses are "k=v&k=v…"; a value may hold "{…}" containing '&' and '='. Values are
// URL-decoded when `urlEncoded` (notifications are form posts; synchronous answers are not).
Result<Fields> parse(const QByteArray &body, bool urlEncoded = false);
// Form body of a request: every non-empty field, URL-encoded.
QByteArray formBody(const Fields &fields);

} // namespace paydesk::UnionPay
