#include "widgets/channel/CredentialChangeModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

namespace paydesk {

CredentialChangeModel::CredentialChangeModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void CredentialChangeModel::setChanges(const QList<CredentialChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

int CredentialChangeModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_changes.size(); ++row) {
        if (m_changes[row].id == id)
            return row;
    }
    return -1;
}

QVariant CredentialChangeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return {};
    const CredentialChange &change = m_changes[index.row()];
    if (role == Qt::ToolTipRole)
        return ChannelText::fingerprintChanges(change.items, change.fingerprints).join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ChangeColumn:
        return QString::number(change.id);
    case AccountColumn:
        return tr("%1 (%2 %3)").arg(change.accountName, ChannelText::channel(change.channel), change.channelMerchantId);
    case ItemsColumn: {
        QStringList items;
        for (const QString &item : change.items)
            items << ChannelText::credentialItem(item);
        return items.join(QStringLiteral("; "));
    }
    case ProposedByColumn:
        return change.proposedBy;
    case ProposedAtColumn:
        return DisplayFormat::dateTime(change.proposedAt);
    case ExpiresColumn:
        return DisplayFormat::dateTime(change.expiresAt);
    }
    return {};
}

QVariant CredentialChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case AccountColumn:
        return tr("Credentials of");
    case ItemsColumn:
        return tr("Items");
    case ProposedByColumn:
        return tr("Proposed by");
    case ProposedAtColumn:
        return tr("Proposed at");
    case ExpiresColumn:
        return tr("Waits until");
    }
    return {};
}

} // namespace paydesk
