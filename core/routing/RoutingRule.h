#pragma once

#include "core/channel/ChannelTypes.h"

#include <QDateTime>
#include <QString>

namespace paydesk {

// For one merchant and payment method: a channel account that may take the payment, in which
// order (priority 1 first) and in what proportion among rules of the same priority (weight).
struct RoutingRule
{
    qint64 id = 0;
    qint64 merchantId = 0;
    PayMethod method = PayMethod::WeChatNative;
    qint64 channelAccountId = 0;
    int priority = 1; // 1 = tried first
    int weight = 1;   // 1–10000, relative to the other rules of the same priority
    bool enabled = true;
    QString accountName; // filled when read, for lists
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;

    static constexpr int kMaxWeight = 10000;
    static constexpr int kMaxPriority = 1000;
};

} // namespace paydesk
