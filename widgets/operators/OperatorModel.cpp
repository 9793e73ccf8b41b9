#include "widgets/operators/OperatorModel.h"

#include "widgets/format/DisplayFormat.h"
#include "widgets/operators/RoleText.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

OperatorModel::OperatorModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void OperatorModel::setOperators(const QList<Operator> &operators, const QDateTime &now)
{
    beginResetModel();
    m_operators = operators;
    m_now = now;
    endResetModel();
}

int OperatorModel::rowOf(const QString &username) const
{
    for (int row = 0; row < m_operators.size(); ++row) {
        if (m_operators[row].username == username)
            return row;
    }
    return -1;
}

QVariant OperatorModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_operators.size())
        return {};
    const Operator &op = m_operators[index.row()];
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && (!op.active || op.isLocked(m_now)))
        return QBrush(QColor(0xb0, 0x00, 0x20));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case UsernameColumn:
        return op.username;
    case NameColumn:
        return op.displayName;
    case RolesColumn:
        return RoleText::names(op.roles);
    case StatusColumn:
        if (!op.active)
            return tr("Disabled");
        if (op.isLocked(m_now))
            return tr("Locked until %1").arg(DisplayFormat::dateTime(op.lockedUntil));
        return op.mustChangePassword ? tr("Active, must change password") : tr("Active");
    case LastLoginColumn:
        return op.lastLoginAt.isValid() ? DisplayFormat::dateTime(op.lastLoginAt) : tr("never");
    }
    return {};
}

QVariant OperatorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UsernameColumn:
        return tr("User name");
    case NameColumn:
        return tr("Name");
    case RolesColumn:
        return tr("Roles");
    case StatusColumn:
        return tr("Status");
    case LastLoginColumn:
        return tr("Last sign-in");
    }
    return {};
}

} // namespace paydesk
