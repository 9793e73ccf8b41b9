#pragma once

#include "core/channel/account/ChannelCredentialItems.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// The credential items a channel account's channel needs, each with whether the vault holds it:
// names and states only, never a value.
class CredentialStatusModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ItemColumn,
        KindColumn,
        NeedColumn,
        StatusColumn,
        ActionColumn,
        ColumnCount
    };

    explicit CredentialStatusModel(QObject *parent = nullptr);

    void setItems(const QList<CredentialItem> &items, const CredentialStatus &status);
    void clear();
    const CredentialItem &itemAt(int row) const { return m_items[row]; }
    bool isPresent(int row) const;
    int rowOf(const QString &name) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_items.size()); }
    QList<CredentialItem> m_items;
    CredentialStatus m_status;
};

} // namespace paydesk
