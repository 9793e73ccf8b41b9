#pragma once

#include "core/channel/statement/StatementLine.h"
#include "core/channel/statement/StatementText.h"
#include "core/channel/statement/UnionPayZmLayout.h"
#include "sandbox/statement/StatementOutput.h"

#include <QDate>

class QIODevice;

namespace paydesk {

// Writes a UnionPay ZM_ reconciliation file (layout and choices in UnionPayZmLayout.h), one
// 607-byte GBK line per StatementLine, CRLF-terminated (inferred).
//
// 交易代码 S22 for payments; refunds keep their tradeType when it is S30 or S31, else S30.
// Payments: 查询流水号 = channelTransactionId, 商户订单号 = merchantOrderNo; refunds: 查询流水号 =
// channelRefundNo, 商户订单号 = merchantRefundNo, 原交易查询流水号 = channelTransactionId.
// 商户手续费 D+fee for payments (charged), C+fee for refunds (given back); 结算金额 C+amount
// (payments) / D+amount (refunds); 清算净额 = 结算金额 − fee. Constants: 代理/发送机构标识码
// 00000000, 系统跟踪号 = the line's sequence number, 商户类别 5999, 终端类型 07 (internet),
// 支付卡类型 01, 原始交易系统跟踪号/日期时间 zeros, 交易类型/交易子类 01/01 (S22), 04/00 (S30),
// 31/00 (S31), 业务类型 000201, 账号类型 01; every other field blank.
class UnionPayZmWriter
{
public:
    explicit UnionPayZmWriter(QIODevice &out);

    Status write(const StatementLine &line);
    Status finish();

    // INN<yyMMdd>88ZM_<merchant id>: the name UnionPay gives the file in its zip.
    static QString fileName(const QDate &settlementDate, const QString &merchantId);

private:
    Status put(QByteArray &line, UnionPayZmLayout::Field field, const QString &text);
    static void putAscii(QByteArray &line, UnionPayZmLayout::Field field, QByteArrayView bytes);
    static void putSignedAmount(QByteArray &line, UnionPayZmLayout::Field field, qint64 minor);

    StatementOutput m_out;
    StatementText m_text;
    qint64 m_sequence = 0;
    QByteArray m_blank;
    QByteArray m_row;
};

} // namespace paydesk
