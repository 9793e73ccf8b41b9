#pragma once

#include "core/channel/account/ChannelCredentialItems.h"

#include <QAbstractTableModel>

namespace paydesk {

// The credential items a channel account's channel needs, each with whether the vault holds it:
// names and states only, never a value.
class CredentialStatusModel : public QAbstractTableModel
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
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<CredentialItem> m_items;
    CredentialStatus m_status;
};

} // namespace paydesk
