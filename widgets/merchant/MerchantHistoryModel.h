#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// A merchant's story as MerchantService::history tells it: status changes, edits and document
// changes, with who did them, when, and the reason or the fields changed.
class MerchantHistoryModel : public RecordTableModel
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

    explicit MerchantHistoryModel(QObject *parent = nullptr) : RecordTableModel(ColumnCount, parent) {}

    void setEntries(const QList<MerchantHistoryEntry> &entries);
    const MerchantHistoryEntry &at(int row) const { return m_entries[row]; }

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_entries.size()); }
    QList<MerchantHistoryEntry> m_entries;
};

} // namespace paydesk
