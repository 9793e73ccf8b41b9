#pragma once

#include "core/channel/statement/AlipayFigures.h"
#include "core/channel/statement/StatementLine.h"
#include "core/channel/statement/StatementText.h"
#include "sandbox/statement/StatementOutput.h"

#include <QDate>
#include <QDateTime>

class QIODevice;

namespace paydesk {

// Writes the detail file of an Alipay trade bill (…_业务明细.csv) as Alipay serves it: GBK,
// '#' comment header, the 25-column header, rows with the trailing TABs Alipay leaves on many
// values, and the closing #交易合计 / #退款合计 / #导出时间 lines; then, on request, the matching
// summary file (layout in AlipayBillLayout.h). AlipayBillZipWriter puts both into the zip.
//
// Rows: 订单金额 = 商家实收 = amount (negative for refunds), 服务费 = −fee for payments (taken
// by Alipay) and +fee for refunds (given back), 退款批次号/请求号 = merchantRefundNo, 创建时间 =
// tradeTime, 完成时间 = completeTime (tradeTime when it has none). Columns a StatementLine lacks:
// 门店编号/门店名称 from the options, 商品名称 and 备注 = options.subject, 操作员, 终端号,
// 对方账户 and 券名称 empty, the other amounts 0.00. Line breaks are CRLF (inferred).
class AlipayBillWriter
{
public:
    struct Options
    {
        QString account;      // #账号: the Alipay account, pid + "0156", e.g. 20880211096256330156
        QDate billDate;       // the day the bill covers
        QDateTime exportTime; // #导出时间; when invalid: the next day 05:00 China time
        QString storeId;      // 门店编号 of every row
        QString storeName;    // 门店名称 of every row
        QString subject = QStringLiteral("Paydesk");
        StatementEncoding encoding = StatementEncoding::Gbk;
    };

    AlipayBillWriter(QIODevice &out, Options options);

    Status begin();
    Status write(const StatementLine &line);
    Status finish();

    // The summary file (encoded) for the rows written; call after finish().
    QByteArray summaryFile();
    const AlipayFigures &figures() const { return m_figures; }

    // <pid>_<yyyyMMdd>.csv.zip and the names of its members.
    static QString zipFileName(const Options &options);
    static QString detailFileName(const Options &options);
    static QString summaryFileName(const Options &options);
    // "[2019年09月16日 00:00:00]": how the comment lines print times (China time).
    static QString bracketedTime(const QDateTime &utc);
    static QDateTime exportTimeOf(const Options &options);

private:
    Status appendText(QByteArray &out, const QString &text, const char *what);
    QString commentHeader(const QString &title, const QString &listTitle) const;

    StatementOutput m_out;
    Options m_options;
    StatementText m_text;
    QByteArray m_trade;
    QByteArray m_refund;
    QByteArray m_subject;
    QByteArray m_store;
    AlipayFigures m_figures;
    qint64 m_tradeReceived = 0;
    qint64 m_refundReceived = 0;
};

} // namespace paydesk
