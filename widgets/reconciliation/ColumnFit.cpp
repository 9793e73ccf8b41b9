#include "widgets/reconciliation/ColumnFit.h"

#include "widgets/merchant/TableColumns.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QTableView>

namespace paydesk {

namespace {
// Sized to contents, with a little air: a cell measured on a hidden tab can come out a few pixels
// short of its text once shown.
void fit(QTableView *table, int maximumWidth)
{
    TableColumns::fit(table, maximumWidth);
    QHeaderView *header = table->horizontalHeader();
    for (int column = 0; column + 1 < header->count(); ++column)
        header->resizeSection(column, qMin(maximumWidth, header->sectionSize(column) + 8));
}
} // namespace

void ColumnFit::rowsArrived()
{
    if (m_fitted || !m_table->model() || m_table->model()->rowCount() == 0)
        return;
    fit(m_table, m_maximumWidth);
    m_fitted = true;
}

void ColumnFit::again()
{
    m_fitted = false;
    fit(m_table, m_maximumWidth); // the headers at least, rows or not
    rowsArrived();
}

} // namespace paydesk
