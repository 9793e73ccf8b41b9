#pragma once

#include "core/channel/statement/StatementReadContext.h"
#include "core/channel/statement/StatementText.h"
#include "core/channel/statement/UnionPayZmLayout.h"

class QIODevice;

namespace paydesk {

// Reads a UnionPay ZM_ reconciliation file (layout and choices in UnionPayZmLayout.h) and
// streams its lines. The file prints no totals, so unlike the bills it cannot prove it is
// complete; a cut-off last line is still reported as truncated.
//
// Mapping: payments (S22) take channelTransactionId = 查询流水号 and merchantOrderNo = 商户订单号;
// refunds (S30, S31) take channelTransactionId = 原交易查询流水号 (the payment refunded),
// channelRefundNo = 查询流水号 and merchantRefundNo = 商户订单号 (the refund request's own order
// id), merchantOrderNo stays empty. amount = 交易金额, fee = |商户手续费|, merchantId = 二级商户代码
// when present, else 商户代码, tradeType = 交易代码, tradeTime = 交易传输时间.
class UnionPayZmReader
{
public:
    explicit UnionPayZmReader(StatementReadContext &context);

    Status read(QIODevice &device);

    // The settlement date a ZM member name carries (INN<yyMMdd>…), else an invalid date.
    static QDate settlementDateFromName(const QString &name);
    // The full date of MMDD: the year that puts it nearest `reference`.
    static QDate dateNear(int month, int day, const QDate &reference);

private:
    Status readLine(QByteArrayView text, qint64 lineNumber);
    QByteArrayView field(UnionPayZmLayout::Field field) const;

    StatementReadContext &m_context;
    StatementText m_text;
    QDate m_reference;
    QByteArrayView m_current;
    StatementLine m_line;
};

} // namespace paydesk
