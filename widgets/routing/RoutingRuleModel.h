#pragma once

#include "core/routing/RoutingRule.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QAbstractTableModel>

namespace paydesk {

// Routing rules (路由规则), by merchant, payment method and priority: which channel account may
// take the merchant's payments of that method, in which order (priority 1 first) and in what
// share among rules of the same priority (weight).
class RoutingRuleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        MerchantColumn,
        MethodColumn,
        PriorityColumn,
        WeightColumn,
        AccountColumn,
        EnabledColumn,
        ChangedColumn,
        ColumnCount
    };

    explicit RoutingRuleModel(QObject *parent = nullptr);

    void setRules(const QList<RoutingRule> &rules, const ChannelDirectory &directory);
    const RoutingRule &at(int row) const { return m_rules[row]; }
    int rowOf(qint64 ruleId) const;
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<RoutingRule> m_rules;
    ChannelDirectory m_directory;
};

} // namespace paydesk
