#include "sandbox/statement/AlipayBillWriter.h"

#include "core/channel/statement/AlipayBillLayout.h"
#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>

namespace paydesk {

namespace {
using L = AlipayBillLayout;

QString yuan(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny()).toString();
}

QDateTime chinaMidnight(const QDate &date)
{
    return ShanghaiTime::toUtc(date.year(), date.month(), date.day(), 0, 0, 0);
}
} // namespace

AlipayBillWriter::AlipayBillWriter(QIODevice &out, Options options)
    : m_out(out), m_options(std::move(options)), m_text(m_options.encoding)
{
}

QString AlipayBillWriter::bracketedTime(const QDateTime &utc)
{
    const ShanghaiTime::Fields f = ShanghaiTime::toLocal(utc);
    return QStringLiteral("[%1年%2月%3日 %4:%5:%6]")
        .arg(f.year, 4, 10, QLatin1Char('0'))
        .arg(f.month, 2, 10, QLatin1Char('0'))
        .arg(f.day, 2, 10, QLatin1Char('0'))
        .arg(f.hour, 2, 10, QLatin1Char('0'))
        .arg(f.minute, 2, 10, QLatin1Char('0'))
        .arg(f.second, 2, 10, QLatin1Char('0'));
}

QDateTime AlipayBillWriter::exportTimeOf(const Options &options)
{
    if (options.exportTime.isValid())
        return options.exportTime;
    const QDate next = options.billDate.addDays(1);
    return ShanghaiTime::toUtc(next.year(), next.month(), next.day(), 5, 0, 0);
}

QString AlipayBillWriter::zipFileName(const Options &options)
{
    return QStringLiteral("%1_%2.csv.zip")
        .arg(options.account.left(16), options.billDate.toString(QStringLiteral("yyyyMMdd")));
}

QString AlipayBillWriter::detailFileName(const Options &options)
{
    return QStringLiteral("%1_%2_业务明细.csv")
        .arg(options.account.left(16), options.billDate.toString(QStringLiteral("yyyyMMdd")));
}

QString AlipayBillWriter::summaryFileName(const Options &options)
{
    return QStringLiteral("%1_%2_业务明细(汇总).csv")
        .arg(options.account.left(16), options.billDate.toString(QStringLiteral("yyyyMMdd")));
}

QString AlipayBillWriter::commentHeader(const QString &title, const QString &listTitle) const
{
    return title + QStringLiteral("\r\n#账号：[") + m_options.account + QStringLiteral("]\r\n#起始日期：") +
           bracketedTime(chinaMidnight(m_options.billDate)) + QStringLiteral("   终止日期：") +
           bracketedTime(chinaMidnight(m_options.billDate.addDays(1))) + QStringLiteral("\r\n") +
           L::dashedMarker(listTitle, false) + QStringLiteral("\r\n");
}

Status AlipayBillWriter::appendText(QByteArray &out, const QString &text, const char *what)
{
    // A comma or a line break would split the row.
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')) ||
        !m_text.append(out, text))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 '%2' cannot go into an Alipay bill").arg(QString::fromLatin1(what), text));
    return {};
}

