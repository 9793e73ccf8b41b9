#pragma once

#include "core/routing/RoutingRule.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// Routing rules (路由规则), by merchant, payment method and priority: which channel account may
// take the merchant's payments of that method, in which order (priority 1 first) and in what
// share among rules of the same priority (weight).
class RoutingRuleModel : public RecordTableModel
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

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_rules.size()); }
    QList<RoutingRule> m_rules;
    ChannelDirectory m_directory;
};

} // namespace paydesk
