#include "widgets/fee/RateHistoryModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace paydesk {

RateHistoryModel::RateHistoryModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void RateHistoryModel::setSchedule(const RateSchedule &schedule)
{
    beginResetModel();
    m_schedule = schedule;
    endResetModel();
}

RateHistoryModel::State RateHistoryModel::stateAt(int row) const
{
    const EffectiveRate &rate = m_schedule.history[row];
    if (rate.effectiveFrom > m_schedule.today)
        return State::Scheduled;
    const EffectiveRate *current = m_schedule.inEffect(rate.method);
    return current && current->id == rate.id ? State::InEffect : State::Superseded;
}

int RateHistoryModel::rowOf(PayMethod method, const QDate &from) const
{
    for (int row = 0; row < m_schedule.history.size(); ++row) {
        if (m_schedule.history[row].method == method && m_schedule.history[row].effectiveFrom == from)
            return row;
    }
    return -1;
}

QVariant RateHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_schedule.history.size())
        return {};
    const EffectiveRate &rate = m_schedule.history[index.row()];
    const State state = stateAt(index.row());
    switch (role) {
    case Qt::ForegroundRole:
        if (state == State::Superseded)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (state == State::Scheduled)
            return QBrush(QColor(0x1a, 0x5f, 0xb4));
        return {};
    case Qt::FontRole:
        if (state == State::InEffect) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == RateColumn || index.column() == PpmColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                           : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case EffectiveFromColumn:
        return DisplayFormat::date(rate.effectiveFrom);
    case MethodColumn:
        return ChannelText::method(rate.method);
    case RateColumn:
        return ChannelText::rate(rate.rate);
    case PpmColumn:
        return ChannelText::ppm(rate.rate);
    case StateColumn:
        switch (state) {
        case State::InEffect:
            return tr("In effect");
        case State::Scheduled:
            return tr("Scheduled");
        case State::Superseded:
            return tr("Superseded");
        }
        return {};
    case TemplateColumn:
        return m_schedule.templateName(rate.templateId);
    case SetByColumn:
        return rate.createdBy;
    case SetAtColumn:
        return DisplayFormat::dateTime(rate.createdAt);
    }
    return {};
}

QVariant RateHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EffectiveFromColumn:
        return tr("Effective from");
    case MethodColumn:
        return tr("Payment method");
    case RateColumn:
        return tr("Rate");
    case PpmColumn:
        return tr("ppm");
    case StateColumn:
        return tr("State");
    case TemplateColumn:
        return tr("Template");
    case SetByColumn:
        return tr("Set by");
    case SetAtColumn:
        return tr("Set at");
    }
    return {};
}

} // namespace paydesk
