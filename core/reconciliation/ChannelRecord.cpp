#include "core/reconciliation/ChannelRecord.h"

namespace paydesk {

ChannelRecord ChannelRecord::fromStatementLine(const StatementLine &line)
{
    ChannelRecord record;
    record.type = line.type == StatementLineType::Refund ? RecordType::Refund : RecordType::Payment;
    record.channelTransactionId = line.channelTransactionId;
    record.orderNo = line.merchantOrderNo;
    record.channelRefundNo = line.channelRefundNo;
    record.refundNo = line.merchantRefundNo;
    record.amount = line.amount;
    record.fee = line.fee;
    record.status = line.status;
    record.tradeTime = line.tradeTime;
    record.file = line.file;
    record.lineNumber = line.lineNumber;
    return record;
}

} // namespace paydesk
