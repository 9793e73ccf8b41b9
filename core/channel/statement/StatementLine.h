#pragma once

#include "core/money/Money.h"

#include <QDateTime>
#include <QString>

namespace paydesk {

// The statement (对账单) layouts Paydesk reads and writes.
enum class StatementFormat
{
    Unknown,
    WeChatAll,     // WeChat Pay v3 trade bill, bill_type=ALL (27 columns)
    WeChatSuccess, // bill_type=SUCCESS (20 columns)
    WeChatRefund,  // bill_type=REFUND (29 columns)
    AlipayDetail,  // Alipay trade bill: …_业务明细.csv inside the zip (GBK)
    AlipaySummary, // Alipay trade bill: …_业务明细(汇总).csv inside the zip (GBK)
    UnionPayZm,    // UnionPay reconciliation file ZM_… (fixed width, GBK)
};

enum class StatementLineType
{
    Payment,
    Refund
};

// How a statement line's transaction stands, in the same words for every channel (the
// reconciliation matcher reads this; the channel's own text stays in channelStatus).
enum class StatementLineStatus
{
    Succeeded,  // the money moved as the line says
    Revoked,    // a payment the channel revoked (WeChat Pay REVOKED): nothing stays with the merchant
    Processing, // a refund still under way at the channel (WeChat Pay 退款状态 PROCESSING)
    Closed,     // a refund the channel closed without paying it (REFUNDCLOSE)
    Abnormal    // a refund stuck on its way to the payer (CHANGE / ABNORMAL): a person must look
};

// One transaction as a channel's statement reports it, normalised across channels. Amounts are
// exact minor units and always positive; `type` says whether money came in or went back.
struct StatementLine
{
    StatementFormat format = StatementFormat::Unknown;
    StatementLineType type = StatementLineType::Payment;
    QString channelTransactionId; // 微信订单号 / 支付宝交易号 / UnionPay 查询流水号
    QString merchantOrderNo;      // 商户订单号
    QString channelRefundNo;      // 微信退款单号 (refunds)
    QString merchantRefundNo;     // 商户退款单号 / 退款批次号/请求号 (refunds)
    Money amount;                 // paid amount (payments) or refunded amount (refunds), > 0
    Money fee;                    // channel fee charged (payments) or returned (refunds), >= 0
    StatementLineStatus status = StatementLineStatus::Succeeded;
    QString channelStatus;  // the channel's own words: 交易状态 (and /退款状态), 业务类型, 交易代码
    QString merchantId;     // channel merchant id (商户号 / sub-merchant when present)
    QString appId;          // channel app id, when the statement has one
    QString tradeType;      // e.g. NATIVE, JSAPI; 业务类型 for Alipay
    QDateTime tradeTime;    // UTC; channels print Asia/Shanghai local time
    QDateTime completeTime; // UTC; invalid when the statement has none
    QString file;           // the file (or zip member) the line came from
    qint64 lineNumber = 0;  // 1-based line number in that file
};

// "succeeded", "revoked", "processing", "closed", "abnormal": in JSON and files Paydesk writes.
QString statementLineStatusName(StatementLineStatus status);

} // namespace paydesk
