#pragma once

#include "core/security/Operator.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace paydesk {

// Operators as an administrator sees them: user name, name, roles, status, last sign-in.
class OperatorModel : public QAbstractTableModel
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

    // Texts and formats follow the language and locale: repaint everything after a switch.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Operator> m_operators;
    QDateTime m_now;
};

} // namespace paydesk
