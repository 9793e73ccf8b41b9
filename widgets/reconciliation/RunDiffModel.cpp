#include "widgets/reconciliation/RunDiffModel.h"

#include "widgets/reconciliation/ReconciliationText.h"

namespace paydesk {

RunDiffModel::RunDiffModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void RunDiffModel::setLines(const QList<RunDiffLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

const RunDiffLine *RunDiffModel::line(int row) const
{
    return row >= 0 && row < m_lines.size() ? &m_lines[row] : nullptr;
}

QVariant RunDiffModel::data(const QModelIndex &index, int role) const
{
    const RunDiffLine *l = line(index.row());
    if (!l || role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Key:
        return l->type == RecordType::Refund && !l->refundNo.isEmpty() ? l->refundNo
               : !l->orderNo.isEmpty()                                 ? l->orderNo
                                                                       : l->matchKey;
    case Type:
        return ReconciliationText::recordType(l->type);
    case ChannelTransaction:
        return l->channelTransactionId;
    case OlderCategory:
        return ReconciliationText::diffCategory(l->olderCategory);
    case NewerCategory:
        return ReconciliationText::diffCategory(l->newerCategory);
    case Cause:
        return ReconciliationText::diffCause(l->cause);
    }
    return {};
}

QVariant RunDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Key:
        return tr("Order / refund number");
    case Type:
        return tr("Type");
    case ChannelTransaction:
        return tr("Channel transaction id");
    case OlderCategory:
        return tr("Older run");
    case NewerCategory:
        return tr("Newer run");
    case Cause:
        return tr("Why it changed");
    }
    return {};
}

} // namespace paydesk
