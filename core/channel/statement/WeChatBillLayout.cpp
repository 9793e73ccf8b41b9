#include "core/channel/statement/WeChatBillLayout.h"

namespace paydesk {

namespace {
// UTF-8, as the bill prints them.
const char *const kColumnNames[WeChatBillLayout::ColumnCount] = {
    "交易时间",     "公众账号ID",     "商户号",       "特约商户号",   "设备号",       "微信订单号",
    "商户订单号",   "用户标识",       "交易类型",     "交易状态",     "付款银行",     "货币种类",
    "应结订单金额", "代金券金额",     "退款申请时间", "退款成功时间", "微信退款单号", "商户退款单号",
    "退款金额",     "充值券退款金额", "退款类型",     "退款状态",     "商品名称",     "商户数据包",
    "手续费",       "费率",           "订单金额",     "申请退款金额", "费率备注",
};
const char *const kTotalNames[WeChatBillLayout::TotalColumnCount] = {
    "总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额",
};

using L = WeChatBillLayout;
// ALL: the order of vectors/bill.ALL.csv (a real bill).
const QList<L::Column> kAll = {
    L::TradeTime,
    L::AppId,
    L::MchId,
    L::SubMchId,
    L::DeviceInfo,
    L::TransactionId,
    L::OutTradeNo,
    L::OpenId,
    L::TradeType,
    L::TradeState,
    L::BankType,
    L::CurrencyType,
    L::SettlementAmount,
    L::CouponAmount,
    L::RefundId,
    L::OutRefundNo,
    L::RefundAmount,
    L::RechargeCouponRefund,
    L::RefundType,
    L::RefundStatus,
    L::Body,
    L::Attach,
    L::Fee,
    L::FeeRate,
    L::OrderAmount,
    L::RefundRequestAmount,
    L::FeeRateRemark,
};
// SUCCESS: ALL without the six refund columns (inferred from the v2 documentation's order).
const QList<L::Column> kSuccess = {
    L::TradeTime, L::AppId,     L::MchId,      L::SubMchId, L::DeviceInfo,   L::TransactionId,    L::OutTradeNo,
    L::OpenId,    L::TradeType, L::TradeState, L::BankType, L::CurrencyType, L::SettlementAmount, L::CouponAmount,
    L::Body,      L::Attach,    L::Fee,        L::FeeRate,  L::OrderAmount,  L::FeeRateRemark,
};
// REFUND: ALL plus the refund's application and success times before the refund numbers.
const QList<L::Column> kRefund = {
    L::TradeTime,
    L::AppId,
    L::MchId,
    L::SubMchId,
    L::DeviceInfo,
    L::TransactionId,
    L::OutTradeNo,
    L::OpenId,
    L::TradeType,
    L::TradeState,
    L::BankType,
    L::CurrencyType,
    L::SettlementAmount,
    L::CouponAmount,
    L::RefundApplyTime,
    L::RefundSuccessTime,
    L::RefundId,
    L::OutRefundNo,
    L::RefundAmount,
    L::RechargeCouponRefund,
    L::RefundType,
    L::RefundStatus,
    L::Body,
    L::Attach,
    L::Fee,
    L::FeeRate,
    L::OrderAmount,
    L::RefundRequestAmount,
    L::FeeRateRemark,
};
} // namespace

QByteArrayView WeChatBillLayout::columnName(Column column)
{
    return QByteArrayView(kColumnNames[column]);
}

QByteArrayView WeChatBillLayout::totalName(Total total)
{
    return QByteArrayView(kTotalNames[total]);
}

int WeChatBillLayout::columnForName(QByteArrayView name)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (name == QByteArrayView(kColumnNames[column]))
            return column;
    }
    return -1;
}

int WeChatBillLayout::totalForName(QByteArrayView name)
{
    for (int total = 0; total < TotalColumnCount; ++total) {
        if (name == QByteArrayView(kTotalNames[total]))
            return total;
    }
    return -1;
}

const QList<WeChatBillLayout::Column> &WeChatBillLayout::columns(StatementFormat layout)
{
    switch (layout) {
    case StatementFormat::WeChatSuccess:
        return kSuccess;
    case StatementFormat::WeChatRefund:
        return kRefund;
    default:
        return kAll;
    }
}

StatementFormat WeChatBillLayout::layoutForColumnCount(qsizetype count)
{
    if (count == kAll.size())
        return StatementFormat::WeChatAll;
    if (count == kSuccess.size())
        return StatementFormat::WeChatSuccess;
    if (count == kRefund.size())
        return StatementFormat::WeChatRefund;
    return StatementFormat::Unknown;
}

bool WeChatBillLayout::hasColumn(StatementFormat layout, Column column)
{
    return columns(layout).contains(column);
}

} // namespace paydesk
