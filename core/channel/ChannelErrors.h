#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/util/Error.h"

namespace paydesk {

// A channel's own error answer as a Paydesk error: the code tells a program what kind of
// refusal it is, the detail is always "<channel code>: <channel message>".
//   ChannelNotFound       no such order or refund (WeChat ORDER_NOT_EXIST, Alipay ACQ.TRADE_NOT_EXIST, UnionPay 34/35)
//   ChannelStateConflict  the order's state forbids it (already paid or closed, duplicate number)
//   ChannelAuthRejected   our signature, certificate or app id was refused
//   ChannelUnavailable    the channel is busy or failed: retry later with the same identifiers
//   ChannelRejected       any other refusal (bad parameters, limits, …)
namespace ChannelErrors {

Error fromChannel(ChannelKind channel, const QString &code, const QString &message);

} // namespace ChannelErrors
} // namespace paydesk
