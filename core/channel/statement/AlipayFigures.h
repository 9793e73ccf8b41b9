#pragma once

#include <QtGlobal>

namespace paydesk {

// The figures the Alipay summary file prints per store (and for 合计), as the detail lines
// add up to them: counts of 交易 and 退款 rows and signed sums in fen (refunds negative).
struct AlipayFigures
{
    qint64 tradeCount = 0;
    qint64 refundCount = 0;
    qint64 orderAmount = 0;      // 订单金额
    qint64 receivedAmount = 0;   // 商家实收
    qint64 alipayDiscount = 0;   // 支付宝优惠
    qint64 merchantDiscount = 0; // 商家优惠
    qint64 cardAmount = 0;       // 卡消费金额
    qint64 serviceFee = 0;       // 服务费
    qint64 profitShare = 0;      // 分润

    // 实收净额: what the merchant keeps. False on overflow.
    bool netReceived(qint64 *net) const;
    // Adds another store's figures; false on overflow.
    bool add(const AlipayFigures &other);

    friend bool operator==(const AlipayFigures &a, const AlipayFigures &b)
    {
        return a.tradeCount == b.tradeCount && a.refundCount == b.refundCount && a.orderAmount == b.orderAmount &&
               a.receivedAmount == b.receivedAmount && a.alipayDiscount == b.alipayDiscount &&
               a.merchantDiscount == b.merchantDiscount && a.cardAmount == b.cardAmount &&
               a.serviceFee == b.serviceFee && a.profitShare == b.profitShare;
    }
    friend bool operator!=(const AlipayFigures &a, const AlipayFigures &b) { return !(a == b); }
};

} // namespace paydesk
