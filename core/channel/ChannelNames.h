#pragma once

#include "core/channel/ChannelTypes.h"

#include <QList>
#include <QString>

namespace paydesk {

// Stable names for channels and payment methods, as stored in the database, written in CSV
// files and JSON, and typed on the command line.
namespace ChannelNames {

QString channel(ChannelKind kind); // "wechatpay", "alipay", "unionpay"
bool channelFromName(const QString &name, ChannelKind *kind);
QList<ChannelKind> allChannels();
// A refund's state as the channel reported it: "processing", "succeeded", "failed", "not_found",
// "abnormal" (stored as the refund's channel answer).
QString refundState(RefundState state);
bool refundStateFromName(const QString &name, RefundState *state);

QString method(PayMethod method); // "wechat.native", "wechat.jsapi", "alipay.precreate", "unionpay.front"
bool methodFromName(const QString &name, PayMethod *method);
QList<PayMethod> allMethods();
ChannelKind channelOf(PayMethod method);

} // namespace ChannelNames
} // namespace paydesk
