#include "widgets/channel/CredentialStatusModel.h"

#include "widgets/channel/ChannelText.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

CredentialStatusModel::CredentialStatusModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void CredentialStatusModel::setItems(const QList<CredentialItem> &items, const CredentialStatus &status)
{
    beginResetModel();
    m_items = items;
    m_status = status;
    endResetModel();
}

void CredentialStatusModel::clear()
{
    setItems({}, {});
}

bool CredentialStatusModel::isPresent(int row) const
{
    const QString &name = m_items[row].name;
    for (const CredentialItemStatus &item : m_status.items) {
        if (item.name == name)
            return item.present;
    }
    return false;
}

int CredentialStatusModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items[row].name == name)
            return row;
    }
    return -1;
}

QVariant CredentialStatusModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const CredentialItem &item = m_items[index.row()];
    const bool present = isPresent(index.row());
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (present)
            return QBrush(QColor(0x1b, 0x7f, 0x3b));
        return item.required ? QBrush(QColor(0xb0, 0x00, 0x20)) : QBrush(QColor(0x80, 0x80, 0x80));
    }
    if (role == Qt::ToolTipRole && index.column() == ItemColumn)
        return tr("Vault item %1%2").arg(m_status.vaultPrefix, item.name);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ItemColumn:
        return ChannelText::credentialItem(item.name);
    case KindColumn:
        return ChannelText::credentialKind(item.kind);
    case NeedColumn:
        return item.required ? tr("Required") : tr("One of two alternatives");
    case StatusColumn:
        return present ? tr("Set") : tr("Missing");
    case ActionColumn:
        return QString();
    }
    return {};
}

QVariant CredentialStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ItemColumn:
        return tr("Credential");
    case KindColumn:
        return tr("Kind");
    case NeedColumn:
        return tr("Needed");
    case StatusColumn:
        return tr("In the vault");
    case ActionColumn:
        return QString();
    }
    return {};
}

} // namespace paydesk
