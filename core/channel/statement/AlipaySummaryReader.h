#pragma once

#include "core/channel/statement/AlipayBillLayout.h"
#include "core/channel/statement/AlipayFigures.h"
#include "core/channel/statement/StatementReadContext.h"

#include <QHash>

class QIODevice;

namespace paydesk {

class AlipayDetailReader;

// Reads the summary file of an Alipay trade bill (…_业务明细(汇总).csv; layout in
// AlipayBillLayout.h). It has no transactions, so it yields no lines; it checks that the store
// rows add up to the 合计 row and, given the detail, that every figure matches the detail's rows.
class AlipaySummaryReader
{
public:
    AlipaySummaryReader(StatementReadContext &context, StatementEncoding encoding);

    Status read(QIODevice &device);
    // Each store row and the 合计 row against what the detail's rows add up to.
    Status checkAgainst(const AlipayDetailReader &detail) const;

    const AlipayFigures &total() const { return m_total; }

private:
    enum class Stage
    {
        Preamble,
        Rows,
        Closing
    };
    static constexpr qsizetype kColumns = AlipayBillLayout::SummaryColumnCount;
    struct Row
    {
        AlipayFigures figures;
        qint64 lineNumber = 0;
    };

    Status readRow(QByteArrayView text, qint64 lineNumber);
    bool isHeader(QByteArrayView text) const;
    Error mismatch(qint64 lineNumber, const QString &store, const AlipayFigures &printed, const AlipayFigures &computed,
                   const QString &against) const;

    StatementReadContext &m_context;
    QString m_fileName;
    StatementText m_text;
    const AlipayBillLayout::Texts &m_texts;
    Stage m_stage = Stage::Preamble;
    QList<QByteArray> m_storeIds;
    QHash<QByteArray, Row> m_stores;
    AlipayFigures m_total;
    qint64 m_totalLine = 0;
};

} // namespace paydesk
