#include "widgets/reconciliation/ColumnFit.h"

#include "widgets/merchant/TableColumns.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

namespace paydesk {

ColumnFit::ColumnFit(QTableView *table, int maximumWidth) : QObject(table), m_table(table), m_maximumWidth(maximumWidth)
{
    table->installEventFilter(this);
}

void ColumnFit::rowsArrived()
{
    if (m_fitted || !m_table->model() || m_table->model()->rowCount() == 0)
        return;
    fitNow();
    m_fitted = true;
}

void ColumnFit::again()
{
    m_fitted = false;
    fitNow(); // the headers at least, rows or not
    rowsArrived();
}

void ColumnFit::fitNow()
{
    if (!m_table->isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    TableColumns::fit(m_table, m_maximumWidth);
    // A little air beside each text, and room for the header's words in bold, as the style draws
    // them when a row is chosen: the header's own measure falls short for Chinese.
    QHeaderView *header = m_table->horizontalHeader();
    QFont bold = header->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int margins = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) + 16;
    for (int column = 0; column + 1 < header->count(); ++column) {
        int words = 0;
        const QString title = m_table->model()->headerData(column, Qt::Horizontal).toString();
        for (const QString &line : title.split(QLatin1Char('\n')))
            words = qMax(words, metrics.horizontalAdvance(line) + margins);
        const int width = qMax(header->sectionSize(column) + 8, words);
        header->resizeSection(column, qMin(m_maximumWidth, width));
    }
}

bool ColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::Show && m_stale)
        fitNow();
    return QObject::eventFilter(watched, event);
}

} // namespace paydesk
