#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Money.h"

#include <QDate>
#include <QList>

namespace paydesk {

// A payment looking for a channel account.
struct RouteRequest
{
    qint64 merchantId = 0;
    PayMethod method = PayMethod::WeChatNative;
    Money amount;
    QDate businessDate;               // whose usage counts against the daily limits
    QList<qint64> excludedAccountIds; // accounts that already failed this payment (fallback)
};

} // namespace paydesk
