#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Money.h"
#include "core/money/Rate.h"

#include <QDate>

namespace paydesk {

// What one payment costs on a date: the merchant's fee and the channel's cost, each amount ×
// rate rounded half-up to the fen (as the channels round), and what the platform keeps.
struct FeeQuote
{
    qint64 merchantId = 0;
    qint64 channelAccountId = 0;
    PayMethod method = PayMethod::WeChatNative;
    QDate businessDate;
    Money amount;
    Rate merchantRate;
    Money merchantFee;
    Rate channelRate;
    Money channelCost;
    Money margin; // merchantFee − channelCost; negative when the account costs more than it earns
    qint64 merchantRateId = 0;
    qint64 channelRateId = 0;
};

} // namespace paydesk
