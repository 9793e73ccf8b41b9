#pragma once

#include "core/security/Operator.h"
#include "widgets/common/RecordTableModel.h"

#include <QDateTime>

namespace paydesk {

// Operators as an administrator sees them: user name, name, roles, status, last sign-in.
class OperatorModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        UsernameColumn,
        NameColumn,
        RolesColumn,
        StatusColumn,
        LastLoginColumn,
        ColumnCount
    };

    explicit OperatorModel(QObject *parent = nullptr);

    void setOperators(const QList<Operator> &operators, const QDateTime &now);
    const Operator &at(int row) const { return m_operators[row]; }
    int rowOf(const QString &username) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_operators.size()); }
    QList<Operator> m_operators;
    QDateTime m_now;
};

} // namespace paydesk
