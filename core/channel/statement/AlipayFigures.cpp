#include "core/channel/statement/AlipayFigures.h"

#include "core/money/Money.h"

namespace paydesk {

bool AlipayFigures::netReceived(qint64 *net) const
{
    return !addOverflows(receivedAmount, serviceFee, net) && !addOverflows(*net, profitShare, net);
}

bool AlipayFigures::add(const AlipayFigures &other)
{
    return !addOverflows(tradeCount, other.tradeCount, &tradeCount) &&
           !addOverflows(refundCount, other.refundCount, &refundCount) &&
           !addOverflows(orderAmount, other.orderAmount, &orderAmount) &&
           !addOverflows(receivedAmount, other.receivedAmount, &receivedAmount) &&
           !addOverflows(alipayDiscount, other.alipayDiscount, &alipayDiscount) &&
           !addOverflows(merchantDiscount, other.merchantDiscount, &merchantDiscount) &&
           !addOverflows(cardAmount, other.cardAmount, &cardAmount) &&
           !addOverflows(serviceFee, other.serviceFee, &serviceFee) &&
           !addOverflows(profitShare, other.profitShare, &profitShare);
}

} // namespace paydesk
