#include "sandbox/statement/WeChatBillWriter.h"

#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"
#include "core/channel/statement/StatementSummary.h"

#include <QIODevice>

namespace paydesk {

namespace {
// 退款状态 for a refund line.
const char *refundStatusWord(StatementLineStatus status)
{
    switch (status) {
    case StatementLineStatus::Processing:
        return "PROCESSING";
    case StatementLineStatus::Closed:
        return "REFUNDCLOSE";
    case StatementLineStatus::Abnormal:
        return "CHANGE";
    case StatementLineStatus::Succeeded:
    case StatementLineStatus::Revoked:
        break;
    }
    return "SUCCESS";
}

using L = WeChatBillLayout;

// Kept columns go out as UTF-8; a backtick or a line break would end the field or the row.
bool fits(const QString &text)
{
    return !text.contains(QLatin1Char('`')) && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'));
}

void appendText(QByteArray &out, const QString &text)
{
    bool ascii = true;
    for (QChar c : text) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (!ascii) {
        out += text.toUtf8();
        return;
    }
    for (QChar c : text)
        out.append(char(c.unicode()));
}

bool isRefund(const StatementLine &line)
{
    return line.type == StatementLineType::Refund;
}
} // namespace

WeChatBillWriter::WeChatBillWriter(QIODevice &out, StatementFormat layout)
    : m_out(out), m_layout(layout), m_columns(L::columns(layout))
{
}

Status WeChatBillWriter::begin()
{
    if (m_layout != StatementFormat::WeChatAll && m_layout != StatementFormat::WeChatSuccess &&
        m_layout != StatementFormat::WeChatRefund)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("not a WeChat bill layout"));
    QByteArray &out = m_out.buffer();
    out += L::kBom.toByteArray();
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            out.append(',');
        out += L::columnName(m_columns.at(i)).toByteArray();
    }
    out += "\r\n";
    return m_out.lineDone();
}

void WeChatBillWriter::appendField(QByteArray &out, L::Column column, const StatementLine &line)
{
    const bool refund = isRefund(line);
    const qint64 amount = line.amount.minor();
    switch (column) {
    case L::TradeTime:
    case L::RefundApplyTime:
        ShanghaiTime::append(out, line.tradeTime);
        break;
    case L::RefundSuccessTime:
        ShanghaiTime::append(out, line.completeTime.isValid() ? line.completeTime : line.tradeTime);
        break;
    case L::AppId:
        appendText(out, line.appId);
        break;
    case L::MchId:
        appendText(out, line.merchantId);
        break;
    case L::SubMchId:
        out.append('0');
        break;
    case L::TransactionId:
        appendText(out, line.channelTransactionId);
        break;
    case L::OutTradeNo:
        appendText(out, line.merchantOrderNo);
        break;
    case L::TradeType:
        if (line.tradeType.isEmpty())
            out += "NATIVE";
        else
            appendText(out, line.tradeType);
        break;
    case L::TradeState:
        if (refund)
            out += "REFUND";
        else if (line.status == StatementLineStatus::Revoked)
            out += "REVOKED";
        else
            out += "SUCCESS";
        break;
    case L::BankType:
        out += "OTHERS";
        break;
    case L::CurrencyType:
        out += "CNY";
        break;
    case L::SettlementAmount:
    case L::OrderAmount:
        StatementBytes::appendYuan(out, refund ? 0 : amount);
        break;
    case L::CouponAmount:
    case L::RechargeCouponRefund:
        out += "0.00";
        break;
    case L::RefundId:
        if (refund)
            appendText(out, line.channelRefundNo);
        else
            out.append('0');
        break;
    case L::OutRefundNo:
        if (refund)
            appendText(out, line.merchantRefundNo);
        else
            out.append('0');
        break;
    case L::RefundAmount:
    case L::RefundRequestAmount:
        StatementBytes::appendYuan(out, refund ? amount : 0);
        break;
    case L::RefundType:
        if (refund)
            out += "ORIGINAL";
        break;
    case L::RefundStatus:
        if (refund)
            out += refundStatusWord(line.status);
        break;
    case L::Body:
        out += "Paydesk";
        break;
    case L::Fee:
        StatementBytes::appendYuan(out, refund ? -line.fee.minor() : line.fee.minor(), 3);
        break;
    case L::FeeRate:
        out += "0.60%";
        break;
    case L::DeviceInfo:
    case L::OpenId:
    case L::Attach:
    case L::FeeRateRemark:
    case L::ColumnCount:
        break;
    }
}

