#include "core/channel/statement/UnionPayZmLayout.h"

namespace paydesk {

namespace {
using L = UnionPayZmLayout;

constexpr int kLengths[L::FieldCount] = {3,  11, 11, 6,  10, 19, 12, 4,  2,  21, 2,  32, 2,  6,
                                         10, 13, 13, 4,  15, 2,  2,  6,  2,  4,  32, 1,  21, 15,
                                         1,  15, 32, 13, 13, 8,  32, 13, 13, 12, 2,  1,  32, 98};
const char *const kNames[L::FieldCount] = {
    "交易代码",         "代理机构标识码",
    "发送机构标识码",   "系统跟踪号",
    "交易传输时间",     "账号",
    "交易金额",         "商户类别",
    "终端类型",         "查询流水号",
    "支付方式（旧）",   "商户订单号",
    "支付卡类型",       "原始交易系统跟踪号",
    "原始交易日期时间", "商户手续费",
    "结算金额",         "支付方式",
    "集团商户代码",     "交易类型",
    "交易子类",         "业务类型",
    "账号类型",         "账单类型",
    "账单号码",         "交互方式",
    "原交易查询流水号", "商户代码",
    "分账入账方式",     "二级商户代码",
    "二级商户简称",     "二级商户分账入账金额",
    "清算净额",         "终端号",
    "商户自定义域",     "优惠金额",
    "发票金额",         "分期付款附加手续费",
    "分期付款期数",     "交易介质",
    "保留使用",         "保留使用",
};

struct Offsets
{
    int offsets[L::FieldCount] = {};
    int total = 0;
    constexpr Offsets()
    {
        int at = 0;
        for (int i = 0; i < L::FieldCount; ++i) {
            offsets[i] = at;
            at += kLengths[i] + 1;
        }
        total = at - 1;
    }
};
constexpr Offsets kOffsets;
} // namespace

int UnionPayZmLayout::length(Field field)
{
    return kLengths[field];
}

int UnionPayZmLayout::offset(Field field)
{
    return kOffsets.offsets[field];
}

QByteArrayView UnionPayZmLayout::name(Field field)
{
    return QByteArrayView(kNames[field]);
}

int UnionPayZmLayout::lineLength()
{
    return kOffsets.total;
}

std::optional<StatementLineType> UnionPayZmLayout::typeOfCode(QByteArrayView code)
{
    if (code == "S22")
        return StatementLineType::Payment;
    if (code == "S30" || code == "S31")
        return StatementLineType::Refund;
    return std::nullopt;
}

bool UnionPayZmLayout::isSignedAmount(Field field)
{
    switch (field) {
    case MerchantFee:
    case SettlementAmount:
    case SubMerchantAmount:
    case NetSettlement:
    case DiscountAmount:
    case InvoiceAmount:
        return true;
    default:
        return false;
    }
}

} // namespace paydesk
