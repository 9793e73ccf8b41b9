#include "widgets/routing/RoutingRuleModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace paydesk {

RoutingRuleModel::RoutingRuleModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void RoutingRuleModel::setRules(const QList<RoutingRule> &rules, const ChannelDirectory &directory)
{
    beginResetModel();
    m_rules = rules;
    m_directory = directory;
    // Read as the router reads them: per merchant and method, priority first, the heavier weight first.
    std::stable_sort(m_rules.begin(), m_rules.end(), [](const RoutingRule &a, const RoutingRule &b) {
        if (a.merchantId != b.merchantId)
            return a.merchantId < b.merchantId;
        if (a.method != b.method)
            return int(a.method) < int(b.method);
        if (a.priority != b.priority)
            return a.priority < b.priority;
        if (a.weight != b.weight)
            return a.weight > b.weight;
        return a.id < b.id;
    });
    endResetModel();
}

int RoutingRuleModel::rowOf(qint64 ruleId) const
{
    for (int row = 0; row < m_rules.size(); ++row) {
        if (m_rules[row].id == ruleId)
            return row;
    }
    return -1;
}

QVariant RoutingRuleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return {};
    const RoutingRule &rule = m_rules[index.row()];
    const ChannelAccount *account = m_directory.account(rule.channelAccountId);
    switch (role) {
    case Qt::ForegroundRole:
        if (!rule.enabled || (account && !account->enabled))
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriorityColumn || index.column() == WeightColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case MerchantColumn:
        return m_directory.merchantLabel(rule.merchantId);
    case MethodColumn:
        return ChannelText::method(rule.method);
    case PriorityColumn:
        return rule.priority;
    case WeightColumn:
        return rule.weight;
    case AccountColumn: {
        const QString name =
            rule.accountName.isEmpty() ? m_directory.accountLabel(rule.channelAccountId) : rule.accountName;
        return account && !account->enabled ? tr("%1 (account disabled)").arg(name) : name;
    }
    case EnabledColumn:
        return rule.enabled ? tr("Enabled") : tr("Disabled");
    case ChangedColumn:
        return DisplayFormat::dateTime(rule.updatedAt.isValid() ? rule.updatedAt : rule.createdAt);
    }
    return {};
}

QVariant RoutingRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MerchantColumn:
        return tr("Merchant");
    case MethodColumn:
        return tr("Payment method");
    case PriorityColumn:
        return tr("Priority");
    case WeightColumn:
        return tr("Weight");
    case AccountColumn:
        return tr("Channel account");
    case EnabledColumn:
        return tr("State");
    case ChangedColumn:
        return tr("Last changed");
    }
    return {};
}

} // namespace paydesk
