#pragma once

#include "core/channel/statement/StatementLine.h"

#include <QByteArrayView>
#include <optional>

namespace paydesk {

// The UnionPay reconciliation file ZM_… (全渠道商户对账文件): one fixed-width line per transaction,
// fields sliced by bytes (GBK) with one space between them, 42 fields of these lengths:
// 3,11,11,6,10,19,12,4,2,21,2,32,2,6,10,13,13,4,15,2,2,6,2,4,32,1,21,15,1,15,32,13,13,8,32,13,13,12,2,1,32,98.
//
// Choices (no real sample was found; CHANNELS.md gives the table):
//   - 交易金额 (12) is the amount in fen, zero-padded digits (as txnAmt on the API).
//   - 13-byte amount fields (商户手续费, 结算金额, 清算净额, …) are a sign letter and 12 digits:
//     C (credit to the merchant) or D (debit); 13 plain digits are read as unsigned, and blanks
//     as zero in the fields a line does not keep.
//   - 交易传输时间 is MMDDhhmmss, China Standard Time; the year comes from the settlement date.
//   - 交易代码: S22 消费 → payment; S30 退货 and S31 消费撤销 → refund; any other code is refused.
//   - Alphanumeric fields are left-aligned and space-padded, numbers zero-padded.
class UnionPayZmLayout
{
public:
    enum Field
    {
        TransactionCode,   // 交易代码
        AcquirerCode,      // 代理机构标识码
        ForwarderCode,     // 发送机构标识码
        TraceNo,           // 系统跟踪号
        TransmissionTime,  // 交易传输时间 MMDDhhmmss
        AccountNo,         // 账号
        Amount,            // 交易金额 (fen)
        MerchantCategory,  // 商户类别
        TerminalType,      // 终端类型
        QueryId,           // 查询流水号
        OldPayType,        // 支付方式（旧）
        OrderId,           // 商户订单号
        CardType,          // 支付卡类型
        OriginalTraceNo,   // 原始交易系统跟踪号
        OriginalTime,      // 原始交易日期时间
        MerchantFee,       // 商户手续费
        SettlementAmount,  // 结算金额
        PayType,           // 支付方式
        GroupMerchantId,   // 集团商户代码
        TxnType,           // 交易类型
        TxnSubType,        // 交易子类
        BizType,           // 业务类型
        AccountType,       // 账号类型
        BillType,          // 账单类型
        BillNo,            // 账单号码
        InteractionMode,   // 交互方式
        OriginalQueryId,   // 原交易查询流水号
        MerchantId,        // 商户代码
        SplitMode,         // 分账入账方式
        SubMerchantId,     // 二级商户代码
        SubMerchantName,   // 二级商户简称
        SubMerchantAmount, // 二级商户分账入账金额
        NetSettlement,     // 清算净额
        TerminalId,        // 终端号
        MerchantReserved,  // 商户自定义域
        DiscountAmount,    // 优惠金额
        InvoiceAmount,     // 发票金额
        InstallmentFee,    // 分期付款附加手续费
        InstallmentCount,  // 分期付款期数
        Medium,            // 交易介质
        Reserved1,         // 保留使用
        Reserved2,         // 保留使用
        FieldCount
    };

    static int length(Field field);
    // Byte offset of the field in a line.
    static int offset(Field field);
    static QByteArrayView name(Field field); // UTF-8
    // Bytes in a full line (fields and separators, without the line break).
    static int lineLength();
    // A line may end early when its trailing blanks were trimmed: the missing bytes count as
    // spaces. It must still reach 商户代码, which every line has.
    static int minimumLineLength() { return offset(MerchantId) + 1; }
    static constexpr char kSeparator = ' ';

    static std::optional<StatementLineType> typeOfCode(QByteArrayView code);
    static QByteArrayView paymentCode() { return "S22"; }
    static QByteArrayView refundCode() { return "S30"; }
    static bool isSignedAmount(Field field);
};

} // namespace paydesk
