#pragma once

#include "core/channel/statement/StatementLine.h"
#include "core/channel/statement/WeChatBillLayout.h"
#include "sandbox/statement/StatementOutput.h"

#include <QList>

class QIODevice;

namespace paydesk {

// Writes a WeChat Pay v3 trade bill (ALL, SUCCESS or REFUND) as WeChat serves it: UTF-8 with
// BOM, CRLF, every field behind a backtick, and the totals trailer in Java's double notation
// ("45.0", "0.47", "0.0"). Streams: begin(), write() per line, finish().
//
// Columns a StatementLine lacks get constants: 设备号, 用户标识, 商户数据包, 费率备注 empty;
// 特约商户号 "0" (商户号 = merchantId); 付款银行 OTHERS; 货币种类 CNY; 代金券金额 and
// 充值券退款金额 0.00; 商品名称 "Paydesk"; 费率 0.60%; 交易类型 NATIVE when the line has none.
// Payments: 应结订单金额 = 订单金额 = amount, refund columns 0 / 0.00 as in the real sample.
// Refunds: 应结订单金额 = 订单金额 = 0.00, 退款金额 = 申请退款金额 = amount, 退款类型 ORIGINAL,
// 退款状态 SUCCESS, 手续费 = −fee (the fee given back). REFUND bills: 退款申请时间 = 交易时间 =
// tradeTime, 退款成功时间 = completeTime (tradeTime when it has none).
class WeChatBillWriter
{
public:
    WeChatBillWriter(QIODevice &out, StatementFormat layout);

    Status begin();
    // Refuses a line the layout cannot hold (a refund in a SUCCESS bill, a payment in a REFUND
    // bill) or that would break the format (a backtick or line break in a field).
    Status write(const StatementLine &line);
    Status finish();

    static Status writeAll(QIODevice &out, StatementFormat layout, const QList<StatementLine> &lines);

private:
    void appendField(QByteArray &out, WeChatBillLayout::Column column, const StatementLine &line);

    StatementOutput m_out;
    StatementFormat m_layout;
    const QList<WeChatBillLayout::Column> &m_columns;
    qint64 m_rows = 0;
    qint64 m_sums[WeChatBillLayout::TotalColumnCount] = {};
};

} // namespace paydesk
