#include "widgets/routing/RouteExplainModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace paydesk {

RouteExplainModel::RouteExplainModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void RouteExplainModel::setExplanation(const RouteExplanation &explanation)
{
    beginResetModel();
    m_explanation = explanation;
    m_eligible = explanation.eligible().size();
    endResetModel();
}

void RouteExplainModel::clear()
{
    setExplanation({});
}

int RouteExplainModel::rowOf(const QString &accountName) const
{
    for (int row = 0; row < m_explanation.decision.steps.size(); ++row) {
        if (m_explanation.decision.steps[row].accountName == accountName)
            return row;
    }
    return -1;
}

QString RouteExplainModel::why(const RouteStep &step) const
{
    const Money &amount = m_explanation.request.amount;
    QString text;
    switch (step.outcome) {
    case RouteOutcome::Chosen:
    case RouteOutcome::Eligible:
        text = m_eligible == 1 ? tr("Takes it: the only account that can at priority %1").arg(step.priority)
                               : tr("Can take it: drawn for %1 of the payments at priority %2")
                                     .arg(RouteStep::shareText(step.shareBasisPoints))
                                     .arg(step.priority);
        break;
    case RouteOutcome::NotDrawn:
        text = tr("Can take it, but another account was drawn");
        break;
    case RouteOutcome::LowerPriority:
        text = tr("Can take it, but priority %1 comes first").arg(m_explanation.decision.priority);
        break;
    case RouteOutcome::RuleDisabled:
        text = tr("The rule is disabled");
        break;
    case RouteOutcome::AccountDisabled:
        text = tr("The channel account is disabled");
        break;
    case RouteOutcome::Excluded:
        text = tr("Already failed for this payment");
        break;
    case RouteOutcome::CurrencyMismatch:
        text = tr("The account takes another currency than %1").arg(amount.currency().code());
        break;
    case RouteOutcome::OverTransactionLimit:
        text = tr("%1 is over its per payment limit of %2")
                   .arg(DisplayFormat::moneyWithCurrency(amount), DisplayFormat::moneyWithCurrency(step.limit));
        break;
    case RouteOutcome::OverDailyLimit:
        text = tr("%1 used on %2 + %3 would pass its daily limit of %4")
                   .arg(DisplayFormat::moneyWithCurrency(step.usedToday),
                        DisplayFormat::date(m_explanation.request.businessDate),
                        DisplayFormat::moneyWithCurrency(amount), DisplayFormat::moneyWithCurrency(step.limit));
        break;
    }
    // Only where the account could be used: a skipped account's credentials change nothing here.
    const bool usable = step.outcome == RouteOutcome::Chosen || step.outcome == RouteOutcome::Eligible ||
                        step.outcome == RouteOutcome::NotDrawn || step.outcome == RouteOutcome::LowerPriority;
    if (usable && m_explanation.incompleteCredentials.contains(step.accountId))
        text += tr("; credentials incomplete: the channel would refuse it");
    return text;
}

QVariant RouteExplainModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_explanation.decision.steps.size())
        return {};
    const RouteStep &step = m_explanation.decision.steps[index.row()];
    const bool eligible = step.outcome == RouteOutcome::Eligible || step.outcome == RouteOutcome::Chosen;
    switch (role) {
    case Qt::ForegroundRole:
        if (eligible && m_explanation.incompleteCredentials.contains(step.accountId))
            return QBrush(QColor(0xb0, 0x60, 0x00));
        if (eligible)
            return QBrush(QColor(0x1b, 0x7f, 0x3b));
        return QBrush(QColor(0x70, 0x70, 0x70));
    case Qt::FontRole:
        if (eligible) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriorityColumn || index.column() == WeightColumn || index.column() == ShareColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return step.reason; // the core's own wording, as the cli prints it
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case AccountColumn:
        return step.accountName;
    case PriorityColumn:
        return step.priority;
    case WeightColumn:
        return step.weight;
    case OutcomeColumn:
        return ChannelText::outcome(eligible && m_eligible == 1 ? RouteOutcome::Chosen : step.outcome);
    case ShareColumn:
        return eligible ? RouteStep::shareText(step.shareBasisPoints) : QString();
    case WhyColumn:
        return why(step);
    }
    return {};
}

QVariant RouteExplainModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AccountColumn:
        return tr("Channel account");
    case PriorityColumn:
        return tr("Priority");
    case WeightColumn:
        return tr("Weight");
    case OutcomeColumn:
        return tr("Outcome");
    case ShareColumn:
        return tr("Share");
    case WhyColumn:
        return tr("Why");
    }
    return {};
}

} // namespace paydesk
