#pragma once

#include "core/channel/account/CredentialChange.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// Credential changes waiting for a second operator: which account's credentials, which items,
// who proposed them and until when they wait. Fingerprints only as tooltips (the view shows the
// chosen change's in full); never material.
class CredentialChangeModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ChangeColumn,
        AccountColumn,
        ItemsColumn,
        ProposedByColumn,
        ProposedAtColumn,
        ExpiresColumn,
        ColumnCount
    };

    explicit CredentialChangeModel(QObject *parent = nullptr);

    void setChanges(const QList<CredentialChange> &changes);
    const CredentialChange &at(int row) const { return m_changes[row]; }
    int rowOf(qint64 id) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_changes.size()); }
    QList<CredentialChange> m_changes;
};

} // namespace paydesk
