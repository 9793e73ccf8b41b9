#include "widgets/merchant/TableColumns.h"

#include <QHeaderView>
#include <QTableView>

namespace paydesk::TableColumns {

void fit(QTableView *table, int maximumWidth)
{
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    table->resizeColumnsToContents();
    for (int column = 0; column < header->count(); ++column) {
        if (header->sectionSize(column) > maximumWidth)
            header->resizeSection(column, maximumWidth);
    }
    header->setStretchLastSection(true);
}

} // namespace paydesk::TableColumns
