#pragma once

#include "core/channel/statement/StatementLine.h"
#include "core/reconciliation/ReconciliationKinds.h"

namespace paydesk {

// One transaction as the channel's statement reports it: what the matcher keys, compares and
// hands back, nothing more. Ids are the channel's text; amounts are exact and positive.
struct ChannelRecord
{
    RecordType type = RecordType::Payment;
    QString channelTransactionId; // 微信订单号 / 支付宝交易号 / UnionPay 查询流水号
    QString orderNo;              // our order number, as the channel echoes it (商户订单号)
    QString channelRefundNo;      // refunds: the channel's refund number
    QString refundNo;             // refunds: our refund number (商户退款单号)
    Money amount;                 // paid or refunded, > 0
    Money fee;                    // channel fee charged (payments) or returned (refunds), >= 0
    StatementLineStatus status = StatementLineStatus::Succeeded;
    QDateTime tradeTime; // UTC
    QString file;        // where a person finds the line
    qint64 lineNumber = 0;
    // Left over from the previous day's match (日切) and fed in again: matched like any line,
    // but never carried a second time.
    bool carried = false;

    static ChannelRecord fromStatementLine(const StatementLine &line);
};

} // namespace paydesk
