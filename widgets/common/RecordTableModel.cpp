#include "widgets/common/RecordTableModel.h"

namespace paydesk {

RecordTableModel::RecordTableModel(int columns, QObject *parent) : QAbstractTableModel(parent), m_columns(columns) {}

void RecordTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, m_columns - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, m_columns - 1));
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : recordCount();
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

} // namespace paydesk
