#include "core/channel/statement/AlipaySummaryReader.h"

#include "core/channel/statement/AlipayDetailReader.h"
#include "core/channel/statement/LineReader.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>

namespace paydesk {

namespace {
using L = AlipayBillLayout;
constexpr QByteArrayView kBom{"\xEF\xBB\xBF", 3};

QString yuan(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny()).toString();
}
} // namespace

AlipaySummaryReader::AlipaySummaryReader(StatementReadContext &context, StatementEncoding encoding)
    : m_context(context), m_fileName(context.fileName()), m_text(encoding), m_texts(L::texts(encoding))
{
}

bool AlipaySummaryReader::isHeader(QByteArrayView text) const
{
    QByteArrayView names[kColumns + 1];
    if (StatementBytes::split(text, ',', names, kColumns) != kColumns)
        return false;
    for (qsizetype i = 0; i < kColumns; ++i) {
        if (StatementBytes::trimTrailingTabs(names[i]) != m_texts.summaryColumns.at(i))
            return false;
    }
    return true;
}

Status AlipaySummaryReader::read(QIODevice &device)
{
    if (!m_text.isAvailable())
        return m_context.fileError(ErrorCode::StatementEncoding, QStringLiteral("this Qt cannot decode GBK"));
    m_context.beginFile(StatementFormat::AlipaySummary);
    LineReader reader(device);
    QByteArrayView text;
    while (reader.next(&text)) {
        if (reader.lineNumber() == 1 && text.startsWith(kBom))
            text = text.sliced(kBom.size());
        if (text.isEmpty())
            continue;
        const qint64 lineNumber = reader.lineNumber();
        if (m_stage == Stage::Preamble) {
            if (text.front() == '#')
                continue;
            if (!isHeader(text))
                return m_context.lineError(
                    lineNumber, QStringLiteral("expected the %1-column header of the summary").arg(kColumns));
            m_stage = Stage::Rows;
        } else if (m_stage == Stage::Rows) {
            if (text.front() == '#') {
                if (!text.contains(m_texts.summaryListEnd))
                    return m_context.lineError(lineNumber, QStringLiteral("a comment among the rows"));
                m_stage = Stage::Closing;
                continue;
            }
            if (auto row = readRow(text, lineNumber); !row)
                return row;
        } else if (text.front() != '#') {
            return m_context.lineError(lineNumber, QStringLiteral("a row after the end of the summary list"));
        }
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    if (m_stage != Stage::Closing || m_totalLine == 0)
        return m_context.fileError(ErrorCode::StatementTruncated,
                                   QStringLiteral("no 合计 row and end of the summary list"));

    AlipayFigures sum;
    for (const QByteArray &store : std::as_const(m_storeIds)) {
        if (!sum.add(m_stores.value(store).figures))
            return m_context.lineError(m_totalLine, QStringLiteral("the sums overflow"));
    }
    if (sum != m_total)
        return mismatch(m_totalLine, QStringLiteral("合计"), m_total, sum, QStringLiteral("the store rows"));
    return {};
}

Status AlipaySummaryReader::readRow(QByteArrayView text, qint64 lineNumber)
{
    const auto fail = [&](const QString &reason) { return m_context.lineError(lineNumber, reason); };
    QByteArrayView fields[kColumns + 1];
    const qsizetype count = StatementBytes::split(text, ',', fields, kColumns);
    if (count != kColumns)
        return fail(QStringLiteral("%1 fields; the summary has %2").arg(count).arg(kColumns));
    if (!m_text.isValid(text))
        return fail(QStringLiteral("not valid text in its encoding"));
    if (m_totalLine != 0)
        return fail(QStringLiteral("a row after the 合计 row"));
    const auto field = [&fields](L::SummaryColumn column) { return StatementBytes::trimTrailingTabs(fields[column]); };

    Row row;
    row.lineNumber = lineNumber;
    for (L::SummaryColumn column : {L::SummaryTradeCount, L::SummaryRefundCount}) {
        const QByteArrayView digits = field(column);
        if (!StatementBytes::isDigits(digits) || digits.size() > 15)
            return fail(
                QStringLiteral("%1 '%2' is not a count").arg(L::summaryColumnName(column), m_text.decode(digits)));
        (column == L::SummaryTradeCount ? row.figures.tradeCount : row.figures.refundCount) =
            QByteArray(digits.data(), digits.size()).toLongLong();
    }
    qint64 values[kColumns] = {};
    for (int column = L::SummaryOrderAmount; column <= L::SummaryNetReceived; ++column) {
        auto value = StatementBytes::parseYuan(field(L::SummaryColumn(column)),
                                               L::summaryColumnNameUtf8(L::SummaryColumn(column)));
        if (!value)
            return fail(value.error().detail());
        values[column] = *value;
    }
    row.figures.orderAmount = values[L::SummaryOrderAmount];
    row.figures.receivedAmount = values[L::SummaryReceivedAmount];
    row.figures.alipayDiscount = values[L::SummaryAlipayDiscount];
    row.figures.merchantDiscount = values[L::SummaryMerchantDiscount];
    row.figures.cardAmount = values[L::SummaryCardAmount];
    row.figures.serviceFee = values[L::SummaryServiceFee];
    row.figures.profitShare = values[L::SummaryProfitShare];
    qint64 net = 0;
    if (!row.figures.netReceived(&net) || net != values[L::SummaryNetReceived])
        return m_context.lineError(lineNumber,
                                   QStringLiteral("实收净额 %1 is not 商家实收 + 服务费 + 分润 = %2")
                                       .arg(yuan(values[L::SummaryNetReceived]), yuan(net)),
                                   ErrorCode::StatementTotalsMismatch);

    const QByteArrayView store = field(L::SummaryStoreId);
    if (store == m_texts.totalRow) {
        m_total = row.figures;
        m_totalLine = lineNumber;
        return {};
    }
    const QByteArray key = store.toByteArray();
    if (m_stores.contains(key))
        return fail(QStringLiteral("门店编号 '%1' appears twice").arg(m_text.decode(store)));
    m_storeIds.append(key);
    m_stores.insert(key, row);
    return {};
}

Error AlipaySummaryReader::mismatch(qint64 lineNumber, const QString &store, const AlipayFigures &printed,
                                    const AlipayFigures &computed, const QString &against) const
{
    QString figure;
    QString printedText;
    QString computedText;
    const auto differs = [&](qint64 a, qint64 b, L::SummaryColumn column, bool isCount) {
        if (a == b || !figure.isEmpty())
            return;
        figure = L::summaryColumnName(column);
        printedText = isCount ? QString::number(a) : yuan(a);
        computedText = isCount ? QString::number(b) : yuan(b);
    };
    differs(printed.tradeCount, computed.tradeCount, L::SummaryTradeCount, true);
    differs(printed.refundCount, computed.refundCount, L::SummaryRefundCount, true);
    differs(printed.orderAmount, computed.orderAmount, L::SummaryOrderAmount, false);
    differs(printed.receivedAmount, computed.receivedAmount, L::SummaryReceivedAmount, false);
    differs(printed.alipayDiscount, computed.alipayDiscount, L::SummaryAlipayDiscount, false);
    differs(printed.merchantDiscount, computed.merchantDiscount, L::SummaryMerchantDiscount, false);
    differs(printed.cardAmount, computed.cardAmount, L::SummaryCardAmount, false);
    differs(printed.serviceFee, computed.serviceFee, L::SummaryServiceFee, false);
    differs(printed.profitShare, computed.profitShare, L::SummaryProfitShare, false);
    return Error(ErrorCode::StatementTotalsMismatch, QStringLiteral("%1: %2 is %3 but %4 add up to %5")
                                                         .arg(store, figure, printedText, against, computedText))
        .within(QStringLiteral("%1: line %2").arg(m_fileName).arg(lineNumber));
}

Status AlipaySummaryReader::checkAgainst(const AlipayDetailReader &detail) const
{
    const QString detailRows = QStringLiteral("the detail's rows");
    for (const QByteArray &store : detail.storeIds()) {
        const auto it = m_stores.constFind(store);
        const QString storeName = QStringLiteral("门店 '%1'").arg(StatementText(m_text.encoding()).decode(store));
        if (it == m_stores.cend())
            return Error(ErrorCode::StatementTotalsMismatch,
                         QStringLiteral("%1 of the detail has no row").arg(storeName))
                .within(m_fileName);
        if (it->figures != detail.storeFigures(store))
            return mismatch(it->lineNumber, storeName, it->figures, detail.storeFigures(store), detailRows);
    }
    for (const QByteArray &store : m_storeIds) {
        if (!detail.storeIds().contains(store))
            return Error(ErrorCode::StatementTotalsMismatch, QStringLiteral("门店 '%1' has no rows in the detail")
                                                                 .arg(StatementText(m_text.encoding()).decode(store)))
                .within(QStringLiteral("%1: line %2").arg(m_fileName).arg(m_stores.value(store).lineNumber));
    }
    if (m_total != detail.totals())
        return mismatch(m_totalLine, QStringLiteral("合计"), m_total, detail.totals(), detailRows);
    return {};
}

} // namespace paydesk
