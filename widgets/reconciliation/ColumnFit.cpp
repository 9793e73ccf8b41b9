#include "widgets/reconciliation/ColumnFit.h"

#include "widgets/merchant/TableColumns.h"

#include <QAbstractItemModel>
#include <QTableView>

namespace paydesk {

void ColumnFit::rowsArrived()
{
    if (m_fitted || !m_table->model() || m_table->model()->rowCount() == 0)
        return;
    TableColumns::fit(m_table, m_maximumWidth);
    m_fitted = true;
}

void ColumnFit::again()
{
    m_fitted = false;
    TableColumns::fit(m_table, m_maximumWidth); // the headers at least, rows or not
    rowsArrived();
}

} // namespace paydesk
