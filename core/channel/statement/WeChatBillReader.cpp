#include "core/channel/statement/WeChatBillReader.h"

#include "core/channel/statement/LineReader.h"
#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>

#include <algorithm>
#include <iterator>

#include <QVarLengthArray>

#include <optional>

namespace paydesk {

namespace {
using L = WeChatBillLayout;

QString name(L::Column column)
{
    return QString::fromUtf8(L::columnName(column));
}

QString name(L::Total total)
{
    return QString::fromUtf8(L::totalName(total));
}

bool addTo(qint64 *sum, qint64 value)
{
    return !addOverflows(*sum, value, sum);
}

// 交易状态 and, for a refund, 退款状态 in the same words for every channel; nullopt for a refund
// status WeChat Pay does not document.
std::optional<StatementLineStatus> statusOf(QByteArrayView state, QByteArrayView refundState)
{
    if (state == "REVOKED")
        return StatementLineStatus::Revoked;
    if (state != "REFUND" || refundState.isEmpty() || refundState == "SUCCESS")
        return StatementLineStatus::Succeeded;
    if (refundState == "PROCESSING")
        return StatementLineStatus::Processing;
    if (refundState == "REFUNDCLOSE" || refundState == "CLOSED")
        return StatementLineStatus::Closed;
    if (refundState == "CHANGE" || refundState == "ABNORMAL")
        return StatementLineStatus::Abnormal;
    return std::nullopt;
}

void assignCached(QString &target, QByteArrayView bytes)
{
    // Repeated values (app id, state, trade type) keep their string when unchanged, so lines
    // a caller keeps share it instead of each holding a copy.
    if (!StatementBytes::equalsAscii(target, bytes))
        StatementBytes::assignAscii(target, bytes);
}

// The WeChat bill is ASCII except for free-text columns (商品名称, 商户数据包, …), none of which
// a line keeps; kept columns must be ASCII, anything else there is malformed.
bool assignId(QString &target, QByteArrayView bytes)
{
    if (!StatementBytes::isAscii(bytes))
        return false;
    StatementBytes::assignAscii(target, bytes);
    return true;
}
} // namespace

WeChatBillReader::WeChatBillReader(StatementReadContext &context) : m_context(context)
{
    std::fill(std::begin(m_index), std::end(m_index), -1);
    m_line.file = context.fileName();
}

Status WeChatBillReader::read(QIODevice &device)
{
    LineReader reader(device);
    QByteArrayView text;
    if (!reader.next(&text)) {
        if (reader.failed())
            return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
        return m_context.fileError(ErrorCode::StatementTruncated, QStringLiteral("the file is empty"));
    }
    if (text.startsWith(L::kBom))
        text = text.sliced(L::kBom.size());
    if (auto header = readHeader(text, reader.lineNumber()); !header)
        return header;

    while (reader.next(&text)) {
        if (text.isEmpty())
            continue;
        if (text.front() == '`') {
            if (auto row = readRow(text, reader.lineNumber()); !row) {
                // A cut-off last line is a truncated file rather than a bad row.
                if (!reader.lastLineTerminated() && row.error().code() == ErrorCode::StatementMalformed)
                    return m_context.lineError(reader.lineNumber(), row.error().detail(),
                                               ErrorCode::StatementTruncated);
                return row;
            }
            continue;
        }
        if (text.startsWith(L::totalName(L::TotalCount)))
            return readTrailer(text, reader.lineNumber(), reader);
        return m_context.lineError(reader.lineNumber(),
                                   QStringLiteral("neither a bill row (starting with `) nor the totals"));
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    return m_context.fileError(ErrorCode::StatementTruncated,
                               QStringLiteral("no totals after line %1").arg(reader.lineNumber()));
}

Status WeChatBillReader::readHeader(QByteArrayView header, qint64 lineNumber)
{
    if (!StatementBytes::isValidUtf8(header))
        return m_context.lineError(lineNumber, QStringLiteral("the header is not UTF-8"), ErrorCode::StatementEncoding);
    QByteArrayView names[kMaxFields + 1];
    m_columnCount = StatementBytes::split(header, ',', names, kMaxFields);
    m_layout = L::layoutForColumnCount(m_columnCount);
    if (m_layout == StatementFormat::Unknown)
        return m_context.lineError(
            lineNumber, QStringLiteral("the header has %1 columns; bills have 27 (ALL), 20 (SUCCESS) or 29 (REFUND)")
                            .arg(m_columnCount));
    for (qsizetype i = 0; i < m_columnCount; ++i) {
        const int column = L::columnForName(names[i]);
        if (column < 0 || !L::hasColumn(m_layout, L::Column(column)) || m_index[column] >= 0)
            return m_context.lineError(lineNumber, QStringLiteral("unexpected column '%1' in a %2-column bill")
                                                       .arg(QString::fromUtf8(names[i]))
                                                       .arg(m_columnCount));
        m_index[column] = int(i);
    }
    m_line.format = m_layout;
    m_context.beginFile(m_layout);
    return {};
}

Result<qint64> WeChatBillReader::amount(L::Column column, bool allowNegative, bool fee) const
{
    auto value = StatementBytes::parseYuan(field(column), L::columnName(column), fee);
    if (value && *value < 0 && !allowNegative)
        return Error(ErrorCode::StatementMalformed,
                     QStringLiteral("%1 '%2' is negative").arg(name(column), QString::fromUtf8(field(column))));
    return value;
}

Status WeChatBillReader::readRow(QByteArrayView text, qint64 lineNumber)
{
    const auto fail = [&](const QString &reason) { return m_context.lineError(lineNumber, reason); };
    const qsizetype count = StatementBytes::splitBackticked(text, m_fields, kMaxFields);
    if (count != m_columnCount) {
        const QString found =
            count > kMaxFields ? QStringLiteral("more than %1").arg(kMaxFields) : QString::number(count);
        return fail(QStringLiteral("%1 fields; the header has %2").arg(found).arg(m_columnCount));
    }
    if (!StatementBytes::isAscii(text) && !StatementBytes::isValidUtf8(text))
        return fail(QStringLiteral("not valid UTF-8"));

    const QByteArrayView state = field(L::TradeState);
    const bool refund = state == "REFUND";
    bool stateFits = refund || state == "SUCCESS" || state == "REVOKED";
    if (m_layout == StatementFormat::WeChatRefund)
        stateFits = refund;
    else if (m_layout == StatementFormat::WeChatSuccess)
        stateFits = state == "SUCCESS";
    if (!stateFits)
        return fail(
            QStringLiteral("交易状态 '%1' in a %2 bill").arg(QString::fromUtf8(state), statementFormatName(m_layout)));
    const QByteArrayView refundState = refund && has(L::RefundStatus) ? field(L::RefundStatus) : QByteArrayView();
    const std::optional<StatementLineStatus> status = statusOf(state, refundState);
    if (!status)
        return fail(QStringLiteral("退款状态 '%1' is none WeChat Pay documents").arg(QString::fromUtf8(refundState)));

    m_line.tradeTime = ShanghaiTime::parse(field(L::TradeTime));
    if (!m_line.tradeTime.isValid())
        return fail(
            QStringLiteral("交易时间 '%1' is not yyyy-MM-dd HH:mm:ss").arg(QString::fromUtf8(field(L::TradeTime))));
    if (has(L::RefundApplyTime) && !field(L::RefundApplyTime).isEmpty() &&
        !ShanghaiTime::parse(field(L::RefundApplyTime)).isValid())
        return fail(QStringLiteral("退款申请时间 '%1' is not yyyy-MM-dd HH:mm:ss")
                        .arg(QString::fromUtf8(field(L::RefundApplyTime))));
    m_line.completeTime = QDateTime();
    if (has(L::RefundSuccessTime) && !field(L::RefundSuccessTime).isEmpty()) {
        m_line.completeTime = ShanghaiTime::parse(field(L::RefundSuccessTime));
        if (!m_line.completeTime.isValid())
            return fail(QStringLiteral("退款成功时间 '%1' is not yyyy-MM-dd HH:mm:ss")
                            .arg(QString::fromUtf8(field(L::RefundSuccessTime))));
    }

    // Every amount column is checked, kept or not: a bad one anywhere makes the row malformed.
    qint64 values[L::ColumnCount] = {};
    static const L::Column kAmounts[] = {L::SettlementAmount,     L::CouponAmount, L::RefundAmount,
                                         L::RechargeCouponRefund, L::OrderAmount,  L::RefundRequestAmount};
    for (L::Column column : kAmounts) {
        if (!has(column))
            continue;
        auto value = amount(column);
        if (!value)
            return fail(value.error().detail());
        values[column] = *value;
    }
    auto fee = amount(L::Fee, refund, true);
    if (!fee)
        return fail(fee.error().detail());
    values[L::Fee] = *fee;

    ++m_rows;
    if (!addTo(&m_sums[L::TotalSettlementAmount], values[L::SettlementAmount]) ||
        !addTo(&m_sums[L::TotalRefundAmount], values[L::RefundAmount]) ||
        !addTo(&m_sums[L::TotalRechargeCouponRefund], values[L::RechargeCouponRefund]) ||
        !addTo(&m_sums[L::TotalFee], values[L::Fee]) || !addTo(&m_sums[L::TotalOrderAmount], values[L::OrderAmount]) ||
        !addTo(&m_sums[L::TotalRefundRequestAmount], values[L::RefundRequestAmount]))
        return fail(QStringLiteral("the sums overflow"));

    const Currency cny = Currency::cny();
    m_line.lineNumber = lineNumber;
    m_line.type = refund ? StatementLineType::Refund : StatementLineType::Payment;
    m_line.amount = Money::fromMinor(refund ? values[L::RefundAmount] : values[L::SettlementAmount], cny);
    m_line.fee = Money::fromMinor(values[L::Fee] < 0 ? -values[L::Fee] : values[L::Fee], cny);
    if (!assignId(m_line.channelTransactionId, field(L::TransactionId)) ||
        !assignId(m_line.merchantOrderNo, field(L::OutTradeNo)))
        return fail(QStringLiteral("微信订单号 or 商户订单号 is not ASCII"));
    if (refund) {
        if (!assignId(m_line.channelRefundNo, field(L::RefundId)) ||
            !assignId(m_line.merchantRefundNo, field(L::OutRefundNo)))
            return fail(QStringLiteral("微信退款单号 or 商户退款单号 is not ASCII"));
    } else {
        // Payment rows print "0" in the refund number columns.
        m_line.channelRefundNo.resize(0);
        m_line.merchantRefundNo.resize(0);
    }
    const QByteArrayView subMchId = field(L::SubMchId);
    const QByteArrayView merchant = subMchId.isEmpty() || subMchId == "0" ? field(L::MchId) : subMchId;
    const QByteArrayView appId = field(L::AppId);
    const QByteArrayView tradeType = field(L::TradeType);
    if (!StatementBytes::isAscii(merchant) || !StatementBytes::isAscii(appId) || !StatementBytes::isAscii(tradeType))
        return fail(QStringLiteral("商户号, 公众账号ID or 交易类型 is not ASCII"));
    assignCached(m_line.merchantId, merchant);
    assignCached(m_line.appId, appId);
    assignCached(m_line.tradeType, tradeType);
    m_line.status = *status;
    if (refundState.isEmpty()) {
        assignCached(m_line.channelStatus, state);
    } else {
        // "REFUND/SUCCESS": both words the channel used, without a heap allocation per line.
        QVarLengthArray<char, 48> words;
        words.append(state.data(), state.size());
        words.append('/');
        words.append(refundState.data(), refundState.size());
        if (!StatementBytes::isAscii(QByteArrayView(words.data(), words.size())))
            return fail(QStringLiteral("退款状态 is not ASCII"));
        assignCached(m_line.channelStatus, QByteArrayView(words.data(), words.size()));
    }
    return m_context.deliver(m_line);
}

Status WeChatBillReader::readTrailer(QByteArrayView namesText, qint64 namesLine, LineReader &reader)
{
    QByteArrayView names[kMaxFields + 1];
    const qsizetype nameCount = StatementBytes::split(namesText, ',', names, kMaxFields);
    int totalColumn[kMaxFields + 1];
    bool present[L::TotalColumnCount] = {};
    for (qsizetype i = 0; i < nameCount && i < kMaxFields; ++i) {
        totalColumn[i] = L::totalForName(names[i]);
        if (totalColumn[i] < 0 || present[totalColumn[i]])
            return m_context.lineError(
                namesLine, QStringLiteral("unexpected totals column '%1'").arg(QString::fromUtf8(names[i])));
        present[totalColumn[i]] = true;
    }
    for (L::Total required : {L::TotalCount, L::TotalSettlementAmount, L::TotalFee}) {
        if (!present[required])
            return m_context.lineError(namesLine, QStringLiteral("the totals lack %1").arg(name(required)));
    }

    QByteArrayView text;
    while (reader.next(&text) && text.isEmpty()) {
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    if (text.isEmpty())
        return m_context.fileError(ErrorCode::StatementTruncated,
                                   QStringLiteral("no totals line after line %1").arg(namesLine));
    const qint64 totalsLine = reader.lineNumber();
    QByteArrayView values[kMaxFields + 1];
    const qsizetype valueCount = StatementBytes::splitBackticked(text, values, kMaxFields);
    if (valueCount != nameCount) {
        const ErrorCode code =
            reader.lastLineTerminated() ? ErrorCode::StatementMalformed : ErrorCode::StatementTruncated;
        return m_context.lineError(totalsLine, QStringLiteral("%1 totals for %2 names").arg(valueCount).arg(nameCount),
                                   code);
    }

    for (qsizetype i = 0; i < nameCount; ++i) {
        const auto total = L::Total(totalColumn[i]);
        const bool isCount = total == L::TotalCount;
        auto printed = StatementBytes::parseJavaDouble(values[i], isCount ? 0 : 2);
        if (!printed)
            return m_context.lineError(totalsLine, QStringLiteral("%1 '%2': %3")
                                                       .arg(name(total), QString::fromUtf8(values[i]),
                                                            Error::describe(printed.error().code())));
        const qint64 computed = isCount ? m_rows : m_sums[total];
        if (*printed != computed) {
            const auto show = [isCount](qint64 v) {
                return isCount ? QString::number(v) : Money::fromMinor(v, Currency::cny()).toString();
            };
            return m_context.lineError(
                totalsLine,
                QStringLiteral("%1 is %2 but the rows add up to %3").arg(name(total), show(*printed), show(computed)),
                ErrorCode::StatementTotalsMismatch);
        }
    }
    while (reader.next(&text)) {
        if (!text.isEmpty())
            return m_context.lineError(reader.lineNumber(), QStringLiteral("content after the totals"));
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    return {};
}

} // namespace paydesk
