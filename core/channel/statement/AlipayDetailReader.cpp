#include "core/channel/statement/AlipayDetailReader.h"

#include "core/channel/statement/LineReader.h"
#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>

namespace paydesk {

namespace {
using L = AlipayBillLayout;
constexpr QByteArrayView kBom{"\xEF\xBB\xBF", 3};

bool add(qint64 *sum, qint64 value)
{
    return !addOverflows(*sum, value, sum);
}
} // namespace

AlipayDetailReader::AlipayDetailReader(StatementReadContext &context, StatementEncoding encoding)
    : m_context(context), m_text(encoding), m_texts(L::texts(encoding))
{
    m_line.format = StatementFormat::AlipayDetail;
    m_line.file = context.fileName();
    m_tradeText = QStringLiteral("交易");
    m_refundText = QStringLiteral("退款");
}

const AlipayFigures &AlipayDetailReader::storeFigures(const QByteArray &storeId) const
{
    static const AlipayFigures kNone;
    const qsizetype index = m_storeIndex.value(storeId, -1);
    return index < 0 ? kNone : m_storeFigures.at(index);
}

Status AlipayDetailReader::read(QIODevice &device)
{
    if (!m_text.isAvailable())
        return m_context.fileError(ErrorCode::StatementEncoding, QStringLiteral("this Qt cannot decode GBK"));
    m_context.beginFile(StatementFormat::AlipayDetail);
    LineReader reader(device);
    QByteArrayView text;
    while (reader.next(&text)) {
        if (reader.lineNumber() == 1 && text.startsWith(kBom))
            text = text.sliced(kBom.size());
        if (text.isEmpty())
            continue;
        Status status;
        switch (m_stage) {
        case Stage::Preamble:
            status = readPreambleLine(text, reader.lineNumber());
            break;
        case Stage::Rows:
            status = readRow(text, reader.lineNumber());
            if (!status && !reader.lastLineTerminated() && status.error().code() == ErrorCode::StatementMalformed)
                return m_context.lineError(reader.lineNumber(), status.error().detail(), ErrorCode::StatementTruncated);
            break;
        case Stage::Closing:
            status = readClosingLine(text, reader.lineNumber());
            break;
        }
        if (!status)
            return status;
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    if (m_stage != Stage::Closing || !m_seenTradeTotals || !m_seenRefundTotals)
        return m_context.fileError(ErrorCode::StatementTruncated,
                                   QStringLiteral("no #交易合计 and #退款合计 after line %1").arg(reader.lineNumber()));
    return {};
}

bool AlipayDetailReader::isHeader(QByteArrayView text) const
{
    QByteArrayView names[kColumns + 1];
    if (StatementBytes::split(text, ',', names, kColumns) != kColumns)
        return false;
    for (qsizetype i = 0; i < kColumns; ++i) {
        if (StatementBytes::trimTrailingTabs(names[i]) != m_texts.columns.at(i))
            return false;
    }
    return true;
}

Status AlipayDetailReader::readPreambleLine(QByteArrayView text, qint64 lineNumber)
{
    if (text.front() != '#') {
        if (!isHeader(text))
            return m_context.lineError(lineNumber,
                                       QStringLiteral("expected the %1-column header of the detail").arg(kColumns));
        m_stage = Stage::Rows;
        return {};
    }
    if (text.startsWith(m_texts.account)) {
        // #账号：[20880211096256330156]
        QByteArrayView account = text.sliced(m_texts.account.size());
        if (account.startsWith('[') && account.endsWith(']'))
            account = account.sliced(1, account.size() - 2);
        bool ok = false;
        m_line.merchantId = m_text.decode(account, &ok);
        if (!ok)
            return m_context.lineError(lineNumber, QStringLiteral("#账号 is not valid text"));
    }
    return {};
}

AlipayFigures &AlipayDetailReader::storeFor(QByteArrayView storeId)
{
    if (m_lastStore >= 0 && m_storeIds.at(m_lastStore) == storeId)
        return m_storeFigures[m_lastStore];
    const QByteArray key = storeId.toByteArray();
    auto it = m_storeIndex.constFind(key);
    if (it == m_storeIndex.cend()) {
        m_storeIds.append(key);
        m_storeFigures.append(AlipayFigures());
        it = m_storeIndex.insert(key, m_storeIds.size() - 1);
    }
    m_lastStore = it.value();
    return m_storeFigures[m_lastStore];
}

Status AlipayDetailReader::readRow(QByteArrayView text, qint64 lineNumber)
{
    const auto fail = [&](const QString &reason) { return m_context.lineError(lineNumber, reason); };
    if (text.front() == '#') {
        if (text.contains(m_texts.detailListEnd)) {
            m_stage = Stage::Closing;
            return {};
        }
        if (text.startsWith(m_texts.tradeTotals) || text.startsWith(m_texts.refundTotals)) {
            m_stage = Stage::Closing;
            return readClosingLine(text, lineNumber);
        }
        return fail(QStringLiteral("a comment among the rows"));
    }
    const qsizetype count = StatementBytes::split(text, ',', m_fields, kColumns);
    if (count != kColumns)
        return fail(QStringLiteral("%1 fields; the detail has %2")
                        .arg(count > kColumns ? QStringLiteral("more than %1").arg(kColumns) : QString::number(count))
                        .arg(kColumns));
    if (!m_text.isValid(text))
        return fail(m_text.encoding() == StatementEncoding::Gbk ? QStringLiteral("not valid GBK")
                                                                : QStringLiteral("not valid UTF-8"));
    const auto field = [this](L::Column column) { return StatementBytes::trimTrailingTabs(m_fields[column]); };

    const QByteArrayView business = field(L::BusinessType);
    const bool refund = business == m_texts.refund;
    if (!refund && business != m_texts.trade)
        return fail(QStringLiteral("业务类型 '%1' is neither 交易 nor 退款").arg(m_text.decode(business)));

    m_line.tradeTime = ShanghaiTime::parse(field(L::CreatedTime));
    if (!m_line.tradeTime.isValid())
        return fail(
            QStringLiteral("创建时间 '%1' is not yyyy-MM-dd HH:mm:ss").arg(m_text.decode(field(L::CreatedTime))));
    m_line.completeTime = QDateTime();
    if (!field(L::FinishedTime).isEmpty()) {
        m_line.completeTime = ShanghaiTime::parse(field(L::FinishedTime));
        if (!m_line.completeTime.isValid())
            return fail(
                QStringLiteral("完成时间 '%1' is not yyyy-MM-dd HH:mm:ss").arg(m_text.decode(field(L::FinishedTime))));
    }

    qint64 values[kColumns] = {};
    static const QList<L::Column> kAmounts = L::amountColumns();
    for (L::Column column : kAmounts) {
        auto value = StatementBytes::parseYuan(field(column), L::columnNameUtf8(column));
        if (!value)
            return fail(value.error().detail());
        values[column] = *value;
    }
    for (L::Column column : {L::OrderAmount, L::ReceivedAmount}) {
        if (refund ? values[column] > 0 : values[column] < 0)
            return fail(QStringLiteral("%1 '%2' has the wrong sign for a %3 row")
                            .arg(L::columnName(column), QString::fromLatin1(field(column)),
                                 refund ? m_refundText : m_tradeText));
    }

    AlipayFigures row;
    (refund ? row.refundCount : row.tradeCount) = 1;
    row.orderAmount = values[L::OrderAmount];
    row.receivedAmount = values[L::ReceivedAmount];
    row.alipayDiscount = values[L::AlipayDiscount];
    row.merchantDiscount = values[L::MerchantDiscount];
    row.cardAmount = values[L::CardAmount];
    row.serviceFee = values[L::ServiceFee];
    row.profitShare = values[L::ProfitShare];
    const bool summed = storeFor(field(L::StoreId)).add(row) && m_totals.add(row) &&
                        add(refund ? &m_refundReceived : &m_tradeReceived, row.receivedAmount) &&
                        add(refund ? &m_refundMerchantDiscount : &m_tradeMerchantDiscount, row.merchantDiscount);
    if (!summed)
        return fail(QStringLiteral("the sums overflow"));

    const Currency cny = Currency::cny();
    m_line.lineNumber = lineNumber;
    m_line.type = refund ? StatementLineType::Refund : StatementLineType::Payment;
    m_line.amount = Money::fromMinor(refund ? -row.receivedAmount : row.receivedAmount, cny);
    m_line.fee = Money::fromMinor(row.serviceFee < 0 ? -row.serviceFee : row.serviceFee, cny);
    m_line.tradeType = refund ? m_refundText : m_tradeText;
    m_line.channelStatus = m_line.tradeType; // 业务类型: every line of the bill is a completed one
    if (!m_text.assign(m_line.channelTransactionId, field(L::TradeNo)) ||
        !m_text.assign(m_line.merchantOrderNo, field(L::OutTradeNo)))
        return fail(QStringLiteral("支付宝交易号 or 商户订单号 cannot be decoded"));
    if (refund) {
        if (!m_text.assign(m_line.merchantRefundNo, field(L::RefundRequestNo)))
            return fail(QStringLiteral("退款批次号/请求号 cannot be decoded"));
    } else {
        m_line.merchantRefundNo.resize(0);
    }
    return m_context.deliver(m_line);
}

Status AlipayDetailReader::readClosingLine(QByteArrayView text, qint64 lineNumber)
{
    if (text.front() != '#')
        return m_context.lineError(lineNumber, QStringLiteral("a row after the end of the detail list"));
    if (text.startsWith(m_texts.tradeTotals)) {
        m_seenTradeTotals = true;
        return checkClosingTotals(text.sliced(m_texts.tradeTotals.size()), lineNumber, false);
    }
    if (text.startsWith(m_texts.refundTotals)) {
        m_seenRefundTotals = true;
        return checkClosingTotals(text.sliced(m_texts.refundTotals.size()), lineNumber, true);
    }
    return {}; // #导出时间 and other comments carry nothing to check
}

// "6笔，商家实收共0.06元，商家优惠共0.00元" (交易合计) or "4笔，商家实收退款共-0.04元，商家优惠退款共0.00元"
// (退款合计). Figures are found by their label, so unknown extra figures are ignored.
Status AlipayDetailReader::checkClosingTotals(QByteArrayView body, qint64 lineNumber, bool refunds)
{
    bool ok = false;
    const QString text = m_text.decode(body, &ok);
    const QString what = refunds ? QStringLiteral("#退款合计") : QStringLiteral("#交易合计");
    const auto malformed = [&](const QString &reason) {
        return m_context.lineError(lineNumber, QStringLiteral("%1: %2").arg(what, reason));
    };
    if (!ok)
        return malformed(QStringLiteral("not valid text"));
    const auto mismatch = [&](const QString &figure, const QString &printed, const QString &computed) {
        return m_context.lineError(
            lineNumber, QStringLiteral("%1 %2 is %3 but the rows add up to %4").arg(what, figure, printed, computed),
            ErrorCode::StatementTotalsMismatch);
    };
    const QStringList parts = text.split(QChar(u'，'));
    const QString countText = parts.value(0);
    bool countOk = false;
    const qint64 count = countText.endsWith(QChar(u'笔')) ? countText.chopped(1).toLongLong(&countOk) : 0;
    if (!countOk || count < 0)
        return malformed(QStringLiteral("'%1' is not a count of rows").arg(countText));
    const qint64 rows = refunds ? m_totals.refundCount : m_totals.tradeCount;
    if (count != rows)
        return mismatch(QStringLiteral("count"), QString::number(count), QString::number(rows));
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const qsizetype at = part.indexOf(QChar(u'共'));
        if (at < 0 || !part.endsWith(QChar(u'元')))
            return malformed(QStringLiteral("'%1' is not a figure like 商家实收共0.06元").arg(part));
        const QString label = part.left(at);
        auto printed = Money::parse(QStringView(part).sliced(at + 1, part.size() - at - 2), Currency::cny());
        if (!printed)
            return malformed(QStringLiteral("'%1': %2").arg(part, Error::describe(printed.error().code())));
        qint64 computed = 0;
        if (label.startsWith(QStringLiteral("商家实收")))
            computed = refunds ? m_refundReceived : m_tradeReceived;
        else if (label.startsWith(QStringLiteral("商家优惠")))
            computed = refunds ? m_refundMerchantDiscount : m_tradeMerchantDiscount;
        else
            continue;
        if (printed->minor() != computed)
            return mismatch(label, printed->toString(), Money::fromMinor(computed, Currency::cny()).toString());
    }
    return {};
}

} // namespace paydesk