Status AlipayBillWriter::begin()
{
    if (!m_text.isAvailable())
        return Error(ErrorCode::StatementEncoding, QStringLiteral("this Qt cannot encode GBK"));
    if (!m_options.billDate.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the bill date is missing"));
    m_trade = m_text.encode(QStringLiteral("交易"));
    m_refund = m_text.encode(QStringLiteral("退款"));
    QByteArray &out = m_out.buffer();
    if (auto subject = appendText(m_subject, m_options.subject, "商品名称"); !subject)
        return subject;
    QByteArray storeName;
    if (auto store = appendText(m_store, m_options.storeId, "门店编号"); !store)
        return store;
    if (auto store = appendText(storeName, m_options.storeName, "门店名称"); !store)
        return store;
    m_store += "\t," + storeName + '\t';

    QString header = commentHeader(QStringLiteral("#支付宝业务明细查询"), QStringLiteral("业务明细列表"));
    for (int column = 0; column < L::ColumnCount; ++column)
        header += (column > 0 ? QStringLiteral(",") : QString()) + L::columnName(L::Column(column));
    out += m_text.encode(header + QStringLiteral("\r\n"));
    return m_out.lineDone();
}

Status AlipayBillWriter::write(const StatementLine &line)
{
    const bool refund = line.type == StatementLineType::Refund;
    if (!line.amount.isValid() || line.amount.isNegative() || !line.fee.isValid() || line.fee.isNegative() ||
        line.amount.currency() != Currency::cny() || line.fee.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amounts must be CNY and not negative"));
    if (!line.tradeTime.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the line has no trade time"));
    const qint64 received = refund ? -line.amount.minor() : line.amount.minor();
    const qint64 fee = refund ? line.fee.minor() : -line.fee.minor();

    QByteArray &out = m_out.buffer();
    const qsizetype rowStart = out.size();
    const auto undo = [&out, rowStart](Status status) {
        out.truncate(rowStart);
        return status;
    };
    if (auto id = appendText(out, line.channelTransactionId, "支付宝交易号"); !id)
        return undo(id);
    out += "\t,";
    if (auto id = appendText(out, line.merchantOrderNo, "商户订单号"); !id)
        return undo(id);
    out += "\t,";
    out += refund ? m_refund : m_trade;
    out += "\t,";
    out += m_subject;
    out += ',';
    ShanghaiTime::append(out, line.tradeTime);
    out += ',';
    ShanghaiTime::append(out, line.completeTime.isValid() ? line.completeTime : line.tradeTime);
    out += ',';
    out += m_store;
    out += ",\t,\t,\t,";
    StatementBytes::appendYuan(out, received);
    out += ',';
    StatementBytes::appendYuan(out, received);
    out += ",0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,";
    if (refund) {
        if (auto id = appendText(out, line.merchantRefundNo, "退款批次号/请求号"); !id)
            return undo(id);
    }
    out += "\t,";
    StatementBytes::appendYuan(out, fee);
    out += ",0.00,";
    out += m_subject;
    out += "\r\n";

    AlipayFigures row;
    (refund ? row.refundCount : row.tradeCount) = 1;
    row.orderAmount = received;
    row.receivedAmount = received;
    row.serviceFee = fee;
    AlipayFigures figures = m_figures;
    qint64 &receivedSum = refund ? m_refundReceived : m_tradeReceived;
    qint64 newReceivedSum = 0;
    if (!figures.add(row) || addOverflows(receivedSum, received, &newReceivedSum))
        return undo(Error(ErrorCode::ArithmeticOverflow));
    m_figures = figures;
    receivedSum = newReceivedSum;
    return m_out.lineDone();
}

Status AlipayBillWriter::finish()
{
    const QString closing = L::dashedMarker(QStringLiteral("业务明细列表"), true) + QStringLiteral("\r\n") +
                            QStringLiteral("#交易合计：%1笔，商家实收共%2元，商家优惠共0.00元\r\n")
                                .arg(m_figures.tradeCount)
                                .arg(yuan(m_tradeReceived)) +
                            QStringLiteral("#退款合计：%1笔，商家实收退款共%2元，商家优惠退款共0.00元\r\n")
                                .arg(m_figures.refundCount)
                                .arg(yuan(m_refundReceived)) +
                            QStringLiteral("#导出时间：") + bracketedTime(exportTimeOf(m_options)) +
                            QStringLiteral("\r\n");
    m_out.buffer() += m_text.encode(closing);
    return m_out.flush();
}

QByteArray AlipayBillWriter::summaryFile()
{
    QString text = commentHeader(QStringLiteral("#支付宝业务汇总查询"), QStringLiteral("业务汇总列表"));
    for (int column = 0; column < L::SummaryColumnCount; ++column)
        text += (column > 0 ? QStringLiteral(",") : QString()) + L::summaryColumnName(L::SummaryColumn(column));
    text += QStringLiteral("\r\n");
    qint64 net = 0;
    m_figures.netReceived(&net);
    const QString figures = QStringLiteral("%1,%2,%3,%4,%5,0.00,0.00,%6,0.00,%7\r\n")
                                .arg(m_figures.tradeCount)
                                .arg(m_figures.refundCount)
                                .arg(yuan(m_figures.orderAmount), yuan(m_figures.receivedAmount),
                                     yuan(m_figures.alipayDiscount), yuan(m_figures.serviceFee), yuan(net));
    if (m_figures.tradeCount + m_figures.refundCount > 0)
        text += m_options.storeId + QStringLiteral("\t,") + m_options.storeName + QStringLiteral("\t,") + figures;
    text += QStringLiteral("合计,,") + figures;
    text += L::dashedMarker(QStringLiteral("业务汇总列表"), true) + QStringLiteral("\r\n");
    text += QStringLiteral("#导出时间：") + bracketedTime(exportTimeOf(m_options)) + QStringLiteral("\r\n");
    return m_text.encode(text);
}

} // namespace paydesk
