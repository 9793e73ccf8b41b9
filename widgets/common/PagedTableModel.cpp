#include "widgets/common/PagedTableModel.h"

namespace paydesk {

void PagedTableModel::reload()
{
    beginResetModel();
    discardRows();
    m_loading = false;
    m_complete = false;
    endResetModel();
    fetchMore({});
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete && !m_inserting && !m_loading;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    requestPage();
}

} // namespace paydesk
