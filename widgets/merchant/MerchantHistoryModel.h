#pragma once

#include "core/merchant/Merchant.h"

#include <QAbstractTableModel>

namespace paydesk {

// A merchant's story as MerchantService::history tells it: status changes, edits and document
// changes, with who did them, when, and the reason or the fields changed.
class MerchantHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        OperatorColumn,
        ActionColumn,
        StatusColumn,
        NoteColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(const QList<MerchantHistoryEntry> &entries);
    const MerchantHistoryEntry &at(int row) const { return m_entries[row]; }
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<MerchantHistoryEntry> m_entries;
};

} // namespace paydesk
