#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/util/Result.h"

namespace paydesk {

// The field rules of a channel account, checked before anything is stored. Each failure is
// ChannelAccountInvalid naming the field and the rule, so the console can point at the field.
// What needs the database (the owner merchant, duplicates) is checked by the service.
namespace ChannelAccountValidator {

// [A-Za-z0-9][A-Za-z0-9_.-]{0,63}: the name is also the ledger id channel_receivable:<name>.
bool isValidName(const QString &name);

Status validate(const ChannelAccount &account, const QDateTime &now);

// Extra CA certificates: empty, or PEM certificates only (no keys, nothing else), each valid at `now`.
Status validateCaCertificates(const QByteArray &pem, const QDateTime &now);

} // namespace ChannelAccountValidator
} // namespace paydesk
