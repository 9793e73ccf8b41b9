#pragma once

#include "core/channel/statement/StatementReadContext.h"
#include "core/channel/statement/WeChatBillLayout.h"

class QIODevice;

namespace paydesk {

class LineReader;

// Reads a WeChat Pay v3 trade bill (ALL, SUCCESS or REFUND; UTF-8 with or without BOM; CRLF or
// LF), streams its rows as StatementLines and checks them against the totals trailer.
//
// Mapping: payments take 应结订单金额 as amount (the money WeChat settles, net of merchant-funded
// coupons) and refunds take 退款金额 (the matching settlement-side refund); both pair with the
// trailer's 应结订单总金额 and 退款总金额. 订单金额 and 申请退款金额 are still checked against
// their totals. fee = 手续费, exact to the fen (extra decimals must be zeros); refund rows may
// print the returned fee negative, the line keeps its size. Rows with 交易状态 REFUND are refunds
// (the only state a REFUND bill may hold), SUCCESS and REVOKED rows payments (a SUCCESS bill holds
// only SUCCESS). merchantId = 特约商户号 unless empty or "0", else 商户号. tradeTime = 交易时间;
// completeTime = 退款成功时间 in REFUND bills, else invalid.
class WeChatBillReader
{
public:
    explicit WeChatBillReader(StatementReadContext &context);

    Status read(QIODevice &device);

private:
    static constexpr qsizetype kMaxFields = 40;

    Status readHeader(QByteArrayView header, qint64 lineNumber);
    Status readRow(QByteArrayView text, qint64 lineNumber);
    Status readTrailer(QByteArrayView names, qint64 namesLine, LineReader &reader);
    QByteArrayView field(WeChatBillLayout::Column column) const { return m_fields[m_index[column]]; }
    bool has(WeChatBillLayout::Column column) const { return m_index[column] >= 0; }
    Result<qint64> amount(WeChatBillLayout::Column column, bool allowNegative = false, bool fee = false) const;

    StatementReadContext &m_context;
    StatementFormat m_layout = StatementFormat::Unknown;
    int m_index[WeChatBillLayout::ColumnCount];
    qsizetype m_columnCount = 0;
    QByteArrayView m_fields[kMaxFields + 1];
    StatementLine m_line;

    // Sums of every row, per column the trailer totals.
    qint64 m_rows = 0;
    qint64 m_sums[WeChatBillLayout::TotalColumnCount] = {};
};

} // namespace paydesk
