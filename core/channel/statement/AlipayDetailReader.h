#pragma once

#include "core/channel/statement/AlipayBillLayout.h"
#include "core/channel/statement/AlipayFigures.h"
#include "core/channel/statement/StatementReadContext.h"

#include <QHash>

class QIODevice;

namespace paydesk {

// Reads the detail file of an Alipay trade bill (…_业务明细.csv: GBK in the zip, GBK or UTF-8
// when bare), streams its rows as StatementLines and checks the closing #交易合计 / #退款合计
// lines against them. It also adds the rows up per 门店编号 for the summary file's check.
//
// Mapping: 业务类型 交易 → payment, 退款 → refund (whose amounts the file prints negative);
// amount = |商家实收| (what the merchant receives, net of merchant discounts: the figure the
// closing totals print), fee = |服务费|. channelTransactionId = 支付宝交易号, merchantOrderNo =
// 商户订单号, merchantRefundNo = 退款批次号/请求号 (refunds), tradeType = 业务类型, merchantId =
// the #账号 of the comment header, tradeTime = 创建时间, completeTime = 完成时间. Alipay has no
// refund number of its own and no status column: channelRefundNo and status stay empty.
class AlipayDetailReader
{
public:
    AlipayDetailReader(StatementReadContext &context, StatementEncoding encoding);

    Status read(QIODevice &device);

    // 门店编号 (raw bytes, trailing TAB removed) in order of first appearance, and their figures.
    const QList<QByteArray> &storeIds() const { return m_storeIds; }
    const AlipayFigures &storeFigures(const QByteArray &storeId) const;
    const AlipayFigures &totals() const { return m_totals; }

private:
    enum class Stage
    {
        Preamble,
        Rows,
        Closing
    };
    static constexpr qsizetype kColumns = AlipayBillLayout::ColumnCount;

    Status readPreambleLine(QByteArrayView text, qint64 lineNumber);
    Status readRow(QByteArrayView text, qint64 lineNumber);
    Status readClosingLine(QByteArrayView text, qint64 lineNumber);
    Status checkClosingTotals(QByteArrayView text, qint64 lineNumber, bool refunds);
    bool isHeader(QByteArrayView text) const;
    AlipayFigures &storeFor(QByteArrayView storeId);

    StatementReadContext &m_context;
    StatementText m_text;
    const AlipayBillLayout::Texts &m_texts;
    Stage m_stage = Stage::Preamble;
    bool m_seenTradeTotals = false;
    bool m_seenRefundTotals = false;
    QByteArrayView m_fields[kColumns + 1];
    StatementLine m_line;
    QString m_tradeText;
    QString m_refundText;

    QList<QByteArray> m_storeIds;
    QList<AlipayFigures> m_storeFigures;
    QHash<QByteArray, qsizetype> m_storeIndex;
    qsizetype m_lastStore = -1;
    AlipayFigures m_totals;
    // What the closing lines print: per kind, 商家实收 and 商家优惠.
    qint64 m_tradeReceived = 0;
    qint64 m_tradeMerchantDiscount = 0;
    qint64 m_refundReceived = 0;
    qint64 m_refundMerchantDiscount = 0;
};

} // namespace paydesk
