#pragma once

#include "core/channel/statement/StatementLine.h"

#include <QByteArrayView>
#include <QList>

namespace paydesk {

// The columns of the WeChat Pay v3 trade bills (bill_type ALL, SUCCESS, REFUND) and of their
// totals trailer, by their UTF-8 names. Readers find columns by name, so the order of a real
// file may differ from the order here (which is the order the writers print).
class WeChatBillLayout
{
public:
    enum Column
    {
        TradeTime,            // 交易时间
        AppId,                // 公众账号ID
        MchId,                // 商户号
        SubMchId,             // 特约商户号
        DeviceInfo,           // 设备号
        TransactionId,        // 微信订单号
        OutTradeNo,           // 商户订单号
        OpenId,               // 用户标识
        TradeType,            // 交易类型
        TradeState,           // 交易状态
        BankType,             // 付款银行
        CurrencyType,         // 货币种类
        SettlementAmount,     // 应结订单金额
        CouponAmount,         // 代金券金额
        RefundApplyTime,      // 退款申请时间 (REFUND bills)
        RefundSuccessTime,    // 退款成功时间 (REFUND bills)
        RefundId,             // 微信退款单号
        OutRefundNo,          // 商户退款单号
        RefundAmount,         // 退款金额
        RechargeCouponRefund, // 充值券退款金额
        RefundType,           // 退款类型
        RefundStatus,         // 退款状态
        Body,                 // 商品名称
        Attach,               // 商户数据包
        Fee,                  // 手续费
        FeeRate,              // 费率
        OrderAmount,          // 订单金额
        RefundRequestAmount,  // 申请退款金额
        FeeRateRemark,        // 费率备注
        ColumnCount
    };
    enum Total
    {
        TotalCount,                // 总交易单数
        TotalSettlementAmount,     // 应结订单总金额
        TotalRefundAmount,         // 退款总金额
        TotalRechargeCouponRefund, // 充值券退款总金额
        TotalFee,                  // 手续费总金额
        TotalOrderAmount,          // 订单总金额
        TotalRefundRequestAmount,  // 申请退款总金额
        TotalColumnCount
    };

    static QByteArrayView columnName(Column column);
    static QByteArrayView totalName(Total total);
    // Column ≥ 0 for a known name, else -1.
    static int columnForName(QByteArrayView name);
    static int totalForName(QByteArrayView name);

    // The columns of a layout in print order: ALL 27, SUCCESS 20, REFUND 29.
    static const QList<Column> &columns(StatementFormat layout);
    // The layout whose column count this is (Unknown for any other count).
    static StatementFormat layoutForColumnCount(qsizetype count);
    static bool hasColumn(StatementFormat layout, Column column);

    static constexpr QByteArrayView kBom{"\xEF\xBB\xBF", 3};
};

} // namespace paydesk