Status WeChatBillWriter::write(const StatementLine &line)
{
    const bool refund = isRefund(line);
    if (refund && m_layout == StatementFormat::WeChatSuccess)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a SUCCESS bill holds no refunds"));
    if (!refund && m_layout == StatementFormat::WeChatRefund)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a REFUND bill holds only refunds"));
    const bool paymentFits = line.status == StatementLineStatus::Succeeded ||
                             (line.status == StatementLineStatus::Revoked && m_layout == StatementFormat::WeChatAll);
    if ((!refund && !paymentFits) || (refund && line.status == StatementLineStatus::Revoked))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("a %1 line %2 in a %3 bill")
                         .arg(refund ? QStringLiteral("refund") : QStringLiteral("payment"),
                              statementLineStatusName(line.status), statementFormatName(m_layout)));
    if (!line.amount.isValid() || line.amount.isNegative() || !line.fee.isValid() || line.fee.isNegative() ||
        line.amount.currency() != Currency::cny() || line.fee.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amounts must be CNY and not negative"));
    if (!line.tradeTime.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the line has no trade time"));
    for (const QString *text : {&line.channelTransactionId, &line.merchantOrderNo, &line.channelRefundNo,
                                &line.merchantRefundNo, &line.merchantId, &line.appId, &line.tradeType}) {
        if (!fits(*text))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' cannot go into a WeChat bill").arg(*text));
    }

    const qint64 amount = line.amount.minor();
    const qint64 fee = refund ? -line.fee.minor() : line.fee.minor();
    qint64 *const sums = m_sums;
    const bool summed =
        !addOverflows(sums[L::TotalSettlementAmount], refund ? 0 : amount, &sums[L::TotalSettlementAmount]) &&
        !addOverflows(sums[L::TotalOrderAmount], refund ? 0 : amount, &sums[L::TotalOrderAmount]) &&
        !addOverflows(sums[L::TotalRefundAmount], refund ? amount : 0, &sums[L::TotalRefundAmount]) &&
        !addOverflows(sums[L::TotalRefundRequestAmount], refund ? amount : 0, &sums[L::TotalRefundRequestAmount]) &&
        !addOverflows(sums[L::TotalFee], fee, &sums[L::TotalFee]);
    if (!summed)
        return Error(ErrorCode::ArithmeticOverflow);
    ++m_rows;

    QByteArray &out = m_out.buffer();
    for (L::Column column : m_columns) {
        if (column != m_columns.front())
            out.append(',');
        out.append('`');
        appendField(out, column, line);
    }
    out += "\r\n";
    return m_out.lineDone();
}

Status WeChatBillWriter::finish()
{
    QByteArray &out = m_out.buffer();
    for (int total = 0; total < L::TotalColumnCount; ++total) {
        if (total > 0)
            out.append(',');
        out += L::totalName(L::Total(total)).toByteArray();
    }
    out += "\r\n";
    for (int total = 0; total < L::TotalColumnCount; ++total) {
        if (total > 0)
            out.append(',');
        out.append('`');
        out += total == L::TotalCount ? StatementBytes::javaDoubleText(m_rows, 0)
                                      : StatementBytes::javaDoubleText(m_sums[total], 2);
    }
    out += "\r\n";
    return m_out.flush();
}

Status WeChatBillWriter::writeAll(QIODevice &out, StatementFormat layout, const QList<StatementLine> &lines)
{
    WeChatBillWriter writer(out, layout);
    if (auto begun = writer.begin(); !begun)
        return begun;
    for (const StatementLine &line : lines) {
        if (auto written = writer.write(line); !written)
            return written;
    }
    return writer.finish();
}

} // namespace paydesk
