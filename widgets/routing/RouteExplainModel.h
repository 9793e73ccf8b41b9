#pragma once

#include "widgets/common/RecordTableModel.h"
#include "widgets/routing/RouteExplanation.h"

namespace paydesk {

// One line per routing rule of the merchant and method, in the router's order: the account,
// priority and weight, the outcome, its share of the draw, and why, in words built from the
// decision's fields (limits, today's usage) rather than the core's English reason.
class RouteExplainModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        AccountColumn,
        PriorityColumn,
        WeightColumn,
        OutcomeColumn,
        ShareColumn,
        WhyColumn,
        ColumnCount
    };

    explicit RouteExplainModel(QObject *parent = nullptr);

    void setExplanation(const RouteExplanation &explanation);
    void clear();
    const RouteStep &stepAt(int row) const { return m_explanation.decision.steps[row]; }
    int rowOf(const QString &accountName) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_explanation.decision.steps.size()); }
    QString why(const RouteStep &step) const;

    RouteExplanation m_explanation;
    qsizetype m_eligible = 0; // one eligible account is the choice itself
};

} // namespace paydesk
