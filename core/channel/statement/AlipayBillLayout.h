#pragma once

#include "core/channel/statement/StatementText.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace paydesk {

// The texts of the Alipay trade bill: the detail file (…_业务明细.csv) and the summary file
// (…_业务明细(汇总).csv), as characters and as bytes in one encoding (the zip holds GBK; bare
// detail files may also be UTF-8).
//
// Summary file layout (Paydesk's design; no public sample was found). Comment lines as in the
// detail, then a 12-column header, one row per 门店编号 found in the detail (in order of first
// appearance, the store id and name with a trailing TAB as in the detail), a 合计 row, and the
// closing comments:
//   #支付宝业务汇总查询
//   #账号：[20880211096256330156]
//   #起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]
//   #-----…业务汇总列表…-----
//   门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,
//       商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）
//   alipay_store<TAB>,alipay_store<TAB>,6,4,0.02,0.02,0.00,0.00,0.00,0.00,0.00,0.02
//   合计,,6,4,0.02,0.02,0.00,0.00,0.00,0.00,0.00,0.02
//   #-----…业务汇总列表结束…-----
//   #导出时间：[2019年09月17日 05:46:49]
// Counts are the 交易 and 退款 rows; amounts are the signed sums of the detail's columns over
// all rows (refunds negative); 实收净额 = 商家实收 + 服务费 + 分润.
class AlipayBillLayout
{
public:
    enum Column
    {
        TradeNo,           // 支付宝交易号
        OutTradeNo,        // 商户订单号
        BusinessType,      // 业务类型: 交易 or 退款
        Subject,           // 商品名称
        CreatedTime,       // 创建时间
        FinishedTime,      // 完成时间
        StoreId,           // 门店编号
        StoreName,         // 门店名称
        OperatorId,        // 操作员
        TerminalId,        // 终端号
        BuyerAccount,      // 对方账户
        OrderAmount,       // 订单金额（元）
        ReceivedAmount,    // 商家实收（元）
        AlipayRedPacket,   // 支付宝红包（元）
        JifenbaoAmount,    // 集分宝（元）
        AlipayDiscount,    // 支付宝优惠（元）
        MerchantDiscount,  // 商家优惠（元）
        VoucherAmount,     // 券核销金额（元）
        VoucherName,       // 券名称
        MerchantRedPacket, // 商家红包消费金额（元）
        CardAmount,        // 卡消费金额（元）
        RefundRequestNo,   // 退款批次号/请求号
        ServiceFee,        // 服务费（元）
        ProfitShare,       // 分润（元）
        Remark,            // 备注
        ColumnCount
    };
    enum SummaryColumn
    {
        SummaryStoreId,
        SummaryStoreName,
        SummaryTradeCount,
        SummaryRefundCount,
        SummaryOrderAmount,
        SummaryReceivedAmount,
        SummaryAlipayDiscount,
        SummaryMerchantDiscount,
        SummaryCardAmount,
        SummaryServiceFee,
        SummaryProfitShare,
        SummaryNetReceived,
        SummaryColumnCount
    };

    static QString columnName(Column column);
    static QByteArrayView columnNameUtf8(Column column);
    static QByteArrayView summaryColumnNameUtf8(SummaryColumn column);
    static QString summaryColumnName(SummaryColumn column);
    static QList<Column> amountColumns();

    // The fixed texts, encoded once per encoding.
    struct Texts
    {
        QList<QByteArray> columns;        // the detail header's 25 names
        QList<QByteArray> summaryColumns; // the summary header's 12 names
        QByteArray detailTitle;           // #支付宝业务明细查询
        QByteArray summaryTitle;          // #支付宝业务汇总查询
        QByteArray detailListStart;       // 业务明细列表 (inside a dashed comment)
        QByteArray detailListEnd;         // 业务明细列表结束
        QByteArray summaryListStart;      // 业务汇总列表
        QByteArray summaryListEnd;        // 业务汇总列表结束
        QByteArray account;               // #账号：
        QByteArray tradeTotals;           // #交易合计：
        QByteArray refundTotals;          // #退款合计：
        QByteArray trade;                 // 交易
        QByteArray refund;                // 退款
        QByteArray totalRow;              // 合计
    };
    static const Texts &texts(StatementEncoding encoding);

    // The dashed comment that opens (…业务明细列表…) or closes (…业务明细列表结束…) a list.
    static QString dashedMarker(const QString &listTitle, bool end);
};

} // namespace paydesk
